"""When an event takes place: its dates and repeat rule as occurrences.

Pure functions (no database): ``EventDates.of(page)`` reads an EventPage's
fields, ``occurrences(dates, until=...)`` expands them into aware datetimes
in Asia/Tokyo, and ``rrule_text``/``exdates`` give the same rule for iCal.

Rules, in dateutil's terms (RFC 5545 semantics, week starting on Monday):
- daily / weekly (on the ticked weekdays, else the start date's) /
  monthly on the same date / monthly on the same nth weekday / yearly,
  every ``repeat_interval`` periods, until ``repeat_until`` (inclusive).
- monthly_weekday: the 1st–4th weekday of the start date keeps its number
  (a 4th Sunday stays the 4th even when it is also the last); a 5th weekday
  becomes "the last" (BYDAY=-1SU), since most months have no 5th.
- The first occurrence is the first date the rule produces on or after the
  start date (a weekly rule on Tue/Sat starting on a Monday begins on Tuesday).
- Exceptions remove the occurrences that start on those dates.
- Without a start time an occurrence is all day: midnight to midnight in
  Tokyo. Without an end time a timed occurrence ends when it starts.
- A single event may span days (start_date to end_date): one occurrence.
"""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings

TOKYO = ZoneInfo("Asia/Tokyo")
DEFAULT_HORIZON_DAYS = 400
ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_FREQ = {
    "daily": rrule.DAILY,
    "weekly": rrule.WEEKLY,
    "monthly_date": rrule.MONTHLY,
    "monthly_weekday": rrule.MONTHLY,
    "yearly": rrule.YEARLY,
}


@dataclass(frozen=True)
class EventDates:
    start_date: dt.date
    end_date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    repeat: str = ""
    repeat_interval: int = 1
    repeat_weekdays: tuple = ()
    repeat_until: dt.date | None = None
    exceptions: frozenset = field(default_factory=frozenset)

    @classmethod
    def of(cls, page):
        """The dates of an EventPage (its exceptions from the page's inline rows)."""
        return cls(
            start_date=page.start_date,
            end_date=page.end_date,
            start_time=page.start_time,
            end_time=page.end_time,
            repeat=page.repeat or "",
            repeat_interval=page.repeat_interval or 1,
            repeat_weekdays=tuple(page.repeat_weekdays or ()),
            repeat_until=page.repeat_until,
            exceptions=frozenset(e.date for e in page.exceptions.all()),
        )

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def weekdays(self):
        """Weekly rule days (0 = Monday): the ticked ones, else the start date's."""
        return tuple(sorted(self.repeat_weekdays)) or (self.start_date.weekday(),)

    @property
    def nth_weekday(self):
        """(weekday, n) of the start date for monthly_weekday; n = -1 for the last."""
        day = self.start_date
        n = (day.day - 1) // 7 + 1
        return day.weekday(), (-1 if n == 5 else n)


@dataclass(frozen=True)
class Occurrence:
    start: dt.datetime
    end: dt.datetime
    all_day: bool = False

    @property
    def local_start(self):
        return self.start.astimezone(TOKYO)

    @property
    def local_end(self):
        return self.end.astimezone(TOKYO)

    @property
    def last_day(self):
        """The last Tokyo date it covers (an all-day end at midnight is exclusive)."""
        end = self.local_end
        if self.all_day or (end.time() == dt.time(0) and end > self.local_start):
            return (end - dt.timedelta(days=1)).date()
        return end.date()


def horizon(today=None, days=None):
    """The last date open-ended rules are expanded to."""
    today = today or dt.datetime.now(TOKYO).date()
    days = days or getattr(settings, "TOURISM_OCCURRENCE_HORIZON_DAYS", DEFAULT_HORIZON_DAYS)
    return today + dt.timedelta(days=days)


def span(dates: EventDates, day: dt.date, last_day: dt.date | None = None) -> Occurrence:
    """The occurrence starting on ``day`` (and ending on ``last_day`` for multi-day events)."""
    last_day = last_day or day
    if dates.all_day:
        start = dt.datetime.combine(day, dt.time(0), TOKYO)
        end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(0), TOKYO)
        return Occurrence(start, end, all_day=True)
    start = dt.datetime.combine(day, dates.start_time, TOKYO)
    end = dt.datetime.combine(last_day, dates.end_time or dates.start_time, TOKYO)
    if end < start:  # an evening event ending after midnight
        end += dt.timedelta(days=1)
    return Occurrence(start, end)


