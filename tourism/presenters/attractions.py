"""What the attraction page and the attraction listing show, computed in one place.

Every list on these pages is loaded in a fixed number of queries, whatever
the number of photos, nearby shops, events or attractions: images come with
their renditions prefetched, taxonomy names come from one look-up per kind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import Locale

from businesses.listing import localized_names, with_labels
from businesses.models import BusinessPage
from businesses.presenters import to_script_json
from machikado.images import prefetch_renditions, renditions_prefetch

from ..hours import TOKYO, AttractionSchedule, now_in_tokyo, to_tokyo
from ..maps import map_context, point_for
from ..models import Area, AttractionHours, AttractionPage, CourseStop
from ..models.common import SEASONS
from ..nearby import nearest
from .languages import default_locale, prefer_language

# Renditions the templates ask for, by where the image appears.
HERO_RENDITION = "fill-1200x500"
OG_RENDITION = "fill-1200x630"
CARD_RENDITION = "fill-480x320"
GALLERY_RENDITION = "fill-480x360"
FIGURE_RENDITION = "width-800"  # businesses/blocks/figure.html
BODY_GALLERY_RENDITION = "fill-480x360"  # businesses/blocks/gallery.html

PAGE_SIZE = 24
NEARBY_RADIUS_KM = 3.0
NEARBY_LIMIT = 6
EVENTS_LIMIT = 6

# schema.org types per category: TouristAttraction plus the fitting Place
# subtype (schema.org has none for hot springs, viewpoints or experiences).
SCHEMA_TYPES = {
    "nature": ["TouristAttraction", "Landform"],
    "history": ["TouristAttraction", "LandmarksOrHistoricalBuildings"],
    # Temples and shrines share one category: PlaceOfWorship fits both
    # (BuddhistTemple would be wrong for a Shinto shrine).
    "temple_shrine": ["TouristAttraction", "PlaceOfWorship"],
    "museum": ["TouristAttraction", "Museum"],
    "park": ["TouristAttraction", "Park"],
    "onsen": ["TouristAttraction"],
    "viewpoint": ["TouristAttraction"],
    "festival_site": ["TouristAttraction", "EventVenue"],
    "experience": ["TouristAttraction"],
    "other": ["TouristAttraction"],
}
SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SCHEMA_DAY_SETS = {
    "daily": SCHEMA_DAYS,
    "weekdays": SCHEMA_DAYS[:5],
    "weekends": ["Saturday", "Sunday", "PublicHolidays"],
}
OG_LOCALES = {"ja": "ja_JP", "en": "en_US", "zh-hans": "zh_CN", "zh-hant": "zh_TW", "ko": "ko_KR"}


# Images -------------------------------------------------------------------


def body_images(page):
    """(image, rendition spec) for each image in a tourism page's body."""
    found = []
    for block in page.body:
        if block.block_type == "figure" and block.value.get("image"):
            found.append((block.value["image"], FIGURE_RENDITION))
        elif block.block_type == "gallery":
            found.extend(
                (image, BODY_GALLERY_RENDITION) for image in block.value["images"] if image
            )
    return found


def gallery_of(page):
    """The page's photos with their renditions in two queries, whatever their number."""
    return list(
        page.gallery_images.select_related("image").prefetch_related(
            renditions_prefetch("image__renditions", GALLERY_RENDITION)
        )
    )


# Languages ----------------------------------------------------------------


# The attraction page --------------------------------------------------------


def schedule_of(page) -> AttractionSchedule:
    return AttractionSchedule.from_rows(page.hours.all(), page.closures.all())


def nearby_storefronts(page, locale=None, *, limit=NEARBY_LIMIT, radius_km=NEARBY_RADIUS_KM):
    """[Near(storefront, km)] nearest first: each shop in the visitor's language
    when translated, else in Japanese."""
    locale = locale or Locale.get_active()
    locales = {locale.pk, default_locale().pk}
    storefronts = (
        BusinessPage.objects.live()
        .public()
        .filter(locale_id__in=locales)
        .select_related("category", "area", "locale")
    )
    found = nearest(
        storefronts, page.latitude, page.longitude, radius_km=radius_km, limit=limit * 2
    )
    found = prefer_language(found, locale, item=lambda near: near.item)[:limit]
    with_labels([near.item for near in found], locale)
    return found


