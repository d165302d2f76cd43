from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The portal's front page, one per language."""

    headline = models.CharField(_("headline"), max_length=120)
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    hero_image = models.ForeignKey(
        get_image_model(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",  # the image library does not list home pages
        verbose_name=_("main image"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("headline"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("headline"), APIField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from businesses.listing import with_labels
        from businesses.models import BusinessDirectoryPage

        context = super().get_context(request, *args, **kwargs)
        directory = BusinessDirectoryPage.objects.child_of(self).live().first()
        context["directory"] = directory
        context["storefronts"] = with_labels(
            directory.storefronts().order_by("-first_published_at")[:6] if directory else []
        )
        return context


@register_setting(icon="site")
class SiteIdentity(BaseGenericSetting):
    """The municipality that runs the portal, shown in the footer and used in open data."""

    municipality_name = models.CharField(_("municipality"), max_length=60, default="藤岡市")
    municipality_name_en = models.CharField(
        _("municipality (English)"), max_length=60, default="Fujioka City"
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    terms_url = models.URLField(_("terms of use page"), blank=True)
    privacy_url = models.URLField(_("privacy policy page"), blank=True)

    panels = [
        FieldPanel("municipality_name"),
        FieldPanel("municipality_name_en"),
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
        FieldPanel("terms_url"),
        FieldPanel("privacy_url"),
    ]

    class Meta:
        verbose_name = _("site identity")

    def municipality_for(self, language):
        """The city's name for readers of a language: Japanese where the kanji
        are read (ja, Chinese), English otherwise."""
        if language in ("ja", "zh-hans", "zh-hant"):
            return self.municipality_name
        return self.municipality_name_en or self.municipality_name


class PageViewCount(models.Model):
    """How often a public page was viewed on a day in a language: an aggregate
    counter, written in batches by ``machikado.visitors`` (no IP address,
    cookie, user or session is ever stored).

    ``object_id`` is the Wagtail page's id for page kinds, the product's id
    for ``product`` and 0 for ``search`` (a page with no object). A counter is
    unique per (day, kind, object_id, language), so one flush adds to it with
    a single upsert."""

    SHOP, ATTRACTION, EVENT, COURSE, AREA = "shop", "attraction", "event", "course", "area"
    HOME, LISTING, PRODUCT, SEARCH, OTHER = "home", "listing", "product", "search", "other"
    KIND_CHOICES = [
        (SHOP, _("Storefront")),
        (ATTRACTION, _("Attraction")),
        (EVENT, _("Event")),
        (COURSE, _("Model course")),
        (AREA, _("Area")),
        (HOME, _("Home page")),
        (LISTING, _("Listing")),
        (PRODUCT, _("Product")),
        (SEARCH, _("Search")),
        (OTHER, _("Other page")),
    ]

    day = models.DateField(_("date"))  # Asia/Tokyo
    kind = models.CharField(_("kind"), max_length=12, choices=KIND_CHOICES)
    object_id = models.PositiveIntegerField(_("page or product id"), default=0)
    language = models.CharField(_("language"), max_length=10)
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page view count")
        verbose_name_plural = _("page view counts")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "object_id", "language"], name="one_page_view_count"
            ),
        ]
        # Covering indexes (every column, views last), so the reports read
        # indexes only: date ranges grouped by day or language (by_day), and
        # grouped by kind or page, or one business's pages over time
        # (by_object). bench/console.py: 1,000,000 rows on SQLite, views per
        # kind 2.7 s → 0.1 s, top pages 2.7 s → 0.15 s, per day 0.6 s → 0.15 s.
        indexes = [
            models.Index(
                fields=["day", "kind", "object_id", "language", "views"], name="page_views_by_day"
            ),
            models.Index(
                fields=["kind", "object_id", "day", "language", "views"],
                name="page_views_by_object",
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.kind} {self.object_id} {self.language}: {self.views}"
