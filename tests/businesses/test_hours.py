"""Opening hours: Japanese public holidays, holiday rules, overnight periods,
special days, temporary closure, and "open now" in Asia/Tokyo.

The pure logic (businesses.hours) is tested with tables; the storefront page
and the admin forms are tested against the database and the real admin."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import jpholiday
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.test.utils.form_data import querydict_from_html

from businesses.hours import (
    HOLIDAYS_AS_USUAL,
    HOLIDAYS_CLOSED,
    HOLIDAYS_OWN_HOURS,
    PUBLIC_HOLIDAY,
    Period,
    Schedule,
    SpecialDay,
)
from businesses.models import BusinessPage, OpeningPeriod, SpecialOpeningDay
from businesses.presenters import storefront_context

TOKYO = ZoneInfo("Asia/Tokyo")
UTC = dt.UTC
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def t(text):
    return dt.time.fromisoformat(text)


def at(text):
    """A Tokyo wall-clock time: at("2026-01-12 10:00")."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=TOKYO)


def d(text):
    return dt.date.fromisoformat(text)


def periods(*rows):
    return [Period(weekday, t(opens), t(closes)) for weekday, opens, closes in rows]


# A café: Monday to Saturday 10:00-18:00, closed on Sundays.
CAFE = periods(*[(day, "10:00", "18:00") for day in (MON, TUE, WED, THU, FRI, SAT)])
# A bar: Friday 18:00-02:00, Sunday and Monday 20:00-03:00 (past midnight).
BAR = periods((FRI, "18:00", "02:00"), (SUN, "20:00", "03:00"), (MON, "20:00", "03:00"))


# -- the calendar -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [
        ("2026-01-12", "成人の日"),  # second Monday of January
        ("2026-05-03", "憲法記念日"),  # a Sunday
        ("2026-05-04", "みどりの日"),
        ("2026-05-05", "こどもの日"),
        ("2026-05-06", "憲法記念日 振替休日"),  # substitute for 5/3 (Sunday)
        ("2025-11-24", "勤労感謝の日 振替休日"),  # substitute for 11/23 (Sunday)
        ("2026-09-22", "国民の休日"),  # between 敬老の日 and 秋分の日
    ],
)
def test_japanese_public_holidays_come_from_jpholiday(day, name):
    assert jpholiday.is_holiday_name(d(day)) == name
    assert Schedule().is_public_holiday(d(day))


@pytest.mark.parametrize("day", ["2026-01-05", "2026-01-13", "2026-05-07", "2026-05-02"])
def test_ordinary_days_are_not_holidays(day):
    assert not Schedule().is_public_holiday(d(day))


# -- the table ------------------------------------------------------------------

OWN_HOLIDAY_HOURS = CAFE + periods((PUBLIC_HOLIDAY, "12:00", "16:00"))

