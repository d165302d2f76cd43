"""Owners' order work through shop.services.fulfilment: the status flow, offline
payments, cancellations and refunds (card refunds against a real localstripe),
and the e-mails the customer gets in their language."""

import itertools

import pytest
import requests
from django.core import mail
from django.utils import translation
from wagtail.models import ModelLogEntry

from shop import stripe_api
from shop.models import Order, OrderGroup, Refund, Variant
from shop.services import checkout, fulfilment
from shop.services.errors import InvalidTransition, ShopError

from .. import services
from .orders import mark_card_paid, open_shop, order_of, pay_on_localstripe, place, product

CARD, BANK, STORE = OrderGroup.CARD, OrderGroup.BANK_TRANSFER, OrderGroup.PAY_AT_STORE
SHIPPING, PICKUP, ETICKET = Order.SHIPPING, Order.PICKUP, Order.ETICKET
STATUSES = [value for value, _label in Order.STATUS_CHOICES]

# The flow, written out independently of the code: every pair not listed is refused.
EXPECTED = {
    (CARD, SHIPPING): {("paid", "preparing"), ("preparing", "shipped"), ("shipped", "completed")},
    (CARD, PICKUP): {("paid", "preparing"), ("preparing", "ready"), ("ready", "completed")},
    (CARD, ETICKET): {("paid", "completed")},
    (BANK, SHIPPING): {
        ("pending", "paid"),
        ("paid", "preparing"),
        ("preparing", "shipped"),
        ("shipped", "completed"),
    },
    (BANK, PICKUP): {
        ("pending", "paid"),
        ("paid", "preparing"),
        ("preparing", "ready"),
        ("ready", "completed"),
    },
    (BANK, ETICKET): {("pending", "paid"), ("paid", "completed")},
    (STORE, PICKUP): {("pending", "preparing"), ("preparing", "ready"), ("ready", "completed")},
}


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages in English (the source) for matching; e-mails still
    go out in each customer's language."""
    with translation.override("en"):
        yield


def stock(item):
    return Variant.objects.get(product=item).stock


def logs(order, action=None):
    entries = ModelLogEntry.objects.for_instance(order)
    return entries.filter(action=action) if action else entries


# -- the status machine -----------------------------------------------------------------


@pytest.mark.parametrize("method,kind", sorted(EXPECTED))
def test_status_machine_table(method, kind, shop1, owner1, django_capture_on_commit_callbacks):
    item = product(shop1, price=1000, fulfilment=kind)
    group = place([(item, 1)], method, fulfilment={shop1.pk: kind})
    order = order_of(group, shop1)
    allowed = EXPECTED[(method, kind)]
    refused_messages = set()
    for before, to in itertools.product(STATUSES, STATUSES):
        Order.objects.filter(pk=order.pk).update(status=before, tracking_number="")
        order.refresh_from_db()
        entries = logs(order).count()
        if (before, to) in allowed:
            with django_capture_on_commit_callbacks(execute=True):
                fulfilment.change_status(order, to, owner1, tracking_number="TRK-1")
            order.refresh_from_db()
            assert order.status == to, (before, to)
            entry = logs(order, fulfilment.LOG_STATUS).latest("pk")
            assert entry.data["from"] == before and entry.data["to"] == to
            assert entry.user == owner1
            assert order.tracking_number == ("TRK-1" if to == "shipped" else "")
        else:
            with pytest.raises(InvalidTransition) as refused:
                fulfilment.change_status(order, to, owner1, tracking_number="TRK-1")
            order.refresh_from_db()
            assert order.status == before, (before, to)
            assert order.tracking_number == ""
            assert logs(order).count() == entries
            assert str(refused.value)
            refused_messages.add(str(refused.value))
    # Each allowed step e-mailed the customer once.
    assert len(mail.outbox) == len(allowed)
    assert all(message.to == ["taro@example.com"] for message in mail.outbox)
    # The refusals explain themselves in more than one way (already / closed / cancel...).
    assert len(refused_messages) > 2


