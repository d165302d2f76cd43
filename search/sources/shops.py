"""Storefronts (BusinessPage): one document per live language version."""

from __future__ import annotations

from django.utils.translation import gettext as _

from businesses.models import BusinessPage
from search.documents import SearchDocument

from .base import BuildContext, join_text, label, opening_intervals, point, stream_text
from .pages import PageSource


class ShopSource(PageSource):
    kind = "shop"
    model = BusinessPage
    prefetch_related = ("opening_periods", "special_days", "payment_methods", "spoken_languages")

    def fill(self, document: SearchDocument, page, context: BuildContext, extra: dict) -> None:
        document.body = join_text(stream_text(page.body), page.hours_note, page.accessibility_notes)
        document.category, document.category_label = context.categories.key_and_label(
            page.category_id, document.language
        )
        self.area(document, page.area_id, context)
        document.latitude, document.longitude = point(page)
        document.barrier_free = page.step_free_entrance
        codes = {method.code for method in page.payment_methods.all()}
        document.takes_cards = "credit_card" in codes
        document.tags = shop_tags(page)
        schedule = page.schedule  # businesses/hours.py decides which periods apply
        document.opening = opening_intervals(
            schedule.periods_on, context.today, closed_on=schedule.is_closed_temporarily
        )


def shop_tags(page) -> list[str]:
    """Payment methods and languages spoken (in the active language), and the access words."""
    tags = [str(method) for method in page.payment_methods.all()]
    tags += [str(language) for language in page.spoken_languages.all()]
    if page.step_free_entrance:
        tags.append(_("step-free entrance"))
    if page.accessible_toilet:
        tags.append(_("accessible toilet"))
    if page.parking:
        tags.append(label(BusinessPage.PARKING_CHOICES, page.parking))
    return [str(tag) for tag in tags if tag]
