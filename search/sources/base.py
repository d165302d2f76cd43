"""What every document builder shares: the per-run lookups (categories,
areas, private sections, site root paths), plain text from rich text and
StreamFields, page URLs, image renditions, opening intervals and the
chunked walk over a queryset.

A builder gets a whole chunk of objects, loaded with their related rows by
a fixed number of queries (select_related / prefetch_related), and looks up
what the chunk needs in a few more queries: however many objects a chunk
holds, it costs the same number of queries.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from types import SimpleNamespace

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

from businesses.hours import TOKYO
from search.documents import SOURCE_LANGUAGE, SearchDocument

logger = logging.getLogger("search.indexing")

BODY_LIMIT = 4000  # characters of plain text per document body
SUMMARY_LIMIT = 200  # products' summary (their description's beginning)
# Listing cards use this rendition everywhere (storefront, product and
# tourism cards), so it usually exists already; missing ones are made once.
IMAGE_RENDITION = "fill-480x320"
OPENING_DAYS = 8  # opening intervals from today (Tokyo) for "open now"


class BuildContext:
    """Lookups shared by every chunk of one run: loaded once, lazily.

    `now` fixes the moment a run builds for (opening intervals start today
    in Tokyo; occurrences that ended before it are left out)."""

    def __init__(self, now: dt.datetime | None = None):
        self.now = now or timezone.now()
        # Wagtail caches the site root paths on the object given as `request`.
        self.url_cache = SimpleNamespace()

    @property
    def today(self) -> dt.date:
        return self.now.astimezone(TOKYO).date()

    @cached_property
    def private_q(self):
        """Pages under a view restriction (PageQuerySet.public() without a query per use)."""
        return Page.objects.none().private_q()

    def public(self, queryset):
        return queryset.exclude(self.private_q)

    @cached_property
    def categories(self) -> Translations:
        from businesses.models import BusinessCategory

        return Translations(BusinessCategory.objects.select_related("locale"))

    @cached_property
    def areas(self) -> Translations:
        from tourism.models import Area

        return Translations(Area.objects.select_related("locale"))

    @cached_property
    def multiple_sites(self) -> bool:
        roots = Page()._get_site_root_paths(self.url_cache)
        return len({root.site_id for root in roots}) > 1


class Translations:
    """A translatable snippet table (categories, areas: a few dozen rows) by
    pk and by (translation key, language)."""

    def __init__(self, rows):
        self.by_pk = {}
        self.by_key = {}
        for row in rows:
            self.by_pk[row.pk] = row
            self.by_key[(row.translation_key, row.locale.language_code)] = row

    def get(self, pk, language):
        """The row in `language` (else the source language, else the one referenced)."""
        row = self.by_pk.get(pk)
        if row is None:
            return None
        return (
            self.by_key.get((row.translation_key, language))
            or self.by_key.get((row.translation_key, SOURCE_LANGUAGE))
            or row
        )

    def key_and_label(self, pk, language) -> tuple[str, str]:
        """(slug, name in `language`); the slug is the source row's, shared by all languages."""
        row = self.get(pk, language)
        if row is None:
            return "", ""
        source = self.by_key.get((row.translation_key, SOURCE_LANGUAGE)) or row
        return source.slug, row.name


# -- text ---------------------------------------------------------------------------


def rich_text(html) -> str:
    return " ".join(get_text_for_indexing(str(html or "")).split())


def stream_text(value) -> str:
    """The words of a StreamField: text, rich text and headings (readings
    removed); no URLs, numbers, choices or images."""
    if not value:
        return ""
    parts: list[str] = []
    for child in value:
        _block_text(child.block, child.value, parts)
    return " ".join(part for part in parts if part)