def test_next_statuses_follow_the_table(shop1):
    item = product(shop1, fulfilment=SHIPPING)
    order = order_of(place([(item, 1)], BANK), shop1)
    seen = []
    while True:
        steps = fulfilment.next_statuses(order)
        if not steps:
            break
        assert len(steps) == 1
        seen.append(steps[0])
        order.status = steps[0]
    assert seen == ["paid", "preparing", "shipped", "completed"]


def test_someone_elses_order_cannot_be_moved(shop1, owner2, staff):
    item = product(shop1)
    order = order_of(mark_card_paid(place([(item, 1)])), shop1)
    for user in (owner2, staff):
        with pytest.raises(fulfilment.NotAllowed):
            fulfilment.change_status(order, "preparing", user)
        with pytest.raises(fulfilment.NotAllowed):
            fulfilment.cancel(order, user)
    order.refresh_from_db()
    assert order.status == "paid"
    assert stock(item) == 9


def test_tracking_number_can_be_added_after_shipping(
    shop1, owner1, django_capture_on_commit_callbacks
):
    item = product(shop1)
    order = order_of(mark_card_paid(place([(item, 1)])), shop1)
    fulfilment.change_status(order, "preparing", owner1)
    with pytest.raises(InvalidTransition):
        fulfilment.set_tracking_number(order, "123-456", owner1)
    fulfilment.change_status(order, "shipped", owner1)
    assert order.tracking_number == ""
    with django_capture_on_commit_callbacks(execute=True):
        fulfilment.set_tracking_number(order, " 123-456 ", owner1)
    order.refresh_from_db()
    assert order.tracking_number == "123-456"
    assert "123-456" in mail.outbox[-1].body
    assert logs(order, fulfilment.LOG_TRACKING).count() == 1


# -- offline payments and the group ----------------------------------------------------


def test_bank_transfer_group_is_paid_when_every_shop_confirmed(shop1, shop2, owner1, owner2):
    tea, soba = product(shop1), product(shop2, "乾麺", price=550)
    group = place([(tea, 1), (soba, 2)], BANK)
    assert group.reserved_until is not None
    fulfilment.confirm_payment(order_of(group, shop1), owner1)
    group.refresh_from_db()
    assert group.status == "pending"
    # Money has arrived for part of it: it never expires now.
    assert group.reserved_until is None
    fulfilment.confirm_payment(order_of(group, shop2), owner2)
    group.refresh_from_db()
    assert group.status == "paid"
    assert group.paid_at is not None


def test_bank_transfer_group_paid_when_the_other_shop_cancels(shop1, shop2, owner1, owner2):
    tea, soba = product(shop1), product(shop2, "乾麺", price=550, stock=5)
    group = place([(tea, 1), (soba, 2)], BANK)
    fulfilment.confirm_payment(order_of(group, shop1), owner1)
    result = fulfilment.cancel(order_of(group, shop2), owner2)
    assert result.refund is None  # nothing was paid
    assert stock(soba) == 5
    group.refresh_from_db()
    assert group.status == "paid"
    assert order_of(group, shop2).status == "cancelled"


def test_group_cancelled_when_all_its_orders_are(shop1, shop2, owner1, owner2):
    tea, soba = product(shop1), product(shop2, "乾麺", price=550)
    group = place([(tea, 1), (soba, 1)], BANK)
    fulfilment.cancel(order_of(group, shop1), owner1)
    group.refresh_from_db()
    assert group.status == "pending"
    fulfilment.cancel(order_of(group, shop2), owner2)
    group.refresh_from_db()
    assert group.status == "cancelled"
    assert (stock(tea), stock(soba)) == (10, 10)