CASES = [
    # (why, schedule keyword arguments, Tokyo time, open?)
    # Weekly hours: opening is inclusive, closing exclusive.
    ("ordinary Monday before opening", dict(periods=CAFE), "2026-01-05 09:59:59", False),
    ("ordinary Monday at opening", dict(periods=CAFE), "2026-01-05 10:00", True),
    ("ordinary Monday just before closing", dict(periods=CAFE), "2026-01-05 17:59:59", True),
    ("ordinary Monday at closing", dict(periods=CAFE), "2026-01-05 18:00", False),
    ("Sunday without periods", dict(periods=CAFE), "2026-01-11 12:00", False),
    # Holiday rule "as usual": 成人の日 is a Monday like any other.
    (
        "成人の日 as usual",
        dict(periods=CAFE, holiday_rule=HOLIDAYS_AS_USUAL),
        "2026-01-12 12:00",
        True,
    ),
    (
        "holiday periods ignored when as usual",
        dict(periods=OWN_HOLIDAY_HOURS),
        "2026-01-12 11:00",
        True,
    ),
    # Holiday rule "closed".
    (
        "成人の日 closed",
        dict(periods=CAFE, holiday_rule=HOLIDAYS_CLOSED),
        "2026-01-12 12:00",
        False,
    ),
    (
        "day after 成人の日",
        dict(periods=CAFE, holiday_rule=HOLIDAYS_CLOSED),
        "2026-01-13 12:00",
        True,
    ),
    (
        "GW みどりの日 closed",
        dict(periods=CAFE, holiday_rule=HOLIDAYS_CLOSED),
        "2026-05-04 12:00",
        False,
    ),
    (
        "GW こどもの日 closed",
        dict(periods=CAFE, holiday_rule=HOLIDAYS_CLOSED),
        "2026-05-05 12:00",
        False,
    ),
    (
        "GW 振替休日 (Wed) closed",
        dict(periods=CAFE, holiday_rule=HOLIDAYS_CLOSED),
        "2026-05-06 12:00",
        False,
    ),
    (
        "Thursday after GW open",
        dict(periods=CAFE, holiday_rule=HOLIDAYS_CLOSED),
        "2026-05-07 12:00",
        True,
    ),
    (
        "振替休日 2025-11-24 closed",
        dict(periods=CAFE, holiday_rule=HOLIDAYS_CLOSED),
        "2025-11-24 12:00",
        False,
    ),
    (
        "国民の休日 closed",
        dict(periods=CAFE, holiday_rule=HOLIDAYS_CLOSED),
        "2026-09-22 12:00",
        False,
    ),
    # Holiday rule "own hours": the periods with weekday 7 (12:00-16:00).
    (
        "own hours: before",
        dict(periods=OWN_HOLIDAY_HOURS, holiday_rule=HOLIDAYS_OWN_HOURS),
        "2026-01-12 11:00",
        False,
    ),
    (
        "own hours: opens",
        dict(periods=OWN_HOLIDAY_HOURS, holiday_rule=HOLIDAYS_OWN_HOURS),
        "2026-01-12 12:00",
        True,
    ),
    (
        "own hours: closes",
        dict(periods=OWN_HOLIDAY_HOURS, holiday_rule=HOLIDAYS_OWN_HOURS),
        "2026-01-12 16:00",
        False,
    ),
    (
        "own hours on a Sunday holiday",
        dict(periods=OWN_HOLIDAY_HOURS, holiday_rule=HOLIDAYS_OWN_HOURS),
        "2026-05-03 13:00",
        True,
    ),
    (
        "own hours on 振替休日",
        dict(periods=OWN_HOLIDAY_HOURS, holiday_rule=HOLIDAYS_OWN_HOURS),
        "2026-05-06 17:00",
        False,
    ),
    (
        "own hours, ordinary day",
        dict(periods=OWN_HOLIDAY_HOURS, holiday_rule=HOLIDAYS_OWN_HOURS),
        "2026-05-07 17:00",
        True,
    ),
    (
        "own hours but none given",
        dict(periods=CAFE, holiday_rule=HOLIDAYS_OWN_HOURS),
        "2026-01-12 12:00",
        False,
    ),
    # Overnight: Friday 18:00-02:00.
    ("Friday before the bar opens", dict(periods=BAR), "2026-01-09 17:59", False),
    ("Friday as the bar opens", dict(periods=BAR), "2026-01-09 18:00", True),
    ("Friday before midnight", dict(periods=BAR), "2026-01-09 23:59:59", True),
    ("Saturday at midnight", dict(periods=BAR), "2026-01-10 00:00", True),
    ("Saturday 01:59", dict(periods=BAR), "2026-01-10 01:59", True),
    ("Saturday 01:59:59.999", dict(periods=BAR), "2026-01-10 01:59:59.999999", True),
    ("Saturday 02:00", dict(periods=BAR), "2026-01-10 02:00", False),
    ("Saturday evening (no period)", dict(periods=BAR), "2026-01-10 20:00", False),
    ("Friday 01:00 (Thursday has no period)", dict(periods=BAR), "2026-01-09 01:00", False),
    # Overnight on the day before a holiday: Sunday 1/11 20:00-03:00, then 成人の日.
    (
        "Sunday night before 成人の日, closed rule",
        dict(periods=BAR, holiday_rule=HOLIDAYS_CLOSED),
        "2026-01-12 02:30",
        True,
    ),
    (
        "Sunday night ends on the holiday",
        dict(periods=BAR, holiday_rule=HOLIDAYS_CLOSED),
        "2026-01-12 03:00",
        False,
    ),
    (
        "Monday-night period dropped on 成人の日",
        dict(periods=BAR, holiday_rule=HOLIDAYS_CLOSED),
        "2026-01-12 21:00",
        False,
    ),
    (
        "...so nothing runs into Tuesday",
        dict(periods=BAR, holiday_rule=HOLIDAYS_CLOSED),
        "2026-01-13 01:00",
        False,
    ),
    ("as usual the Monday night runs into Tuesday", dict(periods=BAR), "2026-01-13 01:00", True),
    (
        "holiday own hours (18:00-23:00) follow a Sunday night",
        dict(
            periods=BAR + periods((PUBLIC_HOLIDAY, "18:00", "23:00")),
            holiday_rule=HOLIDAYS_OWN_HOURS,
        ),
        "2026-01-12 02:59",
        True,
    ),
    (
        "holiday own hours replace the Monday night",
        dict(
            periods=BAR + periods((PUBLIC_HOLIDAY, "18:00", "23:00")),
            holiday_rule=HOLIDAYS_OWN_HOURS,
        ),
        "2026-01-12 23:30",
        False,
    ),
    (
        "an overnight holiday period runs into the next day",
        dict(periods=periods((PUBLIC_HOLIDAY, "20:00", "01:00")), holiday_rule=HOLIDAYS_OWN_HOURS),
        "2026-01-13 00:30",
        True,
    ),
    # Special days win over the weekday and over the holiday rule.
    (
        "special hours on a Wednesday: weekday hours no longer apply",
        dict(
            periods=CAFE, special_days=[SpecialDay(d("2026-01-07"), False, t("13:00"), t("15:00"))]
        ),
        "2026-01-07 11:00",
        False,
    ),
    (
        "special hours on a Wednesday: open in them",
        dict(
            periods=CAFE, special_days=[SpecialDay(d("2026-01-07"), False, t("13:00"), t("15:00"))]
        ),
        "2026-01-07 13:00",
        True,
    ),
    (
        "special hours on a Wednesday: closing is exclusive",
        dict(
            periods=CAFE, special_days=[SpecialDay(d("2026-01-07"), False, t("13:00"), t("15:00"))]
        ),
        "2026-01-07 15:00",
        False,
    ),
    (
        "special day opens a holiday the rule closes",
        dict(
            periods=CAFE,
            holiday_rule=HOLIDAYS_CLOSED,
            special_days=[SpecialDay(d("2026-01-12"), False, t("09:00"), t("12:00"))],
        ),
        "2026-01-12 09:00",
        True,
    ),
    (
        "special day replaces holiday own hours",
        dict(
            periods=OWN_HOLIDAY_HOURS,
            holiday_rule=HOLIDAYS_OWN_HOURS,
            special_days=[SpecialDay(d("2026-01-12"), False, t("09:00"), t("12:00"))],
        ),
        "2026-01-12 13:00",
        False,
    ),
    (
        "special day opens a Sunday",
        dict(
            periods=CAFE, special_days=[SpecialDay(d("2026-01-11"), False, t("08:00"), t("10:00"))]
        ),
        "2026-01-11 09:00",
        True,
    ),
    (
        "special closed day on an ordinary Wednesday",
        dict(periods=CAFE, special_days=[SpecialDay(d("2026-01-07"), True)]),
        "2026-01-07 12:00",
        False,
    ),
    (
        "the day after a special closed day is ordinary",
        dict(periods=CAFE, special_days=[SpecialDay(d("2026-01-07"), True)]),
        "2026-01-08 12:00",
        True,
    ),
    (
        "special closed day on a holiday with own hours",
        dict(
            periods=OWN_HOLIDAY_HOURS,
            holiday_rule=HOLIDAYS_OWN_HOURS,
            special_days=[SpecialDay(d("2026-01-12"), True)],
        ),
        "2026-01-12 13:00",
        False,
    ),
    (
        "a special day without times counts as closed",
        dict(periods=CAFE, special_days=[SpecialDay(d("2026-01-07"), False, None, None)]),
        "2026-01-07 12:00",
        False,
    ),
    (
        "Friday's night still ends at 02:00 on a special closed Saturday",
        dict(periods=BAR, special_days=[SpecialDay(d("2026-01-10"), True)]),
        "2026-01-10 01:00",
        True,
    ),
    (
        "a special closed Friday has no night",
        dict(periods=BAR, special_days=[SpecialDay(d("2026-01-09"), True)]),
        "2026-01-10 01:00",
        False,
    ),
    (
        "New Year's Eve special night runs into 元日 (a holiday the rule closes)",
        dict(
            periods=CAFE,
            holiday_rule=HOLIDAYS_CLOSED,
            special_days=[SpecialDay(d("2026-12-31"), False, t("18:00"), t("02:00"))],
        ),
        "2027-01-01 01:30",
        True,
    ),
    (
        "...and ends at 02:00",
        dict(
            periods=CAFE,
            holiday_rule=HOLIDAYS_CLOSED,
            special_days=[SpecialDay(d("2026-12-31"), False, t("18:00"), t("02:00"))],
        ),
        "2027-01-01 02:00",
        False,
    ),
    # Temporary closure: without an end date it lasts until switched off;
    # closed_until is the last closed day (inclusive).
    ("closed, no end date", dict(periods=CAFE, temporarily_closed=True), "2026-01-05 12:00", False),
    (
        "closed, no end date, years later",
        dict(periods=CAFE, temporarily_closed=True),
        "2030-06-03 12:00",
        False,
    ),
    (
        "closed until Wednesday: Wednesday is closed",
        dict(periods=CAFE, temporarily_closed=True, closed_until=d("2026-01-07")),
        "2026-01-07 17:00",
        False,
    ),
    (
        "closed until Wednesday: open again Thursday",
        dict(periods=CAFE, temporarily_closed=True, closed_until=d("2026-01-07")),
        "2026-01-08 10:00",
        True,
    ),
    (
        "closed until Friday: Friday's night does not run into Saturday",
        dict(periods=BAR, temporarily_closed=True, closed_until=d("2026-01-09")),
        "2026-01-10 01:00",
        False,
    ),
    (
        "closed until Thursday: Friday night open as usual",
        dict(periods=BAR, temporarily_closed=True, closed_until=d("2026-01-08")),
        "2026-01-10 01:00",
        True,
    ),
    (
        "an end date without the flag closes nothing",
        dict(periods=CAFE, temporarily_closed=False, closed_until=d("2026-12-31")),
        "2026-01-07 12:00",
        True,
    ),
    (
        "temporary closure beats a special day",
        dict(
            periods=CAFE,
            temporarily_closed=True,
            special_days=[SpecialDay(d("2026-01-07"), False, t("09:00"), t("20:00"))],
        ),
        "2026-01-07 12:00",
        False,
    ),
]


