"""iCal feeds parse back with icalendar, and their rules expand to the stored occurrences."""

import datetime as dt

import pytest
from dateutil import rrule as du
from django.utils import timezone
from icalendar import Calendar

from tests.tourism.factories import make_event, translate
from tourism.recurrence import TOKYO

D = dt.date


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def expand(vevent, until):
    """The VEVENT's start datetimes up to ``until`` (RRULE minus EXDATE)."""
    start = vevent.decoded("dtstart")
    if "rrule" not in vevent:
        return [start]
    rule = du.rrulestr(vevent["rrule"].to_ical().decode(), dtstart=start)
    excluded = set()
    exdate = vevent.get("exdate")
    for prop in exdate if isinstance(exdate, list) else [exdate] if exdate else []:
        excluded.update(d.dt for d in prop.dts)
    return [d for d in rule.between(start, until, inc=True) if d not in excluded]


@pytest.mark.django_db
def test_feed_of_a_language_parses_back_with_the_same_dates(client):
    first = timezone.localdate() + dt.timedelta(days=3)
    weekly = make_event(
        "朝市",
        start_date=first,
        repeat="weekly",
        repeat_interval=2,
        repeat_weekdays=[first.weekday(), (first.weekday() + 3) % 7],
        repeat_until=first + dt.timedelta(days=90),
        exceptions=[first + dt.timedelta(days=14)],
        venue_name="駅前広場",
        city="藤岡市",
        street="中央1",
        latitude="36.25",
        longitude="139.07",
    )
    single = make_event("花火", start_date=first + dt.timedelta(days=5), status="cancelled")
    make_event(
        "菊まつり",
        start_date=first,
        end_date=first + dt.timedelta(days=2),
        start_time=None,
        end_time=None,
    )
    make_event("終わった", start_date=timezone.localdate() - dt.timedelta(days=2))
    translate(single, "en", title="Fireworks")

    calendar = parse(client.get("/ja/visit/events/ical/"))
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    events = vevents(calendar)
    assert set(events) == {"朝市", "花火", "菊まつり"}  # Japanese only, nothing ended

    market = events["朝市"]
    until = dt.datetime.combine(first + dt.timedelta(days=120), dt.time(0), TOKYO)
    stored = [o.start for o in weekly.occurrences.all()]
    assert expand(market, until) == stored
    assert market.decoded("dtstart").tzinfo.key == "Asia/Tokyo"
    assert market.decoded("dtend") - market.decoded("dtstart") == dt.timedelta(hours=5)
    assert str(market["location"]) == "駅前広場, 藤岡市中央1"
    assert (market["geo"].latitude, market["geo"].longitude) == (36.25, 139.07)
    assert str(market["url"]).endswith(weekly.url)
    assert str(market["status"]) == "CONFIRMED"
    assert "dtstamp" in market
    assert str(market["uid"]) == f"{weekly.translation_key}-ja@machikado"

    assert str(events["花火"]["status"]) == "CANCELLED"
    festival = events["菊まつり"]
    assert festival.decoded("dtstart") == first
    assert festival.decoded("dtend") == first + dt.timedelta(days=3)  # exclusive

    english = vevents(parse(client.get("/en/visit/events/ical/")))
    assert set(english) == {"Fireworks"}


@pytest.mark.django_db
def test_one_event_ics_and_a_stable_uid(client):
    event = make_event(
        "骨董市",
        start_date=D(2027, 6, 13),
        repeat="monthly_weekday",
        exceptions=[D(2027, 8, 8)],
    )
    calendar = parse(client.get(event.url + "ical/"))
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["rrule"].to_ical() == b"FREQ=MONTHLY;BYDAY=2SU;WKST=MO"
    stored = [o.start for o in event.occurrences.all()]  # up to the storage horizon
    assert len(stored) >= 6
    assert expand(vevent, max(stored)) == stored
    assert dt.datetime(2027, 8, 8, 10, tzinfo=TOKYO) not in stored
    event.summary = "毎月第2日曜。"
    event.save_revision().publish()
    again = parse(client.get(event.url + "ical/")).walk("VEVENT")[0]
    assert again["uid"] == vevent["uid"]


@pytest.mark.django_db
def test_feed_queries_do_not_grow_with_the_events(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.tourism.factories import make_attraction

    hall = make_attraction("公会堂")
    first = timezone.localdate() + dt.timedelta(days=3)

    def add(count):
        for _ in range(count):
            make_event(start_date=first, exceptions=[first], repeat="daily", venue_page=hall)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            parse(client.get("/ja/visit/events/ical/"))
        return len(captured)

    add(3)
    queries()
    with_3 = queries()
    add(27)
    assert queries() == with_3
