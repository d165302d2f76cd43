/* Card payment on the pay page (shop/pay.html).
 *
 * Configuration comes from the form's data- attributes; no inline script.
 * 1. Stripe.js's card element collects the card.
 * 2. On submit the card becomes a payment method id:
 *    stripe.createPaymentMethod() (real Stripe), or, when that gives nothing
 *    (localstripe's fake Stripe.js), stripe.createToken() → token.card.id.
 * 3. The id is posted to the confirm URL, which confirms the PaymentIntent on
 *    the server and answers {status, client_secret, message, next}.
 * 4. succeeded / processing → the complete page (it waits for the webhook);
 *    requires_action → stripe.confirmCardPayment(client_secret) (3-D Secure),
 *    then the complete page; failed → the message, and the form stays for
 *    another card.
 */
(function () {
  "use strict";

  var form = document.getElementById("card-form");
  if (!form || typeof window.Stripe !== "function") {
    return; // the "needs JavaScript" notice stays visible
  }
  var data = form.dataset;
  var errors = document.getElementById("card-errors");
  var status = document.getElementById("card-status");
  var button = document.getElementById("card-submit");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");

  var stripe = window.Stripe(data.publishableKey, { locale: data.locale });
  var card = stripe.elements({ locale: data.locale }).create("card", { hidePostalCode: true });
  card.mount("#card-element");

  document.getElementById("card-needs-js").hidden = true;
  form.hidden = false;

  function say(message) {
    status.textContent = message || "";
  }

  function fail(message) {
    say("");
    errors.textContent = message || data.msgError;
    button.disabled = false;
  }

  card.on("change", function (event) {
    if (event && event.error) {
      errors.textContent = event.error.message;
    } else {
      errors.textContent = "";
    }
  });

  async function paymentMethodId() {
    var created = await stripe.createPaymentMethod({ type: "card", card: card });
    if (created && created.error) {
      throw created.error;
    }
    if (created && created.paymentMethod) {
      return created.paymentMethod.id;
    }
    var tokenResult = await stripe.createToken(card);
    if (!tokenResult || tokenResult.error) {
      throw (tokenResult && tokenResult.error) || {};
    }
    return tokenResult.token.card.id;
  }

  async function confirm(id) {
    var response = await fetch(data.confirmUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": csrf ? csrf.value : "",
        "X-Requested-With": "XMLHttpRequest",
      },
      body: JSON.stringify({ payment_method: id }),
    });
    return response.json();
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    if (button.disabled) {
      return;
    }
    button.disabled = true;
    errors.textContent = "";
    say(data.msgProcessing);
    var id;
    try {
      id = await paymentMethodId();
    } catch (error) {
      fail(error && error.message);
      return;
    }
    var result;
    try {
      result = await confirm(id);
    } catch (error) {
      fail(data.msgError);
      return;
    }
    if (result.status === "requires_action") {
      say(data.msgAuthenticating);
      var action = await stripe.confirmCardPayment(result.client_secret);
      if (action && action.error) {
        fail(action.error.message);
        return;
      }
      var intent = action && action.paymentIntent;
      if (intent && intent.status === "requires_payment_method") {
        fail(data.msgAuthFailed);
        return;
      }
      window.location.assign(result.next || data.completeUrl);
    } else if (result.status === "succeeded" || result.status === "processing") {
      window.location.assign(result.next || data.completeUrl);
    } else if (result.status === "closed") {
      fail(result.message);
      button.disabled = true;
      if (result.next) {
        window.setTimeout(function () {
          window.location.assign(result.next);
        }, 4000);
      }
    } else {
      fail(result.message);
    }
  });
})();
