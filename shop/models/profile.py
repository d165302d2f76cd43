"""A business's shop: what it accepts, how it ships, who it legally is."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from businesses.japan import validate_phone, validate_postal_code

validate_registration_number = RegexValidator(
    r"^T\d{13}\Z",
    _("Enter the qualified invoice issuer number: “T” followed by 13 digits."),
    code="invalid_registration_number",
)


class ShopProfile(models.Model):
    """Selling settings of one business, edited by its owners.

    The legal fields feed the 特定商取引法に基づく表記 page; products cannot be
    published for sale while one of `LEGAL_FIELDS` is empty.
    """

    business = models.OneToOneField(
        "businesses.Business", on_delete=models.CASCADE, related_name="shop"
    )

    # Payment methods the shop accepts (card needs a connected Stripe account
    # for payouts; orders are held for staff until it has one).
    accepts_card = models.BooleanField(_("accepts card payments"), default=True)
    accepts_pay_at_store = models.BooleanField(
        _("accepts payment at the store (pickup orders)"), default=False
    )
    accepts_bank_transfer = models.BooleanField(_("accepts bank transfer"), default=False)
    bank_transfer_details = models.TextField(
        _("bank account for transfers"),
        blank=True,
        help_text=_("Bank, branch, account type, number and holder, shown to customers."),
    )

    # Shipping fee rules (tax-included yen); free at or above the threshold.
    shipping_fee = models.PositiveIntegerField(_("shipping fee (yen)"), default=0)
    free_shipping_from = models.PositiveIntegerField(
        _("free shipping from (yen)"),
        null=True,
        blank=True,
        help_text=_("Order subtotal at which shipping becomes free. Empty: never free."),
    )
    pickup_instructions = models.TextField(_("pickup instructions"), blank=True)

    # Invoice system (インボイス制度)
    registration_number = models.CharField(
        _("invoice registration number"),
        max_length=14,
        blank=True,
        validators=[validate_registration_number],
        help_text=_("T followed by 13 digits, printed on receipts."),
    )

    # 特定商取引法に基づく表記
    legal_name = models.CharField(_("seller (legal name)"), max_length=200, blank=True)
    representative = models.CharField(_("responsible person"), max_length=100, blank=True)
    legal_postal_code = models.CharField(
        _("postal code"), max_length=8, blank=True, validators=[validate_postal_code]
    )
    legal_address = models.CharField(_("address"), max_length=300, blank=True)
    legal_phone = models.CharField(
        _("phone number"), max_length=20, blank=True, validators=[validate_phone]
    )
    legal_email = models.EmailField(_("contact e-mail"), blank=True)
    delivery_time = models.CharField(
        _("when goods are delivered"),
        max_length=300,
        blank=True,
        help_text=_("For example: ships within 3 business days of payment."),
    )
    returns_policy = models.TextField(_("returns and cancellations"), blank=True)
    extra_costs = models.CharField(
        _("other costs the customer pays"),
        max_length=300,
        blank=True,
        help_text=_("For example: bank transfer fees. Shipping fees are listed automatically."),
    )

    # Stripe Connect (Express, country JP)
    stripe_account_id = models.CharField(_("Stripe account"), max_length=64, blank=True)
    payouts_enabled = models.BooleanField(_("payouts enabled"), default=False)

    LEGAL_FIELDS = (
        "legal_name",
        "representative",
        "legal_postal_code",
        "legal_address",
        "legal_phone",
        "legal_email",
        "delivery_time",
        "returns_policy",
    )

    class Meta:
        verbose_name = _("shop settings")
        verbose_name_plural = _("shop settings")

    def __str__(self):
        return str(self.business)

    def missing_legal_fields(self) -> list[str]:
        """Verbose names of the 特定商取引法 fields still empty."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in self.LEGAL_FIELDS
            if not getattr(self, name)
        ]

    def payment_methods(self) -> list[str]:
        from .orders import OrderGroup

        accepted = {
            OrderGroup.CARD: self.accepts_card,
            OrderGroup.PAY_AT_STORE: self.accepts_pay_at_store,
            OrderGroup.BANK_TRANSFER: self.accepts_bank_transfer,
        }
        return [method for method, yes in accepted.items() if yes]

    def shipping_fee_for(self, subtotal: int) -> int:
        if self.free_shipping_from is not None and subtotal >= self.free_shipping_from:
            return 0
        return self.shipping_fee