def _block_text(block, value, parts):
    from tourism.ruby import strip_readings

    if value is None or isinstance(block, (ImageBlock, ImageChooserBlock)):
        return
    if isinstance(block, blocks.RichTextBlock):
        parts.append(rich_text(getattr(value, "source", value)))
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)) and not isinstance(
        block, (blocks.URLBlock, blocks.EmailBlock, blocks.RegexBlock)
    ):
        parts.append(" ".join(strip_readings(str(value)).split()))
    elif isinstance(block, blocks.StructBlock):
        if not hasattr(value, "get"):
            return
        for name, child_block in block.child_blocks.items():
            _block_text(child_block, value.get(name), parts)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            _block_text(block.child_block, getattr(item, "value", item), parts)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            _block_text(child.block, child.value, parts)


def join_text(*parts: str, limit: int = BODY_LIMIT) -> str:
    return truncate(" ".join(" ".join(str(p).split()) for p in parts if p), limit)


def truncate(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a space when one is near the end
    (Japanese has none: it is cut at the limit)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit * 0.8 else cut


def label(choices, value) -> str:
    """A choice's label in the active language."""
    return str(dict(choices).get(value, "")) if value else ""


# -- URLs and images -------------------------------------------------------------------


def page_url(page, context: BuildContext) -> str:
    """The page's address in its own language: a path, or a full URL when the
    installation serves several sites."""
    with translation.override(page.locale.language_code):
        parts = page.get_url_parts(request=context.url_cache)
    if not parts or parts[2] is None:
        return ""
    _site, root_url, path = parts
    return root_url + path if context.multiple_sites else path


def image_url(image) -> str:
    """The small card rendition's URL. Prefetched renditions (see
    machikado.images.renditions_prefetch) need no query; a missing one is
    made once (later builds find it)."""
    if image is None:
        return ""
    try:
        return image.get_rendition(IMAGE_RENDITION).url
    except Exception:  # a missing or broken file must not stop indexing
        logger.warning("No %s rendition for image %s", IMAGE_RENDITION, image.pk, exc_info=True)
        return ""


def rendition_lookup(path: str):
    from machikado.images import renditions_prefetch

    return renditions_prefetch(path, IMAGE_RENDITION)


def point(obj) -> tuple[float | None, float | None]:
    if obj is None or obj.latitude is None or obj.longitude is None:
        return None, None
    return float(obj.latitude), float(obj.longitude)


# -- time ----------------------------------------------------------------------------


def opening_intervals(periods_on, today: dt.date, closed_on=lambda day: False):
    """Aware [start, end) intervals from the opening periods of each day
    (`periods_on(day)`: businesses/hours.py and tourism/hours.py decide
    them), from yesterday (a period past midnight) to OPENING_DAYS ahead.
    A period running past midnight stops at a day `closed_on` says is closed."""
    intervals = []
    start_of_today = dt.datetime.combine(today, dt.time(0), TOKYO)
    for offset in range(-1, OPENING_DAYS):
        day = today + dt.timedelta(days=offset)
        if closed_on(day):
            continue
        for period in periods_on(day):
            start = dt.datetime.combine(day, period.opens, TOKYO)
            if period.overnight:
                next_day = day + dt.timedelta(days=1)
                end_day = next_day
                end_time = period.closes
                if closed_on(next_day):
                    end_time = dt.time(0)
                end = dt.datetime.combine(end_day, end_time, TOKYO)
            else:
                end = dt.datetime.combine(day, period.closes, TOKYO)
            if end > start_of_today and end > start:
                intervals.append((start, end))
    return sorted(intervals)


# -- walking the database -------------------------------------------------------------------


def keyset_chunks(queryset, chunk_size: int) -> Iterator[list]:
    """Lists of at most `chunk_size` objects in pk order, one bounded query
    (plus the queryset's prefetches) per chunk, never the whole table."""
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        objects = list(page[:chunk_size])
        if not objects:
            return
        yield objects
        if len(objects) < chunk_size:
            return
        last = objects[-1].pk


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


__all__ = ["BuildContext", "SearchDocument"]
