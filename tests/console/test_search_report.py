"""Search analytics against hand-made logs and clicks."""

import datetime as dt

import pytest

from machikado.console.period import Period
from machikado.console.reports import search
from search.models import SearchClick, SearchLog

from .data import at

PERIOD = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def log(query, results, when):
    entry = SearchLog.objects.create(query=query, language="ja", results=results)
    SearchLog.objects.filter(pk=entry.pk).update(created_at=when)
    return entry


def click(entry, kind, position):
    return SearchClick.objects.create(search=entry, kind=kind, position=position)


@pytest.fixture
def logs(db):
    onsen1 = log("温泉", 5, at(2026, 11, 2))
    onsen2 = log("温泉", 3, at(2026, 11, 3))
    log("温泉", 4, at(2026, 11, 4))
    log("そば", 0, at(2026, 11, 5))
    log("そば", 0, at(2026, 11, 30, 23, 59))
    cafe = log("cafe", 2, at(2026, 11, 6))
    old = log("温泉", 1, at(2026, 10, 31, 23, 59))  # before the period
    click(onsen1, "attraction", 1)
    click(onsen1, "shop", 3)
    click(onsen2, "attraction", 2)
    click(cafe, "shop", 1)
    click(old, "event", 1)


def test_totals(logs):
    assert search.totals(PERIOD) == {
        "searches": 6,
        "no_result": 2,
        "with_click": 3,
        "no_result_share": 33.3,
        "click_through": 50.0,
    }


def test_top_queries(logs):
    assert search.top_queries(PERIOD) == [
        {"query": "温泉", "searches": 3, "average_results": 4.0, "clicks": 3},
        {"query": "そば", "searches": 2, "average_results": 0.0, "clicks": 0},
        {"query": "cafe", "searches": 1, "average_results": 2.0, "clicks": 1},
    ]
    assert len(search.top_queries(PERIOD, limit=1)) == 1


def test_no_results(logs):
    rows = search.no_results(PERIOD)
    assert [(r["query"], r["searches"]) for r in rows] == [("そば", 2)]
    assert rows[0]["last"] == at(2026, 11, 30, 23, 59)


def test_clicks_by_kind(logs):
    assert search.clicks_by_kind(PERIOD) == [
        {
            "kind": "attraction",
            "clicks": 2,
            "searches": 2,
            "average_position": 1.5,
            "click_through": 33.3,
        },
        {
            "kind": "shop",
            "clicks": 2,
            "searches": 2,
            "average_position": 2.0,
            "click_through": 33.3,
        },
    ]


def test_empty_period(logs):
    empty = Period(dt.date(2020, 1, 1), dt.date(2020, 1, 31))
    assert search.totals(empty)["click_through"] is None
    assert search.top_queries(empty) == search.clicks_by_kind(empty) == []
