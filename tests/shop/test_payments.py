"""Card payments against a real localstripe: one PaymentIntent per checkout,
confirmation on the server, declines, 3-D Secure, and reservation expiry.
Nothing here marks an order paid: only the webhook does (test_webhooks.py)."""

from datetime import timedelta

import pytest
import requests
from django.core.management import call_command
from django.utils import timezone, translation

from shop import stripe_api
from shop.models import Cart, Order, OrderGroup, Variant
from shop.services import cart as carts
from shop.services import checkout, payments
from shop.services.payments import ConfirmResult, PaymentNotPossible

from .. import services
from ..factories import CUSTOMER, make_product, make_shop_profile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages in English (the source strings) unless a test says otherwise."""
    with translation.override("en"):
        yield


def place(business, price=1200, stock=3, quantity=2, method=OrderGroup.CARD):
    product = make_product(business, "ほうじ茶", price=price, stock=stock)
    cart = Cart.objects.create()
    carts.add(cart, product.variants.get(), quantity)
    group = checkout.place_order(
        cart, checkout.checkout_key(cart), checkout.Customer(**CUSTOMER), method, {}
    )
    return group, product.variants.get()


def intent_of(group):
    group.refresh_from_db()
    return stripe_api.payments().v1.payment_intents.retrieve(group.stripe_payment_intent)


# localstripe declines charges of this card (its pm_card_visa_chargeDeclined
# uses 4000000000000002, which it declines only when attached to a customer).
DECLINED = "4000000000000341"
THREE_D_SECURE = "4000000000003220"


def card_payment_method(number):
    """A card payment method as Stripe.js would create it in the browser."""
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


def authenticate(localstripe_url, group, client_secret, success=True):
    """What localstripe's Stripe.js does in confirmCardPayment() for 3-D Secure."""
    response = requests.post(
        f"{localstripe_url}/v1/payment_intents/{group.stripe_payment_intent}/_authenticate",
        params={"success": "true" if success else "false", "client_secret": client_secret},
        auth=(services.TEST_SECRET_KEY, ""),
        timeout=5,
    )
    response.raise_for_status()


@pytest.fixture
def group(localstripe, storefront1):
    group, _variant = place(storefront1.business)
    return group


def test_one_payment_intent_per_group(group):
    secret = payments.ensure_payment_intent(group)
    assert group.stripe_payment_intent.startswith("pi_")
    assert secret.startswith(group.stripe_payment_intent)
    again = OrderGroup.objects.get(pk=group.pk)
    assert payments.ensure_payment_intent(again) == secret
    assert again.stripe_payment_intent == group.stripe_payment_intent

    intent = intent_of(group)
    assert intent.amount == group.total == 1200 * 2 + 800
    assert intent.currency == "jpy"
    assert intent.metadata["order_group"] == str(group.uuid)
    assert intent.status == "requires_payment_method"


def test_confirm_succeeds_but_never_marks_paid(group):
    payments.ensure_payment_intent(group)
    result = payments.confirm_card(group, "pm_card_visa")
    assert result == ConfirmResult("succeeded")
    assert intent_of(group).status == "succeeded"
    group.refresh_from_db()
    assert group.status == OrderGroup.PENDING
    assert group.paid_at is None
    assert set(group.orders.values_list("status", flat=True)) == {Order.PENDING}


def test_confirm_creates_the_payment_intent_when_missing(group):
    result = payments.confirm_card(group, "pm_card_visa")
    assert result.status == "succeeded"
    assert intent_of(group).amount == group.total


def test_a_second_submit_does_not_charge_again(group):
    assert payments.confirm_card(group, "pm_card_visa").status == "succeeded"
    charge = intent_of(group).latest_charge
    assert payments.confirm_card(group, "pm_card_visa").status == "succeeded"
    assert intent_of(group).latest_charge == charge


def test_declined_card_gives_a_clear_message_and_another_card_works(group):
    variant = Variant.objects.get()
    result = payments.confirm_card(group, card_payment_method(DECLINED))
    assert result.status == "failed"
    assert (
        result.message
        == "Your card was declined. Please use another card or another payment method."
    )
    group.refresh_from_db()
    assert group.status == OrderGroup.PENDING
    variant.refresh_from_db()
    assert variant.stock == 1  # still reserved for the next attempt

    assert payments.confirm_card(group, "pm_card_visa").status == "succeeded"
    assert intent_of(group).status == "succeeded"


def test_decline_message_in_the_customers_language(group):
    with translation.override("ja"):
        result = payments.confirm_card(group, card_payment_method(DECLINED))
    assert result.status == "failed"
    assert result.message == (
        "カードが承認されませんでした。別のカードまたは別のお支払い方法をご利用ください。"
    )


def test_three_d_secure_needs_the_browser(group, localstripe):
    result = payments.confirm_card(group, card_payment_method(THREE_D_SECURE))
    assert result.status == "requires_action"
    group.refresh_from_db()
    assert result.client_secret == intent_of(group).client_secret
    authenticate(localstripe.url, group, result.client_secret)
    assert intent_of(group).status == "succeeded"
    group.refresh_from_db()
    assert group.status == OrderGroup.PENDING  # until the webhook says so


