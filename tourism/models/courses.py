from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable

from .common import TourismPage

MIN_STOPS = 2
STOP_PAGE_TYPES = ("tourism.AttractionPage", "businesses.BusinessPage")


def validate_stop_page(page):
    """A stop is an attraction or a storefront (the chooser offers only those)."""
    if page is None:
        return
    model = page.specific_class
    label = f"{model._meta.app_label}.{model.__name__}" if model else ""
    if label not in STOP_PAGE_TYPES:
        raise ValidationError(
            _("A stop must be an attraction or a shop, not “%(title)s”."),
            code="invalid_stop",
            params={"title": page.title},
        )


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

    def full_clean(self, exclude=None, *args, **kwargs):
        super().full_clean(exclude, *args, **kwargs)
        # Page.save() and save_revision() call full_clean() without exclusions
        # and with the stops they are about to save. The admin form calls it
        # with exclusions before its stops formset reaches the page; that
        # formset checks the count itself (InlinePanel min_num) and each stop
        # (CourseStop.clean).
        if exclude is None:
            self.validate_stops()

    def validate_stops(self):
        stops = [stop for stop in self.stops.all() if stop.stop_id]
        if len(stops) < MIN_STOPS:
            raise ValidationError({"stops": _("A model course needs at least two stops.")})
        for stop in stops:
            validate_stop_page(stop.stop)

    def get_context(self, request, *args, **kwargs):
        from ..presenters.courses import course_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_context(self, request))
        return context


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
        PageChooserPanel("stop", list(STOP_PAGE_TYPES)),
        FieldPanel("stay_minutes"),
        FieldRowPanel([FieldPanel("travel_minutes"), FieldPanel("travel_mode")]),
    ]

    def clean(self):
        super().clean()
        if self.stop_id:
            try:
                validate_stop_page(self.stop)
            except ValidationError as error:
                raise ValidationError({"stop": error.messages}) from error
