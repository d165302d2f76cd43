"""iCalendar (RFC 5545) for events: one event, or every upcoming event in a language.

A repeating event is one VEVENT with RRULE and EXDATE rather than one VEVENT
per stored occurrence: Google Calendar, Apple Calendar, Outlook and
Thunderbird all expand RRULE/EXDATE with a TZID correctly, a subscriber then
sees one series (deleted or moved as a whole) instead of hundreds of loose
entries, and the series continues past our storage horizon. DTSTART is the
first date the rule produces, because RFC 5545 counts DTSTART as an
occurrence even when the rule would not. Tests expand the feed's rules and
compare them with the stored occurrences.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vRecur

from .recurrence import TOKYO, EventDates, exdates, first_date, rrule_text

CONTENT_TYPE = "text/calendar; charset=utf-8"
ICAL_STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def uid(event) -> str:
    """Stable per page and language, whatever the host or database ids."""
    return f"{event.translation_key}-{event.locale.language_code}@machikado"


def _start_end(dates: EventDates):
    day = first_date(dates)
    last_day = day
    if not dates.repeat and dates.end_date and dates.end_date > day:
        last_day = dates.end_date
    if dates.all_day:
        return day, last_day + dt.timedelta(days=1)
    start = dt.datetime.combine(day, dates.start_time, TOKYO)
    if dates.end_time is None:
        return start, None
    end = dt.datetime.combine(last_day, dates.end_time, TOKYO)
    return start, (end if end > start else end + dt.timedelta(days=1))


def event_component(event, venue, url: str, stamp: dt.datetime) -> Event:
    """The VEVENT of one event page (venue: presenters.events.Venue)."""
    dates = EventDates.of(event)
    component = Event()
    component.add("uid", uid(event))
    component.add("dtstamp", stamp)
    start, end = _start_end(dates)
    component.add("dtstart", start)
    if end is not None:
        component.add("dtend", end)
    rule = rrule_text(dates)
    if rule:
        component.add("rrule", vRecur.from_ical(rule))
        excluded = [d for d in exdates(dates) if d >= start]
        if excluded:
            component.add("exdate", excluded)
    component.add("summary", event.title)
    description = event.summary
    if event.status != "scheduled":
        description = f"{event.get_status_display()}. {description}"
    component.add("description", description)
    component.add("url", url)
    component.add("status", ICAL_STATUS.get(event.status, "CONFIRMED"))
    location = ", ".join(part for part in (venue.name, venue.address) if part)
    if location:
        component.add("location", location)
    place = venue.place
    if place is not None and place.latitude is not None and place.longitude is not None:
        component.add("geo", (float(place.latitude), float(place.longitude)))
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    return component


def calendar_for(events, venues, request, *, name="") -> bytes:
    """A VCALENDAR with a VTIMEZONE for Asia/Tokyo and one VEVENT per event page."""
    calendar = Calendar()
    calendar.add("prodid", "-//Machikado//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    calendar.add("x-wr-calname", name or _("Events"))
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for event in events:
        url = event.get_full_url(request)
        calendar.add_component(event_component(event, venues[event.pk], url, stamp))
    calendar.add_missing_timezones()
    if not calendar.timezones:  # all-day events only: still name the zone they are in
        calendar.subcomponents.insert(0, Timezone.from_tzid("Asia/Tokyo"))
    return calendar.to_ical()
