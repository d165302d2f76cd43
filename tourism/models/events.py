from django.core.exceptions import ValidationError
from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.signals import page_unpublished

from businesses.japan import validate_phone

from .common import Place, TourismPage, WeekdaysField, synchronized
from .event_routes import EventPageRoutes


class EventPage(EventPageRoutes, Place, TourismPage):
    """Something on: a festival, a market, an exhibition; once or repeating.

    The dates are a start (and optional end) date, optional times, and an
    optional repeat rule with excluded dates. The occurrences the rule
    produces are stored in EventOccurrence when the page is saved, so
    listings and calendars are plain date-range queries.
    """

    CATEGORIES = [
        ("festival", _("Festival")),
        ("market", _("Market")),
        ("exhibition", _("Exhibition")),
        ("workshop", _("Workshop or class")),
        ("performance", _("Music or performance")),
        ("sports", _("Sports and outdoors")),
        ("food", _("Food and drink")),
        ("seasonal", _("Seasonal sight")),
        ("other", _("Other")),
    ]
    SCHEDULED, CANCELLED, POSTPONED, RESCHEDULED = (
        "scheduled",
        "cancelled",
        "postponed",
        "rescheduled",
    )
    STATUSES = [
        (SCHEDULED, _("Scheduled")),
        (CANCELLED, _("Cancelled")),
        (POSTPONED, _("Postponed (new date to be announced)")),
        (RESCHEDULED, _("Rescheduled")),
    ]
    REPEATS = [
        ("", _("Does not repeat")),
        ("daily", _("Every day")),
        ("weekly", _("Every week")),
        ("monthly_date", _("Every month on the same date")),
        ("monthly_weekday", _("Every month on the same weekday (for example the 2nd Sunday)")),
        ("yearly", _("Every year")),
    ]

    category = models.CharField(_("category"), max_length=20, choices=CATEGORIES)
    status = models.CharField(_("status"), max_length=12, choices=STATUSES, default=SCHEDULED)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("For an event over several days.")
    )
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    date_note = models.CharField(_("note on dates and times"), max_length=200, blank=True)
    repeat = models.CharField(_("repeats"), max_length=16, choices=REPEATS, blank=True)
    repeat_interval = models.PositiveSmallIntegerField(
        _("every"), default=1, help_text=_("2 with “Every week” means every other week.")
    )
    repeat_weekdays = WeekdaysField(
        _("on"), help_text=_("For weekly events; the start date's weekday if none is ticked.")
    )
    repeat_until = models.DateField(_("repeat until"), null=True, blank=True)

    venue_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("venue (an attraction or a shop)"),
    )
    venue_name = models.CharField(
        _("venue name"),
        max_length=120,
        blank=True,
        help_text=_("When the venue is not an attraction or shop on this site."),
    )
    organiser = models.CharField(_("organiser"), max_length=120, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=20, blank=True, validators=[validate_phone]
    )
    price = models.PositiveIntegerField(
        _("price (yen, adult)"),
        null=True,
        blank=True,
        help_text=_("0 if free; leave empty if not stated."),
    )
    price_details = models.TextField(_("prices in detail"), blank=True)
    booking_url = models.URLField(_("booking link"), blank=True)
    booking_deadline = models.DateField(_("booking closes"), null=True, blank=True)
    booking_method = models.CharField(_("how to book"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    opendata_id = models.CharField(
        _("open data ID"),
        max_length=40,
        blank=True,
        db_index=True,
        help_text=_("The ID in the city's open data (set by import; leave empty for a new one)."),
    )

    content_panels = TourismPage.content_panels + [
        FieldPanel("title_ruby"),
        FieldPanel("name_kana"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("area")]),
        FieldPanel("status"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    date_panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("date_note"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("repeat_interval")]),
                FieldPanel("repeat_weekdays"),
                FieldPanel("repeat_until"),
                InlinePanel("exceptions", label=_("Dates it does not take place")),
            ],
            heading=_("Repeat"),
        ),
    ]
    place_panels = [
        PageChooserPanel("venue_page", ["tourism.AttractionPage", "businesses.BusinessPage"]),
        FieldPanel("venue_name"),
        Place.address_panel(_("Address (when the venue is not a page here)")),
    ]
    booking_panels = [
        FieldPanel("organiser"),
        FieldPanel("contact_phone"),
        FieldPanel("price"),
        FieldPanel("price_details"),
        FieldPanel("booking_url"),
        FieldRowPanel([FieldPanel("booking_deadline"), FieldPanel("capacity")]),
        FieldPanel("booking_method"),
        FieldPanel("opendata_id"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Event")),
            ObjectList(date_panels, heading=_("Dates")),
            ObjectList(place_panels, heading=_("Venue")),
            ObjectList(booking_panels, heading=_("Organiser and booking")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )

    override_translatable_fields = synchronized(
        "name_kana", "postal_code", "contact_phone", "opendata_id", "repeat_weekdays"
    )
    search_fields = TourismPage.search_fields + [
        index.FilterField("category"),
        index.FilterField("start_date"),
    ]

    parent_page_types = ["tourism.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    @property
    def is_free(self):
        return self.price == 0

    def get_context(self, request, *args, **kwargs):
        from ..presenters.events import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context

    def save(self, *args, **kwargs):
        """Saving in full (publish, unpublish, add) rewrites the stored occurrences.

        Wagtail publishes a revision with one full save(), which also commits
        the exception rows (modelcluster), so they are in place afterwards.
        Drafts only touch a few columns (update_fields) and leave the live
        occurrences alone.
        """
        result = super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "live" in update_fields:
            from ..services.occurrences import sync_occurrences

            sync_occurrences(self)
        return result

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date is before the start date.")
        if (
            self.start_time
            and self.end_time
            and self.end_time <= self.start_time
            and (not self.end_date or self.end_date == self.start_date)
        ):
            errors["end_time"] = _("The end time is not after the start time.")
        if self.repeat and self.repeat_until and self.repeat_until < self.start_date:
            errors["repeat_until"] = _("The repeat ends before the event starts.")
        if self.repeat and self.end_date and self.end_date != self.start_date:
            errors["end_date"] = _("A repeating event takes place on one day each time.")
        if errors:
            raise ValidationError(errors)


@receiver(page_unpublished, sender=EventPage)
def _remove_occurrences(sender, instance, **kwargs):
    # Only removes: Wagtail also sends this before deleting a live page, when
    # the instance still says live, and re-expanding then would write rows
    # the deletion no longer sees (orphans once its collector has run).
    EventOccurrence.objects.filter(event_id=instance.pk).delete()


class EventException(Orderable):
    """A date the repeating event does not take place."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=120, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("note")])]


class EventOccurrence(models.Model):
    """One time an event takes place, derived from its page (never edited by hand)."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField(db_index=True)
    all_day = models.BooleanField(default=False)

    class Meta:
        ordering = ["start", "event_id"]
        indexes = [models.Index(fields=["event", "start"])]

    def __str__(self):
        return f"{self.event_id} {self.start:%Y-%m-%d %H:%M}"
