"""An attraction's hours: seasons (also across the year end), days with public
holidays, closed dates, Tokyo time from UTC, and the opening/closing minute."""

import datetime as dt
from zoneinfo import ZoneInfo

from tourism.hours import AttractionSchedule, Closure, SeasonalHours, months_between

T = dt.time
UTC = ZoneInfo("UTC")


def schedule(*rows, closures=()):
    return AttractionSchedule(hours=[SeasonalHours(*row) for row in rows], closures=list(closures))


def test_month_ranges_wrap_the_year_end():
    assert months_between(4, 6) == [4, 5, 6]
    assert months_between(11, 3) == [11, 12, 1, 2, 3]
    assert len(months_between(1, 12)) == 12


def test_winter_season_across_the_year_end():
    hours = schedule((4, 10, "daily", T(9), T(17)), (11, 3, "daily", T(10), T(16)))
    # 2026-12-15 (Tue), 2027-01-12 (Tue), 2027-03-31 (Wed), 2027-04-01 (Thu)
    assert [(p.opens, p.closes) for p in hours.periods_on(dt.date(2026, 12, 15))] == [
        (T(10), T(16))
    ]
    assert hours.periods_on(dt.date(2027, 1, 12))[0].opens == T(10)
    assert hours.periods_on(dt.date(2027, 3, 31))[0].closes == T(16)
    assert hours.periods_on(dt.date(2027, 4, 1))[0].closes == T(17)
    assert hours.periods_on(dt.date(2026, 10, 31))[0].closes == T(17)


def test_season_dates_for_the_range_now_or_next():
    winter = SeasonalHours(11, 3, "daily", T(10), T(16))
    assert winter.season_dates(dt.date(2027, 1, 20)) == (dt.date(2026, 11, 1), dt.date(2027, 3, 31))
    assert winter.season_dates(dt.date(2026, 5, 1)) == (dt.date(2026, 11, 1), dt.date(2027, 3, 31))
    summer = SeasonalHours(4, 10, "daily", T(9), T(17))
    assert summer.season_dates(dt.date(2026, 11, 2)) == (dt.date(2027, 4, 1), dt.date(2027, 10, 31))
    assert SeasonalHours(2, 2, "daily", T(9), T(17)).season_dates(dt.date(2028, 2, 3))[1] == (
        dt.date(2028, 2, 29)
    )


def test_weekends_include_public_holidays_and_weekdays_exclude_them():
    hours = schedule((1, 12, "weekdays", T(9), T(17)), (1, 12, "weekends", T(10), T(18)))
    sports_day = dt.date(2026, 10, 12)  # Monday, スポーツの日
    ordinary_monday = dt.date(2026, 10, 19)
    saturday = dt.date(2026, 10, 17)
    assert [p.opens for p in hours.periods_on(sports_day)] == [T(10)]
    assert [p.opens for p in hours.periods_on(ordinary_monday)] == [T(9)]
    assert [p.opens for p in hours.periods_on(saturday)] == [T(10)]
    day = hours.day_hours(sports_day)
    assert day.holiday_name == "スポーツの日" and not day.closed


def test_one_weekday_only():
    hours = schedule((1, 12, "6", T(8), T(12)))  # Sundays
    assert hours.periods_on(dt.date(2026, 10, 18))  # Sunday
    assert not hours.periods_on(dt.date(2026, 10, 17))  # Saturday
    assert hours.day_hours(dt.date(2026, 10, 17)).closed


def test_closures_close_every_day_they_cover():
    hours = schedule(
        (1, 12, "daily", T(9), T(17)),
        closures=[
            Closure(dt.date(2026, 12, 29), dt.date(2027, 1, 3), "年末年始"),
            Closure(dt.date(2026, 11, 10), None, "点検"),
        ],
    )
    assert not hours.periods_on(dt.date(2026, 12, 29))
    assert not hours.periods_on(dt.date(2027, 1, 3))
    assert hours.periods_on(dt.date(2027, 1, 4))
    assert not hours.periods_on(dt.date(2026, 11, 10))
    assert hours.periods_on(dt.date(2026, 11, 11))
    assert not hours.is_open_at(dt.datetime(2026, 12, 30, 12, 0))
    day = hours.day_hours(dt.date(2026, 12, 31))
    assert day.closed and day.closure.reason == "年末年始"
    assert [c.reason for c in hours.upcoming_closures(dt.date(2026, 11, 11))] == ["年末年始"]


def test_open_from_the_opening_minute_until_before_the_closing_minute():
    hours = schedule((1, 12, "daily", T(9), T(17)))
    day = dt.date(2026, 6, 3)
    assert not hours.is_open_at(dt.datetime.combine(day, T(8, 59)))
    assert hours.is_open_at(dt.datetime.combine(day, T(9, 0)))
    assert hours.is_open_at(dt.datetime.combine(day, T(16, 59, 59)))
    assert not hours.is_open_at(dt.datetime.combine(day, T(17, 0)))


def test_utc_moments_are_read_in_tokyo_time():
    hours = schedule((1, 12, "daily", T(9), T(17)))
    # 00:30 UTC is 09:30 in Tokyo; 08:30 UTC is 17:30 in Tokyo.
    assert hours.is_open_at(dt.datetime(2026, 6, 3, 0, 30, tzinfo=UTC))
    assert not hours.is_open_at(dt.datetime(2026, 6, 3, 8, 30, tzinfo=UTC))
    # 23:30 UTC on 31 March is 08:30 on 1 April in Tokyo: the April row applies.
    seasonal = schedule((4, 10, "daily", T(8), T(17)), (11, 3, "daily", T(10), T(16)))
    assert seasonal.is_open_at(dt.datetime(2027, 3, 31, 23, 30, tzinfo=UTC))


def test_a_saturday_row_in_season_only():
    hours = schedule((11, 3, "weekends", T(10), T(15)))
    assert hours.is_open_at(dt.datetime(2027, 1, 9, 10, 0))  # Saturday in January
    assert not hours.is_open_at(dt.datetime(2026, 7, 4, 10, 0))  # Saturday in July
    assert not hours.is_open_at(dt.datetime(2027, 1, 13, 10, 0))  # Wednesday


def test_week_table_and_seasons_grouping():
    hours = schedule(
        (4, 10, "weekdays", T(9), T(17)),
        (4, 10, "weekends", T(9), T(18)),
        (11, 3, "daily", T(10), T(16)),
    )
    week = hours.week_from(dt.date(2026, 10, 28))  # Wednesday; November starts on day 5
    assert len(week) == 7
    assert [d.periods[0].opens for d in week] == [T(9)] * 4 + [T(10)] * 3
    seasons = hours.seasons()
    assert [(s.from_month, s.to_month, len(s.rows)) for s in seasons] == [(4, 10, 2), (11, 3, 1)]
    assert not seasons[0].all_year
    assert schedule((1, 12, "daily", T(9), T(17))).seasons()[0].all_year


def test_no_hours_means_unknown_not_open():
    hours = schedule()
    assert not hours.known
    assert not hours.is_open_at(dt.datetime(2026, 6, 3, 12, 0))


def test_built_from_model_rows():
    class Row:
        def __init__(self, **kw):
            self.__dict__.update(kw)

    built = AttractionSchedule.from_rows(
        [Row(from_month=4, to_month=10, days="daily", opens=T(9), closes=T(17))],
        [Row(start_date=dt.date(2026, 5, 1), end_date=None, reason="")],
    )
    assert built.is_open_at(dt.datetime(2026, 5, 2, 10, 0))
    assert not built.is_open_at(dt.datetime(2026, 5, 1, 10, 0))