def rule(dates: EventDates, until: dt.date | None = None):
    """The dateutil rrule of a repeating event (dates at midnight), or None."""
    if dates.repeat not in _FREQ:
        return None
    last = (
        min(d for d in (dates.repeat_until, until) if d) if (dates.repeat_until or until) else None
    )
    kwargs = dict(
        dtstart=dt.datetime.combine(dates.start_date, dt.time(0)),
        interval=max(dates.repeat_interval, 1),
        wkst=rrule.MO,
        until=dt.datetime.combine(last, dt.time(0)) if last else None,
    )
    if dates.repeat == "weekly":
        kwargs["byweekday"] = dates.weekdays
    elif dates.repeat == "monthly_date":
        kwargs["bymonthday"] = dates.start_date.day
    elif dates.repeat == "monthly_weekday":
        weekday, n = dates.nth_weekday
        kwargs["byweekday"] = rrule.weekday(weekday, n)
    return rrule.rrule(_FREQ[dates.repeat], **kwargs)


def occurrence_dates(dates: EventDates, until: dt.date | None = None) -> list[dt.date]:
    """The start dates of a repeating event (exceptions removed), up to ``until``."""
    if not dates.repeat:
        return [dates.start_date]
    until = until or horizon()
    days = (d.date() for d in rule(dates, until))
    return [d for d in days if d not in dates.exceptions]


def occurrences(dates: EventDates, until: dt.date | None = None) -> list[Occurrence]:
    """Every occurrence up to ``until`` (default: the horizon from today)."""
    if not dates.repeat:
        last_day = dates.end_date if dates.end_date and dates.end_date > dates.start_date else None
        return [span(dates, dates.start_date, last_day)]
    return [span(dates, day) for day in occurrence_dates(dates, until)]


# iCal ---------------------------------------------------------------------


def rrule_text(dates: EventDates) -> str:
    """The RRULE value for iCal ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA;WKST=MO"), or ''.

    UNTIL follows RFC 5545: a DATE for all-day events, else the end of the
    last day in UTC (DTSTART carries TZID=Asia/Tokyo).
    """
    if dates.repeat not in _FREQ:
        return ""
    parts = [f"FREQ={_FREQ_NAMES[dates.repeat]}"]
    if dates.repeat_interval and dates.repeat_interval > 1:
        parts.append(f"INTERVAL={dates.repeat_interval}")
    if dates.repeat == "weekly":
        parts.append("BYDAY=" + ",".join(ICAL_DAYS[d] for d in dates.weekdays))
    elif dates.repeat == "monthly_date":
        parts.append(f"BYMONTHDAY={dates.start_date.day}")
    elif dates.repeat == "monthly_weekday":
        weekday, n = dates.nth_weekday
        parts.append(f"BYDAY={n}{ICAL_DAYS[weekday]}")
    if dates.repeat_until:
        if dates.all_day:
            parts.append(f"UNTIL={dates.repeat_until:%Y%m%d}")
        else:
            last = dt.datetime.combine(dates.repeat_until, dt.time(23, 59, 59), TOKYO)
            parts.append(f"UNTIL={last.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}")
    parts.append("WKST=MO")
    return ";".join(parts)


_FREQ_NAMES = {
    "daily": "DAILY",
    "weekly": "WEEKLY",
    "monthly_date": "MONTHLY",
    "monthly_weekday": "MONTHLY",
    "yearly": "YEARLY",
}


def first_date(dates: EventDates) -> dt.date:
    """The date of the first occurrence (iCal's DTSTART must be one)."""
    if not dates.repeat:
        return dates.start_date
    first = rule(dates).after(dt.datetime.combine(dates.start_date, dt.time(0)), inc=True)
    return first.date() if first else dates.start_date


def exdates(dates: EventDates) -> list:
    """EXDATE values: dates (all-day) or Tokyo datetimes at the start time."""
    if not dates.repeat:
        return []
    days = sorted(d for d in dates.exceptions if d >= dates.start_date)
    if dates.all_day:
        return days
    return [dt.datetime.combine(d, dates.start_time, TOKYO) for d in days]