def courses_including(page, locale=None):
    """Live model courses with this attraction (any language version) as a stop."""
    locale = locale or Locale.get_active()
    stops = (
        CourseStop.objects.filter(
            stop__translation_key=page.translation_key,
            course__live=True,
            course__locale_id__in={locale.pk, default_locale().pk},
        )
        .select_related("course")
        .order_by("course__title", "course_id")
    )
    courses, seen = [], set()
    for stop in stops:
        if stop.course_id not in seen:
            seen.add(stop.course_id)
            courses.append(stop.course)
    return prefer_language(courses, locale)


def upcoming_in_language(locale, *, limit, **filters):
    """Occurrences from tourism.services.occurrences.upcoming in the visitor's
    language, plus those of events not translated yet (in Japanese), soonest first."""
    from ..services.occurrences import upcoming

    rows = list(upcoming(locale, limit=limit, **filters))
    default = default_locale()
    if default.pk != locale.pk:
        rows += list(upcoming(default, limit=limit, **filters))
    rows = prefer_language(rows, locale, item=lambda row: _EventAt(row.event, row.start))
    return sorted(rows, key=lambda row: (row.start, row.event_id))[:limit]


@dataclass(frozen=True)
class _EventAt:
    """An occurrence seen as "this event at this time" (one per language version)."""

    event: object
    start: dt.datetime

    @property
    def translation_key(self):
        return (self.event.translation_key, self.start)

    @property
    def locale_id(self):
        return self.event.locale_id


def upcoming_here(page, locale=None, *, now=None, limit=EVENTS_LIMIT):
    """Occurrences of live events held at this attraction, soonest first."""
    return upcoming_in_language(locale or Locale.get_active(), venue=page, limit=limit, now=now)


def attraction_context(page, request, now: dt.datetime | None = None) -> dict:
    """Everything the attraction template shows. ``now`` (default: the current
    time) decides "open now", the week table and which events are upcoming."""
    now = to_tokyo(now) if now is not None else now_in_tokyo()
    today = now.date()
    locale = Locale.get_active()
    schedule = schedule_of(page)
    wanted = body_images(page)
    if page.hero_image_id and page.hero_image:
        wanted += [(page.hero_image, HERO_RENDITION), (page.hero_image, OG_RENDITION)]
    prefetch_renditions(wanted)
    gallery = gallery_of(page)
    nearby = nearby_storefronts(page, locale) if page.has_point else []
    map_points = [point_for(page, label=page.title, kind="attraction")]
    map_points += [
        point_for(near.item, label=near.item.title, url=near.item.url, kind="shop")
        for near in nearby
    ]
    return {
        "now": now,
        "schedule": schedule,
        "open_now": schedule.is_open_at(now) if schedule.known else None,
        "today": schedule.day_hours(today),
        "week": schedule.week_from(today),
        "seasons": season_table(schedule),
        "closures": schedule.upcoming_closures(today),
        # Translators: date format (Django "date" filter) of a row in the opening hours table.
        "week_day_format": pgettext("opening hours row", "D n/j"),
        "category_label": page.get_category_display(),
        "area_label": page.area_name,
        "best_seasons": season_labels(page.best_seasons),
        "gallery": gallery,
        "nearby": nearby,
        "events": upcoming_here(page, locale, now=now),
        "courses": courses_including(page, locale),
        "map": map_context(
            map_points, label=_("Map of %(name)s and shops nearby") % {"name": page.title}
        ),
        "og_locale": OG_LOCALES.get(locale.language_code, "ja_JP"),
        "json_ld": json_ld(page, request, schedule=schedule, today=today, gallery=gallery),
    }


