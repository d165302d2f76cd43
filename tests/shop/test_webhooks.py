"""The Stripe webhook: signatures, deduplication, the paid transition and the
out-of-order cases, refund reconciliation.

Payments are real localstripe PaymentIntents. Most events are signed here with
the test webhook secret (as Stripe signs them) so duplicates and unusual
orders can be delivered on purpose; the end-to-end test at the bottom lets
localstripe itself deliver its signed events (to a loopback inbox the test
hands to the webhook view)."""

import hashlib
import hmac
import json
import time
import uuid

import pytest
import requests
import stripe
from django.core import mail
from django.utils import timezone

from shop import stripe_api
from shop.models import Cart, Order, OrderGroup, Refund, StripeEvent, Variant
from shop.services import cart as carts
from shop.services import checkout, payments, webhook_events

from .. import services
from ..factories import CUSTOMER, make_product, make_shop_profile

URL = "/stripe/webhook/"
DECLINED = "4000000000000341"  # localstripe declines charges of this card
THREE_D_SECURE = "4000000000003220"


# -- helpers -------------------------------------------------------------------


def signature(payload: str, timestamp: int, secret=services.TEST_WEBHOOK_SECRET) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def make_event(type_, obj, event_id=None):
    return {
        "id": event_id or f"evt_{uuid.uuid4().hex}",
        "object": "event",
        "type": type_,
        "created": int(time.time()),
        "data": {"object": obj},
    }


def deliver(client, event, *, timestamp=None, secret=services.TEST_WEBHOOK_SECRET):
    payload = json.dumps(event)
    timestamp = int(time.time()) if timestamp is None else timestamp
    return client.post(
        URL,
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature(payload, timestamp, secret),
    )


def place(cart_items, method=OrderGroup.CARD):
    cart = Cart.objects.create()
    for variant, quantity in cart_items:
        carts.add(cart, variant, quantity)
    return checkout.place_order(
        cart, checkout.checkout_key(cart), checkout.Customer(**CUSTOMER), method, {}
    )


def intent_dict(group) -> dict:
    group.refresh_from_db()
    intent = stripe_api.payments().v1.payment_intents.retrieve(group.stripe_payment_intent)
    return intent.to_dict()


def paid_at_stripe(group) -> dict:
    """Pay the group's PaymentIntent at localstripe; the PaymentIntent as a dict."""
    assert payments.confirm_card(group, "pm_card_visa").status == "succeeded"
    return intent_dict(group)


def card_payment_method(number):
    return (
        stripe_api.payments()
        .v1.payment_methods.create(
            {
                "type": "card",
                "card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"},
            }
        )
        .id
    )


def to_customer(outbox):
    return [m for m in outbox if m.to == [CUSTOMER["email"]]]


def stock(variant):
    variant.refresh_from_db()
    return variant.stock


@pytest.fixture
def shops(localstripe, storefront1, storefront2, owner1, owner2):
    """Two shops with one product each (stock 3 and 5), owners with e-mail."""
    tea = make_product(storefront1.business, "ほうじ茶", price=1080, stock=3).variants.get()
    soba = make_product(storefront2.business, "乾麺", price=550, stock=5).variants.get()
    return tea, soba


@pytest.fixture
def group(shops):
    tea, soba = shops
    return place([(tea, 2), (soba, 1)])


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what the code defers to after the commit, as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# -- signature and payload -----------------------------------------------------


