"""Card payments with Stripe PaymentIntents, finalized on the server.

The flow (Stripe's "finalize payments on the server"):

1. The pay page calls :func:`ensure_payment_intent` for a pending card group:
   one PaymentIntent per group (amount = group total, JPY, cards only), made
   with an idempotency key derived from the group and remembered on the group,
   so reloading the page never makes a second one.
2. In the browser Stripe.js turns the card details into a payment method id
   (``pm_…``; localstripe's fake Stripe.js gives a card id ``card_…``) and posts
   it to the confirm view, which calls :func:`confirm_card`: the server sets the
   payment method on the PaymentIntent and confirms it.
3. ``succeeded`` / ``processing``: the browser goes to the complete page, which
   waits for the webhook. ``requires_action``: the browser runs
   ``stripe.confirmCardPayment(client_secret)`` for 3-D Secure, then goes to
   the complete page. ``failed``: the message says why (card declined ...), the
   group stays pending and the customer may try another card.

Nothing here ever marks an order paid: only the ``payment_intent.succeeded``
webhook does (``services/webhook_events.py``). No Stripe call is made while
database rows are locked.

:func:`expire_reservations` (run by the ``shop_expire_reservations`` command)
returns the stock of unpaid checkouts and cancels their PaymentIntents.
"""

import logging
import re
from dataclasses import dataclass

import stripe
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import stripe_api
from ..models import OrderGroup
from . import checkout
from .errors import ShopError

logger = logging.getLogger(__name__)

# Payment method ids from Stripe.js (pm_…), and card ids from tokens (card_…,
# what localstripe's Stripe.js gives).
PAYMENT_METHOD_ID = re.compile(r"(pm|card)_[A-Za-z0-9_]{1,200}")


class PaymentNotPossible(ShopError):
    """This checkout cannot be paid by card (not a card checkout, already paid,
    expired ...). ``str()`` is a translated message for the customer."""


class PaymentUnavailable(ShopError):
    """Stripe could not be reached or is not configured."""


@dataclass
class ConfirmResult:
    SUCCEEDED, PROCESSING, REQUIRES_ACTION, FAILED = (
        "succeeded",
        "processing",
        "requires_action",
        "failed",
    )

    status: str
    client_secret: str = ""
    message: str = ""


def idempotency_key(group: OrderGroup) -> str:
    return f"order-group-{group.uuid}"


def _intent_params(group: OrderGroup) -> dict:
    # Only what localstripe accepts too (it refuses e.g. description).
    return {
        "amount": group.total,
        "currency": "jpy",
        "payment_method_types": ["card"],
        "metadata": {"order_group": str(group.uuid)},
    }


def _check_payable(group: OrderGroup) -> None:
    if group.payment_method != OrderGroup.CARD:
        raise PaymentNotPossible(_("This order is not paid by card."))
    if group.status == OrderGroup.PAID:
        raise PaymentNotPossible(_("This order has already been paid."))
    if group.status != OrderGroup.PENDING:
        raise PaymentNotPossible(
            _("This checkout has expired. Please add the products to your cart again.")
        )


def _client() -> stripe.StripeClient:
    try:
        return stripe_api.payments()
    except stripe_api.StripeNotConfigured as error:
        raise PaymentUnavailable(_("Card payments are not available at the moment.")) from error


