"""Event page: dates in the visitor's language, status, venue, schema.org Event JSON-LD."""

import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from tests.tourism.factories import make_attraction, make_event, translate

D = dt.date


def soon(days=10):
    return timezone.localdate() + dt.timedelta(days=days)


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


@pytest.mark.django_db
def test_japanese_and_english_dates_repeat_rule_and_exceptions(client):
    start = D(2027, 6, 5)  # a Saturday
    event = make_event(
        "朝市",
        start_date=start,
        repeat="weekly",
        repeat_weekdays=[5, 6],
        exceptions=[D(2027, 6, 12)],
    )
    english = translate(event, "en", title="Morning market")
    html = client.get(event.url).content.decode()
    assert "2027年6月5日(土) 10:00–15:00" in html
    assert "2027年6月6日(日) 10:00–15:00" in html  # next dates
    assert "2027年6月12日(土)</li>" in html  # not taking place
    html = client.get(english.url).content.decode()
    assert "Sat, 5 Jun 2027 10:00–15:00" in html
    assert "Every week on Saturday, Sunday" in html
    assert f'href="/en/visit/events/{english.slug}/ical/"' in html


@pytest.mark.django_db
def test_venue_links_to_its_page_in_the_visitors_language_else_japanese(client):
    hall = make_attraction("公会堂", postal_code="375-0000", street="鬼石1")
    event = make_event("演奏会", start_date=soon(), venue_page=hall)
    english = translate(event, "en", title="Concert")
    html = client.get(english.url).content.decode()
    assert f'href="/ja/visit/attractions/{hall.slug}/"' in html
    hall_en = translate(hall, "en", title="Town Hall")
    html = client.get(english.url).content.decode()
    assert f'<a href="{hall_en.url}">Town Hall</a>' in html
    place = json_ld(html)["location"]
    assert place["name"] == "Town Hall" and place["url"].endswith(hall_en.url)
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 36.2, "longitude": 139.06}
    assert place["address"]["postalCode"] == "375-0000"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status,schema,banner",
    [
        ("scheduled", "EventScheduled", None),
        ("cancelled", "EventCancelled", "This event has been cancelled."),
        ("postponed", "EventPostponed", "This event has been postponed."),
        ("rescheduled", "EventRescheduled", "This event has been rescheduled."),
    ],
)
def test_status_banner_and_event_status(client, status, schema, banner):
    event = make_event(start_date=soon(), status=status)
    english = translate(event, "en", title="Festival")
    html = client.get(english.url).content.decode()
    assert json_ld(html)["eventStatus"] == f"https://schema.org/{schema}"
    if banner:
        assert banner in html and 'role="status"' in html
    else:
        assert "notice--" not in html


@pytest.mark.django_db
def test_json_ld_shape(client):
    day = soon(20)
    event = make_event(
        "花火大会",
        start_date=day,
        start_time=dt.time(19, 30),
        end_time=dt.time(21),
        venue_name="河川敷",
        prefecture="群馬県",
        city="藤岡市",
        street="鬼石2",
        latitude="36.21",
        longitude="139.07",
        organiser="藤岡市観光協会",
        price=1500,
        booking_url="https://example.jp/book",
        booking_deadline=day - dt.timedelta(days=3),
    )
    data = json_ld(client.get(event.url).content.decode())
    assert data["@type"] == "Event" and data["name"] == "花火大会"
    assert data["startDate"] == f"{day.isoformat()}T19:30:00+09:00"
    assert data["endDate"] == f"{day.isoformat()}T21:00:00+09:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["name"] == "河川敷"
    assert data["location"]["address"]["addressLocality"] == "藤岡市"
    assert data["location"]["geo"]["latitude"] == 36.21
    assert data["organizer"] == {"@type": "Organization", "name": "藤岡市観光協会"}
    assert data["isAccessibleForFree"] is False
    assert data["offers"]["price"] == 1500 and data["offers"]["priceCurrency"] == "JPY"
    assert data["offers"]["url"] == "https://example.jp/book"
    assert data["offers"]["validThrough"].endswith("T23:59:00+09:00")
    assert "eventSchedule" not in data


@pytest.mark.django_db
def test_json_ld_schedule_of_a_repeating_event(client):
    start = D(2027, 6, 13)  # the 2nd Sunday
    event = make_event(
        "骨董市",
        start_date=start,
        repeat="monthly_weekday",
        repeat_until=D(2027, 12, 31),
        exceptions=[D(2027, 8, 8)],
        price=0,
    )
    data = json_ld(client.get(event.url).content.decode())
    assert data["isAccessibleForFree"] is True
    assert data["eventSchedule"] == {
        "@type": "Schedule",
        "repeatFrequency": "P1M",
        "startDate": "2027-06-13",
        "endDate": "2027-12-31",
        "startTime": "10:00:00",
        "endTime": "15:00:00",
        "scheduleTimezone": "Asia/Tokyo",
        "byDay": "https://schema.org/Sunday",
        "byMonthWeek": 2,
        "exceptDate": ["2027-08-08T10:00:00+09:00"],
    }
    weekly = make_event(
        start_date=D(2027, 6, 1), repeat="weekly", repeat_interval=2, repeat_weekdays=[1, 5]
    )
    schedule = json_ld(client.get(weekly.url).content.decode())["eventSchedule"]
    assert schedule["repeatFrequency"] == "P2W"
    assert schedule["byDay"] == ["https://schema.org/Tuesday", "https://schema.org/Saturday"]


@pytest.mark.django_db
def test_all_day_and_multi_day_dates(client):
    event = make_event(
        "菊まつり",
        start_date=D(2027, 11, 1),
        end_date=D(2027, 11, 23),
        start_time=None,
        end_time=None,
    )
    html = client.get(event.url).content.decode()
    assert "2027年11月1日(月)" in html and "11月23日(火)" in html
    english = translate(event, "en", title="Chrysanthemum festival")
    assert "Mon, 1 Nov 2027 – Tue, 23 Nov" in client.get(english.url).content.decode()
    data = json_ld(html)
    assert (data["startDate"], data["endDate"]) == ("2027-11-01", "2027-11-23")


@pytest.mark.django_db
def test_an_ended_event_says_so(client):
    event = make_event(start_date=timezone.localdate() - dt.timedelta(days=3))
    english = translate(event, "en", title="Past festival")
    assert "This event has ended." in client.get(english.url).content.decode()


@pytest.mark.django_db
def test_preview_shows_the_drafts_dates_not_the_live_ones(rf):
    from django.utils import translation

    from tourism.presenters.events import event_context

    event = make_event(start_date=D(2027, 6, 5))
    event.start_date = D(2027, 6, 19)
    request = rf.get("/")
    request.is_preview = True
    with translation.override("en"):
        context = event_context(event, request)
    assert context["next_dates"] == ["Sat, 19 Jun 2027 10:00–15:00"]
    assert [o.start.date() for o in event.occurrences.all()] == [D(2027, 6, 5)]
