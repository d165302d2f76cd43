"""Events: one document per live language version, with their occurrences.

Occurrences are the stored EventOccurrence rows (tourism/services/
occurrences.py expands the dates up to TOURISM_OCCURRENCE_HORIZON_DAYS)
that have not ended. A cancelled or postponed event keeps its document (its
status is a tag) but has no occurrences, so date filters leave it out.
When the event has no map point or area of its own, its venue's (an
attraction or a storefront) are used.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from search.documents import SearchDocument
from tourism.models import EventOccurrence, EventPage

from .base import BuildContext, join_text, label, point, stream_text
from .pages import PageSource, in_language, step_free, venue_pages

NOT_TAKING_PLACE = (EventPage.CANCELLED, EventPage.POSTPONED)


class EventSource(PageSource):
    kind = "event"
    model = EventPage
    select_related = ("venue_page",)

    def prefetches(self, context: BuildContext) -> list:
        upcoming = EventOccurrence.objects.filter(end__gt=context.now).order_by("start")
        return [Prefetch("occurrences", queryset=upcoming)]

    def lookups(self, pages, context: BuildContext) -> dict:
        keys = {page.venue_page.translation_key for page in pages if page.venue_page_id}
        return {"venues": venue_pages(keys, context)}

    def fill(self, document: SearchDocument, page, context: BuildContext, extra: dict) -> None:
        venue = None
        if page.venue_page_id:
            venue = in_language(extra["venues"], page.venue_page.translation_key, document.language)
        venue_name = venue.title if venue is not None else page.venue_name
        document.body = join_text(
            stream_text(page.body),
            page.date_note,
            venue_name,
            page.organiser,
            page.price_details,
            page.booking_method,
        )
        document.category = page.category
        document.category_label = label(EventPage.CATEGORIES, page.category)
        self.area(document, page.area_id or (venue.area_id if venue else None), context)
        document.latitude, document.longitude = point(page)
        if document.latitude is None and venue is not None:
            document.latitude, document.longitude = point(venue)
        document.price = page.price
        document.barrier_free = venue is not None and step_free(venue)
        if page.status not in NOT_TAKING_PLACE:
            document.occurrences = [(o.start, o.end) for o in page.occurrences.all()]
        tags = [venue_name, page.organiser]
        if page.status != EventPage.SCHEDULED:
            tags.append(label(EventPage.STATUSES, page.status))
        if page.repeat:
            tags.append(label(EventPage.REPEATS, page.repeat))
        if page.price == 0:
            tags.append(_("Free"))
        document.tags = [str(tag) for tag in tags if tag]
