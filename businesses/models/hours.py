from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.models import Orderable

from .. import hours

WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
    (hours.PUBLIC_HOLIDAY, _("Public holidays")),
]


class OpeningPeriod(Orderable):
    """One weekly opening period. Closing at or before opening means it ends after midnight."""

    page = ParentalKey(
        "businesses.BusinessPage", on_delete=models.CASCADE, related_name="opening_periods"
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAY_CHOICES)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"), help_text=_("A time before opening means the next day."))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]
    api_fields = [APIField("weekday"), APIField("opens"), APIField("closes")]

    class Meta(Orderable.Meta):
        verbose_name = _("opening period")
        verbose_name_plural = _("opening periods")

    def clean(self):
        if self.opens is not None and self.opens == self.closes:
            raise ValidationError({"closes": _("Closing time must differ from opening time.")})

    def as_period(self):
        return hours.Period(self.weekday, self.opens, self.closes)


class SpecialOpeningDay(Orderable):
    """A date with other hours than usual, or closed (New Year, a festival ...)."""

    page = ParentalKey(
        "businesses.BusinessPage", on_delete=models.CASCADE, related_name="special_days"
    )
    date = models.DateField(_("date"))
    closed = models.BooleanField(_("closed all day"), default=False)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=120, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("closed")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("special day")
        verbose_name_plural = _("special days")

    def clean(self):
        if not self.closed and (self.opens is None or self.closes is None):
            raise ValidationError(_("Give opening and closing times, or mark the day as closed."))

    def as_special_day(self):
        return hours.SpecialDay(self.date, self.closed, self.opens, self.closes, self.note)
