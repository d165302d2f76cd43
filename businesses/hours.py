"""Opening-hours logic, independent of the database.

A schedule is a set of weekly periods plus special days. A period whose
closing time is not after its opening time runs past midnight (18:00-02:00).
Which periods apply on a date: a special day for that date wins; otherwise a
Japanese public holiday follows the business's holiday rule; otherwise the
weekday's periods. "Open now" is decided in Asia/Tokyo.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import jpholiday

TOKYO = ZoneInfo("Asia/Tokyo")
PUBLIC_HOLIDAY = 7  # the "weekday" of periods that apply on public holidays

HOLIDAYS_AS_USUAL = "as_usual"
HOLIDAYS_CLOSED = "closed"
HOLIDAYS_OWN_HOURS = "own_hours"


@dataclass(frozen=True)
class Period:
    weekday: int  # 0 = Monday ... 6 = Sunday, 7 = public holidays
    opens: dt.time
    closes: dt.time

    @property
    def overnight(self) -> bool:
        return self.closes <= self.opens

    @property
    def closes_at_midnight(self) -> bool:
        """Closing at 00:00 reads as 24:00, not as "00:00 the next day"."""
        return self.closes == dt.time(0, 0)


@dataclass(frozen=True)
class SpecialDay:
    date: dt.date
    closed: bool
    opens: dt.time | None = None
    closes: dt.time | None = None
    note: str = ""


@dataclass(frozen=True)
class DayHours:
    """One calendar day as a visitor sees it: the periods that start that day."""

    date: dt.date
    periods: list[Period]
    special: SpecialDay | None = None
    holiday_name: str | None = None  # the Japanese name, e.g. 成人の日
    temporarily_closed: bool = False

    @property
    def closed(self) -> bool:
        return self.temporarily_closed or not self.periods


@dataclass
class Schedule:
    periods: list[Period] = field(default_factory=list)
    special_days: list[SpecialDay] = field(default_factory=list)
    holiday_rule: str = HOLIDAYS_AS_USUAL
    temporarily_closed: bool = False
    closed_until: dt.date | None = None

    def is_public_holiday(self, day: dt.date) -> bool:
        return jpholiday.is_holiday(day)

    def special_day(self, day: dt.date) -> SpecialDay | None:
        for special in self.special_days:
            if special.date == day:
                return special
        return None

    def periods_on(self, day: dt.date) -> list[Period]:
        """The periods that start on ``day`` (an overnight one ends the next day)."""
        special = self.special_day(day)
        if special is not None:
            if special.closed or special.opens is None or special.closes is None:
                return []
            return [Period(day.weekday(), special.opens, special.closes)]
        if self.is_public_holiday(day):
            if self.holiday_rule == HOLIDAYS_CLOSED:
                return []
            if self.holiday_rule == HOLIDAYS_OWN_HOURS:
                return sorted(
                    (p for p in self.periods if p.weekday == PUBLIC_HOLIDAY),
                    key=lambda p: p.opens,
                )
        return sorted(
            (p for p in self.periods if p.weekday == day.weekday()), key=lambda p: p.opens
        )

    def is_closed_temporarily(self, day: dt.date) -> bool:
        if not self.temporarily_closed:
            return False
        return self.closed_until is None or day <= self.closed_until

    def is_open_at(self, moment: dt.datetime) -> bool:
        """Opening times are inclusive, closing times exclusive. A naive
        datetime is read as Tokyo time; an aware one is converted to it."""
        local = to_tokyo(moment)
        day, now = local.date(), local.time()
        if self.is_closed_temporarily(day):
            return False
        for period in self.periods_on(day):
            if period.opens <= now and (period.overnight or now < period.closes):
                return True
        # A period that started yesterday and runs past midnight, unless the
        # business was closed yesterday (the last day of a temporary closure).
        yesterday = day - dt.timedelta(days=1)
        if self.is_closed_temporarily(yesterday):
            return False
        for period in self.periods_on(yesterday):
            if period.overnight and now < period.closes:
                return True
        return False

    def day_hours(self, day: dt.date) -> DayHours:
        holiday_name = jpholiday.is_holiday_name(day) if self.is_public_holiday(day) else None
        return DayHours(
            date=day,
            periods=self.periods_on(day),
            special=self.special_day(day),
            holiday_name=holiday_name,
            temporarily_closed=self.is_closed_temporarily(day),
        )

    def week_from(self, start: dt.date) -> list[DayHours]:
        """Seven days of effective hours from ``start``, for display."""
        return [self.day_hours(start + dt.timedelta(days=offset)) for offset in range(7)]


def to_tokyo(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=TOKYO)
    return moment.astimezone(TOKYO)


def now_in_tokyo() -> dt.datetime:
    return dt.datetime.now(TOKYO)
