"""Payouts with Stripe Connect (shop/services/payouts.py, shop/admin_payouts.py),
against the official stripe-mock: it validates every request against Stripe's
OpenAPI spec, so a wrong parameter fails the test. It is stateless, so what
was sent is read from its request log."""

import re
import threading

import pytest
from django.contrib.messages import constants as message_levels
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from shop.models import Cart, Order, OrderGroup, ShopProfile
from shop.services import cart as carts
from shop.services import checkout, payouts

from .. import services
from ..factories import CUSTOMER, PASSWORD, make_product, make_shop_profile

# -- helpers -----------------------------------------------------------------------


def paid_group(*purchases, method=OrderGroup.CARD, paid=True):
    """A checkout buying one product (price) from each business, marked paid
    as the payment webhook would. Shipping is 800 yen per shop."""
    cart = Cart.objects.create()
    for business, price in purchases:
        if not hasattr(business, "shop"):
            make_shop_profile(business, accepts_pay_at_store=True)
        product = make_product(business, f"品 {price}", price=price, stock=5, pickup=True)
        carts.add(cart, product.variants.get(), 1)
    fulfilment = {}
    if method == OrderGroup.PAY_AT_STORE:
        fulfilment = {business.pk: Order.PICKUP for business, _price in purchases}
    group = checkout.place_order(
        cart,
        checkout.checkout_key(cart),
        checkout.Customer(**CUSTOMER),
        method,
        fulfilment,
    )
    if paid:
        OrderGroup.objects.filter(pk=group.pk).update(
            status=OrderGroup.PAID, paid_at=timezone.now()
        )
        group.orders.update(status=Order.PAID)
        group.refresh_from_db()
    return group


def connect(business, account="acct_1MachikadoShop", ready=True):
    profile = make_shop_profile(
        business, stripe_account_id=account, payouts_enabled=ready, accepts_pay_at_store=True
    )
    business.refresh_from_db()
    return profile


def requests_to(server, method, path):
    return services.stripe_mock_requests(server, method, path)


def request_data(server, method, path):
    """The parameters of each `method path` request, as stripe-mock logged
    them (Go's map syntax, e.g. "map[amount:1710 currency:jpy ...]")."""
    server.log.flush()
    with open(server.log.name, encoding="utf-8", errors="replace") as log:
        text = log.read()
    pattern = re.compile(
        rf"^Request: {re.escape(method)} {re.escape(path)}\n(?:.*\n)*?Request data: (.*)$",
        re.MULTILINE,
    )
    return pattern.findall(text)