def test_pay_at_store_is_paid_when_picked_up(shop1, shop2, owner1, owner2):
    tea = product(shop1, fulfilment=PICKUP)
    soba = product(shop2, "乾麺", price=550, fulfilment=PICKUP)
    group = place([(tea, 1), (soba, 1)], STORE, fulfilment={shop1.pk: PICKUP, shop2.pk: PICKUP})
    assert group.reserved_until is None
    for business, owner in ((shop1, owner1), (shop2, owner2)):
        order = order_of(group, business)
        for step in ("preparing", "ready"):
            fulfilment.change_status(order, step, owner)
            assert not fulfilment.money_received(order)
        group.refresh_from_db()
        assert group.status == "pending"
        fulfilment.change_status(order, "completed", owner)
        assert fulfilment.money_received(order)
    group.refresh_from_db()
    assert group.status == "paid"


def test_card_checkout_is_never_marked_paid_by_the_shop(shop1, owner1):
    item = product(shop1)
    group = place([(item, 1)], CARD)
    order = order_of(group, shop1)
    with pytest.raises(InvalidTransition, match="card payment"):
        fulfilment.change_status(order, "paid", owner1)
    with pytest.raises(InvalidTransition, match="card payment"):
        fulfilment.cancel(order, owner1)
    assert fulfilment.settle_group(group) == "pending"
    order.refresh_from_db()
    assert order.status == "pending"
    assert stock(item) == 9


# -- cancellations and offline refunds -----------------------------------------------------


def test_unpaid_order_cancelled_whole_returns_stock_without_money(
    shop1, owner1, django_capture_on_commit_callbacks
):
    tea = product(shop1, price=1080, stock=5)
    cake = product(shop1, "カステラ", price=1500, stock=5)
    group = place([(tea, 2), (cake, 1)], BANK)
    order = order_of(group, shop1)
    with django_capture_on_commit_callbacks(execute=True):
        result = fulfilment.cancel(order, owner1, reason="在庫切れ")
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert order.refunded_amount == 0
    assert result.refund is None and result.closed
    assert not Refund.objects.exists()
    assert (stock(tea), stock(cake)) == (5, 5)
    assert [line.cancelled_quantity for line in order.lines.all()] == [2, 1]
    assert logs(order, fulfilment.LOG_CANCEL).get().data["reason"] == "在庫切れ"
    assert len(mail.outbox) == 1
    assert "カステラ" in mail.outbox[0].body
    with pytest.raises(InvalidTransition):
        fulfilment.cancel(order, owner1)


def test_paid_bank_order_refunded_line_by_line(shop1, owner1, django_capture_on_commit_callbacks):
    tea = product(shop1, price=1080, stock=5)
    cake = product(shop1, "カステラ", price=1500, stock=5)
    group = place([(tea, 3), (cake, 1)], BANK)
    order = order_of(group, shop1)
    fulfilment.confirm_payment(order, owner1)
    tea_line, cake_line = order.lines.all()
    assert order.total == 3 * 1080 + 1500 + 800

    # Partial, repeated: one tea, then another, then the rest.
    for expected_refunded, expected_stock in ((1080, 3), (2160, 4)):
        with django_capture_on_commit_callbacks(execute=True):
            result = fulfilment.cancel(order, owner1, {tea_line.pk: 1})
        assert result.refund.amount == 1080
        assert result.refund.stripe_refund == ""  # the shop returns bank money itself
        order.refresh_from_db()
        assert order.status == "paid"
        assert order.refunded_amount == expected_refunded
        assert stock(tea) == expected_stock
    assert fulfilment.amount_due(order) == 1080 + 1500 + 800

    # More than is left: refused, nothing changes.
    with pytest.raises(InvalidTransition):
        fulfilment.cancel(order, owner1, {tea_line.pk: 2})
    with pytest.raises(InvalidTransition):
        fulfilment.cancel(order, owner1, {tea_line.pk: 0, cake_line.pk: 0})
    with pytest.raises(InvalidTransition):
        fulfilment.cancel(order, owner1, {tea_line.pk: -1})
    assert Refund.objects.count() == 2

    # The last items take the shipping fee with them.
    result = fulfilment.cancel(order, owner1, {tea_line.pk: 1, cake_line.pk: 1})
    assert result.closed and result.shipping == 800
    assert result.refund.amount == 1080 + 1500 + 800
    order.refresh_from_db()
    assert order.status == "refunded"
    assert order.refunded_amount == order.total
    assert sum(refund.amount for refund in order.refunds.all()) == order.total
    assert (stock(tea), stock(cake)) == (5, 5)
    assert "¥1,080" in mail.outbox[0].body


