"""An attraction's opening hours, independent of the database.

Editors give hours per part of the year ("April to November, every day,
9:00–17:00"; "December to March, Saturdays, Sundays and public holidays,
10:00–16:00") and closed dates. A month range may wrap the year end
(November to March). The days are every day, weekdays (Monday to Friday
that are not public holidays), weekends (Saturdays, Sundays and Japanese
public holidays) or one weekday. Everything is decided in Asia/Tokyo.

The day and period types are the storefronts' (businesses/hours.py), so
both kinds of page show hours the same way.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

import jpholiday

from businesses.hours import TOKYO, DayHours, Period, now_in_tokyo, to_tokyo

__all__ = [
    "TOKYO",
    "AttractionDay",
    "AttractionSchedule",
    "Closure",
    "SeasonalHours",
    "now_in_tokyo",
    "to_tokyo",
]

DAILY, WEEKDAYS, WEEKENDS = "daily", "weekdays", "weekends"


def months_between(from_month: int, to_month: int) -> list[int]:
    """The months of a range, in order; November to March wraps the year end."""
    if from_month <= to_month:
        return list(range(from_month, to_month + 1))
    return list(range(from_month, 13)) + list(range(1, to_month + 1))


def is_public_holiday(day: dt.date) -> bool:
    return jpholiday.is_holiday(day)


@dataclass(frozen=True)
class SeasonalHours:
    """One row: a month range, the days it covers, and the hours."""

    from_month: int
    to_month: int
    days: str  # "daily", "weekdays", "weekends" or "0".."6" (0 = Monday)
    opens: dt.time
    closes: dt.time

    @property
    def all_year(self) -> bool:
        return len(months_between(self.from_month, self.to_month)) == 12

    def in_season(self, day: dt.date) -> bool:
        return day.month in months_between(self.from_month, self.to_month)

    def covers_day(self, day: dt.date) -> bool:
        if self.days == DAILY:
            return True
        if self.days == WEEKDAYS:
            return day.weekday() < 5 and not is_public_holiday(day)
        if self.days == WEEKENDS:
            return day.weekday() >= 5 or is_public_holiday(day)
        return self.days.isdigit() and int(self.days) == day.weekday()

    def applies_on(self, day: dt.date) -> bool:
        return self.in_season(day) and self.covers_day(day)

    def season_dates(self, today: dt.date) -> tuple[dt.date, dt.date]:
        """The first and last day of this range as it applies now, or next
        when it is out of season today (for schema.org validFrom/validThrough)."""
        for year in (today.year - 1, today.year, today.year + 1):
            start = dt.date(year, self.from_month, 1)
            end_year = year if self.from_month <= self.to_month else year + 1
            end = dt.date(end_year, self.to_month, calendar.monthrange(end_year, self.to_month)[1])
            if end >= today:
                return start, end
        raise AssertionError("unreachable: a range ending next year always qualifies")


@dataclass(frozen=True)
class Closure:
    """Closed from start to end inclusive (end None: the start date only)."""

    start: dt.date
    end: dt.date | None = None
    reason: str = ""

    @property
    def last_day(self) -> dt.date:
        return self.end or self.start

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.last_day


@dataclass(frozen=True)
class AttractionDay(DayHours):
    """A day as a visitor sees it; ``closure`` when a closed date falls on it."""

    closure: Closure | None = None

    @property
    def closed(self) -> bool:
        return self.closure is not None or not self.periods


@dataclass(frozen=True)
class Season:
    """Hours rows sharing one month range, for showing the hours by season."""

    from_month: int
    to_month: int
    rows: list[SeasonalHours]

    @property
    def all_year(self) -> bool:
        return self.rows[0].all_year


@dataclass
class AttractionSchedule:
    hours: list[SeasonalHours] = field(default_factory=list)
    closures: list[Closure] = field(default_factory=list)

    @classmethod
    def from_rows(cls, hours_rows, closure_rows) -> AttractionSchedule:
        """From AttractionHours and AttractionClosure rows (or anything shaped like them)."""
        return cls(
            hours=[
                SeasonalHours(r.from_month, r.to_month, r.days, r.opens, r.closes)
                for r in hours_rows
            ],
            closures=[Closure(r.start_date, r.end_date, r.reason) for r in closure_rows],
        )

    @property
    def known(self) -> bool:
        """Whether any hours are given at all (else "open now" is unknown)."""
        return bool(self.hours)

    def closure_on(self, day: dt.date) -> Closure | None:
        for closure in self.closures:
            if closure.covers(day):
                return closure
        return None

    def periods_on(self, day: dt.date) -> list[Period]:
        """The periods that start on ``day`` (one closing after midnight ends the next day)."""
        if self.closure_on(day) is not None:
            return []
        periods = {
            Period(day.weekday(), row.opens, row.closes)
            for row in self.hours
            if row.applies_on(day)
        }
        return sorted(periods, key=lambda p: (p.opens, p.closes))

    def is_open_at(self, moment: dt.datetime) -> bool:
        """Opening times are inclusive, closing times exclusive. A naive
        datetime is read as Tokyo time; an aware one (UTC) is converted."""
        local = to_tokyo(moment)
        day, now = local.date(), local.time()
        for period in self.periods_on(day):
            if period.opens <= now and (period.overnight or now < period.closes):
                return True
        for period in self.periods_on(day - dt.timedelta(days=1)):
            if period.overnight and now < period.closes:
                return True
        return False

    def day_hours(self, day: dt.date) -> AttractionDay:
        holiday = jpholiday.is_holiday_name(day) if is_public_holiday(day) else None
        return AttractionDay(
            date=day,
            periods=self.periods_on(day),
            holiday_name=holiday,
            closure=self.closure_on(day),
        )

    def week_from(self, start: dt.date) -> list[AttractionDay]:
        """Seven days of effective hours from ``start``, for the table."""
        return [self.day_hours(start + dt.timedelta(days=offset)) for offset in range(7)]

    def seasons(self) -> list[Season]:
        """The rows grouped by month range, in the editor's order of first appearance."""
        grouped: dict[tuple[int, int], list[SeasonalHours]] = {}
        for row in self.hours:
            grouped.setdefault((row.from_month, row.to_month), []).append(row)
        return [Season(start, end, rows) for (start, end), rows in grouped.items()]

    def upcoming_closures(self, today: dt.date) -> list[Closure]:
        """Closures that are not over yet, soonest first."""
        return sorted((c for c in self.closures if c.last_day >= today), key=lambda c: c.start)