def ensure_payment_intent(group: OrderGroup) -> str:
    """The client secret of the group's PaymentIntent, created on first call.

    Raises PaymentNotPossible for a group that is not a pending card checkout
    and PaymentUnavailable when Stripe cannot be reached. Real Stripe honours
    the idempotency key (two concurrent first calls get the same
    PaymentIntent); localstripe ignores it, so the id is also stored and a
    PaymentIntent made by a losing concurrent call is cancelled.
    """
    _check_payable(group)
    client = _client()
    try:
        if group.stripe_payment_intent:
            intent = client.v1.payment_intents.retrieve(group.stripe_payment_intent)
            return intent.client_secret
        intent = client.v1.payment_intents.create(
            _intent_params(group), options={"idempotency_key": idempotency_key(group)}
        )
        stored = OrderGroup.objects.filter(pk=group.pk, stripe_payment_intent="").update(
            stripe_payment_intent=intent.id
        )
        if not stored:
            group.refresh_from_db(fields=["stripe_payment_intent"])
            if group.stripe_payment_intent != intent.id:
                # Another request stored its PaymentIntent first.
                cancel_payment_intent(intent.id)
                intent = client.v1.payment_intents.retrieve(group.stripe_payment_intent)
        group.stripe_payment_intent = intent.id
        return intent.client_secret
    except stripe.StripeError as error:
        logger.exception("Could not create the PaymentIntent of %s", group)
        raise PaymentUnavailable(
            _("Card payments are not available at the moment. Please try again in a moment.")
        ) from error


def _decline_message(code: str | None, decline_code: str | None = None) -> str:
    code = decline_code or code or ""
    messages = {
        "insufficient_funds": _("Your card has insufficient funds. Please use another card."),
        "expired_card": _("Your card has expired. Please use another card."),
        "incorrect_cvc": _("The card's security code is incorrect. Please check it."),
        "invalid_cvc": _("The card's security code is incorrect. Please check it."),
        "incorrect_number": _("The card number is incorrect. Please check it."),
        "invalid_number": _("The card number is incorrect. Please check it."),
        "invalid_expiry_month": _("The card's expiry date is incorrect. Please check it."),
        "invalid_expiry_year": _("The card's expiry date is incorrect. Please check it."),
        "processing_error": _(
            "An error occurred while processing your card. Please try again in a moment."
        ),
        "payment_intent_authentication_failure": _(
            "Your card could not be authenticated. Please try again or use another card."
        ),
    }
    return messages.get(
        code, _("Your card was declined. Please use another card or another payment method.")
    )


def _result(intent) -> ConfirmResult:
    status = intent.status
    if status in ("succeeded", "processing", "requires_capture"):
        return ConfirmResult(
            ConfirmResult.SUCCEEDED if status == "succeeded" else ConfirmResult.PROCESSING
        )
    if status == "requires_action":
        return ConfirmResult(ConfirmResult.REQUIRES_ACTION, client_secret=intent.client_secret)
    if status == "canceled":
        return ConfirmResult(
            ConfirmResult.FAILED,
            message=_("This checkout has expired. Please add the products to your cart again."),
        )
    error = (intent.to_dict().get("last_payment_error") or {}) if intent else {}
    return ConfirmResult(
        ConfirmResult.FAILED,
        message=_decline_message(error.get("code"), error.get("decline_code")),
    )


def confirm_card(group: OrderGroup, payment_method_id: str) -> ConfirmResult:
    """Set the card on the group's PaymentIntent and confirm it.

    Never marks anything paid (the webhook does). Raises PaymentNotPossible
    when the group is not a pending card checkout (or its reservation has run
    out: then it is released at once) and PaymentUnavailable when Stripe is not
    configured; every problem with the card or with Stripe comes back as
    ``ConfirmResult(status="failed", message=...)`` with the group still
    pending, so the customer can try again.
    """
    _check_payable(group)
    if group.reserved_until and group.reserved_until < timezone.now():
        expire_group(group)
        raise PaymentNotPossible(
            _("This checkout has expired. Please add the products to your cart again.")
        )
    if not isinstance(payment_method_id, str) or not PAYMENT_METHOD_ID.fullmatch(payment_method_id):
        return ConfirmResult(
            ConfirmResult.FAILED, message=_("Please enter your card details again.")
        )
    ensure_payment_intent(group)
    client = _client()
    intents = client.v1.payment_intents
    try:
        intent = intents.retrieve(group.stripe_payment_intent)
        if intent.status in ("succeeded", "processing", "requires_capture", "canceled"):
            # Paid already (a second submit) or cancelled: never charge twice.
            return _result(intent)
        intent = intents.update(intent.id, {"payment_method": payment_method_id})
        if intent.status == "requires_payment_method":
            # Stripe moves to requires_confirmation once a payment method is
            # set; localstripe keeps a declined PaymentIntent failed, so a
            # retry there needs a fresh one.
            intent = _replace_payment_intent(group, intent)
            intent = intents.update(intent.id, {"payment_method": payment_method_id})
        if intent.status == "requires_confirmation":
            intent = intents.confirm(intent.id)
    except stripe.CardError as error:
        return ConfirmResult(
            ConfirmResult.FAILED,
            message=_decline_message(
                error.code, getattr(error.error, "decline_code", None) if error.error else None
            ),
        )
    except stripe.InvalidRequestError as error:
        logger.warning("Card confirmation of %s refused: %s", group, error)
        return ConfirmResult(
            ConfirmResult.FAILED,
            message=_("Your card could not be used. Please enter your card details again."),
        )
    except stripe.StripeError:
        logger.exception("Card confirmation of %s failed", group)
        return ConfirmResult(
            ConfirmResult.FAILED,
            message=_(
                "The payment could not be processed right now. Please try again in a moment."
            ),
        )
    return _result(intent)


