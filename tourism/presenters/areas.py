"""What the area pages show, computed in one place.

Every list is loaded in a fixed number of queries whatever its length:
one query per kind of page, images with their renditions prefetched,
category and area names from one look-up per taxonomy.

Pages are shown in the visitor's language when translated (and live),
otherwise in Japanese, the source language.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from machikado.images import renditions_prefetch

from ..maps import map_context, point_for
from .languages import in_visitor_language, prefer_language, visitor_locales

CARD_RENDITION = "fill-480x320"  # businesses/includes/storefront_card.html and tourism cards
HERO_RENDITION = "fill-1200x500"


def kind_of(page):
    from businesses.models import BusinessPage

    from ..models import AttractionPage, EventPage

    if isinstance(page, AttractionPage):
        return "attraction"
    if isinstance(page, BusinessPage):
        return "shop"
    if isinstance(page, EventPage):
        return "event"
    return ""


def localized_pages(pages, locales=None):
    """{translation key: the live specific page in the visitor's language, else
    in Japanese} for base Page objects (chosen pages: highlights, course stops).
    One query per page type, with hero images and their card renditions."""
    from businesses.models import BusinessPage

    locales = locales or visitor_locales()
    keys_by_model = defaultdict(set)
    for page in pages:
        model = page.specific_class
        if model is not None:
            keys_by_model[model].add(page.translation_key)
    found = {}
    for model, keys in keys_by_model.items():
        queryset = (
            model.objects.live()
            .filter(translation_key__in=keys)
            .prefetch_related(renditions_prefetch("hero_image__renditions", CARD_RENDITION))
        )
        related = ["hero_image"]
        if issubclass(model, BusinessPage):
            related += ["category", "area"]
        queryset = queryset.select_related(*related)
        for page in in_visitor_language(queryset, locales):
            found[page.translation_key] = page
    return found


def sort_by_reading(pages):
    return sorted(pages, key=lambda page: ((page.name_kana or page.title), page.title, page.pk))


# Pages in an area ----------------------------------------------------------


def attractions_in(area, locales=None):
    """Live attractions of the area (any language version of it), by reading."""
    from ..models import AttractionPage

    queryset = (
        AttractionPage.objects.live()
        .filter(area__translation_key=area.translation_key)
        .select_related("hero_image")
        .prefetch_related(renditions_prefetch("hero_image__renditions", CARD_RENDITION))
    )
    return sort_by_reading(in_visitor_language(queryset, locales))


def storefronts_in(area, locales=None):
    """Live storefronts of the area, by reading, with category and area names
    in the visitor's language (for businesses/includes/storefront_card.html)."""
    from businesses.listing import with_labels
    from businesses.models import BusinessPage

    locales = locales or visitor_locales()
    queryset = (
        BusinessPage.objects.live()
        .filter(area__translation_key=area.translation_key)
        .select_related("category", "area", "hero_image")
        .prefetch_related(renditions_prefetch("hero_image__renditions", CARD_RENDITION))
    )
    return with_labels(sort_by_reading(in_visitor_language(queryset, locales)), locales[0])


def area_name(area, locale):
    """The area's name in the visitor's language (one query)."""
    from ..models import Area

    translated = (
        Area.objects.filter(translation_key=area.translation_key, locale=locale)
        .values_list("name", flat=True)
        .first()
    )
    return translated or area.name


def area_map(page, name, attractions, storefronts, request=None):
    centre = point_for(page.area, label=name, kind="area")
    points = [centre]
    points += [point_for(p, url=p.get_url(request), kind="attraction") for p in attractions]
    points += [point_for(p, url=p.get_url(request), kind="shop") for p in storefronts]
    return map_context(
        points,
        zoom=page.map_zoom,
        label=_("Map of %(area)s") % {"area": name},
        center=(page.area.latitude, page.area.longitude) if centre else None,
    )


def area_context(page, request) -> dict:
    """Everything the area page shows."""
    locales = visitor_locales()
    name = area_name(page.area, locales[0])
    attractions = attractions_in(page.area, locales)
    storefronts = storefronts_in(page.area, locales)
    chosen = list(page.highlights.select_related("highlight"))
    localized = localized_pages([row.highlight for row in chosen], locales)
    highlights = []
    for row in chosen:
        highlight = localized.get(row.highlight.translation_key)
        if highlight is not None:
            highlight.kind = kind_of(highlight)
            highlights.append(highlight)
    return {
        "area_label": name,
        "highlights": highlights,
        "attractions": attractions,
        "storefronts": storefronts,
        "map": area_map(page, name, attractions, storefronts, request),
    }


# Near a place ----------------------------------------------------------------

NEARBY_RADIUS_KM = 3.0
NEARBY_LIMIT = 6


def attractions_near(place, locales=None, *, radius_km=NEARBY_RADIUS_KM, limit=NEARBY_LIMIT):
    """[Near(attraction, km)] nearest first, each attraction in the visitor's
    language when translated, else in Japanese (one query)."""
    from ..models import AttractionPage
    from ..nearby import nearest

    visitor = locales or visitor_locales()
    active, default = visitor
    queryset = visitor.public(
        AttractionPage.objects.live().filter(locale_id__in={active.pk, default.pk})
    )
    # Both language versions of an attraction share its point: ask for twice
    # as many, keep one version of each.
    found = nearest(queryset, place.latitude, place.longitude, radius_km=radius_km, limit=limit * 2)
    kept = {id(page) for page in prefer_language([near.item for near in found], active)}
    return [near for near in found if id(near.item) in kept][:limit]


# The list of areas ----------------------------------------------------------


def area_listing(index, request) -> dict:
    """The areas (pages) in the visitor's language, by reading, with a map of their centres."""
    from ..models import Area, AreaPage

    locales = visitor_locales()
    queryset = (
        AreaPage.objects.live()
        .select_related("area", "hero_image")
        .prefetch_related(renditions_prefetch("hero_image__renditions", CARD_RENDITION))
    )
    areas = sort_by_reading(in_visitor_language(queryset, locales))
    names = dict(Area.objects.filter(locale=locales[0]).values_list("translation_key", "name"))
    for area_page in areas:
        area_page.area_label = names.get(area_page.area.translation_key, area_page.area.name)
    points = [
        point_for(p.area, label=p.area_label, url=p.get_url(request), kind="area") for p in areas
    ]
    return {
        "areas": areas,
        "map": map_context(points, zoom=12, label=_("Map of the areas")),
    }
