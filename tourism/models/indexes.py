"""The tourism home and the four listings under it (one of each per language)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page

from .event_routes import EventIndexRoutes


class TourismHomePage(Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    hero_image = models.ForeignKey(
        get_image_model(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        InlinePanel("features", label=_("Featured"), max_num=8),
    ]

    parent_page_types = ["machikado.HomePage"]
    subpage_types = [
        "tourism.AreaIndexPage",
        "tourism.AttractionIndexPage",
        "tourism.EventIndexPage",
        "tourism.CourseIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("tourism home")

    def get_context(self, request, *args, **kwargs):
        from ..presenters.home import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self, request))
        return context


class TourismFeature(Orderable):
    page = ParentalKey(TourismHomePage, on_delete=models.CASCADE, related_name="features")
    featured = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [
        PageChooserPanel(
            "featured",
            ["tourism.AttractionPage", "tourism.EventPage", "tourism.ModelCoursePage"],
        )
    ]


class ListingPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["tourism.TourismHomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


class AreaIndexPage(ListingPage):
    subpage_types = ["tourism.AreaPage"]

    class Meta:
        verbose_name = _("area listing")


class AttractionIndexPage(ListingPage):
    subpage_types = ["tourism.AttractionPage"]

    class Meta:
        verbose_name = _("attraction listing")

    def get_context(self, request, *args, **kwargs):
        from ..presenters.attractions import attraction_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(attraction_listing(self, request))
        return context


class EventIndexPage(EventIndexRoutes, ListingPage):
    subpage_types = ["tourism.EventPage"]

    class Meta:
        verbose_name = _("event listing")


class CourseIndexPage(ListingPage):
    subpage_types = ["tourism.ModelCoursePage"]

    class Meta:
        verbose_name = _("model course listing")
