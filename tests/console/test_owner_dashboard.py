"""The owners' dashboard on the admin home: their own figures only."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from businesses.services.owner_access import add_member
from machikado import owners
from machikado.console.period import TOKYO, add_months
from machikado.models import PageViewCount
from shop.models import Order, OrderGroup

from ..factories import make_user
from ..shop.orders import mark_card_paid, open_shop, place, product

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate(timezone=timezone.get_default_timezone())
THIS_MONTH = TODAY.replace(day=1)
TWO_MONTHS_AGO = add_months(THIS_MONTH, -2)
THIRTEEN_MONTHS_AGO = add_months(THIS_MONTH, -13)


def placed_in(group, month: dt.date):
    """Date a group's orders in a month (the 10th, noon in Tokyo)."""
    moment = dt.datetime.combine(month.replace(day=10), dt.time(12), TOKYO)
    group.orders.update(created_at=moment)


def views(page_or_id, kind, day, language, count):
    object_id = getattr(page_or_id, "pk", page_or_id)
    PageViewCount.objects.create(
        day=day, kind=kind, object_id=object_id, language=language, views=count
    )


@pytest.fixture
def shops(storefront1, storefront2):
    """Two businesses with orders and page views (figures in the tests below).

    Business 1 (owner1; shipping fee 800):
      - card, ほうじ茶 ×2 (1,000) = 2,800, paid, this month
      - card, 煎茶 ×1 (1,500) = 2,300, paid, two months ago
      - bank transfer, ほうじ茶 ×1 = 1,800, pending (not a sale)
      - card, 煎茶 ×2 = 3,800, cancelled (not a sale)
      - card, ほうじ茶 ×5 = 5,800, paid thirteen months ago (outside the twelve months)
      views: storefront ja 5 + en 3 this month, ja 4 two months ago, 50 thirteen
      months ago (outside); ほうじ茶's page 7 this month.
    Business 2 (owner2): card, 地酒 ×1 (5,000) = 5,800 paid this month; storefront 100 views.
    """
    business1, business2 = storefront1.business, storefront2.business
    open_shop(business1)
    open_shop(business2)
    tea = product(business1, "ほうじ茶", price=1000, stock=50)
    sencha = product(business1, "煎茶", price=1500, stock=50)
    sake = product(business2, "地酒", price=5000, stock=50)

    mark_card_paid(place([(tea, 2)]))
    old = mark_card_paid(place([(sencha, 1)]))
    placed_in(old, TWO_MONTHS_AGO)
    place([(tea, 1)], OrderGroup.BANK_TRANSFER)
    cancelled = place([(sencha, 2)])
    cancelled.orders.update(status=Order.CANCELLED)
    older = mark_card_paid(place([(tea, 5)]))
    placed_in(older, THIRTEEN_MONTHS_AGO)
    mark_card_paid(place([(sake, 1)]))

    english = storefront1.get_translation(Locale.objects.get(language_code="en"))
    views(storefront1, "shop", TODAY, "ja", 5)
    views(english, "shop", TODAY, "en", 3)
    views(storefront1, "shop", TWO_MONTHS_AGO, "ja", 4)
    views(storefront1, "shop", THIRTEEN_MONTHS_AGO, "ja", 50)
    views(tea, "product", TODAY, "ko", 7)
    views(storefront2, "shop", TODAY, "ja", 100)
    views(sake, "product", TODAY, "ja", 40)
    return business1, business2


def month_row(rows, month):
    return next(row for row in rows if row["month"] == month)


def test_figures_of_one_owner_hand_computed(shops, owner1):
    business1, _business2 = shops
    [figures] = owners.figures_for(owner1, TODAY)
    assert figures.business == business1
    assert {row["status"]: row["orders"] for row in figures.status_counts} == {
        "paid": 3,
        "pending": 1,
        "cancelled": 1,
    }
    assert figures.orders == 5
    assert [order.total for order in figures.recent_orders][:1] == [3800]  # newest first
    assert sorted(order.total for order in figures.recent_orders) == [1800, 2300, 2800, 3800, 5800]

    assert len(figures.months) == 12
    assert figures.months[0]["month"] == add_months(THIS_MONTH, -11)
    assert month_row(figures.months, THIS_MONTH) == {
        "month": THIS_MONTH,
        "orders": 1,
        "gross": 2800,
        "refunds": 0,
        "net": 2800,
    }
    assert month_row(figures.months, TWO_MONTHS_AGO)["gross"] == 2300
    assert figures.gross == 5100
    assert figures.paid_orders == 2

    assert figures.top_products == [
        {"title": "ほうじ茶", "quantity": 2, "sales": 2000},
        {"title": "煎茶", "quantity": 1, "sales": 1500},
    ]

    assert month_row(figures.views, THIS_MONTH) == {
        "month": THIS_MONTH,
        "storefront": 8,
        "products": 7,
    }
    assert month_row(figures.views, TWO_MONTHS_AGO)["storefront"] == 4
    assert figures.storefront_views == 12
    assert figures.product_views == 7


