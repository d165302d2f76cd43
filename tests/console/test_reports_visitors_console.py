"""The console's visitors report, from hand-written page-view counters."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from machikado.console.period import Period
from machikado.console.reports import visitors
from machikado.models import PageViewCount
from tests.factories import make_area, make_storefront
from tests.shop.orders import product
from tests.tourism.factories import make_attraction

PERIOD = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 3))


def count(day, kind, object_id, language, views):
    PageViewCount.objects.create(
        day=day, kind=kind, object_id=object_id, language=language, views=views
    )


@pytest.fixture
def views(db):
    onishi = make_area("鬼石", "onishi", "Onishi")
    fujioka = make_area("藤岡", "fujioka", "Fujioka")
    shop = make_storefront("鬼石の店", area=onishi)
    temple = make_attraction("藤岡の寺", area=fujioka)
    tea = product(shop.business, "ほうじ茶")
    d1, d2, d3 = PERIOD.days()
    count(d1, "shop", shop.pk, "ja", 10)
    count(d1, "shop", shop.pk, "en", 4)
    count(d2, "attraction", temple.pk, "en", 7)
    count(d2, "product", tea.pk, "ko", 2)
    count(d3, "search", 0, "ja", 5)
    count(dt.date(2026, 10, 31), "shop", shop.pk, "ja", 100)  # before the period
    return {"shop": shop, "temple": temple, "tea": tea, "onishi": onishi, "fujioka": fujioka}


def test_per_day_with_zero_days(views):
    period = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 4))
    assert [(r["day"].day, r["views"]) for r in visitors.per_day(period)] == [
        (1, 14),
        (2, 9),
        (3, 5),
        (4, 0),
    ]


def test_per_kind_with_shares(views):
    rows = visitors.per_kind(PERIOD)
    assert [(r["kind"], r["views"], r["share"]) for r in rows] == [
        ("shop", 14, 50.0),
        ("attraction", 7, 25.0),
        ("search", 5, 17.9),
        ("product", 2, 7.1),
    ]


def test_top_pages_with_titles(views):
    rows = visitors.top_pages(PERIOD)
    assert [(r["kind"], r["title"], r["views"]) for r in rows] == [
        ("shop", "鬼石の店", 14),
        ("attraction", "藤岡の寺", 7),
        ("search", str(dict(PageViewCount.KIND_CHOICES)["search"]), 5),
        ("product", "ほうじ茶", 2),
    ]


def test_languages(views):
    with translation.override("en"):
        rows = visitors.languages(PERIOD)
    assert [(r["language"], r["label"], r["views"], r["share"]) for r in rows] == [
        ("ja", "Japanese", 15, 53.6),
        ("en", "English", 11, 39.3),
        ("ko", "Korean", 2, 7.1),
    ]


def test_area_filter_keeps_pages_and_products_of_the_area(views):
    onishi = views["onishi"].translation_key
    # the storefront and its product are in 鬼石; the temple is not; search has no area
    assert [(r["kind"], r["views"]) for r in visitors.per_kind(PERIOD, onishi)] == [
        ("shop", 14),
        ("product", 2),
    ]
    fujioka = views["fujioka"].translation_key
    assert sum(r["views"] for r in visitors.per_day(PERIOD, fujioka)) == 7


def test_queries_do_not_grow_with_counters(views):
    def run():
        with CaptureQueriesContext(connection) as queries:
            visitors.per_day(PERIOD, views["onishi"].translation_key)
            visitors.per_kind(PERIOD)
            visitors.top_pages(PERIOD)
            visitors.languages(PERIOD)
        return len(queries)

    before = run()
    shop = views["shop"]
    PageViewCount.objects.bulk_create(
        PageViewCount(day=day, kind="shop", object_id=shop.pk + n, language=lang, views=n)
        for day in PERIOD.days()
        for n in range(1, 40)
        for lang in ("ja", "en", "zh-hans")
    )
    # At most as many: titles take one query per kind among the top pages
    # (here the product drops out of the top twenty).
    assert before == 6
    assert run() <= before