def login(client, user, language="en"):
    """Sign in; Wagtail's admin speaks the user's preferred language (the
    tests read English unless they ask for Japanese)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def assert_denied(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the
    dashboard and an error message (a bare 403 for XHR requests)."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    levels = [m.level for m in get_messages(response.wsgi_request)]
    assert message_levels.ERROR in levels


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def shop1(storefront1):
    return storefront1.business


@pytest.fixture
def shop2(storefront2):
    return storefront2.business


# -- fee arithmetic -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "percent", "fee"),
    [
        (1000, 5, 50),
        (1999, 5, 99),  # 99.95 → rounded down: the shop keeps the fraction
        (19, 5, 0),
        (20, 5, 1),
        (1, 5, 0),
        (0, 5, 0),
        (1000, 3.6, 36),  # decimal arithmetic: no 35.999… from floats
        (3333, 3.6, 119),  # 119.988
        (2900, 0.1, 2),
        (1000, 0, 0),
        (1000, 100, 1000),
    ],
)
def test_platform_fee_is_rounded_down_to_the_yen(amount, percent, fee):
    assert payouts.platform_fee(amount, percent) == fee


@pytest.mark.parametrize(
    ("total", "refunded", "percent", "transfer", "fee"),
    [
        (1800, 0, 5, 1710, 90),
        (1800, 800, 5, 950, 50),
        (1999, 0, 5, 1900, 99),
        (1800, 1800, 5, 0, 0),
    ],
)
def test_transfer_is_total_less_refunds_less_fee(settings, total, refunded, percent, transfer, fee):
    settings.PLATFORM_FEE_PERCENT = percent
    order = Order(total=total, refunded_amount=refunded)
    assert payouts.payout_amounts(order) == (transfer, fee)


# -- transfers ------------------------------------------------------------------------


def test_one_transfer_per_shop_order_with_the_group_and_the_fee(
    stripe_mock, settings, shop1, shop2
):
    settings.PLATFORM_FEE_PERCENT = 5
    connect(shop1, "acct_1Shop1")
    connect(shop2, "acct_1Shop2")
    group = paid_group((shop1, 1000), (shop2, 2200))
    before = requests_to(stripe_mock, "POST", "/v1/transfers")

    payouts.pay_out_group(group)

    assert requests_to(stripe_mock, "POST", "/v1/transfers") == before + 2
    orders = {o.business_id: o for o in group.orders.all()}
    one, two = orders[shop1.pk], orders[shop2.pk]
    assert (one.total, one.platform_fee) == (1800, 90)
    assert (two.total, two.platform_fee) == (3000, 150)
    for order in (one, two):
        assert order.payout_status == Order.PAYOUT_SENT
        assert order.stripe_transfer.startswith("tr_")
    sent = request_data(stripe_mock, "POST", "/v1/transfers")[-2:]
    for data, (amount, account) in zip(
        sent, [(1710, "acct_1Shop1"), (2850, "acct_1Shop2")], strict=True
    ):
        assert f"amount:{amount} " in data
        assert "currency:jpy" in data
        assert f"destination:{account}" in data
        assert f"transfer_group:{group.transfer_group}" in data


def test_paying_out_again_makes_no_new_transfer(stripe_mock, shop1):
    connect(shop1)
    group = paid_group((shop1, 1000))
    payouts.pay_out_group(group)
    order = group.orders.get()
    first = Order.objects.get(pk=order.pk).stripe_transfer
    before = requests_to(stripe_mock, "POST", "/v1/transfers")

    payouts.pay_out_group(group)
    payouts.pay_out_order(order.pk)

    assert requests_to(stripe_mock, "POST", "/v1/transfers") == before
    assert Order.objects.get(pk=order.pk).stripe_transfer == first


def test_orders_of_shops_without_a_ready_account_are_held(stripe_mock, settings, shop1, shop2):
    settings.PLATFORM_FEE_PERCENT = 5
    connect(shop2, ready=False)  # onboarding not finished
    group = paid_group((shop1, 1000), (shop2, 2200))  # shop1: no account at all
    before = requests_to(stripe_mock, "POST", "/v1/transfers")

    payouts.pay_out_group(group)

    assert requests_to(stripe_mock, "POST", "/v1/transfers") == before
    for order in group.orders.all():
        assert order.payout_status == Order.PAYOUT_HELD
        assert order.stripe_transfer == ""
    assert sorted(group.orders.values_list("platform_fee", flat=True)) == [90, 150]
    assert set(payouts.held_orders()) == set(group.orders.all())


def test_without_connect_configured_card_orders_are_held(settings, shop1):
    settings.STRIPE_SECRET_KEY = "sk_test_machikado"
    settings.STRIPE_CONNECT_API_BASE = ""  # the demo without stripe-mock
    connect(shop1)
    group = paid_group((shop1, 1000))
    payouts.pay_out_group(group)
    assert group.orders.get().payout_status == Order.PAYOUT_HELD


@pytest.mark.parametrize(
    ("method", "paid"),
    [(OrderGroup.CARD, False), (OrderGroup.PAY_AT_STORE, True)],
)
def test_unpaid_or_offline_checkouts_are_not_paid_out(stripe_mock, shop1, method, paid):
    connect(shop1)
    group = paid_group((shop1, 1000), method=method, paid=paid)
    before = requests_to(stripe_mock, "POST", "/v1/transfers")
    assert payouts.pay_out_group(group) == []
    assert payouts.pay_out_order(group.orders.get().pk).payout_status == Order.PAYOUT_NONE
    assert requests_to(stripe_mock, "POST", "/v1/transfers") == before


def test_a_fully_refunded_order_needs_no_transfer(stripe_mock, shop1):
    connect(shop1)
    group = paid_group((shop1, 1000))
    group.orders.update(refunded_amount=1800, status=Order.REFUNDED)
    before = requests_to(stripe_mock, "POST", "/v1/transfers")
    payouts.pay_out_group(group)
    order = group.orders.get()
    assert (order.payout_status, order.platform_fee) == (Order.PAYOUT_NONE, 0)
    assert requests_to(stripe_mock, "POST", "/v1/transfers") == before


def test_a_stripe_error_is_logged_and_leaves_the_order_held(stripe_mock, settings, shop1, caplog):
    connect(shop1)
    group = paid_group((shop1, 1000))
    # Stripe unreachable: nothing listens on this port.
    settings.STRIPE_CONNECT_API_BASE = f"http://127.0.0.1:{services.free_port()}"

    payouts.pay_out_group(group)  # does not raise

    order = group.orders.get()
    assert order.payout_status == Order.PAYOUT_HELD
    assert order.stripe_transfer == ""
    assert f"Transfer for order {order.number} failed" in caplog.text


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_payouts_make_one_transfer_per_order(stripe_mock, storefront1):
    shop = storefront1.business
    connect(shop)
    group = paid_group((shop, 1000))
    before = requests_to(stripe_mock, "POST", "/v1/transfers")
    barrier = threading.Barrier(6)
    errors = []

    def deliver():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            payouts.pay_out_group(OrderGroup.objects.get(pk=group.pk))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert requests_to(stripe_mock, "POST", "/v1/transfers") == before + 1
    assert group.orders.get().payout_status == Order.PAYOUT_SENT


# -- connected accounts ---------------------------------------------------------------


def test_account_is_created_once_as_express_in_japan(stripe_mock, shop1):
    make_shop_profile(shop1)
    before = requests_to(stripe_mock, "POST", "/v1/accounts")

    profile = payouts.ensure_account(shop1, site_url="https://machikado.example.jp/")
    again = payouts.ensure_account(shop1, site_url="https://machikado.example.jp/")

    assert requests_to(stripe_mock, "POST", "/v1/accounts") == before + 1
    assert profile.stripe_account_id.startswith("acct_")
    assert again.stripe_account_id == profile.stripe_account_id
    assert profile.payouts_enabled is False  # onboarding has not happened
    data = request_data(stripe_mock, "POST", "/v1/accounts")[-1]
    assert "type:express" in data
    assert "country:JP" in data
    assert "card_payments:map[requested:true]" in data
    assert "transfers:map[requested:true]" in data
    assert f"name:{shop1.name}" in data
    assert "support_email:shop@example.jp" in data
    assert "url:https://machikado.example.jp/ja/shops/" in data
    assert (
        f"specified_commercial_transactions_act_url:https://machikado.example.jp/ja/shop/{shop1.pk}/legal/"
        in data
    )
    assert f"business:{shop1.pk}" in data


def test_a_development_address_is_not_sent_to_stripe(stripe_mock, shop1):
    make_shop_profile(shop1)
    payouts.ensure_account(shop1, site_url="http://127.0.0.1:8000/")
    data = request_data(stripe_mock, "POST", "/v1/accounts")[-1]
    assert "127.0.0.1" not in data


def test_account_updated_records_whether_the_account_can_be_paid(shop1):
    connect(shop1, "acct_1Updated", ready=False)
    ready = {"id": "acct_1Updated", "payouts_enabled": True, "charges_enabled": True}
    assert payouts.account_updated(ready).payouts_enabled is True
    assert ShopProfile.objects.get(business=shop1).payouts_enabled is True
    payouts.account_updated({**ready, "payouts_enabled": False})
    assert ShopProfile.objects.get(business=shop1).payouts_enabled is False
    payouts.account_updated({**ready, "charges_enabled": False})
    assert ShopProfile.objects.get(business=shop1).payouts_enabled is False
    assert payouts.account_updated({**ready, "id": "acct_1Unknown"}) is None


def test_refresh_reads_the_account_from_stripe(stripe_mock, shop1):
    # stripe-mock's account fixture has payouts and charges disabled
    connect(shop1, "acct_1Refreshed", ready=True)
    profile = payouts.refresh_account(ShopProfile.objects.get(business=shop1))
    assert profile.payouts_enabled is False
    assert requests_to(stripe_mock, "GET", "/v1/accounts/acct_1Refreshed") >= 1


# -- admin: owners ----------------------------------------------------------------------


def test_owner_onboarding_creates_the_account_and_a_link_back_to_the_admin(
    stripe_mock, settings, client, owner1, shop1
):
    settings.WAGTAILADMIN_BASE_URL = "https://machikado.example.jp"  # BASE_URL
    make_shop_profile(shop1)
    login(client, owner1)
    index = client.get(reverse("shop_payouts:index"))
    assert index.status_code == 302
    assert index["Location"] == reverse("shop_payouts:business", args=[shop1.pk])
    page = client.get(index["Location"])
    assert page.status_code == 200
    assert 'data-payout-status="none"' in page.content.decode()
    links_before = requests_to(stripe_mock, "POST", "/v1/account_links")

    response = client.post(reverse("shop_payouts:onboard", args=[shop1.pk]))

    # stripe-mock is an emulator: its link is shown instead of followed
    assert response.status_code == 200
    profile = ShopProfile.objects.get(business=shop1)
    assert profile.stripe_account_id.startswith("acct_")
    assert requests_to(stripe_mock, "POST", "/v1/account_links") == links_before + 1
    data = request_data(stripe_mock, "POST", "/v1/account_links")[-1]
    assert f"account:{profile.stripe_account_id}" in data
    assert "type:account_onboarding" in data
    assert f"refresh_url:http://testserver/admin/payouts/{shop1.pk}/refresh/" in data
    assert f"return_url:http://testserver/admin/payouts/{shop1.pk}/return/" in data
    assert "https://" in response.context["onboarding_url"]
    account = request_data(stripe_mock, "POST", "/v1/accounts")[-1]
    assert (
        f"specified_commercial_transactions_act_url:https://machikado.example.jp/ja/shop/{shop1.pk}/legal/"
        in account
    )


def test_returning_from_stripe_refreshes_the_status(stripe_mock, client, owner1, shop1):
    connect(shop1, "acct_1Returning", ready=True)
    login(client, owner1)
    response = client.get(reverse("shop_payouts:return", args=[shop1.pk]))
    assert response.status_code == 302
    assert ShopProfile.objects.get(business=shop1).payouts_enabled is False
    assert any("still needs" in m for m in messages_of(response))
    page = client.get(response["Location"])
    assert 'data-payout-status="incomplete"' in page.content.decode()


def test_expired_link_changes_nothing(stripe_mock, client, owner1, shop1):
    make_shop_profile(shop1)
    login(client, owner1)
    before = requests_to(stripe_mock, "POST", "/v1/accounts")
    response = client.get(reverse("shop_payouts:refresh", args=[shop1.pk]))
    assert response.status_code == 302
    assert requests_to(stripe_mock, "POST", "/v1/accounts") == before
    assert ShopProfile.objects.get(business=shop1).stripe_account_id == ""


def test_owner_sees_their_card_orders_payouts(stripe_mock, client, owner1, shop1, shop2):
    connect(shop1)
    group = paid_group((shop1, 1000), (shop2, 2200))
    payouts.pay_out_group(group)
    mine = group.orders.get(business=shop1)
    theirs = group.orders.get(business=shop2)
    login(client, owner1)
    page = client.get(reverse("shop_payouts:business", args=[shop1.pk])).content.decode()
    assert mine.number in page
    assert mine.stripe_transfer in page
    assert theirs.number not in page


# -- permissions --------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(client, shop1):
    for url in [
        reverse("shop_payouts:index"),
        reverse("shop_payouts:business", args=[shop1.pk]),
        reverse("shop_payouts:held"),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    response = client.post(reverse("shop_payouts:onboard", args=[shop1.pk]))
    assert response.status_code == 302
    assert ShopProfile.objects.filter(business=shop1, stripe_account_id__gt="").count() == 0


def test_an_owner_cannot_see_or_touch_another_business(stripe_mock, client, owner2, shop1, shop2):
    connect(shop1, "acct_1Shop1", ready=True)
    login(client, owner2)
    accounts_before = requests_to(stripe_mock, "POST", "/v1/accounts")
    links_before = requests_to(stripe_mock, "POST", "/v1/account_links")

    assert client.get(reverse("shop_payouts:business", args=[shop1.pk])).status_code == 404
    assert client.post(reverse("shop_payouts:onboard", args=[shop1.pk])).status_code == 404
    assert client.get(reverse("shop_payouts:return", args=[shop1.pk])).status_code == 404
    assert client.get(reverse("shop_payouts:refresh", args=[shop1.pk])).status_code == 404

    assert requests_to(stripe_mock, "POST", "/v1/accounts") == accounts_before
    assert requests_to(stripe_mock, "POST", "/v1/account_links") == links_before
    profile = ShopProfile.objects.get(business=shop1)
    assert (profile.stripe_account_id, profile.payouts_enabled) == ("acct_1Shop1", True)
    # their own page works, and lists only their business
    assert client.get(reverse("shop_payouts:index"))["Location"] == reverse(
        "shop_payouts:business", args=[shop2.pk]
    )


def test_held_payouts_and_retry_are_for_staff_only(stripe_mock, client, owner1, shop1):
    group = paid_group((shop1, 1000))
    payouts.pay_out_group(group)
    connect(shop1)  # connected since, but only staff release held payouts
    login(client, owner1)
    transfers_before = requests_to(stripe_mock, "POST", "/v1/transfers")

    assert_denied(client.get(reverse("shop_payouts:held")))
    assert_denied(client.post(reverse("shop_payouts:retry")))
    ajax = {"x-requested-with": "XMLHttpRequest"}
    assert client.post(reverse("shop_payouts:retry"), headers=ajax).status_code == 403

    assert group.orders.get().payout_status == Order.PAYOUT_HELD
    assert requests_to(stripe_mock, "POST", "/v1/transfers") == transfers_before


def test_retry_needs_post_and_the_csrf_token(stripe_mock, staff, shop1):
    group = paid_group((shop1, 1000))
    payouts.pay_out_group(group)
    connect(shop1)
    client = login(Client(enforce_csrf_checks=True), staff)
    assert client.get(reverse("shop_payouts:retry")).status_code == 405
    assert client.post(reverse("shop_payouts:retry")).status_code == 403
    assert group.orders.get().payout_status == Order.PAYOUT_HELD


# -- admin: staff -------------------------------------------------------------------------


def test_staff_retry_sends_the_payouts_of_shops_that_have_connected(
    stripe_mock, client, staff, shop1, shop2
):
    group = paid_group((shop1, 1000), (shop2, 2200))
    payouts.pay_out_group(group)  # neither shop connected: both held
    connect(shop1, "acct_1Later", ready=True)  # e.g. account.updated arrived
    connect(shop2, "acct_1StillOnboarding", ready=False)
    login(client, staff)

    held_page = client.get(reverse("shop_payouts:held"))
    assert held_page.status_code == 200
    for order in group.orders.all():
        assert order.number in held_page.content.decode()
    index = client.get(reverse("shop_payouts:index"))
    assert index.status_code == 200
    assert shop1.name in index.content.decode() and shop2.name in index.content.decode()
    before = requests_to(stripe_mock, "POST", "/v1/transfers")

    response = client.post(reverse("shop_payouts:retry"))

    assert response.status_code == 302
    assert requests_to(stripe_mock, "POST", "/v1/transfers") == before + 1
    # the account still onboarding was asked anew (stripe-mock: still not ready)
    assert requests_to(stripe_mock, "GET", "/v1/accounts/acct_1StillOnboarding") >= 1
    one = group.orders.get(business=shop1)
    two = group.orders.get(business=shop2)
    assert one.payout_status == Order.PAYOUT_SENT and one.stripe_transfer.startswith("tr_")
    assert two.payout_status == Order.PAYOUT_HELD
    assert "Payouts sent: 1." in messages_of(response)
    data = request_data(stripe_mock, "POST", "/v1/transfers")[-1]
    assert "destination:acct_1Later" in data


def test_staff_retry_of_one_order(stripe_mock, client, staff, shop1):
    first = paid_group((shop1, 1000))
    second = paid_group((shop1, 500))
    payouts.pay_out_group(first)
    payouts.pay_out_group(second)
    connect(shop1)
    login(client, staff)
    order = first.orders.get()
    client.post(reverse("shop_payouts:retry"), {"order": [order.pk]})
    assert Order.objects.get(pk=order.pk).payout_status == Order.PAYOUT_SENT
    assert second.orders.get().payout_status == Order.PAYOUT_HELD


def test_the_admin_menu_shows_payouts_to_owners(client, owner1, shop1):
    login(client, owner1)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("shop_payouts:index") in page


def test_an_onboarded_owner_opens_their_stripe_dashboard(stripe_mock, client, owner1, shop1):
    connect(shop1, "acct_1Dashboard", ready=True)
    login(client, owner1)
    page = client.get(reverse("shop_payouts:business", args=[shop1.pk])).content.decode()
    assert reverse("shop_payouts:dashboard", args=[shop1.pk]) in page
    before = requests_to(stripe_mock, "POST", "/v1/accounts/acct_1Dashboard/login_links")
    response = client.post(reverse("shop_payouts:dashboard", args=[shop1.pk]))
    assert response.status_code == 200  # emulator: the link is shown, not followed
    assert "/express/" in response.context["onboarding_url"]
    assert (
        requests_to(stripe_mock, "POST", "/v1/accounts/acct_1Dashboard/login_links") == before + 1
    )


def test_no_dashboard_link_before_onboarding_or_for_others(
    stripe_mock, client, owner1, owner2, shop1, shop2
):
    connect(shop1, "acct_1NotYet", ready=False)
    connect(shop2, "acct_1Other", ready=True)
    login(client, owner1)
    assert client.get(reverse("shop_payouts:dashboard", args=[shop1.pk])).status_code == 405
    response = client.post(reverse("shop_payouts:dashboard", args=[shop1.pk]))
    assert response.status_code == 302
    assert client.post(reverse("shop_payouts:dashboard", args=[shop2.pk])).status_code == 404
    assert requests_to(stripe_mock, "POST", "/v1/accounts/acct_1NotYet/login_links") == 0
    assert requests_to(stripe_mock, "POST", "/v1/accounts/acct_1Other/login_links") == 0


def test_the_payouts_page_speaks_japanese(client, owner1, shop1):
    make_shop_profile(shop1)
    login(client, owner1, language="ja")
    page = client.get(reverse("shop_payouts:business", args=[shop1.pk])).content.decode()
    assert "売上の入金" in page
    assert "未接続" in page
    assert "Not connected" not in page