def test_completed_pay_at_store_order_refund_is_owed_by_the_shop(shop1, owner1):
    tea = product(shop1, fulfilment=PICKUP, stock=4)
    group = place([(tea, 2)], STORE, fulfilment={shop1.pk: PICKUP})
    order = order_of(group, shop1)
    for step in ("preparing", "ready", "completed"):
        fulfilment.change_status(order, step, owner1)
    result = fulfilment.cancel(order, owner1)
    assert result.refund.amount == 2000
    order.refresh_from_db()
    assert order.status == "refunded"
    assert stock(tea) == 4


def test_lines_of_another_order_are_refused(shop1, owner1):
    tea = product(shop1)
    first = order_of(place([(tea, 1)], BANK), shop1)
    second = order_of(place([(tea, 1)], BANK), shop1)
    other_line = second.lines.get()
    with pytest.raises(InvalidTransition):
        fulfilment.cancel(first, owner1, {other_line.pk: 1})
    assert stock(tea) == 8


# -- card refunds through Stripe (localstripe) ---------------------------------------------


def test_card_refunds_go_through_stripe(localstripe, shop1, shop2, owner1):
    tea = product(shop1, price=1080, stock=5)
    soba = product(shop2, "乾麺", price=550, stock=5)
    group = pay_on_localstripe(place([(tea, 3), (soba, 1)], CARD))
    order = order_of(group, shop1)
    line = order.lines.get()

    first = fulfilment.cancel(order, owner1, {line.pk: 1}, reason="破損")
    second = fulfilment.cancel(order, owner1)  # the rest, with shipping
    client = stripe_api.payments()
    for result, amount in ((first, 1080), (second, 2 * 1080 + 800)):
        assert result.refund.amount == amount
        assert result.refund.stripe_refund.startswith("re_")
        stripe_refund = client.v1.refunds.retrieve(result.refund.stripe_refund)
        assert stripe_refund.amount == amount
        assert stripe_refund.payment_intent == group.stripe_payment_intent
        assert stripe_refund.metadata["refund"] == str(result.refund.pk)
    order.refresh_from_db()
    assert order.status == "refunded"
    assert order.refunded_amount == 3 * 1080 + 800 == order.total
    assert stock(tea) == 5
    # The other shop's order is untouched.
    assert order_of(group, shop2).status == "paid"
    assert stock(soba) == 4
    entry = logs(order, fulfilment.LOG_REFUND).latest("pk")
    assert entry.data["stripe_refund"] == second.refund.stripe_refund


def test_stripe_down_changes_nothing(
    localstripe, settings, shop1, owner1, django_capture_on_commit_callbacks
):
    tea = product(shop1, price=1080, stock=5)
    group = pay_on_localstripe(place([(tea, 2)], CARD))
    order = order_of(group, shop1)
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{services.free_port()}"  # nothing listens
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(
            fulfilment.RefundFailed, match="nothing was changed: Stripe could not be reached"
        ):
            fulfilment.cancel(order, owner1)
    assert callbacks == []
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == ("paid", 0)
    assert order.lines.get().cancelled_quantity == 0
    assert stock(tea) == 3
    assert not Refund.objects.exists()
    assert not logs(order).exists()
    assert mail.outbox == []

    # Back up: the same request goes through once.
    settings.STRIPE_API_BASE = localstripe.url
    result = fulfilment.cancel(order, owner1)
    assert result.refund.amount == 2 * 1080 + 800
    refunds = requests.get(
        f"{localstripe.url}/v1/refunds",
        params={"payment_intent": group.stripe_payment_intent},
        auth=(services.TEST_SECRET_KEY, ""),
        timeout=5,
    ).json()["data"]
    assert [refund["amount"] for refund in refunds] == [2 * 1080 + 800]


