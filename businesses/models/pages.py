from django import forms
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from machikado.images import renditions_prefetch
from tourism.geo import validate_point_in_japan
from tourism.models import latitude_field, longitude_field

from .. import hours
from ..blocks import StorefrontBodyBlock
from ..japan import PREFECTURE_CHOICES, validate_kana, validate_phone, validate_postal_code
from .business import Business

GALLERY_RENDITION = "fill-480x360"
HERO_RENDITIONS = "fill-1200x630"
CARD_RENDITION = "fill-480x320"  # businesses/includes/storefront_card.html


class BusinessDirectoryPage(Page):
    """Lists the storefronts below it; one per site and language."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["machikado.HomePage"]
    subpage_types = ["businesses.BusinessPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("business directory")

    def storefronts(self, category=None, area=None):
        pages = (
            BusinessPage.objects.child_of(self)
            .live()
            .public()
            .select_related("category", "area", "hero_image")
            .prefetch_related(renditions_prefetch("hero_image__renditions", CARD_RENDITION))
            .order_by("name_kana", "title")
        )
        if category is not None:
            pages = pages.filter(category__translation_key=category.translation_key)
        if area is not None:
            pages = pages.filter(area__translation_key=area.translation_key)
        return pages

    def get_context(self, request, *args, **kwargs):
        from ..listing import directory_filters

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_filters(self, request))
        return context


class BusinessPage(Page):
    """A business's storefront, edited by its owners and approved by the city."""

    HOLIDAY_RULES = [
        (hours.HOLIDAYS_AS_USUAL, _("Same hours as that weekday")),
        (hours.HOLIDAYS_CLOSED, _("Closed on public holidays")),
        (hours.HOLIDAYS_OWN_HOURS, _("Own hours (the “Public holidays” periods)")),
    ]
    PARKING_CHOICES = [
        ("", _("Not stated")),
        ("none", _("No parking")),
        ("available", _("Parking available")),
        ("accessible", _("Parking with accessible spaces")),
    ]

    # Set by the city when the application is approved; owners cannot change it.
    business = models.ForeignKey(
        Business, on_delete=models.PROTECT, related_name="pages", verbose_name=_("business")
    )
    name_kana = models.CharField(
        _("name (kana reading)"), max_length=150, blank=True, validators=[validate_kana]
    )
    category = models.ForeignKey(
        "businesses.BusinessCategory",
        on_delete=models.PROTECT,
        related_name="+",  # categories are looked up through pages, never the reverse
        verbose_name=_("category"),
    )
    area = models.ForeignKey(
        "tourism.Area",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("area"),
    )
    summary = models.CharField(
        _("summary"), max_length=200, help_text=_("One or two sentences shown in listings.")
    )
    hero_image = models.ForeignKey(
        get_image_model(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",  # images do not need to know which pages use them
        verbose_name=_("main image"),
    )
    body = StreamField(StorefrontBodyBlock(), blank=True, verbose_name=_("page content"))

    postal_code = models.CharField(
        _("postal code"), max_length=8, validators=[validate_postal_code]
    )
    prefecture = models.CharField(_("prefecture"), max_length=4, choices=PREFECTURE_CHOICES)
    city = models.CharField(_("city"), max_length=60)
    street = models.CharField(_("street address"), max_length=120)
    building = models.CharField(_("building"), max_length=120, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()

    phone = models.CharField(_("phone"), max_length=20, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    line_url = models.URLField(_("LINE"), blank=True)

    holiday_rule = models.CharField(
        _("on public holidays"),
        max_length=12,
        choices=HOLIDAY_RULES,
        default=hours.HOLIDAYS_AS_USUAL,
    )
    hours_note = models.CharField(_("note on hours"), max_length=200, blank=True)
    temporarily_closed = models.BooleanField(_("temporarily closed"), default=False)
    closed_until = models.DateField(
        _("closed until"), null=True, blank=True, help_text=_("Leave empty if not known.")
    )
    closure_message = models.CharField(_("message to visitors"), max_length=200, blank=True)

    payment_methods = ParentalManyToManyField(
        "businesses.PaymentMethod", blank=True, verbose_name=_("payment methods accepted")
    )
    spoken_languages = ParentalManyToManyField(
        "businesses.SpokenLanguage", blank=True, verbose_name=_("languages spoken")
    )
    step_free_entrance = models.BooleanField(_("step-free entrance"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    parking = models.CharField(_("parking"), max_length=12, choices=PARKING_CHOICES, blank=True)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("business", permission="businesses.change_business"),
        FieldPanel("name_kana"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("area")]),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("gallery_images", label=_("Photo gallery"), max_num=30),
    ]
    contact_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("prefecture")]),
                FieldPanel("city"),
                FieldPanel("street"),
                FieldPanel("building"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("instagram_url"), FieldPanel("facebook_url")]),
                FieldRowPanel([FieldPanel("x_url"), FieldPanel("line_url")]),
            ],
            heading=_("Contact"),
        ),
    ]
    hours_panels = [
        InlinePanel("opening_periods", label=_("Weekly opening hours")),
        FieldPanel("holiday_rule"),
        FieldPanel("hours_note"),
        InlinePanel("special_days", label=_("Special days")),
        MultiFieldPanel(
            [
                FieldPanel("temporarily_closed"),
                FieldPanel("closed_until"),
                FieldPanel("closure_message"),
            ],
            heading=_("Temporary closure"),
        ),
    ]
    services_panels = [
        FieldPanel("payment_methods", widget=forms.CheckboxSelectMultiple),
        FieldPanel("spoken_languages", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("step_free_entrance"),
                FieldPanel("accessible_toilet"),
                FieldPanel("parking"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Barrier-free information"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Storefront")),
            ObjectList(contact_panels, heading=_("Address and contact")),
            ObjectList(hours_panels, heading=_("Opening hours")),
            ObjectList(services_panels, heading=_("Payments and access")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("name_kana"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("city"),
        index.AutocompleteField("name_kana"),
        index.FilterField("category"),
        index.FilterField("area"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.RelatedFields("area", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("name_kana"),
        APIField("summary"),
        APIField("category_name"),
        APIField("area_name"),
        APIField("postal_code"),
        APIField("prefecture"),
        APIField("city"),
        APIField("street"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("phone"),
        APIField("website"),
        APIField("opening_periods"),
        APIField("temporarily_closed"),
        APIField("body"),
    ]

    parent_page_types = ["businesses.BusinessDirectoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("storefront")
        verbose_name_plural = _("storefronts")

    def permissions_for_user(self, user):
        # Only the city deletes, moves or copies a storefront (see businesses/permissions.py).
        from ..permissions import StorefrontPermissionTester

        return StorefrontPermissionTester(user, self)

    def _derive_slug(self):
        # Japanese titles give no ASCII slug: derive one from the kana reading.
        if not self.slug:
            from ..slugs import romaji_slug, unique_child_slug

            # add_child() validates before saving: the path is set, the pk not yet.
            parent = self.get_parent() if self.path else None
            base = romaji_slug(self.name_kana, self.title)
            self.slug = unique_child_slug(parent, base) if parent else base

    def clean(self):
        super().clean()
        validate_point_in_japan(self.latitude, self.longitude)

    def full_clean(self, *args, **kwargs):
        self._derive_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        # Wagtail saves a page that is not live with this lighter validation.
        self._derive_slug()
        super().minimal_clean()

    # -- derived data -------------------------------------------------------

    @property
    def category_name(self):
        return self.category.localized.name

    @property
    def area_name(self):
        return self.area.localized.name

    @property
    def full_address(self):
        return f"〒{self.postal_code} {self.prefecture}{self.city}{self.street} {self.building}".strip()

    @cached_property
    def schedule(self) -> hours.Schedule:
        return hours.Schedule(
            periods=[p.as_period() for p in self.opening_periods.all()],
            special_days=[d.as_special_day() for d in self.special_days.all()],
            holiday_rule=self.holiday_rule,
            temporarily_closed=self.temporarily_closed,
            closed_until=self.closed_until,
        )

    def is_open_at(self, moment) -> bool:
        return self.schedule.is_open_at(moment)

    def gallery(self):
        """Gallery images with their renditions in two queries, whatever their number."""
        return self.gallery_images.select_related("image").prefetch_related(
            renditions_prefetch("image__renditions", GALLERY_RENDITION)
        )

    def social_links(self):
        links = [
            ("Instagram", self.instagram_url),
            ("Facebook", self.facebook_url),
            ("X", self.x_url),
            ("LINE", self.line_url),
        ]
        return [(label, url) for label, url in links if url]

    def get_context(self, request, *args, **kwargs):
        from ..presenters import storefront_context

        context = super().get_context(request, *args, **kwargs)
        context.update(storefront_context(self, request))
        return context


class BusinessGalleryImage(Orderable):
    page = ParentalKey(BusinessPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        get_image_model(),
        on_delete=models.CASCADE,
        related_name="+",  # an image may appear in many galleries; no reverse accessor needed
        verbose_name=_("image"),
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")
