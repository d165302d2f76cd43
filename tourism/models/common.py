"""Fields every tourism page shares: readings, summary, picture, body, place."""

import datetime as dt

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from businesses.japan import PREFECTURE_CHOICES, validate_kana, validate_postal_code

from ..blocks import TourismBodyBlock
from ..geo import validate_point_in_japan
from .areas import latitude_field, longitude_field

SEASONS = [
    ("spring", _("Spring")),
    ("summer", _("Summer")),
    ("autumn", _("Autumn")),
    ("winter", _("Winter")),
]


def season_of(day: dt.date) -> str:
    """Japanese convention: spring March–May, summer June–August, autumn September–November."""
    return {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}[
        12 if day.month in (12, 1, 2) else (day.month // 3) * 3
    ]


WEEKDAYS = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]


def synchronized(*names):
    """wagtail-localize copies these fields to translations instead of asking
    translators: codes, numbers and readings are the same in every language."""
    return [SynchronizedField(name) for name in names]


class WeekdaysField(models.CharField):
    """A set of weekdays (0 = Monday) stored as "0,5", edited as check boxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 13)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return sorted({int(v) for v in value})
        if not value:
            return []
        return sorted({int(v) for v in str(value).split(",") if v.strip()})

    def get_prep_value(self, value):
        return ",".join(str(v) for v in self.to_python(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=WEEKDAYS,
            coerce=int,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )


class TourismPage(Page):
    """Base of attraction, event, course and area pages."""

    override_translatable_fields = synchronized("name_kana")
    search_fields = Page.search_fields + [
        index.SearchField("name_kana"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("name_kana"),
        index.FilterField("area"),
    ]

    title_ruby = models.CharField(
        _("title with readings"),
        max_length=255,
        blank=True,
        help_text=_(
            "Optional furigana for the heading: write the reading in 《》 after a word, "
            "for example 桜山《さくらやま》公園."
        ),
    )
    name_kana = models.CharField(
        _("name (kana reading)"), max_length=150, blank=True, validators=[validate_kana]
    )
    summary = models.CharField(
        _("summary"), max_length=240, help_text=_("One or two sentences shown in listings.")
    )
    hero_image = models.ForeignKey(
        get_image_model(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )
    body = StreamField(TourismBodyBlock(), blank=True, verbose_name=_("page content"))
    area = models.ForeignKey(
        "tourism.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("area"),
    )

    class Meta:
        abstract = True

    @property
    def area_name(self):
        return self.area.localized.name if self.area_id else ""


class Place(models.Model):
    """A postal address and a map point in Japan."""

    postal_code = models.CharField(
        _("postal code"), max_length=8, blank=True, validators=[validate_postal_code]
    )
    prefecture = models.CharField(
        _("prefecture"), max_length=4, choices=PREFECTURE_CHOICES, blank=True
    )
    city = models.CharField(_("city"), max_length=60, blank=True)
    street = models.CharField(_("street address"), max_length=120, blank=True)
    building = models.CharField(_("building"), max_length=120, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()

    class Meta:
        abstract = True

    @staticmethod
    def address_panel(heading):
        """The admin panel of the address and map point, under a heading."""
        return MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("prefecture")]),
                FieldPanel("city"),
                FieldPanel("street"),
                FieldPanel("building"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=heading,
        )

    @property
    def full_address(self):
        postal = f"〒{self.postal_code} " if self.postal_code else ""
        return f"{postal}{self.prefecture}{self.city}{self.street} {self.building}".strip()

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None

    def clean(self):
        super().clean()
        validate_point_in_japan(self.latitude, self.longitude)