def test_each_owner_sees_only_their_own_numbers(shops, owner1, owner2):
    _business1, business2 = shops
    [figures] = owners.figures_for(owner2, TODAY)
    assert figures.business == business2
    assert figures.orders == 1
    assert figures.gross == 5800
    assert figures.top_products == [{"title": "地酒", "quantity": 1, "sales": 5000}]
    assert figures.storefront_views == 100
    assert figures.product_views == 40

    [mine] = owners.figures_for(owner1, TODAY)
    assert mine.gross == 5100 and mine.storefront_views == 12


def test_an_owner_of_two_businesses_sees_both_apart(shops):
    business1, business2 = shops
    both = make_user("both")
    add_member(business1, both)
    add_member(business2, both)
    figures = {item.business: item for item in owners.figures_for(both, TODAY)}
    assert set(figures) == {business1, business2}
    assert figures[business1].gross == 5100
    assert figures[business2].gross == 5800
    assert figures[business1].storefront_views == 12
    assert figures[business2].storefront_views == 100
    assert [o.business_id for o in figures[business2].recent_orders] == [business2.pk]


def test_no_figures_for_people_outside_businesses(shops, staff):
    assert owners.figures_for(staff, TODAY) == []
    assert owners.figures_for(make_user("visitor"), TODAY) == []


def test_queries_do_not_grow_with_orders(shops, owner1, django_assert_num_queries):
    business1, _business2 = shops
    with django_assert_num_queries(7):
        owners.figures_for(owner1, TODAY)
    tea = business1.products.get(title="ほうじ茶")
    for _ in range(15):
        mark_card_paid(place([(tea, 1)]))
    with django_assert_num_queries(7):
        [figures] = owners.figures_for(owner1, TODAY)
    assert figures.gross == 5100 + 15 * 1800
    assert len(figures.recent_orders) == owners.RECENT_ORDERS


# -- on the admin home ------------------------------------------------------------


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def table(soup, table_id):
    rows = []
    for tr in soup.find(id=table_id).find("tbody").find_all("tr"):
        rows.append([cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])])
    return rows


def test_owner_home_shows_their_tables_and_charts(client, shops, owner1):
    business1, business2 = shops
    soup = dashboard(client, owner1)
    panel = soup.find(id="owner-dashboard-section")
    assert panel is not None
    text = panel.get_text(" ", strip=True)
    assert business1.name in text and business2.name not in text
    assert "地酒" not in text

    base = f"owner-{business1.pk}"
    sales = table(soup, f"{base}-sales")
    assert len(sales) == 12
    assert sales[-1] == [f"{THIS_MONTH:%Y-%m}", "1", "¥2,800", "¥0"]
    assert [f"{TWO_MONTHS_AGO:%Y-%m}", "1", "¥2,300", "¥0"] in sales
    assert table(soup, f"{base}-products") == [["ほうじ茶", "2", "¥2,000"], ["煎茶", "1", "¥1,500"]]
    assert table(soup, f"{base}-views")[-1] == [f"{THIS_MONTH:%Y-%m}", "8", "7"]
    statuses = dict(tuple(row) for row in table(soup, f"{base}-statuses"))
    assert sum(int(n) for n in statuses.values()) == 5
    assert len(table(soup, f"{base}-recent")) == 5

    charts = panel.find_all("svg", class_="console-chart")
    assert len(charts) == 3  # sales, products, views
    for svg in charts:
        assert svg["role"] == "img"
        labelled = svg["aria-labelledby"].split()
        assert all(panel.find(id=ident) for ident in labelled)
    assert soup.find(id="city-console-link-section") is None


def test_staff_home_has_no_owner_figures_but_a_console_link(client, shops, staff):
    soup = dashboard(client, staff)
    assert soup.find(id="owner-dashboard-section") is None
    link = soup.find(id="city-console-link-section")
    assert link is not None
    assert link.select_one("a.button")["href"] == "/admin/city/"
    assert "5,800" not in soup.get_text()


def test_owner_home_queries_do_not_grow_with_orders(client, shops, owner1):
    business1, _business2 = shops
    client.force_login(owner1)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as before:
        client.get("/admin/")
    tea = business1.products.get(title="ほうじ茶")
    for _ in range(12):
        mark_card_paid(place([(tea, 1)]))
    with CaptureQueriesContext(connection) as after:
        client.get("/admin/")
    assert len(after) == len(before)