def season_table(schedule):
    """The hours by season for display: [(heading, [(days label, opens, closes)])]."""
    days = dict(AttractionHours.DAYS)
    table = []
    for season in schedule.seasons():
        if season.all_year:
            heading = _("All year")
        else:
            heading = _("%(start)s to %(end)s") % {
                "start": MONTHS[season.from_month],
                "end": MONTHS[season.to_month],
            }
        rows = [(str(days.get(row.days, row.days)), row.opens, row.closes) for row in season.rows]
        table.append((heading, rows))
    return table


def season_labels(keys):
    names = dict(SEASONS)
    return [str(names[key]) for key in keys]


def schema_types(category):
    types = SCHEMA_TYPES.get(category, ["TouristAttraction"])
    return types if len(types) > 1 else types[0]


def opening_hours_specification(schedule: AttractionSchedule, today: dt.date) -> list[dict]:
    """One specification per hours row (validFrom/validThrough for a season
    as it applies now, or next), and each closure still to come as a closed day range."""
    specs = []
    for row in schedule.hours:
        days = SCHEMA_DAY_SETS.get(row.days) or [SCHEMA_DAYS[int(row.days)]]
        spec = {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{day}" for day in days],
            "opens": row.opens.strftime("%H:%M"),
            "closes": row.closes.strftime("%H:%M"),
        }
        if not row.all_year:
            start, end = row.season_dates(today)
            spec.update(validFrom=start.isoformat(), validThrough=end.isoformat())
        specs.append(spec)
    for closure in schedule.upcoming_closures(today):
        # schema.org: opening and closing at 00:00 means closed all day.
        specs.append(
            {
                "@type": "OpeningHoursSpecification",
                "opens": "00:00",
                "closes": "00:00",
                "validFrom": closure.start.isoformat(),
                "validThrough": closure.last_day.isoformat(),
            }
        )
    return specs


def json_ld(page, request, *, schedule=None, today=None, gallery=None) -> str:
    """schema.org TouristAttraction (with the category's subtype) as a JSON string."""
    schedule = schedule or schedule_of(page)
    today = today or now_in_tokyo().date()
    data = {
        "@context": "https://schema.org",
        "@type": schema_types(page.category),
        "name": page.title,
        "url": page.get_full_url(request),
        "description": page.summary,
        "publicAccess": True,
        "address": {
            "@type": "PostalAddress",
            "postalCode": page.postal_code,
            "addressRegion": page.prefecture,
            "addressLocality": page.city,
            "streetAddress": f"{page.street} {page.building}".strip(),
            "addressCountry": "JP",
        },
    }
    if page.name_kana:
        data["alternateName"] = page.name_kana
    if page.has_point:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(page.latitude),
            "longitude": float(page.longitude),
        }
    specs = opening_hours_specification(schedule, today)
    if specs:
        data["openingHoursSpecification"] = specs
    if page.admission_fee is not None:
        data["isAccessibleForFree"] = page.admission_fee == 0
    if page.phone:
        data["telephone"] = page.phone
    if page.website:
        data["sameAs"] = [page.website]
    features = [
        (_("Step-free access"), page.step_free),
        (_("Accessible toilet"), page.accessible_toilet),
        (_("Wheelchairs to borrow"), page.wheelchair_rental),
    ]
    data["amenityFeature"] = [
        {"@type": "LocationFeatureSpecification", "name": str(name), "value": value}
        for name, value in features
    ]
    images = []
    if page.hero_image:
        images.append(page.hero_image.get_rendition(OG_RENDITION).url)
    if gallery is None:
        gallery = gallery_of(page)
    images += [item.image.get_rendition(GALLERY_RENDITION).url for item in gallery]
    if images:
        data["image"] = [request.build_absolute_uri(url) for url in images]
    data["dateModified"] = timezone.localtime(
        page.last_published_at or timezone.now(), TOKYO
    ).isoformat()
    return to_script_json(data)


# The listing ----------------------------------------------------------------


