"""Products a business sells, with their options (variants) and stock."""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable
from wagtail.search import index

from .. import tax

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class ProductQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Product.PUBLISHED)

    def on_sale(self):
        """Published products of businesses whose storefront is live."""
        return self.published().filter(business__pages__live=True).distinct()

    def in_stock(self):
        """Products with an option that can be bought now: its stock is not
        tracked, or above 0 (as `Variant.available()`). A product whose every
        option is tracked and at 0 is sold out: its page still shows it, but
        the discovery search leaves it out until stock comes back."""
        return self.filter(
            Exists(
                Variant.objects.filter(product=OuterRef("pk")).filter(
                    Q(track_stock=False) | Q(stock__gt=0)
                )
            )
        )


class Product(index.Indexed, ClusterableModel):
    """One product of one business, in Japanese (required) and English.

    Prices and stock live on its variants, so a product without options has
    exactly one variant with an empty name.
    """

    DRAFT, PUBLISHED = "draft", "published"
    STATUS_CHOICES = [(DRAFT, _("Draft")), (PUBLISHED, _("Published"))]

    business = models.ForeignKey(
        "businesses.Business",
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("business"),
    )
    title = models.CharField(_("title (Japanese)"), max_length=150)
    title_en = models.CharField(_("title (English)"), max_length=150, blank=True)
    description = RichTextField(_("description (Japanese)"), blank=True, features=TEXT_FEATURES)
    description_en = RichTextField(_("description (English)"), blank=True, features=TEXT_FEATURES)
    tax_class = models.CharField(
        _("consumption tax"),
        max_length=10,
        choices=tax.TAX_CLASS_CHOICES,
        default=tax.STANDARD,
        help_text=_(
            "Reduced rate (8%) for food and non-alcoholic drinks; "
            "10% for everything else, alcohol included."
        ),
    )
    ships = models.BooleanField(_("can be shipped"), default=True)
    pickup = models.BooleanField(_("can be picked up at the store"), default=False)
    eticket = models.BooleanField(
        _("experience or e-ticket"),
        default=False,
        help_text=_(
            "Nothing is shipped; the customer receives the order confirmation as a ticket."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=STATUS_CHOICES, default=DRAFT, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductQuerySet.as_manager()

    # Wagtail's search (the admin listing, and the database engine until the
    # discovery search issue indexes products its own way).
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("title_en", boost=3),
        index.SearchField("description"),
        index.SearchField("description_en"),
        index.AutocompleteField("title"),
        index.FilterField("business_id"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["business", "title"]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.PUBLISHED

    def localized_title(self) -> str:
        if translation.get_language() != "ja" and self.title_en:
            return self.title_en
        return self.title

    def localized_description(self) -> str:
        if translation.get_language() != "ja" and self.description_en:
            return self.description_en
        return self.description

    def get_absolute_url(self) -> str:
        return reverse("shop:product", kwargs={"pk": self.pk})

    def fulfilment_methods(self) -> list[str]:
        from .orders import Order

        chosen = {
            Order.SHIPPING: self.ships,
            Order.PICKUP: self.pickup,
            Order.ETICKET: self.eticket,
        }
        return [method for method, yes in chosen.items() if yes]


class ProductImage(Orderable):
    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        get_image_model_string(),
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("image"),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("product image")
        verbose_name_plural = _("product images")


class Variant(Orderable):
    """An option of a product (size, flavour ...) with its own price and stock."""

    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="variants")
    name = models.CharField(
        _("option (Japanese)"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty when the product has no options."),
    )
    name_en = models.CharField(_("option (English)"), max_length=100, blank=True)
    sku = models.CharField(_("SKU"), max_length=64, blank=True)
    price = models.PositiveIntegerField(_("price (yen, tax included)"))
    track_stock = models.BooleanField(
        _("track stock"), default=True, help_text=_("Off: unlimited (made to order, tickets).")
    )
    stock = models.PositiveIntegerField(_("in stock"), default=0)

    class Meta(Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")
        constraints = [
            models.CheckConstraint(condition=Q(stock__gte=0), name="variant_stock_not_negative"),
            models.CheckConstraint(condition=Q(price__gte=1), name="variant_price_positive"),
        ]

    def __str__(self):
        return f"{self.product} {self.name}".strip()

    def localized_name(self) -> str:
        if translation.get_language() != "ja" and self.name_en:
            return self.name_en
        return self.name

    def available(self, quantity: int = 1) -> bool:
        return not self.track_stock or self.stock >= quantity
