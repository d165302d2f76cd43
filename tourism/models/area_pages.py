from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable

from .common import TourismPage


class AreaPage(TourismPage):
    """An area's overview: its centre on a map, highlights, and what is in it."""

    # Required here: the page describes this area (centre point on the snippet).
    area = models.ForeignKey(
        "tourism.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    map_zoom = models.PositiveSmallIntegerField(_("map zoom"), default=13)

    content_panels = TourismPage.content_panels + [
        FieldPanel("title_ruby"),
        FieldPanel("name_kana"),
        FieldPanel("area"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("highlights", label=_("Highlights"), max_num=12),
        FieldPanel("map_zoom"),
    ]

    parent_page_types = ["tourism.AreaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("area page")
        verbose_name_plural = _("area pages")

    def get_context(self, request, *args, **kwargs):
        from ..presenters.areas import area_context

        context = super().get_context(request, *args, **kwargs)
        context.update(area_context(self, request))
        return context


class AreaHighlight(Orderable):
    page = ParentalKey(AreaPage, on_delete=models.CASCADE, related_name="highlights")
    highlight = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [
        PageChooserPanel(
            "highlight", ["tourism.AttractionPage", "tourism.EventPage", "businesses.BusinessPage"]
        )
    ]
