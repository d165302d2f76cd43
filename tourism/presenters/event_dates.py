"""Event dates and repeat rules in words, in the visitor's language.

Dates follow each language's own style: 2026年12月5日(土) in Japanese,
Sat, 5 Dec 2026 in English; times are 24-hour everywhere (10:00–15:00).
"""

import datetime as dt

from django.utils import dateformat
from django.utils.translation import get_language, gettext, pgettext

from ..models.common import WEEKDAYS
from ..recurrence import TOKYO, EventDates

# (full date, date without the year, year and month, day of the year) per language.
FORMATS = {
    "ja": ("Y年n月j日(D)", "n月j日(D)", "Y年n月", "n月j日"),
    "zh-hans": ("Y年n月j日(l)", "n月j日(l)", "Y年n月", "n月j日"),
    "zh-hant": ("Y年n月j日(l)", "n月j日(l)", "Y年n月", "n月j日"),
    "ko": ("Y년 n월 j일 (D)", "n월 j일 (D)", "Y년 n월", "n월 j일"),
    "en": ("D, j M Y", "D, j M", "F Y", "j F"),
}


def _formats():
    return FORMATS.get(get_language() or "ja", FORMATS["en"])


def format_date(day: dt.date, *, year=True) -> str:
    full, short = _formats()[:2]
    return dateformat.format(day, full if year else short)


def format_month(day: dt.date) -> str:
    return dateformat.format(day, _formats()[2])


def format_time(value: dt.time) -> str:
    return f"{value.hour}:{value.minute:02d}"


def times_text(start: dt.time | None, end: dt.time | None) -> str:
    """10:00–15:00, or 10:00 alone; '' for an all-day event."""
    if start is None:
        return ""
    if end is None:
        return format_time(start)
    return f"{format_time(start)}–{format_time(end)}"


def dates_text(dates: EventDates, *, today: dt.date | None = None) -> str:
    """The event's first date (or date range) with its times, e.g.
    2026年12月5日(土) 10:00–15:00 or 12月5日(土)〜12月7日(月) 10:00–15:00."""
    text = format_date(dates.start_date)
    if dates.end_date and dates.end_date > dates.start_date and not dates.repeat:
        same_year = dates.end_date.year == dates.start_date.year
        text = gettext("%(start)s – %(end)s") % {
            "start": text,
            "end": format_date(dates.end_date, year=not same_year),
        }
    times = times_text(dates.start_time, dates.end_time)
    return f"{text} {times}" if times else text


def occurrence_text(occurrence, *, year=True) -> str:
    """One stored occurrence (EventOccurrence or recurrence.Occurrence) in words."""
    start = occurrence.start.astimezone(TOKYO)
    end = occurrence.end.astimezone(TOKYO)
    first = format_date(start.date(), year=year)
    if occurrence.all_day:
        last_day = (end - dt.timedelta(days=1)).date()
        if last_day <= start.date():
            return first
        return gettext("%(start)s – %(end)s") % {
            "start": first,
            "end": format_date(last_day, year=year and last_day.year != start.year),
        }
    if end.date() > start.date() and end - start >= dt.timedelta(days=1):
        return gettext("%(start)s – %(end)s") % {
            "start": f"{first} {format_time(start.time())}",
            "end": f"{format_date(end.date(), year=False)} {format_time(end.time())}",
        }
    times = times_text(start.time(), end.time() if end > start else None)
    return f"{first} {times}"


def weekday_name(number: int) -> str:
    return str(dict(WEEKDAYS)[str(number)])


def join_list(items) -> str:
    # Translators: separator between items of a short list such as weekday names.
    return pgettext("list separator", ", ").join(items)


def _nth(n: int) -> str:
    return {
        1: pgettext("nth weekday of the month", "first"),
        2: pgettext("nth weekday of the month", "second"),
        3: pgettext("nth weekday of the month", "third"),
        4: pgettext("nth weekday of the month", "fourth"),
        -1: pgettext("nth weekday of the month", "last"),
    }[n]


def _rule_messages():
    """(every period, every n periods) per repeat kind.

    Two messages rather than ngettext: Japanese, Chinese and Korean have one
    plural form, which could not tell "every week" from "every 2 weeks".
    """
    return {
        "daily": (gettext("Every day"), gettext("Every %(n)s days")),
        "weekly": (
            gettext("Every week on %(days)s"),
            gettext("Every %(n)s weeks on %(days)s"),
        ),
        "monthly_date": (
            gettext("Every month on day %(day)s"),
            gettext("Every %(n)s months on day %(day)s"),
        ),
        "monthly_weekday": (
            gettext("Every month on the %(nth)s %(weekday)s"),
            gettext("Every %(n)s months on the %(nth)s %(weekday)s"),
        ),
        "yearly": (gettext("Every year on %(day)s"), gettext("Every %(n)s years on %(day)s")),
    }


def repeat_text(dates: EventDates) -> str:
    """The repeat rule in words: "Every 2 weeks on Tuesday, Saturday, until …"."""
    messages = _rule_messages().get(dates.repeat)
    if not messages:
        return ""
    n = max(dates.repeat_interval or 1, 1)
    weekday, nth = dates.nth_weekday
    values = {
        "n": n,
        "days": join_list(weekday_name(d) for d in dates.weekdays),
        "day": dates.start_date.day,
        "nth": _nth(nth),
        "weekday": weekday_name(weekday),
    }
    if dates.repeat == "yearly":
        values["day"] = dateformat.format(dates.start_date, _formats()[3])
    text = messages[0 if n == 1 else 1] % values
    if dates.repeat_until:
        text = gettext("%(rule)s, until %(date)s") % {
            "rule": text,
            "date": format_date(dates.repeat_until),
        }
    return text
