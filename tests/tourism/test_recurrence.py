"""Repeat rules and exceptions, expanded in Asia/Tokyo (no database)."""

import datetime as dt

import pytest
from dateutil import rrule as du

from tourism.recurrence import TOKYO, EventDates, exdates, first_date, occurrences, rrule_text

D = dt.date
TEN, THREE = dt.time(10), dt.time(15)

CASES = [
    # (id, EventDates kwargs, until, expected start dates)
    (
        "weekly Tue+Sat every other week",
        dict(start_date=D(2026, 12, 1), repeat="weekly", repeat_interval=2, repeat_weekdays=(1, 5)),
        D(2026, 12, 31),
        [D(2026, 12, 1), D(2026, 12, 5), D(2026, 12, 15), D(2026, 12, 19), D(2026, 12, 29)],
    ),
    (
        "weekly starting on a day not ticked begins on the next ticked day",
        dict(start_date=D(2026, 11, 30), repeat="weekly", repeat_weekdays=(2,)),
        D(2026, 12, 10),
        [D(2026, 12, 2), D(2026, 12, 9)],
    ),
    (
        "monthly on the 2nd Sunday",
        dict(start_date=D(2026, 12, 13), repeat="monthly_weekday"),
        D(2027, 3, 31),
        [D(2026, 12, 13), D(2027, 1, 10), D(2027, 2, 14), D(2027, 3, 14)],
    ),
    (
        "monthly on a 5th Friday means the last Friday",
        dict(start_date=D(2027, 1, 29), repeat="monthly_weekday"),
        D(2027, 4, 30),
        [D(2027, 1, 29), D(2027, 2, 26), D(2027, 3, 26), D(2027, 4, 30)],
    ),
    (
        "monthly on the same date skips months without it",
        dict(start_date=D(2027, 1, 31), repeat="monthly_date"),
        D(2027, 5, 31),
        [D(2027, 1, 31), D(2027, 3, 31), D(2027, 5, 31)],
    ),
    (
        "yearly",
        dict(start_date=D(2026, 12, 5), repeat="yearly"),
        D(2029, 12, 31),
        [D(2026, 12, 5), D(2027, 12, 5), D(2028, 12, 5), D(2029, 12, 5)],
    ),
    (
        "daily until a date (inclusive) with exceptions",
        dict(
            start_date=D(2026, 12, 1),
            repeat="daily",
            repeat_until=D(2026, 12, 5),
            exceptions=frozenset({D(2026, 12, 2), D(2026, 12, 4)}),
        ),
        D(2027, 12, 31),
        [D(2026, 12, 1), D(2026, 12, 3), D(2026, 12, 5)],
    ),
    (
        "every third day",
        dict(start_date=D(2026, 12, 30), repeat="daily", repeat_interval=3),
        D(2027, 1, 8),
        [D(2026, 12, 30), D(2027, 1, 2), D(2027, 1, 5), D(2027, 1, 8)],
    ),
    (
        "horizon cuts an open rule",
        dict(start_date=D(2026, 12, 1), repeat="weekly"),
        D(2026, 12, 14),
        [D(2026, 12, 1), D(2026, 12, 8)],
    ),
]


@pytest.mark.parametrize("fields,until,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rules_expand_to_the_expected_dates(fields, until, expected):
    dates = EventDates(start_time=TEN, end_time=THREE, **fields)
    got = occurrences(dates, until=until)
    assert [o.local_start.date() for o in got] == expected
    assert all(o.local_start.time() == TEN and o.local_end.time() == THREE for o in got)
    assert all(o.start.utcoffset() == dt.timedelta(hours=9) for o in got)


@pytest.mark.parametrize("fields,until,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_ical_rule_gives_the_same_dates(fields, until, expected):
    """RRULE + EXDATE text (what iCal feeds carry) expands like the stored occurrences."""
    dates = EventDates(start_time=TEN, end_time=THREE, **fields)
    start = dt.datetime.combine(first_date(dates), TEN, TOKYO)
    rule = du.rrulestr(rrule_text(dates), dtstart=start)
    excluded = set(exdates(dates))
    last = dt.datetime.combine(until, dt.time(23, 59), TOKYO)
    got = [d.date() for d in rule.between(start, last, inc=True) if d not in excluded]
    assert got == expected


def test_rrule_text():
    dates = EventDates(
        start_date=D(2026, 12, 1),
        start_time=TEN,
        repeat="weekly",
        repeat_interval=2,
        repeat_weekdays=(5, 1),
        repeat_until=D(2027, 3, 31),
    )
    assert rrule_text(dates) == (
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA;UNTIL=20270331T145959Z;WKST=MO"
    )
    assert rrule_text(EventDates(start_date=D(2026, 12, 13), repeat="monthly_weekday")) == (
        "FREQ=MONTHLY;BYDAY=2SU;WKST=MO"
    )
    assert rrule_text(EventDates(start_date=D(2026, 12, 13))) == ""


def test_all_day_event_runs_midnight_to_midnight_in_tokyo():
    (only,) = occurrences(EventDates(start_date=D(2026, 12, 5)))
    assert only.all_day
    assert only.local_start == dt.datetime(2026, 12, 5, tzinfo=TOKYO)
    assert only.local_end == dt.datetime(2026, 12, 6, tzinfo=TOKYO)
    assert only.last_day == D(2026, 12, 5)


def test_multi_day_single_event_is_one_occurrence():
    dates = EventDates(
        start_date=D(2026, 12, 5), end_date=D(2026, 12, 7), start_time=TEN, end_time=THREE
    )
    (only,) = occurrences(dates)
    assert only.local_start == dt.datetime(2026, 12, 5, 10, tzinfo=TOKYO)
    assert only.local_end == dt.datetime(2026, 12, 7, 15, tzinfo=TOKYO)
    assert only.last_day == D(2026, 12, 7)


def test_exception_on_an_all_day_rule_is_a_date_in_ical():
    dates = EventDates(
        start_date=D(2026, 12, 1), repeat="daily", exceptions=frozenset({D(2026, 12, 2)})
    )
    assert exdates(dates) == [D(2026, 12, 2)]
    assert [o.local_start.date() for o in occurrences(dates, until=D(2026, 12, 3))] == [
        D(2026, 12, 1),
        D(2026, 12, 3),
    ]


@pytest.mark.parametrize(
    "fields,english",
    [
        (dict(repeat="daily"), "Every day"),
        (dict(repeat="daily", repeat_interval=3), "Every 3 days"),
        (
            dict(repeat="weekly", repeat_interval=2, repeat_weekdays=(1, 5)),
            "Every 2 weeks on Tuesday, Saturday",
        ),
        (dict(repeat="monthly_date"), "Every month on day 13"),
        (dict(repeat="monthly_weekday"), "Every month on the second Sunday"),
        (
            dict(repeat="monthly_weekday", start_date=D(2027, 1, 29)),
            "Every month on the last Friday",
        ),
        (
            dict(repeat="yearly", repeat_until=D(2030, 12, 31)),
            "Every year on 13 December, until Tue, 31 Dec 2030",
        ),
    ],
)
def test_repeat_in_words(fields, english):
    from django.utils import translation

    from tourism.presenters.event_dates import repeat_text

    values = {"start_date": D(2026, 12, 13), **fields}
    with translation.override("en"):
        assert repeat_text(EventDates(**values)) == english
