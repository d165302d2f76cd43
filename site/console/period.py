"""A report's date range, in the city's time zone (Asia/Tokyo)."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings

TOKYO = ZoneInfo(settings.TIME_ZONE)


def today() -> dt.date:
    return dt.datetime.now(TOKYO).date()


def _minus_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """Days ``start`` to ``end``, both included (Asia/Tokyo calendar days)."""

    start: dt.date
    end: dt.date

    @classmethod
    def default(cls, on: dt.date | None = None) -> "Period":
        """The last twelve calendar months, this one included."""
        on = on or today()
        return cls(add_months(on, -11), on)

    @property
    def since(self) -> dt.datetime:
        """Aware start instant (inclusive)."""
        return dt.datetime.combine(self.start, dt.time(), TOKYO)

    @property
    def until(self) -> dt.datetime:
        """Aware end instant (exclusive): midnight after ``end``."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), TOKYO)

    def last_year(self) -> "Period":
        """The same dates one year earlier (29 February becomes the 28th)."""
        return Period(_minus_year(self.start), _minus_year(self.end))

    def months(self) -> list[dt.date]:
        """First days of the months the period touches, in order."""
        months, month = [], month_start(self.start)
        while month <= self.end:
            months.append(month)
            month = add_months(month, 1)
        return months

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=n) for n in range((self.end - self.start).days + 1)]

    @property
    def slug(self) -> str:
        """For file names: 2025-04-01_2026-03-31."""
        return f"{self.start.isoformat()}_{self.end.isoformat()}"
