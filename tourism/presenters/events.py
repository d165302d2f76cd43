"""What an event page shows, and its schema.org Event JSON-LD."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from businesses.presenters import to_script_json

from ..maps import map_context, point_for
from ..recurrence import TOKYO, EventDates, exdates, horizon, occurrences
from . import event_dates as words
from .areas import localized_pages

NEXT_DATES = 8
SCHEMA_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
    "rescheduled": "https://schema.org/EventRescheduled",
}
SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
REPEAT_PERIOD = {"daily": "D", "weekly": "W", "monthly_date": "M", "monthly_weekday": "M"}


@dataclass
class Venue:
    name: str
    address: str
    page: object = None  # the venue's page in the visitor's language (else Japanese)
    place: object = None  # what has the address and the map point

    @property
    def url(self):
        return self.page.url if self.page is not None else ""


def venue_of(event, locales=None) -> Venue:
    """The venue page in the visitor's language (or Japanese), else the event's own address."""
    return venues_for([event], locales)[event.pk]


def venues_for(events, locales=None) -> dict:
    """{event pk: Venue} for many events with one look-up of their venue pages."""
    chosen = [e.venue_page for e in events if e.venue_page_id]
    found = localized_pages(chosen, locales) if chosen else {}
    venues = {}
    for event in events:
        page = found.get(event.venue_page.translation_key) if event.venue_page_id else None
        if page is not None:
            venues[event.pk] = Venue(page.title, page.full_address, page=page, place=page)
        else:
            address = event.full_address if event.city or event.street else ""
            venues[event.pk] = Venue(event.venue_name, address, place=event)
    return venues


def status_message(event) -> str:
    return {
        "cancelled": _("This event has been cancelled."),
        "postponed": _("This event has been postponed. The new date will be announced."),
        "rescheduled": _("This event has been rescheduled. Please check the new dates."),
    }.get(event.status, "")


def price_text(event) -> str:
    if event.price is None:
        return ""
    if event.price == 0:
        return _("Free")
    return _("%(price)s yen") % {"price": f"{event.price:,}"}


def event_context(page, request, now=None) -> dict:
    """Everything the event template shows."""
    now = now or timezone.now()
    dates = EventDates.of(page)
    if getattr(request, "is_preview", False):  # a draft: its own dates, not the live ones
        expanded = occurrences(dates, until=horizon(now.astimezone(TOKYO).date()))
        upcoming = [o for o in expanded if o.end > now][:NEXT_DATES]
    else:
        upcoming = list(page.occurrences.filter(end__gt=now)[:NEXT_DATES])
    venue = venue_of(page)
    today = now.astimezone(TOKYO).date()
    point = point_for(venue.place, label=venue.name or page.title, url=venue.url, kind="event")
    return {
        "dates_text": words.dates_text(dates),
        "repeat_text": words.repeat_text(dates),
        "next_dates": [words.occurrence_text(o) for o in upcoming],
        "is_past": not upcoming,
        "exceptions": [
            (words.format_date(e.date), e.note)
            for e in sorted(page.exceptions.all(), key=lambda e: e.date)
            if e.date >= today and page.repeat
        ],
        "status_message": status_message(page),
        "venue": venue,
        "map": map_context([point], label=_("Map of the venue")),
        "price_text": price_text(page),
        "booking_deadline_text": words.format_date(page.booking_deadline)
        if page.booking_deadline
        else "",
        "category_label": dict(page.CATEGORIES).get(page.category, ""),
        "json_ld": to_script_json(json_ld(page, request, venue=venue, upcoming=upcoming)),
    }


# JSON-LD --------------------------------------------------------------------


def _iso(value: dt.datetime, all_day: bool, *, end=False) -> str:
    local = value.astimezone(TOKYO)
    if all_day:
        return (local - dt.timedelta(days=1) if end else local).date().isoformat()
    return local.isoformat()


def postal_address(place) -> dict:
    return {
        "@type": "PostalAddress",
        "postalCode": place.postal_code,
        "addressRegion": place.prefecture,
        "addressLocality": place.city,
        "streetAddress": f"{place.street} {place.building}".strip(),
        "addressCountry": "JP",
    }


def location(venue: Venue, request) -> dict:
    place = {"@type": "Place", "name": venue.name or venue.address}
    if venue.page is not None:
        place["url"] = venue.page.get_full_url(request)
    if venue.address:
        place["address"] = postal_address(venue.place)
    if point_for(venue.place, label="") is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.place.latitude),
            "longitude": float(venue.place.longitude),
        }
    return place


def schedule(event, dates: EventDates) -> dict | None:
    """schema.org Schedule of a repeating event."""
    if not event.repeat:
        return None
    n = max(event.repeat_interval or 1, 1)
    period = REPEAT_PERIOD.get(event.repeat, "Y")
    data = {
        "@type": "Schedule",
        "repeatFrequency": f"P{n}{period}",
        "startDate": event.start_date.isoformat(),
        "scheduleTimezone": "Asia/Tokyo",
    }
    if event.repeat_until:
        data["endDate"] = event.repeat_until.isoformat()
    if event.start_time:
        data["startTime"] = event.start_time.strftime("%H:%M:%S")
    if event.end_time:
        data["endTime"] = event.end_time.strftime("%H:%M:%S")
    if event.repeat == "weekly":
        data["byDay"] = [f"https://schema.org/{SCHEMA_DAYS[d]}" for d in dates.weekdays]
    elif event.repeat == "monthly_date":
        data["byMonthDay"] = event.start_date.day
    elif event.repeat == "monthly_weekday":
        weekday, nth = dates.nth_weekday
        data["byDay"] = f"https://schema.org/{SCHEMA_DAYS[weekday]}"
        if nth > 0:  # schema.org has no "last week of the month"
            data["byMonthWeek"] = nth
    elif event.repeat == "yearly":
        data["byMonth"] = event.start_date.month
        data["byMonthDay"] = event.start_date.day
    excluded = exdates(dates)
    if excluded:
        data["exceptDate"] = [d.isoformat() for d in excluded]
    return data


def json_ld(event, request, *, venue=None, upcoming=None) -> dict:
    """schema.org Event: the next occurrence (or the first) with its schedule."""
    dates = EventDates.of(event)
    venue = venue or venue_of(event)
    if upcoming is None:
        upcoming = list(event.occurrences.filter(end__gt=timezone.now())[:1])
    shown = upcoming[0] if upcoming else event.occurrences.first()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": event.get_full_url(request),
        "eventStatus": SCHEMA_STATUS.get(event.status, SCHEMA_STATUS["scheduled"]),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": location(venue, request),
        "inLanguage": event.locale.language_code,
    }
    if shown is not None:
        data["startDate"] = _iso(shown.start, shown.all_day)
        if shown.end > shown.start:
            data["endDate"] = _iso(shown.end, shown.all_day, end=True)
    if event.organiser:
        data["organizer"] = {"@type": "Organization", "name": event.organiser}
        if event.contact_phone:
            data["organizer"]["telephone"] = event.contact_phone
    if event.price is not None:
        data["isAccessibleForFree"] = event.price == 0
        offer = {
            "@type": "Offer",
            "price": event.price,
            "priceCurrency": "JPY",
            "url": event.booking_url or data["url"],
            "availability": "https://schema.org/InStock",
        }
        if event.status == "cancelled":
            offer["availability"] = "https://schema.org/Discontinued"
        if event.booking_deadline:
            offer["validThrough"] = dt.datetime.combine(
                event.booking_deadline, dt.time(23, 59), TOKYO
            ).isoformat()
        data["offers"] = offer
    if event.hero_image_id:
        rendition = event.hero_image.get_rendition("fill-1200x630")
        data["image"] = request.build_absolute_uri(rendition.url)
    recurring = schedule(event, dates)
    if recurring:
        data["eventSchedule"] = recurring
    return data
