"""Orders in the Wagtail admin through the real admin (Django test client):
who sees and changes what, the list's filters, search and CSV export, the
detail page's actions, packing slips, and query budgets."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from shop.models import Order, OrderGroup, Refund, Variant
from shop.services import fulfilment

from ..factories import make_user
from .orders import mark_card_paid, order_of, place, product


def url(name, *args):
    return reverse(f"shop_orders:{name}", args=args)


@pytest.fixture
def orders(shop1, shop2):
    """One card checkout from both shops (paid), and a bank transfer one from shop2."""
    tea = product(shop1, "ほうじ茶", price=1080)
    soba = product(shop2, "乾麺", price=550)
    paid = mark_card_paid(place([(tea, 2), (soba, 1)]))
    bank = place([(soba, 3)], OrderGroup.BANK_TRANSFER, customer=dict(CUSTOMER2))
    return {
        "mine": order_of(paid, shop1),
        "theirs": order_of(paid, shop2),
        "theirs_bank": order_of(bank, shop2),
        "tea": tea,
    }


CUSTOMER2 = {
    "name": '=HYPERLINK("http://evil")',
    "email": "hanako@example.com",
    "phone": "080-0000-0000",
    "postal_code": "100-0001",
    "prefecture": "東京都",
    "city": "千代田区",
    "street": "千代田1-1",
}


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


# -- permission matrix ------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner1", "owner2", "staff", "anonymous"])
def test_read_permission_matrix(who, orders, request):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for(user)
    mine = orders["mine"]
    pages = {
        "detail": url("detail", mine.pk),
        "receipt": url("receipt", mine.pk),
        "packing_slip": url("packing_slip", mine.pk),
    }
    expected = {"owner1": 200, "owner2": 404, "staff": 200, "anonymous": 302}[who]
    for name, address in pages.items():
        response = client.get(address)
        assert response.status_code == expected, (who, name)
        if expected == 302:
            assert "/admin/login/" in response["Location"]

    index = client.get(url("index"))
    export = client.get(url("index") + "?export=csv")
    if who == "anonymous":
        assert index.status_code == export.status_code == 302
        return
    assert index.status_code == export.status_code == 200
    numbers = [row[0] for row in csv_rows(export)[1:]]
    visible = {
        "owner1": {orders["mine"].number},
        "owner2": {orders["theirs"].number, orders["theirs_bank"].number},
        "staff": {o.number for k, o in orders.items() if k != "tea"},
    }[who]
    assert set(numbers) == visible
    for key in ("mine", "theirs", "theirs_bank"):
        assert (orders[key].number in index.content.decode()) == (orders[key].number in visible)


@pytest.mark.parametrize(
    "who,expected,location",
    [
        ("owner2", 404, None),
        # Wagtail turns PermissionDenied into a redirect home with a message.
        ("staff", 302, "/admin/"),
        ("anonymous", 302, "/admin/login/"),
    ],
)
def test_denied_posts_change_nothing(who, expected, location, orders, request):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for(user)
    mine = orders["mine"]
    line = mine.lines.get()
    posts = [
        (url("status", mine.pk), {"to": "preparing"}),
        (url("tracking", mine.pk), {"tracking_number": "X"}),
        (url("cancel", mine.pk), {"whole": "1"}),
        (url("cancel", mine.pk), {f"cancel-{line.pk}": "1"}),
    ]
    for address, data in posts:
        response = client.post(address, data)
        assert response.status_code == expected
        if location:
            assert response["Location"].startswith(location)
    mine.refresh_from_db()
    line.refresh_from_db()
    assert (mine.status, mine.tracking_number, mine.refunded_amount) == ("paid", "", 0)
    assert line.cancelled_quantity == 0
    assert Variant.objects.get(product=orders["tea"]).stock == 8
    assert not Refund.objects.exists()


def test_actions_need_post_and_csrf(orders, owner1):
    mine = orders["mine"]
    client = client_for(owner1)
    assert client.get(url("status", mine.pk)).status_code == 405
    assert client.get(url("cancel", mine.pk)).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner1)
    assert strict.post(url("status", mine.pk), {"to": "preparing"}).status_code == 403
    mine.refresh_from_db()
    assert mine.status == "paid"


def test_menu_shows_orders_to_owners_and_staff_only(orders, owner1, staff):
    for user in (owner1, staff):
        response = client_for(user).get(reverse("wagtailadmin_home"))
        assert url("index") in response.content.decode()
    outsider = make_user("outsider")
    response = client_for(outsider).get(url("index"))
    assert response.status_code in (302, 403)


# -- the detail page and its actions ------------------------------------------------------


def test_owner_walks_an_order_through_the_flow(
    orders, owner1, mailoutbox, django_capture_on_commit_callbacks
):
    mine = orders["mine"]
    client = client_for(owner1)
    page = client.get(url("detail", mine.pk)).content.decode()
    for text in (
        "観光 太郎",
        "taro@example.com",
        "090-1234-5678",
        "375-0024",
        "ほうじ茶",
        "¥2,160",
    ):
        assert text in page
    assert f'action="{url("status", mine.pk)}"' in page
    assert 'name="csrfmiddlewaretoken"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("status", mine.pk), {"to": "preparing"}, follow=True)
        assert response.redirect_chain[-1][0] == url("detail", mine.pk)
        response = client.post(
            url("status", mine.pk), {"to": "shipped", "tracking_number": "1234-5678"}, follow=True
        )
    mine.refresh_from_db()
    assert (mine.status, mine.tracking_number) == ("shipped", "1234-5678")
    page = response.content.decode()
    assert "1234-5678" in page
    # The history: two steps and the order itself.
    history = page[page.index('id="history-heading"') :]
    assert history.count("<li><time") == 3

    # An invalid step: refused with a message, nothing changes.
    response = client.post(url("status", mine.pk), {"to": "paid"}, follow=True)
    with translation.override("ja"):  # the admin's language
        expected = _("An order that is “%(from)s” cannot become “%(to)s”.") % {
            "from": _("Shipped"),
            "to": _("Paid"),
        }
    assert expected in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == "shipped"
    assert len(mailoutbox) == 2


def test_bank_transfer_confirmed_from_the_admin(orders, owner2):
    bank = orders["theirs_bank"]
    client = client_for(owner2)
    page = client.get(url("detail", bank.pk)).content.decode()
    assert 'value="paid"' in page
    client.post(url("status", bank.pk), {"to": "paid"})
    bank.refresh_from_db()
    assert bank.status == "paid"
    bank.group.refresh_from_db()
    assert bank.group.status == "paid"


def test_cancel_lines_from_the_admin(orders, owner2):
    bank = orders["theirs_bank"]
    line = bank.lines.get()
    client = client_for(owner2)
    response = client.post(
        url("cancel", bank.pk), {f"cancel-{line.pk}": "2", "reason": "在庫不足"}, follow=True
    )
    assert response.status_code == 200
    line.refresh_from_db()
    assert line.cancelled_quantity == 2
    bank.refresh_from_db()
    assert bank.status == "pending"
    assert fulfilment.amount_due(bank) == 550 + 800
    # Too many: refused with a message.
    response = client.post(url("cancel", bank.pk), {f"cancel-{line.pk}": "5"}, follow=True)
    with translation.override("ja"):
        expected = _("You can take back at most %(count)d of “%(item)s”.") % {
            "count": 1,
            "item": "乾麺",
        }
    assert expected in response.content.decode()
    line.refresh_from_db()
    assert line.cancelled_quantity == 2
    client.post(url("cancel", bank.pk), {"whole": "1"})
    bank.refresh_from_db()
    assert bank.status == "cancelled"


def test_staff_see_the_order_without_forms(orders, staff):
    page = client_for(staff).get(url("detail", orders["mine"].pk)).content.decode()
    assert "観光 太郎" in page
    assert url("status", orders["mine"].pk) not in page
    assert url("cancel", orders["mine"].pk) not in page


def test_packing_slip_lists_what_to_pack_without_prices(orders, owner1):
    mine = orders["mine"]
    page = client_for(owner1).get(url("packing_slip", mine.pk) + "?language=ja").content.decode()
    assert "ほうじ茶" in page and "375-0024" in page and mine.number in page
    assert "¥" not in page
    # The print layout is a stylesheet of its own (no inline styles under the CSP).
    assert "shop/css/receipt" in page
    english = client_for(owner1).get(url("packing_slip", mine.pk) + "?language=en")
    assert "ほうじ茶 (en)" in english.content.decode()
    assert 'lang="en"' in english.content.decode()


# -- list: filters, search, export ---------------------------------------------------------


def test_list_filters_and_search(orders, staff):
    client = client_for(staff)
    numbers = {k: o.number for k, o in orders.items() if k != "tea"}

    def listed(query):
        page = client.get(url("index") + query).content.decode()
        return {k for k, number in numbers.items() if number in page}

    assert listed("") == set(numbers)
    assert listed("?status=pending") == {"theirs_bank"}
    assert listed("?status=paid&status=pending") == set(numbers)
    assert listed("?payment_method=bank") == {"theirs_bank"}
    assert listed(f"?q={orders['mine'].number}") == {"mine"}
    assert listed(f"?q=MK-{orders['mine'].group_id:06d}") == {"mine", "theirs"}
    assert listed("?q=観光") == {"mine", "theirs"}
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    assert listed(f"?created_at_from={today}&created_at_to={today}") == set(numbers)
    assert listed(f"?created_at_from={tomorrow}") == set()
    Order.objects.filter(pk=orders["mine"].pk).update(
        created_at=timezone.now() - dt.timedelta(days=10)
    )
    assert listed(f"?created_at_from={today}") == {"theirs", "theirs_bank"}
    assert listed(f"?business={orders['mine'].business_id}") == {"mine"}


def test_csv_export_one_row_per_line_plus_shipping(orders, owner2):
    bank = orders["theirs_bank"]
    fulfilment.cancel(bank, owner2, {bank.lines.get().pk: 1})
    response = client_for(owner2).get(url("index") + "?export=csv&status=pending")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    heading, body = rows[0], rows[1:]
    assert len(heading) == 19
    assert [row[0] for row in body] == [bank.number, bank.number]  # the line, the shipping
    item, shipping = body
    amount = -1
    assert item[-6:] == ["乾麺", "8", "550", "3", "1", "1100"]
    assert shipping[-5:] == ["10", "800", "1", "0", "800"]
    assert sum(int(row[amount]) for row in body) == fulfilment.amount_due(bank)
    # A customer name that looks like a formula is kept as text.
    assert item[7].startswith("'=")


# -- query budgets -----------------------------------------------------------------------


def _queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
        assert response.status_code == 200
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    return len(captured)


def test_list_and_export_queries_do_not_grow_with_orders(
    shop1, owner1, django_assert_max_num_queries
):
    items = [product(shop1, f"商品{i}", price=100 + i, stock=100) for i in range(4)]
    client = client_for(owner1)
    mark_card_paid(place([(items[0], 1)]))
    client.get(url("index"))  # warm caches (content types, menu)
    small = _queries(client, url("index"))
    small_export = _queries(client, url("index") + "?export=csv")
    for n in range(15):
        mark_card_paid(place([(item, 1 + n % 3) for item in items]))
    large = _queries(client, url("index"))
    large_export = _queries(client, url("index") + "?export=csv")
    assert large == small
    assert large_export == small_export
    with django_assert_max_num_queries(small):
        client.get(url("index"))


def test_detail_queries_do_not_grow_with_lines_or_history(
    shop1, owner1, django_assert_max_num_queries
):
    client = client_for(owner1)
    few = order_of(mark_card_paid(place([(product(shop1, "一", stock=50), 1)])), shop1)
    items = [product(shop1, f"品{i}", price=100 + i, stock=50) for i in range(12)]
    many = order_of(mark_card_paid(place([(item, 2) for item in items])), shop1)
    for step in ("preparing", "shipped"):
        fulfilment.change_status(many, step, owner1, tracking_number="T-1")
    fulfilment.set_tracking_number(many, "T-2", owner1)
    client.get(url("detail", few.pk))
    small = _queries(client, url("detail", few.pk))
    large = _queries(client, url("detail", many.pk))
    assert large == small
    with django_assert_max_num_queries(small):
        client.get(url("detail", many.pk))
    for name in ("receipt", "packing_slip"):
        assert _queries(client, url(name, many.pk)) == _queries(client, url(name, few.pk))