# -- e-mails in the customer's language -------------------------------------------------------


@pytest.mark.parametrize(
    "language,expected",
    [
        ("ja", ["観光 太郎 様", "発送済み", "追跡番号", "/ja/orders/"]),
        ("en", ["Dear 観光 太郎,", "Shipped", "Tracking number: 999", "/en/orders/"]),
    ],
)
def test_status_email_in_the_customers_language(
    language, expected, shop1, owner1, django_capture_on_commit_callbacks
):
    item = product(shop1)
    order = order_of(mark_card_paid(place([(item, 1)], language=language)), shop1)
    fulfilment.change_status(order, "preparing", owner1)
    with django_capture_on_commit_callbacks(execute=True):
        fulfilment.change_status(order, "shipped", owner1, tracking_number="999")
    message = mail.outbox[-1]
    text = message.subject + "\n" + message.body
    for fragment in expected:
        assert fragment in text, (fragment, text)
    assert order.number in message.subject


@pytest.mark.parametrize(
    "language,expected",
    [
        ("ja", ["キャンセル", "ほうじ茶 × 1", "¥1,080", "返金"]),
        ("en", ["cancelled", "ほうじ茶 (en) × 1", "¥1,080 has been refunded to your card"]),
    ],
)
def test_refund_email_in_the_customers_language(
    language, expected, localstripe, shop1, owner1, django_capture_on_commit_callbacks
):
    tea = product(shop1, price=1080, stock=5)
    group = pay_on_localstripe(place([(tea, 2)], CARD, language=language))
    order = order_of(group, shop1)
    with django_capture_on_commit_callbacks(execute=True):
        fulfilment.cancel(order, owner1, {order.lines.get().pk: 1})
    message = mail.outbox[-1]
    text = message.subject + "\n" + message.body
    for fragment in expected:
        assert fragment in text, (fragment, text)
    assert f"/{language}/orders/{group.uuid}/receipt/{order.pk}/" in message.body


# -- concurrency (PostgreSQL) ---------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_refunds_and_expiry_on_postgres(storefront1, storefront2, owner1):
    """Owners double-clicking refunds, and a reservation expiring while an owner
    cancels: every unit goes back to stock once, every yen is refunded once,
    and the group-then-order lock order never deadlocks with checkout.release."""
    from .test_concurrency_postgres import run_at_once

    shop1, shop2 = storefront1.business, storefront2.business
    open_shop(shop1)
    open_shop(shop2)
    tea = product(shop1, price=1080, stock=10)
    soba = product(shop2, "乾麺", price=550, stock=10)

    # Ten parallel requests to refund one unit of a line of three.
    order = order_of(place([(tea, 3)], BANK), shop1)
    fulfilment.confirm_payment(order, owner1)
    line = order.lines.get()
    results = run_at_once(lambda _: fulfilment.cancel(order, owner1, {line.pk: 1}), range(10))
    done = [r for r in results if isinstance(r, fulfilment.Cancellation)]
    refused = [r for r in results if isinstance(r, InvalidTransition)]
    assert (len(done), len(refused)) == (3, 7), results
    order.refresh_from_db()
    assert order.status == "refunded"
    assert order.refunded_amount == 3 * 1080 + 800 == sum(r.amount for r in order.refunds.all())
    assert stock(tea) == 10

    # A bank checkout expiring while both owners cancel their orders.
    for _round in range(3):
        group = place([(tea, 2), (soba, 1)], BANK)
        orders = [order_of(group, shop1), order_of(group, shop2)]
        users = [owner1, shop2.members.get()]

        def act(index, group=group, orders=orders, users=users):
            if index == 2:
                return checkout.release(group)
            return fulfilment.cancel(orders[index], users[index])

        results = run_at_once(act, [0, 1, 2])
        assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, ShopError)]
        assert (stock(tea), stock(soba)) == (10, 10)
        assert set(group.orders.values_list("status", flat=True)) == {"cancelled"}
        group.refresh_from_db()
        assert group.status in ("cancelled", "expired")