@pytest.mark.django_db
def test_bad_signatures_are_refused(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = services.TEST_WEBHOOK_SECRET
    event = make_event("payment_intent.succeeded", {"id": "pi_x", "object": "payment_intent"})

    response = deliver(client, event, secret="whsec_someone_else")
    assert response.status_code == 400
    assert response.content == b"Invalid signature"

    response = client.post(URL, data=json.dumps(event), content_type="application/json")
    assert response.status_code == 400

    payload = json.dumps(event)
    forged = payload.replace("pi_x", "pi_y")
    response = client.post(
        URL,
        data=forged,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature(payload, int(time.time())),
    )
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


@pytest.mark.django_db
def test_signatures_older_than_the_tolerance_are_refused(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = services.TEST_WEBHOOK_SECRET
    assert settings.STRIPE_WEBHOOK_TOLERANCE == 300
    now = int(time.time())
    stale = deliver(client, make_event("customer.created", {"id": "cus_1"}), timestamp=now - 301)
    assert stale.status_code == 400
    assert stale.content == b"Invalid signature"
    fresh = deliver(client, make_event("customer.created", {"id": "cus_1"}), timestamp=now - 290)
    assert fresh.status_code == 200


@pytest.mark.django_db
def test_a_signed_but_malformed_payload_is_refused(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = services.TEST_WEBHOOK_SECRET
    now = int(time.time())
    for payload in ("not json", "[]", json.dumps({"id": "evt_1", "type": "x"})):
        response = client.post(
            URL,
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature(payload, now),
        )
        assert response.status_code == 400, payload
        assert response.content == b"Invalid payload"


@pytest.mark.django_db
def test_without_a_configured_secret_nothing_is_accepted(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    response = deliver(client, make_event("customer.created", {"id": "cus_1"}), secret="")
    assert response.status_code == 400


@pytest.mark.django_db
def test_only_post(client):
    assert client.get(URL).status_code == 405


@pytest.mark.django_db
def test_unknown_events_are_acknowledged_and_ignored(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = services.TEST_WEBHOOK_SECRET
    response = deliver(client, make_event("customer.created", {"id": "cus_1"}))
    assert response.status_code == 200
    assert response.content == b"ignored"
    assert not StripeEvent.objects.exists()


# -- payment_intent.succeeded --------------------------------------------------


@pytest.mark.django_db
def test_success_marks_the_group_paid_exactly_once(client, group, run_on_commit, mailoutbox):
    intent = paid_at_stripe(group)
    event = make_event("payment_intent.succeeded", intent)
    with run_on_commit():
        response = deliver(client, event)
    assert response.status_code == 200
    assert response.content == b"handled"
    group.refresh_from_db()
    assert group.status == OrderGroup.PAID
    assert group.paid_at is not None
    assert group.reserved_until is None
    assert set(group.orders.values_list("status", flat=True)) == {Order.PAID}
    assert len(to_customer(mailoutbox)) == 1
    shop_mails = [m for m in mailoutbox if m.to != [CUSTOMER["email"]]]
    assert sorted(m.to[0] for m in shop_mails) == ["owner1@example.jp", "owner2@example.jp"]
    # Payouts ran (shops without a connected account are held for staff).
    assert set(group.orders.values_list("payout_status", flat=True)) == {Order.PAYOUT_HELD}
    paid_at, sent = group.paid_at, len(mailoutbox)

    # The same event again, and the same payment under a new event id.
    with run_on_commit():
        assert deliver(client, event).content == b"duplicate"
        assert deliver(client, make_event("payment_intent.succeeded", intent)).status_code == 200
    group.refresh_from_db()
    assert group.paid_at == paid_at
    assert len(mailoutbox) == sent
    assert StripeEvent.objects.filter(type="payment_intent.succeeded").count() == 2


@pytest.mark.django_db
def test_an_event_for_an_unknown_payment_is_acknowledged(client, localstripe):
    intent = {"id": "pi_unknown", "object": "payment_intent", "metadata": {}}
    response = deliver(client, make_event("payment_intent.succeeded", intent))
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_payment_intent_not_yet_stored_is_found_by_its_metadata(client, group, run_on_commit):
    intent = paid_at_stripe(group)
    OrderGroup.objects.filter(pk=group.pk).update(stripe_payment_intent="")
    with run_on_commit():
        deliver(client, make_event("payment_intent.succeeded", intent))
    group.refresh_from_db()
    assert group.status == OrderGroup.PAID
    assert group.stripe_payment_intent == intent["id"]


# -- failures and cancellations ------------------------------------------------


@pytest.mark.django_db
def test_a_failed_payment_keeps_the_reservation_for_another_try(client, group, shops):
    tea, _soba = shops
    result = payments.confirm_card(group, card_payment_method(DECLINED))
    assert result.status == "failed"
    response = deliver(client, make_event("payment_intent.payment_failed", intent_dict(group)))
    assert response.status_code == 200
    group.refresh_from_db()
    assert group.status == OrderGroup.PENDING
    assert stock(tea) == 1
    assert StripeEvent.objects.filter(type="payment_intent.payment_failed").count() == 1


@pytest.mark.django_db
def test_a_cancelled_payment_returns_the_stock(client, group, shops):
    tea, soba = shops
    payments.ensure_payment_intent(group)
    payments.cancel_payment_intent(group.stripe_payment_intent)
    deliver(client, make_event("payment_intent.canceled", intent_dict(group)))
    group.refresh_from_db()
    assert group.status == OrderGroup.CANCELLED
    assert (stock(tea), stock(soba)) == (3, 5)
    # Again under a new id: the stock comes back only once.
    deliver(client, make_event("payment_intent.canceled", intent_dict(group)))
    assert (stock(tea), stock(soba)) == (3, 5)


@pytest.mark.django_db
def test_late_failure_or_cancellation_does_not_undo_a_payment(client, group, shops, run_on_commit):
    tea, _soba = shops
    intent = paid_at_stripe(group)
    with run_on_commit():
        deliver(client, make_event("payment_intent.succeeded", intent))
    for late in ("payment_intent.payment_failed", "payment_intent.canceled"):
        assert deliver(client, make_event(late, intent | {"status": "canceled"})).status_code == 200
    group.refresh_from_db()
    assert group.status == OrderGroup.PAID
    assert set(group.orders.values_list("status", flat=True)) == {Order.PAID}
    assert stock(tea) == 1


@pytest.mark.django_db
def test_success_after_release_takes_the_stock_again_when_it_is_there(
    client, group, shops, run_on_commit, mailoutbox
):
    """Out of order: the cancellation (or the expiry) came first, then the
    payment succeeded anyway; the stock is still there, so the order stands."""
    tea, soba = shops
    intent = paid_at_stripe(group)
    deliver(client, make_event("payment_intent.canceled", intent | {"status": "canceled"}))
    group.refresh_from_db()
    assert group.status == OrderGroup.CANCELLED
    assert (stock(tea), stock(soba)) == (3, 5)

    with run_on_commit():
        deliver(client, make_event("payment_intent.succeeded", intent))
    group.refresh_from_db()
    assert group.status == OrderGroup.PAID
    assert group.reserved_until is None
    assert set(group.orders.values_list("status", flat=True)) == {Order.PAID}
    assert (stock(tea), stock(soba)) == (1, 4)
    assert len(to_customer(mailoutbox)) == 1


@pytest.mark.django_db
def test_success_after_expiry_with_the_stock_sold_refunds_in_full(
    client, group, shops, run_on_commit, mailoutbox
):
    tea, soba = shops
    intent = paid_at_stripe(group)
    with run_on_commit():
        payments.expire_group(group)  # at Stripe the cancel is refused: it succeeded
    assert (stock(tea), stock(soba)) == (3, 5)
    Variant.objects.filter(pk=tea.pk).update(stock=1)  # someone else bought two

    with run_on_commit():
        response = deliver(client, make_event("payment_intent.succeeded", intent))
    assert response.status_code == 200
    group.refresh_from_db()
    assert group.status == OrderGroup.EXPIRED
    assert group.paid_at is None
    assert (stock(tea), stock(soba)) == (1, 5)  # nothing taken
    orders = list(group.orders.all())
    assert {o.status for o in orders} == {Order.REFUNDED}
    assert all(o.refunded_amount == o.total for o in orders)
    refunds = Refund.objects.filter(order__group=group)
    assert sum(r.amount for r in refunds) == group.total
    stripe_refunds = stripe_api.payments().v1.refunds.list({"payment_intent": intent["id"]})
    assert [r.amount for r in stripe_refunds.data] == [group.total]
    assert {r.stripe_refund for r in refunds} == {stripe_refunds.data[0].id}
    # The customer hears about each refunded order, and no "paid" mail.
    assert len(to_customer(mailoutbox)) == 2
    for order in orders:
        assert sum(order.number in m.subject for m in to_customer(mailoutbox)) == 1
    assert set(group.orders.values_list("payout_status", flat=True)) == {Order.PAYOUT_NONE}

    # Redelivered under a new id, even with the stock back: settled, no second refund.
    Variant.objects.filter(pk=tea.pk).update(stock=3)
    with run_on_commit():
        deliver(client, make_event("payment_intent.succeeded", intent))
    group.refresh_from_db()
    assert group.status == OrderGroup.EXPIRED
    assert len(stripe_api.payments().v1.refunds.list({"payment_intent": intent["id"]}).data) == 1
    assert Refund.objects.filter(order__group=group).count() == 2


@pytest.mark.django_db
def test_a_refund_that_fails_is_decided_again_on_redelivery(client, group, shops, run_on_commit):
    """Stripe refuses the refund (here: the PaymentIntent never took money, so
    localstripe will not refund it): nothing is kept, the delivery fails
    (HTTP 500 in production) and Stripe's redelivery is handled afresh."""
    tea, soba = shops
    payments.ensure_payment_intent(group)
    intent = intent_dict(group) | {"status": "succeeded"}
    with run_on_commit():
        payments.expire_group(group)
    Variant.objects.filter(pk=tea.pk).update(stock=0)
    event = make_event("payment_intent.succeeded", intent)

    with pytest.raises(stripe.StripeError), run_on_commit():
        deliver(client, event)
    assert not StripeEvent.objects.filter(event_id=event["id"]).exists()
    assert set(group.orders.values_list("status", flat=True)) == {Order.CANCELLED}
    assert not Refund.objects.exists()

    Variant.objects.filter(pk=tea.pk).update(stock=3)  # returned meanwhile
    with run_on_commit():
        assert deliver(client, event).content == b"handled"
    group.refresh_from_db()
    assert group.status == OrderGroup.PAID
    assert (stock(tea), stock(soba)) == (1, 4)


@pytest.mark.django_db
def test_a_spare_payment_intent_never_changes_the_group(client, group, run_on_commit):
    """Two first visits to the pay page at once can make two PaymentIntents on
    an emulator without idempotency keys; the spare one is not the group's."""
    payments.ensure_payment_intent(group)
    intents = stripe_api.payments().v1.payment_intents
    spare = intents.create(
        {"amount": group.total, "currency": "jpy", "metadata": {"order_group": str(group.uuid)}}
    )
    intents.update(spare.id, {"payment_method": "pm_card_visa"})
    spare = intents.confirm(spare.id).to_dict()
    assert spare["status"] == "succeeded"

    with run_on_commit():
        deliver(client, make_event("payment_intent.succeeded", spare))
        deliver(client, make_event("payment_intent.canceled", spare))
    group.refresh_from_db()
    assert group.status == OrderGroup.PENDING
    # Money taken on the spare one goes back.
    assert [
        r.amount
        for r in stripe_api.payments().v1.refunds.list({"payment_intent": spare["id"]}).data
    ] == [group.total]


# -- charge.refunded -----------------------------------------------------------


def charge_of(intent_id) -> dict:
    intent = stripe_api.payments().v1.payment_intents.retrieve(intent_id).to_dict()
    charge = intent["latest_charge"]
    charge_id = charge if isinstance(charge, str) else charge["id"]
    return stripe_api.payments().v1.charges.retrieve(charge_id).to_dict()


def refund_at_stripe(intent_id, amount, **metadata):
    """A refund made outside the admin (e.g. in Stripe's dashboard)."""
    return stripe_api.payments().v1.refunds.create(
        {"payment_intent": intent_id, "amount": amount, "metadata": metadata}
    )


@pytest.fixture
def paid_group(client, group, run_on_commit):
    intent = paid_at_stripe(group)
    with run_on_commit():
        deliver(client, make_event("payment_intent.succeeded", intent))
    group.refresh_from_db()
    assert group.status == OrderGroup.PAID
    return group


def refunded_by_order(group):
    return {o.business.name: (o.refunded_amount, o.status) for o in group.orders.all()}


@pytest.mark.django_db
def test_refunds_made_outside_the_admin_are_recorded_once(client, paid_group):
    group = paid_group
    tea_order = group.orders.get(business__name="喫茶まちかど")  # 2160 + 800
    soba_order = group.orders.get(business__name="藤岡そば処")  # 550 + 800
    assert (tea_order.total, soba_order.total) == (2960, 1350)

    refund = refund_at_stripe(group.stripe_payment_intent, 431)
    event = make_event("charge.refunded", charge_of(group.stripe_payment_intent))
    assert deliver(client, event).status_code == 200
    # Shared in proportion to the order totals: 431 × 2960/4310, 431 × 1350/4310.
    assert refunded_by_order(group) == {
        "喫茶まちかど": (296, Order.PAID),
        "藤岡そば処": (135, Order.PAID),
    }
    assert set(Refund.objects.values_list("stripe_refund", flat=True)) == {refund.id}

    # Delivered again, and again under a new id: recorded once.
    deliver(client, event)
    deliver(client, make_event("charge.refunded", charge_of(group.stripe_payment_intent)))
    assert Refund.objects.count() == 2

    # A refund naming its order goes to that order; a full one closes it.
    refund_at_stripe(group.stripe_payment_intent, 1350 - 135, order=str(soba_order.pk))
    deliver(client, make_event("charge.refunded", charge_of(group.stripe_payment_intent)))
    assert refunded_by_order(group) == {
        "喫茶まちかど": (296, Order.PAID),
        "藤岡そば処": (1350, Order.REFUNDED),
    }


@pytest.mark.django_db
def test_refunds_are_listed_from_stripe_when_the_event_leaves_them_out(client, paid_group):
    group = paid_group
    refund_at_stripe(group.stripe_payment_intent, group.total)
    charge = charge_of(group.stripe_payment_intent)
    del charge["refunds"]  # as in current API versions
    deliver(client, make_event("charge.refunded", charge))
    assert {status for _amount, status in refunded_by_order(group).values()} == {Order.REFUNDED}
    assert sum(Refund.objects.values_list("amount", flat=True)) == group.total


@pytest.mark.django_db
def test_refunds_recorded_by_the_admin_are_not_recorded_again(client, paid_group):
    group = paid_group
    order = group.orders.order_by("pk").first()
    # As fulfilment.cancel does: the Refund row first, Stripe's id after.
    row = Refund.objects.create(order=order, amount=500, reason="破損")
    first = refund_at_stripe(
        group.stripe_payment_intent, 500, refund=str(row.pk), order=str(order.pk)
    )
    Refund.objects.filter(pk=row.pk).update(stripe_refund=first.id)
    Order.objects.filter(pk=order.pk).update(refunded_amount=500)
    # Its commit was lost: Stripe refunded, no row knows the id.
    lost = refund_at_stripe(group.stripe_payment_intent, 300, refund="999999", order=str(order.pk))

    deliver(client, make_event("charge.refunded", charge_of(group.stripe_payment_intent)))
    assert sorted(Refund.objects.values_list("stripe_refund", "amount")) == sorted(
        [(first.id, 500), (lost.id, 300)]
    )
    order.refresh_from_db()
    assert order.refunded_amount == 800


@pytest.mark.parametrize(
    ("amount", "weights", "shares"),
    [
        (431, [2960, 1350], [296, 135]),
        (1, [1, 1], [1, 0]),
        (2, [1, 1, 1], [1, 1, 0]),
        (5000, [3000, 1000], [3000, 1000]),  # never more than is left
        (100, [0, 500], [0, 100]),
        (10, [0, 0], [0, 0]),
        (0, [100, 200], [0, 0]),
    ],
)
def test_refund_shares(amount, weights, shares):
    assert webhook_events._shares(amount, weights) == shares


# -- account.updated -----------------------------------------------------------


@pytest.mark.django_db
def test_account_updates_reach_the_payouts(client, settings, storefront1):
    settings.STRIPE_WEBHOOK_SECRET = services.TEST_WEBHOOK_SECRET
    profile = make_shop_profile(
        storefront1.business, stripe_account_id="acct_1Machikado", payouts_enabled=False
    )
    account = {
        "id": "acct_1Machikado",
        "object": "account",
        "charges_enabled": True,
        "payouts_enabled": True,
    }
    assert deliver(client, make_event("account.updated", account)).status_code == 200
    profile.refresh_from_db()
    assert profile.payouts_enabled is True


# -- delivered by localstripe itself ---------------------------------------------


@pytest.fixture
def delivered(localstripe):
    """localstripe posts its signed events to an inbox; `wait_for` hands them
    to the webhook view on this thread (see services.WebhookInbox)."""
    inbox = services.WebhookInbox()
    services.register_localstripe_webhook(localstripe.url, inbox.url)
    yield inbox
    # Later events (other tests) go nowhere instead of to a closed inbox.
    services.register_localstripe_webhook(localstripe.url, "http://127.0.0.1:9/")
    inbox.close()


def wait_for(condition, timeout=15, inbox=None, client=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if inbox is not None:
            for response in inbox.pump(client, URL):
                assert response.status_code == 200, response.content
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True)
def test_localstripe_delivers_and_3d_secure_and_declines_end_to_end(
    delivered, localstripe, shops, mailoutbox, client
):
    def arrives(condition):
        return wait_for(condition, inbox=delivered, client=client)

    tea, soba = shops
    group = place([(tea, 1), (soba, 1)])

    # A declined card: payment_failed arrives, the group waits for another card.
    assert payments.confirm_card(group, card_payment_method(DECLINED)).status == "failed"
    assert arrives(
        lambda: StripeEvent.objects.filter(type="payment_intent.payment_failed").exists()
    )
    group.refresh_from_db()
    assert group.status == OrderGroup.PENDING

    # A 3-D Secure card: the browser authenticates, then the webhook marks it paid.
    result = payments.confirm_card(group, card_payment_method(THREE_D_SECURE))
    assert result.status == "requires_action"
    group.refresh_from_db()
    response = requests.post(
        f"{localstripe.url}/v1/payment_intents/{group.stripe_payment_intent}/_authenticate",
        params={"success": "true", "client_secret": result.client_secret},
        auth=(services.TEST_SECRET_KEY, ""),
        timeout=5,
    )
    response.raise_for_status()
    group.refresh_from_db()
    assert group.status == OrderGroup.PENDING  # the browser's word is not enough
    assert arrives(lambda: OrderGroup.objects.get(pk=group.pk).status == OrderGroup.PAID)
    group.refresh_from_db()
    assert group.paid_at <= timezone.now()
    assert set(group.orders.values_list("status", flat=True)) == {Order.PAID}
    assert arrives(lambda: len(to_customer(mail.outbox)) == 1)
    # (Events are not counted here: the session's localstripe may still deliver
    # a late event of an earlier test to this inbox.)
    assert (stock(tea), stock(soba)) == (2, 4)