@dataclass
class AttractionFilters:
    """The listing's GET filters. Unknown values are ignored, never an error."""

    category: str = ""
    area: object = None  # an Area in the active language
    free: bool = False
    open_now: bool = False
    barrier_free: bool = False
    season: str = ""

    @classmethod
    def from_query(cls, query, areas) -> AttractionFilters:
        categories = dict(AttractionPage.CATEGORIES)
        seasons = dict(SEASONS)
        category = query.get("category", "")
        season = query.get("season", "")
        area_slug = query.get("area", "")
        return cls(
            category=category if category in categories else "",
            area=next((a for a in areas if a.slug == area_slug), None) if area_slug else None,
            free=query.get("free") == "1",
            open_now=query.get("open") == "1",
            barrier_free=query.get("barrier_free") == "1",
            season=season if season in seasons else "",
        )

    def params(self) -> list[tuple[str, str]]:
        """The filters as query parameters, for shareable links and pagination."""
        pairs = [
            ("category", self.category),
            ("area", self.area.slug if self.area is not None else ""),
            ("free", "1" if self.free else ""),
            ("open", "1" if self.open_now else ""),
            ("barrier_free", "1" if self.barrier_free else ""),
            ("season", self.season),
        ]
        return [(name, value) for name, value in pairs if value]

    @property
    def querystring(self) -> str:
        return urlencode(self.params())

    @property
    def active(self) -> bool:
        return bool(self.params())

    def apply(self, attractions):
        if self.category:
            attractions = attractions.filter(category=self.category)
        if self.area is not None:
            attractions = attractions.filter(area__translation_key=self.area.translation_key)
        if self.free:
            attractions = attractions.filter(admission_fee=0)
        if self.barrier_free:
            attractions = attractions.filter(step_free=True)
        if self.season:
            attractions = attractions.filter(**{f"best_in_{self.season}": True})
        return attractions


def attraction_cards(queryset):
    """Attractions ready for cards: area, hero image and its card rendition,
    hours and closures (for "open now"), in a fixed number of queries."""
    return queryset.select_related("area", "hero_image").prefetch_related(
        renditions_prefetch("hero_image__renditions", CARD_RENDITION), "hours", "closures"
    )


def label_cards(attractions, locale=None, now=None):
    """Give each attraction its area name in the visitor's language, its
    schedule and whether it is open now (one query for the area names)."""
    attractions = list(attractions)
    now = to_tokyo(now) if now is not None else now_in_tokyo()
    areas = localized_names(Area, locale or Locale.get_active())
    for attraction in attractions:
        attraction.area_label = (
            areas.get(attraction.area.translation_key, attraction.area.name)
            if attraction.area_id
            else ""
        )
        attraction.schedule = schedule_of(attraction)
        attraction.open_now = (
            attraction.schedule.is_open_at(now) if attraction.schedule.known else None
        )
    return attractions


def attraction_listing(index, request, now: dt.datetime | None = None) -> dict:
    now = to_tokyo(now) if now is not None else now_in_tokyo()
    locale = Locale.get_active()
    # Areas in the visitor's language, or in Japanese where not translated yet.
    areas = prefer_language(
        list(Area.objects.filter(locale_id__in={locale.pk, default_locale().pk})), locale
    )
    filters = AttractionFilters.from_query(request.GET, areas)
    attractions = attraction_cards(
        filters.apply(AttractionPage.objects.child_of(index).live().public())
    ).order_by("name_kana", "title", "pk")
    if filters.open_now:
        # Hours are rows by season and day: decided in Python, on every candidate.
        attractions = [a for a in label_cards(attractions, locale, now) if a.open_now]
        page_obj = Paginator(attractions, PAGE_SIZE).get_page(request.GET.get("page"))
        cards = list(page_obj.object_list)
    else:
        page_obj = Paginator(attractions, PAGE_SIZE).get_page(request.GET.get("page"))
        cards = label_cards(page_obj.object_list, locale, now)
    return {
        "filters": filters,
        "categories": AttractionPage.CATEGORIES,
        "areas": areas,
        "seasons": SEASONS,
        "page_obj": page_obj,
        "attractions": cards,
        "now": now,
    }
