"""Business figures against hand-built storefronts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from machikado.console.period import Period
from machikado.console.reports import businesses
from tests.factories import category, make_storefront

from .data import NOW, Shops, at, credit_card, set_published

PERIOD = Period(dt.date(2026, 3, 1), dt.date(2026, 4, 30))


@pytest.fixture
def world(db):
    """A (shop1, 鬼石, restaurant): sells online, cards online; first published
    2026-03-05, last 2026-05-01.
    B (shop2, 藤岡, cafe): sells online, no online cards, "Credit cards" in the
    shop; ja first published 2026-04-10, en 2026-03-31 → online in March; last
    published 2026-10-01 (en).
    C (鬼石, restaurant): a draft, not online.
    D (鬼石, restaurant): no shop, cash only; first and last published 2025-12-01."""
    shops = Shops()
    a, b = shops.page1, shops.page2
    b_en = b.get_translation(_en())
    set_published(a, first=at(2026, 3, 5), last=at(2026, 5, 1))
    set_published(a.get_translation(_en()), first=at(2026, 3, 6), last=at(2026, 5, 1))
    set_published(b, first=at(2026, 4, 10), last=at(2026, 4, 1))
    set_published(b_en, first=at(2026, 3, 31), last=at(2026, 10, 1))
    b.payment_methods.set([credit_card()])
    b.save()
    make_storefront("下書き食堂", area=shops.onishi, publish=False)
    d = make_storefront("鬼石食堂", area=shops.onishi, category=category("restaurant"))
    for page in (d, d.get_translation(_en())):
        set_published(page, first=at(2025, 12, 1), last=at(2025, 12, 1))
    shops.d = d
    return shops


def _en():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


def test_online_now_counts_businesses_once(world):
    assert businesses.online_now() == 3  # A, B, D (C is a draft); two languages each
    assert businesses.online_now(world.onishi.translation_key) == 2


def test_new_per_month_uses_the_first_publication_of_any_language(world):
    rows = businesses.new_per_month(PERIOD)
    assert rows == [
        {"month": dt.date(2026, 3, 1), "count": 2},  # A on 5 March, B's English page on 31 March
        {"month": dt.date(2026, 4, 1), "count": 0},
    ]
    rows = businesses.new_per_month(Period(dt.date(2025, 12, 1), dt.date(2025, 12, 31)))
    assert rows == [{"month": dt.date(2025, 12, 1), "count": 1}]  # D
    onishi = businesses.new_per_month(PERIOD, world.onishi.translation_key)
    assert [r["count"] for r in onishi] == [1, 0]


def test_by_category_and_area(world):
    assert businesses.by_category() == [
        {"category": "飲食店", "count": 2},
        {"category": "カフェ", "count": 1},
    ]
    assert businesses.by_area() == [{"area": "鬼石", "count": 2}, {"area": "藤岡", "count": 1}]


def test_selling_online_and_cards(world):
    figures = businesses.selling()
    assert figures == {
        "online": 3,
        "sells_online": 2,  # A and B have published products
        "cards_in_store": 1,  # B lists credit cards
        "cards_online": 1,  # A's shop accepts cards
        "takes_cards": 2,
        "sells_online_share": 66.7,
        "cards_in_store_share": 33.3,
        "cards_online_share": 33.3,
        "takes_cards_share": 66.7,
    }


def test_stale_storefronts_by_latest_publication(world):
    rows = businesses.stale_storefronts(6, now=NOW)  # cut-off 2026-05-28
    assert [(r["business"], r["days"]) for r in rows] == [
        ("鬼石食堂", 362),  # 2025-12-01 → 2026-11-28
        ("喫茶まちかど", 211),  # 2026-05-01 → 2026-11-28
    ]
    assert rows[1]["page_id"] == world.page1.pk  # the Japanese page, for the edit link
    assert businesses.stale_storefronts(12, now=NOW) == []
    assert [
        r["business"] for r in businesses.stale_storefronts(6, world.onishi.translation_key, NOW)
    ] == [
        "鬼石食堂",
        "喫茶まちかど",
    ]
    assert businesses.stale_storefronts(6, world.fujioka.translation_key, NOW) == []


def test_queries_do_not_grow_with_businesses(world):
    def run():
        with CaptureQueriesContext(connection) as queries:
            businesses.online_now()
            businesses.new_per_month(PERIOD)
            businesses.by_category()
            businesses.by_area()
            businesses.selling()
            businesses.stale_storefronts(6, now=NOW)
        return len(queries)

    before = run()
    for n in range(5):
        make_storefront(f"追加{n}", area=world.fujioka)
    assert businesses.online_now() == 8
    assert run() == before