def test_failed_authentication_lets_the_customer_retry(group, localstripe):
    result = payments.confirm_card(group, card_payment_method(THREE_D_SECURE))
    authenticate(localstripe.url, group, result.client_secret, success=False)
    assert intent_of(group).status == "requires_payment_method"
    assert payments.confirm_card(group, "pm_card_visa").status == "succeeded"


@pytest.mark.parametrize("bad", ["", "pm_", "tok_visa", "pm_card visa", "pm_" + "x" * 300, None])
def test_payment_method_id_format_is_checked(group, bad):
    result = payments.confirm_card(group, bad)
    assert result == ConfirmResult("failed", message="Please enter your card details again.")
    group.refresh_from_db()
    assert group.stripe_payment_intent == ""  # Stripe was not even asked


def test_unknown_payment_method_is_a_failure_not_a_crash(group):
    result = payments.confirm_card(group, "pm_doesnotexist")
    assert result.status == "failed"
    assert "card details again" in result.message
    group.refresh_from_db()
    assert group.status == OrderGroup.PENDING


def test_only_pending_card_groups_can_be_paid(localstripe, storefront1):
    make_shop_profile(storefront1.business, accepts_bank_transfer=True)
    bank, _variant = place(storefront1.business, method=OrderGroup.BANK_TRANSFER)
    with pytest.raises(PaymentNotPossible, match="not paid by card"):
        payments.ensure_payment_intent(bank)
    with pytest.raises(PaymentNotPossible, match="not paid by card"):
        payments.confirm_card(bank, "pm_card_visa")

    card, _variant = place(storefront1.business)
    OrderGroup.objects.filter(pk=card.pk).update(status=OrderGroup.PAID)
    card.refresh_from_db()
    with pytest.raises(PaymentNotPossible, match="already been paid"):
        payments.confirm_card(card, "pm_card_visa")
    OrderGroup.objects.filter(pk=card.pk).update(status=OrderGroup.EXPIRED)
    card.refresh_from_db()
    with pytest.raises(PaymentNotPossible, match="expired"):
        payments.ensure_payment_intent(card)


def test_confirming_after_the_reservation_ended_releases_it(
    group, django_capture_on_commit_callbacks
):
    payments.ensure_payment_intent(group)
    OrderGroup.objects.filter(pk=group.pk).update(
        reserved_until=timezone.now() - timedelta(seconds=1)
    )
    group.refresh_from_db()
    with (
        pytest.raises(PaymentNotPossible, match="expired"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        payments.confirm_card(group, "pm_card_visa")
    group.refresh_from_db()
    assert group.status == OrderGroup.EXPIRED
    assert Variant.objects.get().stock == 3
    assert intent_of(group).status == "canceled"


def test_expiry_command_returns_stock_and_cancels_payment_intents(
    localstripe, storefront1, django_capture_on_commit_callbacks
):
    past = timezone.now() - timedelta(minutes=1)
    due, variant = place(storefront1.business, stock=10, quantity=2)
    payments.ensure_payment_intent(due)
    no_intent, _ = place(storefront1.business, stock=10, quantity=1)
    cancelled_at_stripe, _ = place(storefront1.business, stock=10, quantity=1)
    payments.ensure_payment_intent(cancelled_at_stripe)
    payments.cancel_payment_intent(cancelled_at_stripe.stripe_payment_intent)
    current, current_variant = place(storefront1.business, stock=10, quantity=3)
    OrderGroup.objects.exclude(pk=current.pk).update(reserved_until=past)
    stock = {v.pk: v.stock for v in Variant.objects.all()}

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("shop_expire_reservations", verbosity=0)
    assert len(callbacks) == 2  # the two with a PaymentIntent

    for expired in (due, no_intent, cancelled_at_stripe):
        expired.refresh_from_db()
        assert expired.status == OrderGroup.EXPIRED
        assert set(expired.orders.values_list("status", flat=True)) == {Order.CANCELLED}
    current.refresh_from_db()
    assert current.status == OrderGroup.PENDING
    after = {v.pk: v.stock for v in Variant.objects.all()}
    assert after[variant.pk] == stock[variant.pk] + 2
    assert after[current_variant.pk] == stock[current_variant.pk]
    assert intent_of(due).status == "canceled"
    assert intent_of(cancelled_at_stripe).status == "canceled"

    # Again: nothing left to expire, stock unchanged.
    assert payments.expire_reservations() == 0
    assert {v.pk: v.stock for v in Variant.objects.all()} == after


def test_expiry_leaves_a_payment_that_succeeded_to_the_webhook(
    group, django_capture_on_commit_callbacks
):
    """Cancelling a PaymentIntent that already succeeded is refused by Stripe;
    the reservation is released anyway and the webhook settles the payment."""
    assert payments.confirm_card(group, "pm_card_visa").status == "succeeded"
    OrderGroup.objects.filter(pk=group.pk).update(
        reserved_until=timezone.now() - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert payments.expire_reservations() == 1
    group.refresh_from_db()
    assert group.status == OrderGroup.EXPIRED
    assert intent_of(group).status == "succeeded"
