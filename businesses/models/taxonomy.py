from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index

# schema.org LocalBusiness subtypes a category can map to.
SCHEMA_TYPES = [
    ("LocalBusiness", "LocalBusiness"),
    ("Restaurant", "Restaurant"),
    ("CafeOrCoffeeShop", "CafeOrCoffeeShop"),
    ("Bakery", "Bakery"),
    ("FoodEstablishment", "FoodEstablishment"),
    ("Winery", "Winery"),
    ("Brewery", "Brewery"),
    ("Store", "Store"),
    ("GroceryStore", "GroceryStore"),
    ("LodgingBusiness", "LodgingBusiness"),
    ("Hotel", "Hotel"),
    ("TouristAttraction", "TouristAttraction"),
    ("EntertainmentBusiness", "EntertainmentBusiness"),
    ("HealthAndBeautyBusiness", "HealthAndBeautyBusiness"),
]


class BusinessCategory(TranslatableMixin, index.Indexed, models.Model):
    """A trade, managed by city staff (restaurant, sake brewery, inn ...)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    schema_type = models.CharField(
        _("schema.org type"), max_length=40, choices=SCHEMA_TYPES, default="LocalBusiness"
    )
    licence_label = models.CharField(
        _("required licence"),
        max_length=120,
        blank=True,
        help_text=_(
            "Name of the licence or registration this trade needs (e.g. 飲食店営業許可). "
            "Leave empty when none is needed."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("business category")
        verbose_name_plural = _("business categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def needs_licence(self):
        return bool(self.licence_label)


class PaymentMethod(models.Model):
    """A way to pay in the shop itself. Labels come from the UI catalogue."""

    CHOICES = [
        ("cash", _("Cash")),
        ("credit_card", _("Credit cards")),
        ("ic_card", _("Transit IC cards (Suica etc.)")),
        ("qr_code", _("QR code payments")),
        ("e_money", _("Electronic money")),
        ("bank_transfer", _("Bank transfer")),
    ]
    code = models.CharField(_("code"), max_length=30, choices=CHOICES, unique=True)

    class Meta:
        verbose_name = _("payment method")
        verbose_name_plural = _("payment methods")
        ordering = ["pk"]

    def __str__(self):
        return str(self.get_code_display())

    @property
    def is_card(self):
        return self.code == "credit_card"


class SpokenLanguage(models.Model):
    """A language staff can serve customers in, by its code (ja, en, zh-hans ...)."""

    code = models.CharField(_("language code"), max_length=12, unique=True)

    class Meta:
        verbose_name = _("spoken language")
        verbose_name_plural = _("spoken languages")
        ordering = ["pk"]

    def __str__(self):
        try:
            return str(translation.get_language_info(self.code)["name_translated"])
        except KeyError:
            return self.code
