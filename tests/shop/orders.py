"""Real orders for the order-management tests, placed through checkout.place_order."""

from django.utils import timezone

from shop import stripe_api
from shop.models import Cart, Order, OrderGroup
from shop.services import cart as carts
from shop.services import checkout

from ..factories import CUSTOMER, make_product, make_shop_profile

REGISTRATION = "T1234567890123"


def open_shop(business, **fields):
    """A shop that accepts every payment method, with a registration number."""
    values = {
        "accepts_card": True,
        "accepts_pay_at_store": True,
        "accepts_bank_transfer": True,
        "bank_transfer_details": "まちかど銀行 本店 普通 1234567",
        "registration_number": REGISTRATION,
        "pickup_instructions": "店頭でお名前をお伝えください。",
        **fields,
    }
    return make_shop_profile(business, **values)


def product(business, title="ほうじ茶", *, price=1000, stock=10, fulfilment="shipping", **fields):
    """A published product sold with one fulfilment method."""
    flags = {
        "ships": fulfilment == Order.SHIPPING,
        "pickup": fulfilment == Order.PICKUP,
        "eticket": fulfilment == Order.ETICKET,
    }
    return make_product(business, title, price=price, stock=stock, **flags, **fields)


def place(
    items,
    method=OrderGroup.CARD,
    *,
    fulfilment=None,
    language="ja",
    customer=None,
):
    """items: [(product, quantity)] → the placed OrderGroup."""
    cart = Cart.objects.create()
    for item, quantity in items:
        carts.add(cart, item.variants.first(), quantity)
    return checkout.place_order(
        cart,
        checkout.checkout_key(cart),
        checkout.Customer(**(customer or CUSTOMER)),
        method,
        fulfilment or {},
        language=language,
    )


def mark_card_paid(group, payment_intent="pi_test_offline"):
    """What the payment webhook does once Stripe confirms the card payment."""
    OrderGroup.objects.filter(pk=group.pk).update(
        status=OrderGroup.PAID,
        paid_at=timezone.now(),
        stripe_payment_intent=payment_intent,
        reserved_until=None,
    )
    group.orders.update(status=Order.PAID)
    group.refresh_from_db()
    return group


def pay_on_localstripe(group):
    """A real card payment of the group's total on localstripe, then marked paid."""
    client = stripe_api.payments()
    intent = client.v1.payment_intents.create(
        params={
            "amount": group.total,
            "currency": "jpy",
            "payment_method_types": ["card"],
            "payment_method": "pm_card_visa",
        }
    )
    intent = client.v1.payment_intents.confirm(intent.id)
    assert intent.status == "succeeded", intent.status
    return mark_card_paid(group, intent.id)


def order_of(group, business) -> Order:
    return group.orders.select_related("group", "business").get(business=business)
