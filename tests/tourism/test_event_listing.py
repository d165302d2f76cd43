"""Event listing and month calendar: filters, Tokyo date boundaries, past events, queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from tests.tourism.factories import listing, make_event
from tourism.presenters.event_listing import calendar_context, date_range, listing_context
from tourism.recurrence import TOKYO

D = dt.date
SAT, SUN, MON = D(2026, 12, 5), D(2026, 12, 6), D(2026, 12, 7)


@pytest.mark.parametrize(
    "when,today,expected",
    [
        ("today", MON, (MON, D(2026, 12, 8))),
        ("weekend", D(2026, 12, 2), (SAT, MON)),  # Wednesday: the coming weekend
        ("weekend", SAT, (SAT, MON)),
        ("weekend", SUN, (SUN, MON)),  # Sunday: what is left of it
        ("month", D(2026, 12, 20), (D(2026, 12, 20), D(2027, 1, 1))),
        ("", MON, (None, None)),
    ],
)
def test_named_date_ranges(when, today, expected):
    assert date_range(when, today) == expected


def at(day, hour, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), TOKYO)


def get(path="/", **params):
    return RequestFactory().get(path, params)


def titles(groups):
    return [row.event.title for group in groups for row in group.items]


@pytest.mark.django_db
def test_filters_by_dates_category_area_and_price(area):
    index = listing("events")
    make_event("土曜の市", start_date=SAT, category="market", price=0)
    make_event("月曜の展示", start_date=MON, category="exhibition", area=area, price=500)
    make_event("来月の祭り", start_date=D(2027, 1, 10))
    now = at(D(2026, 12, 2), 9)

    def shown(**params):
        return titles(listing_context(index, get(**params), now=now)["groups"])

    assert shown() == ["土曜の市", "月曜の展示", "来月の祭り"]
    assert shown(when="weekend") == ["土曜の市"]
    assert shown(when="month") == ["土曜の市", "月曜の展示"]
    assert shown(start="2026-12-06", end="2027-01-10") == ["月曜の展示", "来月の祭り"]
    assert shown(category="exhibition") == ["月曜の展示"]
    assert shown(area=area.slug) == ["月曜の展示"]
    assert shown(free="on") == ["土曜の市"]


@pytest.mark.django_db
def test_listing_groups_by_tokyo_date_and_past_events_leave_by_themselves():
    index = listing("events")
    make_event("朝市", start_date=SAT, start_time=dt.time(6), end_time=dt.time(9))
    make_event("夜祭り", start_date=SAT, start_time=dt.time(18), end_time=dt.time(21))
    make_event("翌日", start_date=SUN, start_time=None, end_time=None)

    with translation.override("ja"):
        before = listing_context(index, get(), now=at(SAT, 5))
    assert [g.day for g in before["groups"]] == [SAT, SUN]
    assert titles(before["groups"]) == ["朝市", "夜祭り", "翌日"]
    assert before["groups"][0].label == "2026年12月5日(土)"
    assert titles(listing_context(index, get(), now=at(SAT, 10))["groups"]) == ["夜祭り", "翌日"]
    assert titles(listing_context(index, get(), now=at(SUN, 23, 59))["groups"]) == ["翌日"]
    assert titles(listing_context(index, get(), now=at(MON, 0))["groups"]) == []


@pytest.mark.django_db
def test_calendar_months_are_tokyo_months():
    """23:30 JST on 30 Nov is November; 00:30 JST on 1 Dec is December (15:30 UTC on 30 Nov)."""
    index = listing("events")
    late = make_event("深夜", start_date=D(2026, 11, 30), start_time=dt.time(23, 30), end_time=None)
    early = make_event("未明", start_date=D(2026, 12, 1), start_time=dt.time(0, 30), end_time=None)
    assert early.occurrences.get().start.astimezone(dt.UTC) == dt.datetime(
        2026, 11, 30, 15, 30, tzinfo=dt.UTC
    )
    now = at(D(2026, 11, 1), 9)

    def days_with_events(month):
        context = calendar_context(index, get(), 2026, month, now=now)
        return {
            day.day: [row.event.title for row in day.items]
            for week in context["weeks"]
            for day in week
            if day.items
        }

    assert days_with_events(11) == {D(2026, 11, 30): [late.title]}
    assert days_with_events(12) == {D(2026, 12, 1): [early.title]}


@pytest.mark.django_db
def test_calendar_lists_a_multi_day_event_on_each_day_and_marks_today():
    index = listing("events")
    make_event("三日間", start_date=SAT, end_date=MON)
    context = calendar_context(index, get(), 2026, 12, now=at(SUN, 12))
    days = {day.day: day for week in context["weeks"] for day in week}
    assert [d for d, day in days.items() if day.items] == [SUN, MON]  # Saturday is past
    assert days[SUN].is_today and not days[MON].is_today
    assert context["previous"] is None  # November is over
    assert context["next"] == D(2027, 1, 1)


@pytest.mark.django_db
def test_calendar_page_is_a_table_with_today_marked(client):
    today = timezone.localdate()
    make_event("今日の催し", start_date=today, start_time=dt.time(23, 58), end_time=dt.time(23, 59))
    response = client.get(f"/ja/visit/events/calendar/{today.year}/{today.month}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<caption>" in html and html.count('<th scope="col">') == 7
    assert 'aria-current="date"' in html
    assert "今日の催し" in html
    assert client.get("/ja/visit/events/calendar/2026/13/").status_code == 404
    assert client.get(f"/ja/visit/events/calendar/{today.year + 9}/1/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["when=someday", "start=not-a-date", "start=2027-01-10&end=2027-01-01", "area=nowhere"],
)
def test_invalid_filters_show_an_error_not_a_500(client, query):
    make_event("祭り", start_date=timezone.localdate() + dt.timedelta(days=3))
    response = client.get(f"/en/visit/events/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="field__error"' in html and 'aria-invalid="true"' in html
    calendar = client.get(f"/en/visit/events/calendar/?{query}")
    assert calendar.status_code == 200


@pytest.mark.django_db
def test_listing_paginates_with_the_filters_in_the_links(client):
    day = timezone.localdate() + dt.timedelta(days=5)
    make_event("毎日", start_date=day, repeat="daily", repeat_until=day + dt.timedelta(days=24))
    html = client.get("/ja/visit/events/?category=festival").content.decode()
    assert 'href="?category=festival&amp;page=2"' in html
    second = client.get("/ja/visit/events/?category=festival&page=2").content.decode()
    assert second.count('<li class="event-item') == 5


def _add_events(count, start, area):
    for n in range(count):
        make_event(start_date=start + dt.timedelta(days=n % 20), area=area if n % 2 else None)


@pytest.mark.django_db
def test_listing_and_calendar_queries_do_not_grow(client, django_assert_max_num_queries, area):
    start = timezone.localdate() + dt.timedelta(days=32)
    urls = ["/ja/visit/events/", f"/ja/visit/events/calendar/{start.year}/{start.month}/"]

    def queries():
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    _add_events(3, start, area)
    queries()  # warm the site and locale caches
    with_3 = queries()
    _add_events(27, start, area)
    assert queries() == with_3
    for url in urls:
        with django_assert_max_num_queries(20):
            client.get(url)
