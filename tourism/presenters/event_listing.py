"""The event listing and month calendar: filters, date groups, month grid.

Everything is a date-range query on the stored occurrences (see
services.occurrences.upcoming), so past events leave by themselves, and a
page of results costs the same few queries however many events there are.
Months and days are Tokyo's: an event at 23:30 JST on 30 November is in
November even though it is 14:30 UTC.
"""

import calendar as calendar_module
import datetime as dt
from dataclasses import dataclass, field

from django import forms
from django.core.paginator import Paginator
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _

from ..models import Area, EventPage
from ..recurrence import TOKYO, horizon
from ..services.occurrences import upcoming
from . import event_dates as words

PER_PAGE = 20
WHEN = [
    ("", _("Any date")),
    ("today", _("Today")),
    ("weekend", _("This weekend")),
    ("month", _("This month")),
]


class EventFilterForm(forms.Form):
    when = forms.ChoiceField(label=_("When"), choices=WHEN, required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All areas"),
    )
    free = forms.BooleanField(label=_("Free only"), required=False)

    def __init__(self, data, locale):
        super().__init__(data)
        self.fields["category"].choices = [("", _("All categories"))] + EventPage.CATEGORIES
        self.fields["area"].queryset = Area.objects.filter(locale=locale)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        return data

    def filters(self, today: dt.date) -> dict:
        """Keyword arguments for upcoming(); only the valid fields count."""
        data = self.cleaned_data if self.is_bound else {}
        found = {
            "category": data.get("category") or None,
            "area": data.get("area"),
            "free": data.get("free") or None,
        }
        start, end = date_range(data.get("when"), today)
        start = data.get("start") or start
        end = (data["end"] + dt.timedelta(days=1)) if data.get("end") else end
        if start:
            found["start"] = start
        if end:
            found["end"] = end
        return found


def date_range(when, today: dt.date):
    """(first day, day after the last) for a named range, or (None, None)."""
    if when == "today":
        return today, today + dt.timedelta(days=1)
    if when == "weekend":
        # Saturday and Sunday: this weekend's when it is on, else the coming one.
        saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7)
        if today.weekday() == 6:
            saturday = today - dt.timedelta(days=1)
        return max(saturday, today), saturday + dt.timedelta(days=2)
    if when == "month":
        return today, first_of_next_month(today)
    return None, None


def first_of_next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def local_today(now=None) -> dt.date:
    return (now or timezone.now()).astimezone(TOKYO).date()


def valid_filter_form(form):
    """Validate; an invalid field is left out of cleaned_data (and shows its error)."""
    if form.is_bound and not form.is_valid():
        for name in form.errors:
            if name in form.fields:
                form.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"id_{name}-error"}
                )
    return form


def label_areas(rows, locale):
    """Give each row's event an ``area_label`` in ``locale`` (one query for all)."""
    keys = {row.event.area.translation_key for row in rows if row.event.area_id}
    names = (
        dict(
            Area.objects.filter(locale=locale, translation_key__in=keys).values_list(
                "translation_key", "name"
            )
        )
        if keys
        else {}
    )
    for row in rows:
        area = row.event.area
        row.event.area_label = names.get(area.translation_key, area.name) if area else ""
    return rows


# Listing --------------------------------------------------------------------


@dataclass
class DayGroup:
    day: dt.date
    label: str
    items: list = field(default_factory=list)


def group_by_day(rows, first_day: dt.date):
    """Occurrences under their Tokyo date (one already running: under the first day shown)."""
    groups = {}
    for row in rows:
        day = max(row.start.astimezone(TOKYO).date(), first_day)
        if day not in groups:
            groups[day] = DayGroup(day, words.format_date(day))
        row.when_text = words.occurrence_text(row)
        groups[day].items.append(row)
    return list(groups.values())


def listing_context(index_page, request, now=None) -> dict:
    now = now or timezone.now()
    today = local_today(now)
    form = valid_filter_form(EventFilterForm(request.GET or None, index_page.locale))
    filters = form.filters(today) if form.is_bound else {}
    rows = upcoming(index_page.locale, now=now, **filters)
    paginator = Paginator(rows, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    first_day = max(filters.get("start") or today, today)
    return {
        "form": form,
        "page_obj": page,
        "groups": group_by_day(label_areas(list(page.object_list), index_page.locale), first_day),
        "query": query.urlencode(),
        "this_month": today,
    }


# Month calendar -------------------------------------------------------------


@dataclass
class CalendarDay:
    day: dt.date
    in_month: bool
    is_today: bool
    items: list = field(default_factory=list)


def month_weeks(year, month, rows, today):
    """Weeks (Sunday first) of CalendarDay; an event is listed on every day it covers."""
    weeks = calendar_module.Calendar(firstweekday=6).monthdatescalendar(year, month)
    days = {d: CalendarDay(d, d.month == month, d == today) for week in weeks for d in week}
    for row in rows:
        start = row.start.astimezone(TOKYO)
        end = row.end.astimezone(TOKYO)
        last = (end - dt.timedelta(days=1)).date() if row.all_day else end.date()
        row.time_text = "" if row.all_day else words.format_time(start.time())
        day = max(start.date(), today, weeks[0][0])
        while day <= last:
            if day in days and days[day].in_month:
                days[day].items.append(row)
            day += dt.timedelta(days=1)
    return [[days[d] for d in week] for week in weeks]


def weekday_headers():
    """(full name, short name) from Sunday, for the calendar's column headers."""
    sunday = dt.date(2026, 11, 29)
    return [
        (words.weekday_name((6 + i) % 7), dateformat.format(sunday + dt.timedelta(days=i), "D"))
        for i in range(7)
    ]


def month_in_range(year, month, today) -> bool:
    """Months a calendar is offered for: from last year to the horizon's year."""
    return 1 <= month <= 12 and today.year - 1 <= year <= horizon(today).year


def calendar_context(index_page, request, year, month, now=None) -> dict:
    now = now or timezone.now()
    today = local_today(now)
    first = dt.date(year, month, 1)
    following = first_of_next_month(first)
    form = valid_filter_form(EventFilterForm(request.GET or None, index_page.locale))
    filters = form.filters(today) if form.is_bound else {}
    filters.pop("start", None)
    filters.pop("end", None)
    rows = list(upcoming(index_page.locale, start=first, end=following, now=now, **filters))
    label_areas(rows, index_page.locale)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    query = request.GET.urlencode()
    return {
        "form": form,
        "month": first,
        "month_label": words.format_month(first),
        "weekday_names": weekday_headers(),
        "weeks": month_weeks(year, month, rows, today),
        "previous": previous if first > today.replace(day=1) else None,
        "next": following if following <= horizon(today) else None,
        "query": query,
        "count": len(rows),
    }
