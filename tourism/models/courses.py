from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable

from .common import TourismPage


class ModelCoursePage(TourismPage):
    """A suggested day out: attractions and shops in order, with the travel between."""

    SEASONS = [
        ("", _("All year")),
        ("spring", _("Spring")),
        ("summer", _("Summer")),
        ("autumn", _("Autumn")),
        ("winter", _("Winter")),
    ]

    season = models.CharField(_("best season"), max_length=10, choices=SEASONS, blank=True)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)

    content_panels = TourismPage.content_panels + [
        FieldPanel("title_ruby"),
        FieldPanel("name_kana"),
        FieldRowPanel([FieldPanel("area"), FieldPanel("season")]),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("stops", label=_("Stops"), min_num=2, max_num=12),
        FieldPanel("accessibility_notes"),
    ]

    parent_page_types = ["tourism.CourseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("model course")
        verbose_name_plural = _("model courses")


class CourseStop(Orderable):
    MODES = [
        ("walk", _("On foot")),
        ("bicycle", _("By bicycle")),
        ("bus", _("By bus")),
        ("train", _("By train")),
        ("car", _("By car")),
        ("taxi", _("By taxi")),
    ]

    course = ParentalKey(ModelCoursePage, on_delete=models.CASCADE, related_name="stops")
    stop = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("attraction or shop"),
    )
    stay_minutes = models.PositiveSmallIntegerField(_("suggested stay (minutes)"), default=60)
    travel_minutes = models.PositiveSmallIntegerField(
        _("travel to the next stop (minutes)"), null=True, blank=True
    )
    travel_mode = models.CharField(_("travel by"), max_length=10, choices=MODES, blank=True)

    panels = [
        PageChooserPanel("stop", ["tourism.AttractionPage", "businesses.BusinessPage"]),
        FieldPanel("stay_minutes"),
        FieldRowPanel([FieldPanel("travel_minutes"), FieldPanel("travel_mode")]),
    ]
