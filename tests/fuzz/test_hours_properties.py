"""Properties of the opening-hours logic (businesses/hours.py for storefronts,
tourism/hours.py for attractions) and of the intervals the search index
derives from them (search.sources.base.opening_intervals, what "open now"
searches read).

Invariants:
- "open at" depends only on the instant, never on the timezone it is given in
  (the server's timezone plays no part); a naive datetime is Tokyo time.
- The index's intervals agree with is_open_at at every moment of the eight
  days they cover, across midnight, special days, public holidays (jpholiday)
  and temporary closures; they are sorted, non-empty, at most 24 h long and
  never over before today starts (no "opening" in the past).
- Opening times are inclusive and closing times exclusive.
- A closed special day, a holiday with the "closed" rule and a closure open
  nothing that starts that day (only a period from the evening before may run
  on past midnight); a temporary closure without an end date opens nothing.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import jpholiday
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from businesses import hours
from search.sources.base import OPENING_DAYS, opening_intervals
from tourism import hours as attraction_hours

TOKYO = ZoneInfo("Asia/Tokyo")
ZONES = [
    ZoneInfo(name)
    for name in (
        "UTC",
        "America/Los_Angeles",
        "Europe/London",
        "Pacific/Chatham",
        "Asia/Kolkata",
        "Asia/Tokyo",
    )
]
FAST = settings(max_examples=100, deadline=None, derandomize=True, database=None)

# Around Golden Week and the year end, so public holidays and month ends come up.
START_DAYS = st.sampled_from(
    [
        dt.date(2026, 4, 27),
        dt.date(2026, 12, 28),
        dt.date(2027, 1, 8),
        dt.date(2026, 9, 18),
        dt.date(2026, 7, 1),
    ]
)
TIMES = st.builds(dt.time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))


def periods(max_size=6):
    return st.lists(st.builds(hours.Period, st.integers(0, 7), TIMES, TIMES), max_size=max_size)


def days_around(start):
    """The days special days and closures fall on: the opening window from
    `start` and two days before it."""
    return [start + dt.timedelta(days=n) for n in range(-2, OPENING_DAYS + 1)]


@st.composite
def schedules(draw, start):
    days = days_around(start)
    special = draw(
        st.lists(
            st.builds(
                hours.SpecialDay,
                st.sampled_from(days),
                st.booleans(),
                st.one_of(st.none(), TIMES),
                st.one_of(st.none(), TIMES),
            ),
            max_size=3,
            unique_by=lambda s: s.date,
        )
    )
    temporarily = draw(st.booleans()) and draw(st.integers(0, 3)) == 0
    return hours.Schedule(
        periods=draw(periods()),
        special_days=special,
        holiday_rule=draw(
            st.sampled_from(
                [hours.HOLIDAYS_AS_USUAL, hours.HOLIDAYS_CLOSED, hours.HOLIDAYS_OWN_HOURS]
            )
        ),
        temporarily_closed=temporarily,
        closed_until=draw(st.one_of(st.none(), st.sampled_from(days))) if temporarily else None,
    )


def moments(start):
    """Tokyo instants in [start 00:00, start + OPENING_DAYS), at minute steps,
    with the period boundaries (quarter hours) and a minute either side likely."""
    return st.builds(
        lambda day, minute: (
            dt.datetime.combine(start, dt.time(0), TOKYO) + dt.timedelta(days=day, minutes=minute)
        ),
        st.integers(0, OPENING_DAYS - 1),
        st.one_of(
            st.integers(0, 24 * 60 - 1),
            st.integers(0, 24 * 4 - 1).map(lambda q: q * 15),
            st.integers(0, 24 * 4 - 1).map(lambda q: max(0, q * 15 - 1)),
        ),
    )


def inside(intervals, moment):
    return any(start <= moment < end for start, end in intervals)


def boundary_moments(start, times):
    """Every day of the window at each opening/closing time and a minute
    before: where a wrong answer would show."""
    found = []
    for offset in range(OPENING_DAYS):
        day = start + dt.timedelta(days=offset)
        for time in {dt.time(0), *times}:
            moment = dt.datetime.combine(day, time, TOKYO)
            found += [moment, moment - dt.timedelta(minutes=1)]
    return [m for m in found if m.date() >= start]


def check_intervals(intervals, start):
    start_of_today = dt.datetime.combine(start, dt.time(0), TOKYO)
    assert intervals == sorted(intervals)
    for opens, closes in intervals:
        assert opens < closes <= opens + dt.timedelta(hours=24)
        assert closes > start_of_today  # nothing already over is offered


# -- storefronts ------------------------------------------------------------------


@FAST
@given(st.data())
def test_storefront_open_now_matches_the_search_index(data):
    start = data.draw(START_DAYS)
    schedule = data.draw(schedules(start))
    intervals = opening_intervals(
        schedule.periods_on, start, closed_on=schedule.is_closed_temporarily
    )
    check_intervals(intervals, start)
    times = [t for p in schedule.periods for t in (p.opens, p.closes)]
    times += [t for s in schedule.special_days for t in (s.opens, s.closes) if t is not None]
    drawn = data.draw(st.lists(moments(start), min_size=1, max_size=5))
    for moment in drawn + boundary_moments(start, times):
        assert schedule.is_open_at(moment) == inside(intervals, moment), moment


@FAST
@given(st.data())
def test_storefront_open_now_is_independent_of_the_timezone(data):
    start = data.draw(START_DAYS)
    schedule = data.draw(schedules(start))
    moment = data.draw(moments(start))
    answer = schedule.is_open_at(moment)
    for zone in ZONES:
        assert schedule.is_open_at(moment.astimezone(zone)) == answer
    assert schedule.is_open_at(moment.replace(tzinfo=None)) == answer  # naive = Tokyo


@FAST
@given(st.data())
def test_opening_is_inclusive_and_closing_exclusive(data):
    """One daytime period on an ordinary weekday, nothing else."""
    start = data.draw(START_DAYS)
    day = start + dt.timedelta(days=data.draw(st.integers(0, 6)))
    assume(not jpholiday.is_holiday(day))
    opens, closes = sorted(data.draw(st.lists(TIMES, min_size=2, max_size=2, unique=True)))
    schedule = hours.Schedule(periods=[hours.Period(day.weekday(), opens, closes)])
    at = lambda t: dt.datetime.combine(day, t, TOKYO)  # noqa: E731
    assert schedule.is_open_at(at(opens))
    assert not schedule.is_open_at(at(closes))
    assert not schedule.is_open_at(at(opens) - dt.timedelta(minutes=1))
    assert schedule.is_open_at(at(closes) - dt.timedelta(minutes=1))


# Public holidays (jpholiday): 昭和の日, 憲法記念日, こどもの日, 成人の日 2027, 秋分の日.
HOLIDAYS = [
    dt.date(2026, 4, 29),
    dt.date(2026, 5, 3),
    dt.date(2026, 5, 5),
    dt.date(2027, 1, 11),
    dt.date(2026, 9, 23),
]


@FAST
@given(st.data())
def test_closed_days_open_only_what_runs_on_from_the_evening_before(data):
    """A closed special day, or a holiday under the "closed" rule."""
    day = data.draw(st.sampled_from(HOLIDAYS))
    assert jpholiday.is_holiday(day)
    schedule = data.draw(schedules(day))
    others = [s for s in schedule.special_days if s.date != day]
    if data.draw(st.booleans()):
        schedule.special_days = [*others, hours.SpecialDay(day, closed=True)]
    else:
        schedule.special_days, schedule.holiday_rule = others, hours.HOLIDAYS_CLOSED
    assert schedule.periods_on(day) == []
    assert schedule.day_hours(day).closed
    yesterday = day - dt.timedelta(days=1)
    carry = (
        []
        if schedule.is_closed_temporarily(yesterday)
        else [p.closes for p in schedule.periods_on(yesterday) if p.overnight]
    )
    latest = max(carry, default=dt.time(0))
    minute = data.draw(st.integers(0, 24 * 60 - 1))
    moment = dt.datetime.combine(day, dt.time(0), TOKYO) + dt.timedelta(minutes=minute)
    if moment.time() >= latest:
        assert not schedule.is_open_at(moment)
    elif not schedule.is_closed_temporarily(day):
        assert schedule.is_open_at(moment)  # the evening before runs on


@FAST
@given(st.data())
def test_closed_until_further_notice_never_opens(data):
    start = data.draw(START_DAYS)
    schedule = data.draw(schedules(start))
    schedule.temporarily_closed, schedule.closed_until = True, None
    assert not schedule.is_open_at(data.draw(moments(start)))
    assert (
        opening_intervals(schedule.periods_on, start, closed_on=schedule.is_closed_temporarily)
        == []
    )


# -- attractions ------------------------------------------------------------------

ROWS = st.lists(
    st.builds(
        attraction_hours.SeasonalHours,
        st.integers(1, 12),
        st.integers(1, 12),
        st.sampled_from(["daily", "weekdays", "weekends", *map(str, range(7))]),
        TIMES,
        TIMES,
    ),
    max_size=5,
)


@st.composite
def attraction_schedules(draw, start):
    days = days_around(start)
    closures = draw(
        st.lists(
            st.builds(
                attraction_hours.Closure,
                st.sampled_from(days),
                st.one_of(st.none(), st.sampled_from(days)),
            ),
            max_size=2,
        )
    )
    return attraction_hours.AttractionSchedule(hours=draw(ROWS), closures=closures)


@FAST
@given(st.data())
def test_attraction_open_now_matches_the_search_index(data):
    start = data.draw(START_DAYS)
    schedule = data.draw(attraction_schedules(start))
    intervals = opening_intervals(schedule.periods_on, start)
    check_intervals(intervals, start)
    times = [t for row in schedule.hours for t in (row.opens, row.closes)]
    for moment in boundary_moments(start, times):
        assert schedule.is_open_at(moment) == inside(intervals, moment), moment
    for moment in data.draw(st.lists(moments(start), min_size=1, max_size=5)):
        assert schedule.is_open_at(moment) == inside(intervals, moment), moment
        for zone in ZONES[:3]:
            assert schedule.is_open_at(moment.astimezone(zone)) == schedule.is_open_at(moment)


@FAST
@given(st.data())
def test_attraction_rows_apply_on_the_right_days(data):
    row = data.draw(ROWS.filter(bool))[0]
    day = data.draw(START_DAYS) + dt.timedelta(days=data.draw(st.integers(-200, 200)))
    months = attraction_hours.months_between(row.from_month, row.to_month)
    assert len(months) == len(set(months)) and 1 <= len(months) <= 12
    assert months[0] == row.from_month and months[-1] == row.to_month
    assert row.in_season(day) == (day.month in months)
    holiday = jpholiday.is_holiday(day)
    if row.days == "weekdays":
        assert row.covers_day(day) == (day.weekday() < 5 and not holiday)
    elif row.days == "weekends":
        assert row.covers_day(day) == (day.weekday() >= 5 or holiday)
    elif row.days == "daily":
        assert row.covers_day(day)
    else:
        assert row.covers_day(day) == (int(row.days) == day.weekday())
    first, last = row.season_dates(day)
    assert first.day == 1 and first.month == row.from_month and last.month == row.to_month
    assert last >= day and first <= last


@FAST
@given(st.data())
def test_a_closure_opens_nothing_that_starts_that_day(data):
    start = data.draw(START_DAYS)
    schedule = data.draw(attraction_schedules(start))
    for offset in range(OPENING_DAYS):
        day = start + dt.timedelta(days=offset)
        if schedule.closure_on(day):
            assert schedule.periods_on(day) == []
            assert schedule.day_hours(day).closed
