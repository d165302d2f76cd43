"""Commerce figures against hand-computed orders (see data.commerce_orders)."""

import datetime as dt

import pytest

from machikado.console.period import Period
from machikado.console.reports import commerce

from .data import Shops, commerce_orders

PERIOD = Period(dt.date(2026, 3, 1), dt.date(2026, 4, 30))


@pytest.fixture
def shops(db):
    shops = Shops()
    commerce_orders(shops)
    return shops


def test_summary_counts_paid_orders_only_with_money_received(shops):
    # O1 2,800 + O8 1,800 + O2 1,800 (refunded) + O3 1,000 (one cake cancelled before payment)
    assert commerce.summary(PERIOD) == {
        "orders": 4,
        "gross": 7400,
        "refunds": 1800,
        "net": 5600,
        "average": 1850,
    }


def test_growth_against_the_same_dates_last_year(shops):
    growth = commerce.growth(PERIOD)
    assert growth["last_year"] == Period(dt.date(2025, 3, 1), dt.date(2025, 4, 30))
    # O6 2,800 (1,000 refunded) + O7 1,000
    assert growth["previous"] == {
        "orders": 2, "gross": 3800, "refunds": 1000, "net": 2800, "average": 1900,
    }  # fmt: skip
    assert growth["change"] == {
        "orders": 100.0,  # (4 − 2) / 2
        "gross": 94.7,  # (7400 − 3800) / 3800 = 94.74
        "refunds": 80.0,
        "net": 100.0,  # (5600 − 2800) / 2800
        "average": -2.6,  # (1850 − 1900) / 1900 = −2.63
    }


def test_by_month_in_japan_time_with_empty_months(shops):
    period = Period(dt.date(2026, 2, 1), dt.date(2026, 5, 31))
    rows = commerce.by_month(period)
    assert [r["month"] for r in rows] == [dt.date(2026, m, 1) for m in (2, 3, 4, 5)]
    # February: O9 (23:30 JST on the 28th); O8 at 00:30 JST on 1 March is March's
    feb, mar, apr, may = rows
    assert (feb["orders"], feb["gross"]) == (1, 1800)
    assert mar == {
        "month": dt.date(2026, 3, 1), "orders": 2, "gross": 4600, "refunds": 0,
        "net": 4600, "average": 2300,
    }  # fmt: skip
    assert apr == {
        "month": dt.date(2026, 4, 1), "orders": 2, "gross": 2800, "refunds": 1800,
        "net": 1000, "average": 1400,
    }  # fmt: skip
    assert may == {
        "month": dt.date(2026, 5, 1), "orders": 0, "gross": 0, "refunds": 0,
        "net": 0, "average": None,
    }  # fmt: skip


def test_by_month_with_last_year(shops):
    rows = commerce.by_month_with_last_year(PERIOD)
    assert [(r["gross"], r["gross_last_year"], r["change"]) for r in rows] == [
        (4600, 1000, 360.0),  # March: O7 a year earlier
        (2800, 2800, 0.0),  # April: O6 a year earlier
    ]
    assert [(r["orders"], r["orders_last_year"]) for r in rows] == [(2, 1), (2, 1)]


def test_by_area_category_and_business(shops):
    area_rows = commerce.by_area(PERIOD)
    assert [(r["area"], r["orders"], r["gross"], r["refunds"], r["net"]) for r in area_rows] == [
        ("鬼石", 3, 6400, 1800, 4600),
        ("藤岡", 1, 1000, 0, 1000),
    ]
    category_rows = commerce.by_category(PERIOD)
    assert [(r["category"], r["gross"]) for r in category_rows] == [
        ("飲食店", 6400),
        ("カフェ", 1000),
    ]
    business_rows = commerce.by_business(PERIOD)
    assert [(r["business"], r["orders"], r["gross"], r["average"]) for r in business_rows] == [
        ("喫茶まちかど", 3, 6400, 2133),
        ("藤岡ケーキ", 1, 1000, 1000),
    ]


def test_area_filter_and_labels_in_english(shops, settings):
    from django.utils import translation

    key = shops.onishi.translation_key
    assert commerce.summary(PERIOD, key)["gross"] == 6400
    growth = commerce.growth(PERIOD, key)
    assert growth["previous"]["gross"] == 2800  # O6 only
    assert growth["change"]["gross"] == 128.6  # (6400 − 2800) / 2800 = 128.57
    with translation.override("en"):
        assert [r["area"] for r in commerce.by_area(PERIOD, key)] == ["Onishi"]


def test_query_count_does_not_grow_with_orders(shops):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def run():
        with CaptureQueriesContext(connection) as queries:
            commerce.summary(PERIOD)
            commerce.growth(PERIOD)
            commerce.by_month_with_last_year(PERIOD)
            commerce.by_area(PERIOD)
            commerce.by_category(PERIOD)
            commerce.by_business(PERIOD)
        return len(queries)

    before = run()
    for day in range(1, 21):
        shops.card(shops.tea, 1, dt.datetime(2026, 3, day, 12, tzinfo=dt.UTC))
        shops.store(shops.cake, 1, dt.datetime(2026, 4, day, 12, tzinfo=dt.UTC))
    assert commerce.summary(PERIOD)["orders"] == 44
    assert run() == before
