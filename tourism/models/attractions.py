from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from businesses.japan import validate_phone

from .common import Place, TourismPage, synchronized

MONTHS = [(m, str(m)) for m in range(1, 13)]


class AttractionPage(Place, TourismPage):
    """A place to visit: a temple, a museum, a viewpoint, an onsen ..."""

    CATEGORIES = [
        ("nature", _("Nature")),
        ("history", _("History and heritage")),
        ("temple_shrine", _("Temple or shrine")),
        ("museum", _("Museum or gallery")),
        ("park", _("Park or garden")),
        ("onsen", _("Hot spring (onsen)")),
        ("viewpoint", _("Viewpoint")),
        ("festival_site", _("Festival site")),
        ("experience", _("Hands-on experience")),
        ("other", _("Other")),
    ]

    category = models.CharField(_("category"), max_length=20, choices=CATEGORIES)
    admission_fee = models.PositiveIntegerField(
        _("admission fee (yen, adult)"),
        null=True,
        blank=True,
        help_text=_("0 if free; leave empty if not stated."),
    )
    fee_details = models.TextField(_("fees in detail"), blank=True)
    hours_note = models.CharField(_("note on hours"), max_length=200, blank=True)
    access_train = models.TextField(_("access by train"), blank=True)
    access_bus = models.TextField(_("access by bus"), blank=True)
    access_car = models.TextField(_("access by car"), blank=True)
    parking = models.TextField(_("parking"), blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    wheelchair_rental = models.BooleanField(_("wheelchairs to borrow"), default=False)
    barrier_free_notes = models.TextField(_("barrier-free details"), blank=True)
    best_in_spring = models.BooleanField(_("spring"), default=False)
    best_in_summer = models.BooleanField(_("summer"), default=False)
    best_in_autumn = models.BooleanField(_("autumn"), default=False)
    best_in_winter = models.BooleanField(_("winter"), default=False)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    website = models.URLField(_("website"), blank=True)
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
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("gallery_images", label=_("Photos"), max_num=30),
        MultiFieldPanel(
            [
                FieldPanel("best_in_spring"),
                FieldPanel("best_in_summer"),
                FieldPanel("best_in_autumn"),
                FieldPanel("best_in_winter"),
            ],
            heading=_("Best seasons"),
        ),
    ]
    visit_panels = [
        InlinePanel("hours", label=_("Opening hours by season")),
        FieldPanel("hours_note"),
        InlinePanel("closures", label=_("Closures")),
        FieldPanel("admission_fee"),
        FieldPanel("fee_details"),
    ]
    place_panels = [
        Place.address_panel(_("Location")),
        FieldPanel("access_train"),
        FieldPanel("access_bus"),
        FieldPanel("access_car"),
        FieldPanel("parking"),
        MultiFieldPanel(
            [
                FieldPanel("step_free"),
                FieldPanel("accessible_toilet"),
                FieldPanel("wheelchair_rental"),
                FieldPanel("barrier_free_notes"),
            ],
            heading=_("Barrier-free"),
        ),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("website")]),
        FieldPanel("opendata_id"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Attraction")),
            ObjectList(visit_panels, heading=_("Hours and fees")),
            ObjectList(place_panels, heading=_("Location and access")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )

    override_translatable_fields = synchronized("name_kana", "postal_code", "phone", "opendata_id")
    search_fields = TourismPage.search_fields + [index.FilterField("category")]

    parent_page_types = ["tourism.AttractionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("attraction")
        verbose_name_plural = _("attractions")

    @property
    def best_seasons(self):
        return [
            s for s in ("spring", "summer", "autumn", "winter") if getattr(self, f"best_in_{s}")
        ]

    @property
    def is_free(self):
        return self.admission_fee == 0

    def get_context(self, request, *args, **kwargs):
        from ..presenters.attractions import attraction_context

        context = super().get_context(request, *args, **kwargs)
        context.update(attraction_context(self, request))
        return context


class AttractionHours(Orderable):
    """Opening hours for part of the year ("April to November, every day, 9:00–17:00")."""

    DAYS = [
        ("daily", _("Every day")),
        ("weekdays", _("Monday to Friday")),
        ("weekends", _("Saturdays, Sundays and public holidays")),
        ("0", _("Mondays")),
        ("1", _("Tuesdays")),
        ("2", _("Wednesdays")),
        ("3", _("Thursdays")),
        ("4", _("Fridays")),
        ("5", _("Saturdays")),
        ("6", _("Sundays")),
    ]

    page = ParentalKey(AttractionPage, on_delete=models.CASCADE, related_name="hours")
    from_month = models.PositiveSmallIntegerField(_("from month"), choices=MONTHS, default=1)
    to_month = models.PositiveSmallIntegerField(_("to month"), choices=MONTHS, default=12)
    days = models.CharField(_("days"), max_length=10, choices=DAYS, default="daily")
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [
        FieldRowPanel([FieldPanel("from_month"), FieldPanel("to_month"), FieldPanel("days")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
    ]


class AttractionClosure(Orderable):
    """Dates the attraction is closed (year-end, maintenance, winter closure)."""

    page = ParentalKey(AttractionPage, on_delete=models.CASCADE, related_name="closures")
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=120, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("reason"),
    ]


class AttractionImage(Orderable):
    page = ParentalKey(AttractionPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        get_image_model(), on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
