from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index

from ..geo import JAPAN_LATITUDE, JAPAN_LONGITUDE, validate_point_in_japan


def latitude_field(**kwargs):
    return models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(JAPAN_LATITUDE[0]), MaxValueValidator(JAPAN_LATITUDE[1])],
        help_text=_("Decimal degrees, for example 36.258"),
        **kwargs,
    )


def longitude_field(**kwargs):
    return models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(JAPAN_LONGITUDE[0]),
            MaxValueValidator(JAPAN_LONGITUDE[1]),
        ],
        help_text=_("Decimal degrees, for example 139.075"),
        **kwargs,
    )


class Area(TranslatableMixin, index.Indexed, models.Model):
    """A district of the region. Businesses and (later) attractions belong to one.

    A translatable snippet: each locale has its own instance sharing a
    translation key, so templates show ``area.localized.name``.
    """

    name = models.CharField(_("name"), max_length=100)
    name_kana = models.CharField(_("name (kana)"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100)
    latitude = latitude_field()
    longitude = longitude_field()

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name_kana", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        validate_point_in_japan(self.latitude, self.longitude)
