"""Attractions: one document per live language version."""

from __future__ import annotations

from django.utils.translation import gettext as _

from search.documents import SearchDocument
from tourism.hours import AttractionSchedule
from tourism.models import AttractionPage
from tourism.models.common import SEASONS

from .base import BuildContext, join_text, label, opening_intervals, point, stream_text
from .pages import PageSource


class AttractionSource(PageSource):
    kind = "attraction"
    model = AttractionPage
    prefetch_related = ("hours", "closures")

    def fill(self, document: SearchDocument, page, context: BuildContext, extra: dict) -> None:
        document.body = join_text(
            stream_text(page.body),
            page.hours_note,
            page.fee_details,
            page.access_train,
            page.access_bus,
            page.access_car,
            page.barrier_free_notes,
        )
        document.category = page.category
        document.category_label = label(AttractionPage.CATEGORIES, page.category)
        self.area(document, page.area_id, context)
        document.latitude, document.longitude = point(page)
        document.price = page.admission_fee
        document.barrier_free = page.step_free
        document.tags = attraction_tags(page)
        # tourism/hours.py decides the periods of a day (seasons, closures).
        schedule = AttractionSchedule.from_rows(page.hours.all(), page.closures.all())
        document.opening = opening_intervals(schedule.periods_on, context.today)


def attraction_tags(page) -> list[str]:
    """Its best seasons, free admission and access words, in the active language."""
    tags = [label(SEASONS, season) for season in page.best_seasons]
    if page.admission_fee == 0:
        tags.append(_("Free"))
    if page.step_free:
        tags.append(_("step-free access"))
    if page.accessible_toilet:
        tags.append(_("accessible toilet"))
    if page.wheelchair_rental:
        tags.append(_("wheelchairs to borrow"))
    return [str(tag) for tag in tags if tag]
