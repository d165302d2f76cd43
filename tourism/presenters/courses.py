"""What the model course pages show: the stops in order, the travel between
them, the total time, a route map and schema.org TouristTrip JSON-LD.

The stops are loaded in a fixed number of queries whatever their number:
the stop rows, then one query per page type for the pages in the visitor's
language (see presenters/areas.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from businesses.presenters import to_script_json
from machikado.images import renditions_prefetch

from ..maps import map_context, point_for
from ..ruby import strip_readings
from .areas import CARD_RENDITION, kind_of, localized_pages, sort_by_reading
from .languages import in_visitor_language, visitor_locales

OG_RENDITION = "fill-1200x630"


def format_duration(minutes) -> str:
    """A duration such as "2 hours 30 minutes", "45 minutes" or "1 hour", translated."""
    minutes = int(minutes or 0)
    hours, rest = divmod(minutes, 60)
    hours_text = ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes_text = ngettext("%(count)d minute", "%(count)d minutes", rest) % {"count": rest}
    if hours and rest:
        # Translators: a duration such as "2 hours 30 minutes" (Japanese: 2時間30分).
        return pgettext("duration", "%(hours)s %(minutes)s") % {
            "hours": hours_text,
            "minutes": minutes_text,
        }
    return hours_text if hours else minutes_text


def iso_duration(minutes) -> str:
    """ISO 8601 duration for <time datetime="...">: PT2H30M."""
    minutes = int(minutes or 0)
    hours, rest = divmod(minutes, 60)
    if not minutes:
        return "PT0M"
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest else "")


@dataclass
class StopView:
    number: int
    title: str
    page: object  # the specific page in the visitor's language, or None if not published
    kind: str  # "attraction" or "shop"
    stay_minutes: int
    travel_minutes: int | None  # to the next stop; None for the last stop
    travel_mode: str  # the mode's label ("On foot"), "" when not given
    is_last: bool

    @property
    def stay(self):
        return format_duration(self.stay_minutes)

    @property
    def stay_iso(self):
        return iso_duration(self.stay_minutes)

    @property
    def travel(self):
        return format_duration(self.travel_minutes) if self.travel_minutes else ""

    @property
    def travel_iso(self):
        return iso_duration(self.travel_minutes) if self.travel_minutes else ""


def total_minutes(rows) -> int:
    """Every stay, plus the travel between stops (the last stop's travel is ignored)."""
    rows = list(rows)
    stays = sum(row.stay_minutes or 0 for row in rows)
    travel = sum(row.travel_minutes or 0 for row in rows[:-1])
    return stays + travel


def course_stops(page, locales=None) -> list[StopView]:
    """The course's stops in order, each page in the visitor's language."""
    locales = locales or visitor_locales()
    rows = list(page.stops.select_related("stop").order_by("sort_order", "pk"))
    pages = localized_pages([row.stop for row in rows], locales)
    stops = []
    for number, row in enumerate(rows, start=1):
        shown = pages.get(row.stop.translation_key)
        last = number == len(rows)
        stops.append(
            StopView(
                number=number,
                title=shown.title if shown is not None else row.stop.title,
                page=shown,
                kind=kind_of(shown) if shown is not None else "",
                stay_minutes=row.stay_minutes or 0,
                travel_minutes=None if last else row.travel_minutes,
                travel_mode="" if last else row.get_travel_mode_display(),
                is_last=last,
            )
        )
    return stops


def route_map(stops, request=None):
    points = []
    for stop in stops:
        if stop.page is not None:
            points.append(
                point_for(
                    stop.page,
                    label=stop.title,
                    url=stop.page.get_url(request),
                    kind=stop.kind,
                    number=stop.number,
                )
            )
    points = [p for p in points if p is not None]
    return map_context(points, route=True, zoom=15, label=_("Route map"))


# JSON-LD -------------------------------------------------------------------


def place_json(stop, request):
    page = stop.page
    if stop.kind == "shop":
        kind = page.category.schema_type or "LocalBusiness"
    else:
        kind = "TouristAttraction"
    data = {"@type": kind, "name": strip_readings(page.title), "url": page.get_full_url(request)}
    if page.summary:
        data["description"] = page.summary
    address = {
        "postalCode": page.postal_code,
        "addressRegion": page.prefecture,
        "addressLocality": page.city,
        "streetAddress": f"{page.street} {page.building}".strip(),
    }
    if any(address.values()):
        data["address"] = {"@type": "PostalAddress", **address, "addressCountry": "JP"}
    if page.latitude is not None and page.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(page.latitude),
            "longitude": float(page.longitude),
        }
    return data


def json_ld(page, stops, request) -> str:
    """schema.org TouristTrip: the stops as an ordered ItemList itinerary.

    TouristTrip (a Trip, an Intangible) has no duration property
    (timeRequired belongs to CreativeWork), so the total time is on the page only.
    """
    listed = [stop for stop in stops if stop.page is not None]
    data = {
        "@context": "https://schema.org",
        "@type": "TouristTrip",
        "name": strip_readings(page.title),
        "description": page.summary,
        "url": page.get_full_url(request),
        "itinerary": {
            "@type": "ItemList",
            "itemListOrder": "https://schema.org/ItemListOrderAscending",
            "numberOfItems": len(listed),
            "itemListElement": [
                {"@type": "ListItem", "position": position, "item": place_json(stop, request)}
                for position, stop in enumerate(listed, start=1)
            ],
        },
    }
    if page.hero_image_id and page.hero_image:
        data["image"] = request.build_absolute_uri(page.hero_image.get_rendition(OG_RENDITION).url)
    return to_script_json(data)


def course_context(page, request) -> dict:
    """Everything the model course page shows."""
    locales = visitor_locales()
    stops = course_stops(page, locales)
    minutes = total_minutes(stops)
    return {
        "stops": stops,
        "total_minutes": minutes,
        "total_duration": format_duration(minutes),
        "total_duration_iso": iso_duration(minutes),
        "map": route_map(stops, request),
        "json_ld": json_ld(page, stops, request),
    }


# The list of courses --------------------------------------------------------


def course_listing(index, request) -> dict:
    """Live model courses in the visitor's language, with their stop count and total time."""
    from ..models import ModelCoursePage

    queryset = (
        ModelCoursePage.objects.live()
        .select_related("hero_image")
        .prefetch_related("stops", renditions_prefetch("hero_image__renditions", CARD_RENDITION))
    )
    courses = sort_by_reading(in_visitor_language(queryset, visitor_locales()))
    for course in courses:
        rows = sorted(course.stops.all(), key=lambda row: (row.sort_order or 0, row.pk))
        course.stop_count = len(rows)
        course.total_minutes = total_minutes(rows)
        course.duration = format_duration(course.total_minutes)
        course.duration_iso = iso_duration(course.total_minutes)
    return {"courses": courses}


def courses_including(page, locales=None):
    """Live model courses with this page (any language version of it) as a
    stop, each in the visitor's language (one query)."""
    from ..models import CourseStop, ModelCoursePage

    keys = CourseStop.objects.filter(stop__translation_key=page.translation_key).values(
        "course__translation_key"
    )
    queryset = ModelCoursePage.objects.live().filter(translation_key__in=keys)
    return sort_by_reading(in_visitor_language(queryset, locales))
