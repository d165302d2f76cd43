"""Refunds after the payout (shop/services/payouts.py): transfers name the
customer's charge (source_transaction), and a refund on a paid-out order
reverses the shop's share of it, less the fee the platform gives back.

Payments and refunds are real localstripe objects; Connect (transfers and
their reversals) goes to stripe-mock, which validates every request against
Stripe's OpenAPI spec. stripe-mock is stateless, so what was sent is read
from its request log."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from shop.models import Order, OrderGroup, Refund
from shop.services import fulfilment, payouts

from .. import services
from .orders import open_shop, order_of, pay_on_localstripe, place, product
from .test_payouts import assert_denied, login, messages_of, request_data, requests_to
from .test_webhooks import charge_of, deliver, make_event, paid_at_stripe, refund_at_stripe

CARD = OrderGroup.CARD


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.PLATFORM_FEE_PERCENT = 5
    with translation.override("en"):
        yield


@pytest.fixture
def shop1(storefront1):
    open_shop(storefront1.business, stripe_account_id="acct_1Shop1", payouts_enabled=True)
    return storefront1.business


def reversals_path(order):
    return f"/v1/transfers/{order.stripe_transfer}/reversals"


def paid_out(business, items):
    """A card checkout paid on localstripe and transferred to the shop."""
    group = pay_on_localstripe(place(items, CARD))
    payouts.pay_out_group(group)
    order = order_of(group, business)
    assert order.payout_status == Order.PAYOUT_SENT
    return order


# -- arithmetic -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "before", "refund", "kept", "percent", "reversal", "fee_returned"),
    [
        # 4040 paid out as 3838 (fee 202); one item of 1080 back: net 2960, fee 148
        (4040, 0, 1080, 202, 5, 1026, 54),
        # then the rest: net 0, fee 0 — the two reversals add up to the transfer
        (4040, 1080, 2960, 148, 5, 2812, 148),
        (1800, 0, 1800, 90, 5, 1710, 90),  # all of it: the whole transfer
        (1999, 0, 1, 99, 5, 1, 0),  # fee 99 on 1999 and on 1998: the shop gives 1 yen
        (2000, 0, 1, 100, 5, 0, 1),  # fee 100 → 99: the platform returns the 1 yen
        (1000, 0, 500, 36, 3.6, 482, 18),  # decimal arithmetic: 36 → 18
        (1000, 0, 300, 0, 0, 300, 0),  # no fee
        (1000, 0, 300, 10, 5, 290, 10),  # never more fee than the platform keeps
        (1000, 900, 300, 5, 5, 95, 5),  # never more than was left to refund
        (1000, 0, 0, 50, 5, 0, 0),
    ],
)
def test_reversal_is_the_refund_less_the_fee_on_it(
    total, before, refund, kept, percent, reversal, fee_returned
):
    assert payouts.reversal_amounts(total, before, refund, kept, percent) == (
        reversal,
        fee_returned,
    )


def test_reversals_add_up_to_what_the_shop_keeps_after_the_refunds():
    """Any sequence of refunds: transfer − reversals = net − fee(net)."""
    total, percent = 10_003, 3.6
    fee = payouts.platform_fee(total, percent)
    shop_holds, kept, refunded = total - fee, fee, 0
    for refund in (1, 999, 2500, 37, 6466):
        reversal, returned = payouts.reversal_amounts(total, refunded, refund, kept, percent)
        shop_holds -= reversal
        kept -= returned
        refunded += refund
        net = total - refunded
        assert shop_holds == net - payouts.platform_fee(net, percent)
        assert kept == payouts.platform_fee(net, percent)
    assert (shop_holds, kept) == (0, 0)


# -- transfers name their charge ----------------------------------------------------------


@pytest.mark.django_db
def test_paid_webhook_stores_the_charge_and_transfers_name_it_then_a_dashboard_refund_reverses(
    localstripe, stripe_mock, client, shop1, django_capture_on_commit_callbacks
):
    tea = product(shop1, price=1080, stock=5)
    group = place([(tea, 3)], CARD)
    intent = paid_at_stripe(group)
    with django_capture_on_commit_callbacks(execute=True):
        deliver(client, make_event("payment_intent.succeeded", intent))

    group.refresh_from_db()
    assert group.stripe_charge.startswith("ch_")
    charge = intent["latest_charge"]  # localstripe expands it; Stripe sends the id
    assert group.stripe_charge == (charge if isinstance(charge, str) else charge["id"])
    order = order_of(group, shop1)
    assert (order.payout_status, order.platform_fee) == (Order.PAYOUT_SENT, 202)
    sent = request_data(stripe_mock, "POST", "/v1/transfers")[-1]
    assert f"source_transaction:{group.stripe_charge}" in sent
    assert "amount:3838 " in sent

    # Refunded in Stripe's dashboard, reconciled by charge.refunded.
    before = requests_to(stripe_mock, "POST", reversals_path(order))
    refund_at_stripe(group.stripe_payment_intent, 1080, order=str(order.pk))
    with django_capture_on_commit_callbacks(execute=True):
        deliver(client, make_event("charge.refunded", charge_of(group.stripe_payment_intent)))

    assert requests_to(stripe_mock, "POST", reversals_path(order)) == before + 1
    data = request_data(stripe_mock, "POST", reversals_path(order))[-1]
    assert "amount:1026 " in data
    refund = Refund.objects.get(order=order)
    assert f"refund:{refund.pk}" in data
    assert refund.stripe_transfer_reversal.startswith("trr_")
    order.refresh_from_db()
    assert (order.refunded_amount, order.platform_fee) == (1080, 148)


@pytest.mark.django_db
def test_a_group_paid_before_its_charge_was_known_transfers_without_it(stripe_mock, shop1):
    group = place([(product(shop1), 1)], CARD)
    OrderGroup.objects.filter(pk=group.pk).update(status=OrderGroup.PAID)
    group.orders.update(status=Order.PAID)
    group.refresh_from_db()
    payouts.pay_out_group(group)
    assert order_of(group, shop1).payout_status == Order.PAYOUT_SENT
    assert "source_transaction" not in request_data(stripe_mock, "POST", "/v1/transfers")[-1]


# -- the owner's refund after the payout --------------------------------------------------


@pytest.mark.django_db
def test_owner_refunds_after_the_payout_reverse_the_shops_share_once(
    localstripe, stripe_mock, shop1, owner1, django_capture_on_commit_callbacks
):
    tea = product(shop1, price=1080, stock=5)
    order = paid_out(shop1, [(tea, 3)])  # 4040: 3838 transferred, fee 202
    path = reversals_path(order)
    before = requests_to(stripe_mock, "POST", path)

    with django_capture_on_commit_callbacks(execute=True):
        first = fulfilment.cancel(order, owner1, {order.lines.get().pk: 1})
    with django_capture_on_commit_callbacks(execute=True):
        rest = fulfilment.cancel(order, owner1)

    assert requests_to(stripe_mock, "POST", path) == before + 2
    amounts = [
        data.split("amount:")[1].split(" ")[0]
        for data in request_data(stripe_mock, "POST", path)[-2:]
    ]
    assert amounts == ["1026", "2812"]  # together: the whole transfer of 3838
    for result in (first, rest):
        result.refund.refresh_from_db()
        assert result.refund.stripe_refund.startswith("re_")  # the customer's money
        assert result.refund.stripe_transfer_reversal.startswith("trr_")
    order.refresh_from_db()
    assert (order.status, order.refunded_amount, order.platform_fee) == ("refunded", 4040, 0)

    # Again, and through the staff retry: no new request.
    payouts.reverse_for_refund(first.refund.pk)
    assert payouts.retry_reversals() == (0, 0)
    assert requests_to(stripe_mock, "POST", path) == before + 2
    order.refresh_from_db()
    assert order.platform_fee == 0


@pytest.mark.django_db
def test_a_refund_before_the_payout_needs_no_reversal(
    localstripe, stripe_mock, storefront1, owner1, django_capture_on_commit_callbacks
):
    shop = storefront1.business
    open_shop(shop)  # not connected: the payout is held
    tea = product(shop, price=1080, stock=5)
    group = pay_on_localstripe(place([(tea, 3)], CARD))
    payouts.pay_out_group(group)
    order = order_of(group, shop)
    assert order.payout_status == Order.PAYOUT_HELD
    with django_capture_on_commit_callbacks(execute=True):
        result = fulfilment.cancel(order, owner1, {order.lines.get().pk: 1})
    assert Refund.objects.get(pk=result.refund.pk).stripe_transfer_reversal == ""

    open_shop(shop, stripe_account_id="acct_1Later", payouts_enabled=True)
    assert payouts.retry_held() == (1, 0)
    order.refresh_from_db()
    assert (order.payout_status, order.platform_fee) == (Order.PAYOUT_SENT, 148)
    assert "amount:2812 " in request_data(stripe_mock, "POST", "/v1/transfers")[-1]
    assert requests_to(stripe_mock, "POST", reversals_path(order)) == 0
    assert not payouts.pending_reversals().exists()


# -- Stripe failing, and the staff retry ---------------------------------------------------


@pytest.mark.django_db
def test_a_failed_reversal_leaves_the_refund_and_staff_retry_it(
    localstripe,
    stripe_mock,
    settings,
    shop1,
    owner1,
    staff,
    caplog,
    django_capture_on_commit_callbacks,
):
    tea = product(shop1, price=1080, stock=5)
    order = paid_out(shop1, [(tea, 3)])
    path = reversals_path(order)
    settings.STRIPE_CONNECT_API_BASE = f"http://127.0.0.1:{services.free_port()}"  # closed

    with django_capture_on_commit_callbacks(execute=True):
        result = fulfilment.cancel(order, owner1, {order.lines.get().pk: 1})

    # The customer's refund stands; the reversal is pending.
    refund = Refund.objects.get(pk=result.refund.pk)
    assert refund.stripe_refund.startswith("re_")
    assert refund.stripe_transfer_reversal == Refund.REVERSAL_PENDING
    order.refresh_from_db()
    assert (order.refunded_amount, order.platform_fee) == (1080, 202)
    assert order.lines.get().cancelled_quantity == 1
    assert f"Transfer reversal for refund {refund.pk} of order {order.number} failed" in caplog.text
    assert list(payouts.pending_reversals()) == [refund]

    # Listed for staff, with what is to be taken back.
    login(client := Client(), staff)
    page = client.get(reverse("shop_payouts:held")).content.decode()
    assert f'data-pending-reversal="{refund.pk}"' in page
    assert order.number in page and "1,026" in page
    assert (
        "1 refund after a payout awaits"
        in client.get(reverse("shop_payouts:index")).content.decode()
    )

    # Still down: the retry keeps it pending.
    response = client.post(reverse("shop_payouts:retry_reversals"), {"refund": [refund.pk]})
    assert "Still pending: 1." in " ".join(messages_of(response))
    assert Refund.objects.get(pk=refund.pk).stripe_transfer_reversal == Refund.REVERSAL_PENDING

    # Stripe back: one reversal.
    settings.STRIPE_CONNECT_API_BASE = stripe_mock.url
    before = requests_to(stripe_mock, "POST", path)
    response = client.post(reverse("shop_payouts:retry_reversals"), {"refund": [refund.pk]})
    assert response.status_code == 302
    assert "Transfer reversals made: 1." in messages_of(response)
    assert requests_to(stripe_mock, "POST", path) == before + 1
    assert "amount:1026 " in request_data(stripe_mock, "POST", path)[-1]
    assert Refund.objects.get(pk=refund.pk).stripe_transfer_reversal.startswith("trr_")
    order.refresh_from_db()
    assert order.platform_fee == 148
    page = client.get(reverse("shop_payouts:held")).content.decode()
    assert "data-pending-reversal" not in page
    client.post(reverse("shop_payouts:retry_reversals"))
    assert requests_to(stripe_mock, "POST", path) == before + 1


@pytest.mark.django_db
def test_only_staff_retry_reversals_by_post_with_csrf(
    localstripe, stripe_mock, settings, shop1, owner1, staff, django_capture_on_commit_callbacks
):
    tea = product(shop1, price=1080, stock=5)
    order = paid_out(shop1, [(tea, 3)])
    settings.STRIPE_CONNECT_API_BASE = f"http://127.0.0.1:{services.free_port()}"
    with django_capture_on_commit_callbacks(execute=True):
        refund = fulfilment.cancel(order, owner1).refund
    settings.STRIPE_CONNECT_API_BASE = stripe_mock.url
    path = reversals_path(order)
    before = requests_to(stripe_mock, "POST", path)
    url = reverse("shop_payouts:retry_reversals")

    owner = login(Client(), owner1)
    assert_denied(owner.get(reverse("shop_payouts:held")))
    assert_denied(owner.post(url, {"refund": [refund.pk]}))
    ajax = {"x-requested-with": "XMLHttpRequest"}
    assert owner.post(url, headers=ajax).status_code == 403

    strict = login(Client(enforce_csrf_checks=True), staff)
    assert strict.get(url).status_code == 405
    assert strict.post(url).status_code == 403  # no CSRF token

    assert requests_to(stripe_mock, "POST", path) == before
    assert Refund.objects.get(pk=refund.pk).stripe_transfer_reversal == Refund.REVERSAL_PENDING


@pytest.mark.django_db
def test_the_pending_reversals_speak_japanese(shop1, owner1, staff):
    order = order_of(place([(product(shop1, price=1080), 3)], CARD), shop1)
    Order.objects.filter(pk=order.pk).update(
        status=Order.PAID,
        refunded_amount=1080,
        platform_fee=202,
        payout_status=Order.PAYOUT_SENT,
        stripe_transfer="tr_1Sent",
    )
    Refund.objects.create(
        order=order, amount=1080, stripe_refund="re_1", stripe_transfer_reversal="pending"
    )
    client = login(Client(), staff, language="ja")
    page = client.get(reverse("shop_payouts:held")).content.decode()
    assert "入金後の返金：送金の取り消しが未処理" in page
    assert "1,026" in page and "tr_1Sent" in page
    assert "reversals pending" not in page
