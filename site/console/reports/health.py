"""Content health: what visitors should not see any more, or cannot read."""

import datetime as dt

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from wagtail.images import get_image_model

from tourism.models import AttractionPage, EventOccurrence, TourismFeature

from .businesses import stale_storefronts  # noqa: F401  (the same report, re-used here)

SECOND_LANGUAGE = "en"


def past_featured_events(now: dt.datetime | None = None) -> list[dict]:
    """Events featured on a tourism home whose last occurrence has ended:
    {home_id, home_language, event_id, event, last_end}, the longest over first.

    SQL: ``SELECT f.page_id, l.language_code, f.featured_id, p.title,
    (SELECT MAX(o."end") FROM tourism_eventoccurrence o WHERE o.event_id = f.featured_id) AS last_end
    FROM tourism_tourismfeature f JOIN wagtailcore_page p ON p.id = f.featured_id
    JOIN wagtailcore_page h ON h.id = f.page_id JOIN wagtailcore_locale l ON l.id = h.locale_id
    WHERE last_end < :now ORDER BY last_end``.
    """
    now = now or timezone.now()
    last_end = (
        EventOccurrence.objects.filter(event_id=OuterRef("featured_id"))
        .order_by("-end")
        .values("end")[:1]
    )
    rows = (
        TourismFeature.objects.annotate(last_end=Subquery(last_end))
        .filter(last_end__lt=now)
        .order_by("last_end", "pk")
        .values(
            "page_id", "page__locale__language_code", "featured_id", "featured__title", "last_end"
        )
    )
    return [
        {
            "home_id": row["page_id"],
            "home_language": row["page__locale__language_code"],
            "event_id": row["featured_id"],
            "event": row["featured__title"],
            "last_end": row["last_end"],
        }
        for row in rows
    ]


def attractions_without_english(area_key=None) -> list[dict]:
    """Live Japanese attractions with no live English version: {page_id, title, area}.

    SQL: ``SELECT p.id, p.title FROM tourism_attractionpage ap JOIN wagtailcore_page p
    ON p.id = ap.page_ptr_id JOIN wagtailcore_locale l ON l.id = p.locale_id
    WHERE p.live AND l.language_code = 'ja' AND p.translation_key NOT IN (SELECT p2.translation_key
    FROM tourism_attractionpage ap2 JOIN wagtailcore_page p2 ON p2.id = ap2.page_ptr_id
    JOIN wagtailcore_locale l2 ON l2.id = p2.locale_id WHERE p2.live AND l2.language_code = 'en')
    ORDER BY p.title``.
    """
    english = AttractionPage.objects.live().filter(locale__language_code=SECOND_LANGUAGE)
    pages = (
        AttractionPage.objects.live()
        .filter(locale__language_code="ja")
        .exclude(translation_key__in=english.values("translation_key"))
    )
    if area_key is not None:
        pages = pages.filter(area__translation_key=area_key)
    return [
        {"page_id": row["pk"], "title": row["title"], "area": row["area__name"] or ""}
        for row in pages.order_by("title", "pk").values("pk", "title", "area__name")
    ]


def images_without_alt_text(limit: int | None = None) -> dict:
    """Images whose description (Wagtail's alt text) is empty: {count, total,
    images: [{id, title, collection, created_at}]} (oldest first, ``limit`` of them).

    SQL: ``SELECT COUNT(*) FILTER (WHERE description = ''), COUNT(*) FROM wagtailimages_image``;
    the list: ``SELECT i.id, i.title, c.name, i.created_at FROM wagtailimages_image i
    JOIN wagtailcore_collection c ON c.id = i.collection_id WHERE i.description = ''
    ORDER BY i.created_at``.
    """
    Image = get_image_model()
    missing = Q(description="")
    counts = Image.objects.aggregate(count=Count("pk", filter=missing), total=Count("pk"))
    rows = (
        Image.objects.filter(missing)
        .order_by("created_at", "pk")
        .values("pk", "title", "collection__name", "created_at")
    )
    if limit is not None:
        rows = rows[:limit]
    counts["images"] = [
        {
            "id": row["pk"],
            "title": row["title"],
            "collection": row["collection__name"],
            "created_at": row["created_at"],
        }
        for row in rows
    ]
    return counts