@pytest.mark.parametrize(
    ("why", "schedule", "moment", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_open_at(why, schedule, moment, expected):
    assert Schedule(**schedule).is_open_at(at(moment)) is expected


# -- time zones -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "schedule", "expected"),
    [
        # Friday 15:00 in UTC is Saturday 00:00 in Tokyo: the café is closed ...
        (dt.datetime(2026, 1, 9, 15, 0, tzinfo=UTC), dict(periods=CAFE), False),
        # ... and the bar's Friday night is on.
        (dt.datetime(2026, 1, 9, 15, 0, tzinfo=UTC), dict(periods=BAR), True),
        # Friday 16:59 UTC is Saturday 01:59 Tokyo; 17:00 UTC is 02:00.
        (dt.datetime(2026, 1, 9, 16, 59, tzinfo=UTC), dict(periods=BAR), True),
        (dt.datetime(2026, 1, 9, 17, 0, tzinfo=UTC), dict(periods=BAR), False),
        # Sunday 23:30 UTC is 成人の日 08:30 in Tokyo: the holiday's own hours apply.
        (
            dt.datetime(2026, 1, 11, 23, 30, tzinfo=UTC),
            dict(
                periods=CAFE + periods((PUBLIC_HOLIDAY, "08:00", "12:00")),
                holiday_rule=HOLIDAYS_OWN_HOURS,
            ),
            True,
        ),
        # Monday 01:00 UTC is 成人の日 10:00 in Tokyo, a day the rule closes.
        (
            dt.datetime(2026, 1, 12, 1, 0, tzinfo=UTC),
            dict(periods=CAFE, holiday_rule=HOLIDAYS_CLOSED),
            False,
        ),
        # The last closed day ends at Tokyo midnight, not UTC midnight:
        # Wednesday 23:30 UTC is Thursday 08:30 in Tokyo, open from 08:00.
        (
            dt.datetime(2026, 1, 7, 23, 30, tzinfo=UTC),
            dict(
                periods=periods((THU, "08:00", "12:00")),
                temporarily_closed=True,
                closed_until=d("2026-01-07"),
            ),
            True,
        ),
        # Another zone: 2026-01-05 17:00 in Los Angeles is Tuesday 10:00 in Tokyo.
        (
            dt.datetime(2026, 1, 5, 17, 0, tzinfo=ZoneInfo("America/Los_Angeles")),
            dict(periods=periods((TUE, "10:00", "11:00"))),
            True,
        ),
        # A naive datetime is read as Tokyo time.
        (dt.datetime(2026, 1, 9, 15, 0), dict(periods=CAFE), True),
        (dt.datetime(2026, 1, 10, 1, 0), dict(periods=BAR), True),
    ],
)
def test_open_at_converts_to_tokyo(moment, schedule, expected):
    assert Schedule(**schedule).is_open_at(moment) is expected


def test_overnight_period_flag():
    assert Period(FRI, t("18:00"), t("02:00")).overnight
    assert Period(FRI, t("18:00"), t("00:00")).overnight
    assert not Period(FRI, t("10:00"), t("18:00")).overnight


def test_period_until_midnight_closes_at_midnight():
    schedule = Schedule(periods=periods((FRI, "18:00", "00:00")))
    assert schedule.is_open_at(at("2026-01-09 23:59:59"))
    assert not schedule.is_open_at(at("2026-01-10 00:00"))


# -- the week shown on the page --------------------------------------------------


def test_week_from_marks_holidays_special_days_and_closure():
    schedule = Schedule(
        periods=BAR + periods((PUBLIC_HOLIDAY, "18:00", "23:00")),
        holiday_rule=HOLIDAYS_OWN_HOURS,
        special_days=[SpecialDay(d("2026-01-10"), False, t("12:00"), t("15:00"), "新年会")],
        temporarily_closed=True,
        closed_until=d("2026-01-14"),
    )
    week = schedule.week_from(d("2026-01-09"))
    assert [day.date for day in week] == [d("2026-01-09") + dt.timedelta(days=i) for i in range(7)]
    friday, saturday, sunday, monday, tuesday, wednesday, thursday = week
    assert friday.periods == periods((FRI, "18:00", "02:00"))
    assert friday.temporarily_closed and friday.closed
    assert saturday.special.note == "新年会"
    assert saturday.periods == [Period(SAT, t("12:00"), t("15:00"))]
    assert monday.holiday_name == "成人の日"
    assert monday.periods == periods((PUBLIC_HOLIDAY, "18:00", "23:00"))
    assert tuesday.holiday_name is None
    assert wednesday.temporarily_closed
    assert not thursday.temporarily_closed
    assert thursday.closed  # the bar has no Thursday period
    assert sunday.periods == periods((SUN, "20:00", "03:00"))


def test_week_with_holiday_closed_rule_has_no_periods_on_the_holiday():
    week = Schedule(periods=CAFE, holiday_rule=HOLIDAYS_CLOSED).week_from(d("2026-05-02"))
    by_date = {day.date.isoformat(): day for day in week}
    assert by_date["2026-05-02"].periods  # Saturday, not a holiday
    for holiday in ("2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06"):
        assert by_date[holiday].holiday_name
        assert by_date[holiday].periods == []
    assert by_date["2026-05-07"].periods == periods((THU, "10:00", "18:00"))


# -- the storefront page --------------------------------------------------------------------


def set_hours(page, rows=(), special=(), **fields):
    """Give a storefront opening hours through a published revision, as the admin does."""
    page = BusinessPage.objects.get(pk=page.pk)
    page.opening_periods = [
        OpeningPeriod(weekday=weekday, opens=t(opens), closes=t(closes))
        for weekday, opens, closes in rows
    ]
    page.special_days = [
        SpecialOpeningDay(
            date=d(day),
            closed=closed,
            opens=t(opens) if opens else None,
            closes=t(closes) if closes else None,
            note=note,
        )
        for day, closed, opens, closes, note in special
    ]
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return BusinessPage.objects.get(pk=page.pk)


def render_storefront_at(page, moment, rf, language="en"):
    """The storefront's HTML as a visitor would have seen it at ``moment``."""
    with translation.override(language):
        request = rf.get(page.url)
        request.user = AnonymousUser()
        context = page.get_context(request)
        context.update(storefront_context(page, request, now=moment))
        return render_to_string(page.get_template(request), context, request=request)


def status_of(html):
    match = re.search(r'<p class="open-status[^"]*">(.*?)</p>', html)
    return match.group(1) if match else None


def hours_rows(html):
    table = re.search(r'<table class="hours">(.*?)</table>', html, re.S).group(1)
    rows = re.findall(r"<tr[^>]*>\s*<th scope=\"row\">(.*?)</th>\s*<td>(.*?)</td>", table, re.S)
    return [
        (re.sub(r"<[^>]+>", "", head).strip(), re.sub(r"<[^>]+>", "", cell).strip())
        for head, cell in rows
    ]


@pytest.mark.django_db
def test_storefront_is_open_at_uses_its_own_periods(storefront1):
    page = set_hours(
        storefront1,
        rows=[(FRI, "18:00", "02:00"), (PUBLIC_HOLIDAY, "11:00", "15:00")],
        special=[("2026-01-16", True, None, None, "棚卸し")],
        holiday_rule=HOLIDAYS_OWN_HOURS,
    )
    assert page.is_open_at(at("2026-01-09 18:00"))
    assert page.is_open_at(dt.datetime(2026, 1, 9, 16, 59, tzinfo=UTC))  # Sat 01:59 Tokyo
    assert not page.is_open_at(at("2026-01-10 02:00"))
    assert page.is_open_at(at("2026-01-12 11:00"))  # 成人の日, own hours
    assert not page.is_open_at(at("2026-01-12 15:00"))
    assert not page.is_open_at(at("2026-01-16 19:00"))  # special closed Friday


@pytest.mark.django_db
def test_storefront_page_shows_open_now_and_the_week_from_its_data(storefront1, rf):
    page = set_hours(
        storefront1,
        rows=[(FRI, "18:00", "02:00"), (MON, "10:00", "18:00")],
        special=[("2026-01-10", False, "12:00", "15:00", "New Year party")],
        holiday_rule=HOLIDAYS_CLOSED,
    )
    html = render_storefront_at(page, at("2026-01-10 01:59"), rf)
    assert status_of(html) == "Open now"
    rows = hours_rows(html)
    assert len(rows) == 7
    assert rows[0] == ("Sat 1/10 (today)", "12:00–15:00 (special opening day) New Year party")
    assert rows[1] == ("Sun 1/11", "Closed")
    assert rows[2] == ("Mon 1/12 Public holiday", "Closed")  # 成人の日, holidays closed
    assert rows[6] == ("Fri 1/16", "18:00–02:00 (next day)")

    assert status_of(render_storefront_at(page, at("2026-01-10 02:00"), rf)) == "Closed now"
    # An aware UTC time that is already Monday in Tokyo: 2026-01-05 01:00Z = 10:00 JST.
    html = render_storefront_at(page, dt.datetime(2026, 1, 5, 1, 0, tzinfo=UTC), rf)
    assert status_of(html) == "Open now"
    assert hours_rows(html)[0] == ("Mon 1/5 (today)", "10:00–18:00")


@pytest.mark.django_db
def test_storefront_page_shows_temporary_closure_only_while_it_lasts(storefront1, rf):
    page = set_hours(
        storefront1,
        rows=[(MON, "10:00", "18:00"), (TUE, "10:00", "18:00")],
        temporarily_closed=True,
        closed_until=d("2026-01-05"),
        closure_message="改装中です",
    )
    html = render_storefront_at(page, at("2026-01-05 12:00"), rf)
    assert "notice--closed" in html and "改装中です" in html
    assert status_of(html) is None
    rows = hours_rows(html)
    assert rows[0][1] == "Temporarily closed"
    assert rows[1] == ("Tue 1/6", "10:00–18:00")

    html = render_storefront_at(page, at("2026-01-06 12:00"), rf)
    assert "notice--closed" not in html
    assert status_of(html) == "Open now"


@pytest.mark.django_db
def test_storefront_page_shows_holiday_names_in_japanese(storefront1, rf):
    page = set_hours(storefront1, rows=[(MON, "10:00", "18:00")])
    html = render_storefront_at(page, at("2026-01-12 09:00"), rf, language="ja")
    assert "成人の日" in hours_rows(html)[0][0]


# -- validation in the admin --------------------------------------------------------------


@pytest.mark.django_db
def test_opening_period_must_not_open_and_close_at_the_same_time(storefront1):
    period = OpeningPeriod(page=storefront1, weekday=MON, opens=t("10:00"), closes=t("10:00"))
    with pytest.raises(ValidationError) as error:
        period.full_clean()
    assert "closes" in error.value.message_dict
    OpeningPeriod(page=storefront1, weekday=MON, opens=t("18:00"), closes=t("02:00")).full_clean()


@pytest.mark.django_db
def test_special_day_needs_times_unless_closed(storefront1):
    with pytest.raises(ValidationError):
        SpecialOpeningDay(page=storefront1, date=d("2026-01-12"), closed=False).full_clean()
    with pytest.raises(ValidationError):
        SpecialOpeningDay(
            page=storefront1, date=d("2026-01-12"), closed=False, opens=t("10:00")
        ).full_clean()
    SpecialOpeningDay(page=storefront1, date=d("2026-01-12"), closed=True).full_clean()
    SpecialOpeningDay(
        page=storefront1, date=d("2026-01-12"), closed=False, opens=t("10:00"), closes=t("14:00")
    ).full_clean()


def edit_form_data(client, page):
    """The storefront's edit form as the admin renders it, ready to post back."""
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.setdefault("body-count", "0")
    return data


def add_inline(data, prefix, **fields):
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-{index}-ORDER"] = str(index + 1)
    data[f"{prefix}-{index}-id"] = ""
    data[f"{prefix}-{index}-DELETE"] = ""
    return data


@pytest.mark.django_db
def test_admin_edit_form_rejects_a_period_that_opens_when_it_closes(client, owner1, storefront1):
    client.force_login(owner1)
    data = add_inline(
        edit_form_data(client, storefront1),
        "opening_periods",
        weekday="0",
        opens="10:00",
        closes="10:00",
    )
    response = client.post(f"/admin/pages/{storefront1.pk}/edit/", data)
    assert response.status_code == 200  # the form comes back with errors
    formset = response.context["form"].formsets["opening_periods"]
    assert formset.errors[0]["closes"]
    assert not OpeningPeriod.objects.filter(page=storefront1).exists()

    data = add_inline(
        edit_form_data(client, storefront1),
        "opening_periods",
        weekday="4",
        opens="18:00",
        closes="02:00",
    )
    response = client.post(f"/admin/pages/{storefront1.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    draft = BusinessPage.objects.get(pk=storefront1.pk).get_latest_revision_as_object()
    assert [(p.weekday, p.opens, p.closes) for p in draft.opening_periods.all()] == [
        (4, t("18:00"), t("02:00"))
    ]


@pytest.mark.django_db
def test_admin_edit_form_rejects_an_open_special_day_without_times(client, owner1, storefront1):
    client.force_login(owner1)
    data = add_inline(
        edit_form_data(client, storefront1),
        "special_days",
        date="2026-01-12",
        opens="",
        closes="",
        note="",
    )
    response = client.post(f"/admin/pages/{storefront1.pk}/edit/", data)
    assert response.status_code == 200
    formset = response.context["form"].formsets["special_days"]
    assert formset.errors[0]["__all__"]

    data = add_inline(
        edit_form_data(client, storefront1),
        "special_days",
        date="2026-01-12",
        closed="on",
        opens="",
        closes="",
        note="臨時休業",
    )
    response = client.post(f"/admin/pages/{storefront1.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors


@pytest.mark.django_db
def test_period_ending_at_midnight_reads_24_00(client, storefront1):
    from businesses.models import OpeningPeriod

    for weekday in range(7):
        OpeningPeriod.objects.create(
            page=storefront1, weekday=weekday, opens=dt.time(17), closes=dt.time(0)
        )
    storefront1.save_revision().publish()
    html = client.get(storefront1.url).content.decode()
    assert "17:00–24:00" in html
    assert "翌00:00" not in html