def _replace_payment_intent(group: OrderGroup, old):
    """A new PaymentIntent for the group instead of `old` (cancelled). Events
    about the old one no longer match the group (see webhook_events)."""
    client = _client()
    intent = client.v1.payment_intents.create(
        _intent_params(group),
        options={"idempotency_key": f"{idempotency_key(group)}-after-{old.id}"},
    )
    stored = OrderGroup.objects.filter(pk=group.pk, stripe_payment_intent=old.id).update(
        stripe_payment_intent=intent.id
    )
    if not stored:  # a concurrent retry replaced it first
        cancel_payment_intent(intent.id)
        group.refresh_from_db(fields=["stripe_payment_intent"])
        return client.v1.payment_intents.retrieve(group.stripe_payment_intent)
    group.stripe_payment_intent = intent.id
    cancel_payment_intent(old.id)
    return intent


def cancel_payment_intent(intent_id: str) -> bool:
    """Cancel a PaymentIntent at Stripe; True if it is (now or already) cancelled.

    A PaymentIntent that succeeded meanwhile cannot be cancelled: its
    ``payment_intent.succeeded`` webhook then finds the group released and
    settles it (see ``webhook_events.payment_succeeded``).
    """
    intents = stripe_api.payments().v1.payment_intents
    try:
        intents.cancel(intent_id)
        return True
    except stripe.InvalidRequestError:
        try:
            status = intents.retrieve(intent_id).status
        except stripe.StripeError:
            logger.exception("Could not look up PaymentIntent %s", intent_id)
            return False
        if status == "canceled":
            return True
        logger.info("PaymentIntent %s not cancelled: it is %s", intent_id, status)
        return False


def _cancel_after_commit(intent_id: str) -> None:
    def cancel():
        try:
            cancel_payment_intent(intent_id)
        except (stripe.StripeError, stripe_api.StripeNotConfigured):
            # The reservation is released either way; an uncancelled
            # PaymentIntent that still succeeds is refunded by the webhook.
            logger.exception("Could not cancel PaymentIntent %s", intent_id)

    transaction.on_commit(cancel)


def expire_group(group: OrderGroup) -> bool:
    """Release one pending group (stock back, status expired) and cancel its
    PaymentIntent after the commit. False if it was not pending."""
    released = checkout.release(group, OrderGroup.EXPIRED)
    if released and group.payment_method == OrderGroup.CARD and group.stripe_payment_intent:
        _cancel_after_commit(group.stripe_payment_intent)
    return released


def expire_reservations(now=None) -> int:
    """Release every pending group whose reservation has ended; returns how many.

    Releases each through ``checkout.release`` and cancels the card groups'
    PaymentIntents at Stripe (after each release is committed; "already
    cancelled" is fine). Run every few minutes by cron through
    ``manage.py shop_expire_reservations``.
    """
    now = now or timezone.now()
    due = OrderGroup.objects.filter(status=OrderGroup.PENDING, reserved_until__lt=now).order_by(
        "pk"
    )
    return sum(expire_group(group) for group in due)
