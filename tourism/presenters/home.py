"""What the tourism home shows: featured pages, seasonal picks, what's on
this month, and the way to each listing. A fixed number of queries,
whatever the amount of content."""

from __future__ import annotations

import datetime as dt

from django.db.models import Min
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from machikado.images import prefetch_renditions
from machikado.renditions import with_variants

from ..hours import TOKYO, now_in_tokyo, to_tokyo
from ..models import AttractionPage, EventOccurrence, EventPage, ModelCoursePage
from ..models.common import SEASONS, season_of
from .attractions import (
    CARD_RENDITION,
    HERO_RENDITION,
    attraction_cards,
    label_cards,
    upcoming_in_language,
)

SEASONAL_PICKS = 6
WHATS_ON_LIMIT = 12


def first_of_next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def featured_pages(home, now: dt.datetime) -> list[dict]:
    """The editor's featured pages that are live, in order; events that are
    over are left out (an event is on while it has an occurrence not ended)."""
    feature_rows = list(home.features.all())
    pages = {
        page.pk: page
        for page in Page.objects.filter(pk__in=[f.featured_id for f in feature_rows])
        .live()
        .public()
        .specific()
    }
    event_ids = [pk for pk, page in pages.items() if isinstance(page, EventPage)]
    next_start = dict(
        EventOccurrence.objects.filter(event_id__in=event_ids, end__gte=now)
        .values("event_id")
        .annotate(first=Min("start"))
        .values_list("event_id", "first")
    )
    images = {
        image.pk: image
        for image in get_image_model()
        .objects.filter(pk__in={getattr(p, "hero_image_id", None) for p in pages.values()} - {None})
        .prefetch_renditions(*with_variants(CARD_RENDITION))
    }
    kinds = {
        AttractionPage: _("Attraction"),
        EventPage: _("Event"),
        ModelCoursePage: _("Model course"),
    }
    featured = []
    for row in feature_rows:
        page = pages.get(row.featured_id)
        if page is None:
            continue
        if isinstance(page, EventPage) and page.pk not in next_start:
            continue
        featured.append(
            {
                "page": page,
                "kind": kinds.get(type(page), ""),
                "image": images.get(getattr(page, "hero_image_id", None)),
                "next_start": next_start.get(page.pk),
            }
        )
    return featured


def seasonal_picks(home, season: str, locale, now, limit=SEASONAL_PICKS):
    """Live attractions at their best in this season, under this tourism home."""
    attractions = attraction_cards(
        AttractionPage.objects.descendant_of(home)
        .live()
        .public()
        .filter(**{f"best_in_{season}": True})
    ).order_by("name_kana", "title", "pk")[:limit]
    return label_cards(attractions, locale, now)


def whats_on(locale, now: dt.datetime, limit=WHATS_ON_LIMIT):
    """Occurrences from now to the end of this month (Tokyo), soonest first."""
    month_end = dt.datetime.combine(first_of_next_month(now.date()), dt.time(0), TOKYO)
    return upcoming_in_language(locale, start=now, end=month_end, limit=limit, now=now)


def home_context(home, request, now: dt.datetime | None = None) -> dict:
    now = to_tokyo(now) if now is not None else now_in_tokyo()
    locale = Locale.get_active()
    season = season_of(now.date())
    if home.hero_image_id and home.hero_image:
        prefetch_renditions([(home.hero_image, HERO_RENDITION)])
    return {
        "now": now,
        "season": season,
        "season_label": dict(SEASONS)[season],
        "featured": featured_pages(home, now),
        "seasonal_picks": seasonal_picks(home, season, locale, now),
        "whats_on": whats_on(locale, now),
        "sections": list(home.get_children().live().public()),
    }
