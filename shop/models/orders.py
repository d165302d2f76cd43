"""Orders: one group per checkout (one payment), one order per shop."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from businesses.japan import PREFECTURE_CHOICES


class OrderGroup(models.Model):
    """Everything bought in one checkout, paid with one payment."""

    CARD, PAY_AT_STORE, BANK_TRANSFER = "card", "store", "bank"
    PAYMENT_CHOICES = [
        (CARD, _("Card")),
        (PAY_AT_STORE, _("Pay at the store")),
        (BANK_TRANSFER, _("Bank transfer")),
    ]
    PENDING, PAID, FAILED, EXPIRED, CANCELLED = "pending", "paid", "failed", "expired", "cancelled"
    STATUS_CHOICES = [
        (PENDING, _("Awaiting payment")),
        (PAID, _("Paid")),
        (FAILED, _("Payment failed")),
        (EXPIRED, _("Expired")),
        (CANCELLED, _("Cancelled")),
    ]

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The cart's token at checkout: placing the same cart twice returns this group.
    checkout_key = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=10, default="ja")
    payment_method = models.CharField(max_length=10, choices=PAYMENT_CHOICES)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    total = models.PositiveIntegerField()

    # Contact
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone number"), max_length=20)
    # Shipping address (empty when nothing is shipped)
    postal_code = models.CharField(_("postal code"), max_length=8, blank=True)
    prefecture = models.CharField(
        _("prefecture"), max_length=4, choices=PREFECTURE_CHOICES, blank=True
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    building = models.CharField(_("building, room"), max_length=100, blank=True)

    stripe_payment_intent = models.CharField(max_length=64, blank=True, db_index=True)
    # The PaymentIntent's charge (``latest_charge``), stored when it succeeds:
    # the shops' transfers name it as their ``source_transaction``.
    stripe_charge = models.CharField(max_length=64, blank=True)
    # Stock stays reserved until then; afterwards an unpaid group expires and
    # its stock returns.
    reserved_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("checkout")
        verbose_name_plural = _("checkouts")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.number}"

    @property
    def number(self) -> str:
        return f"MK-{self.pk:06d}"

    @property
    def transfer_group(self) -> str:
        return f"group_{self.uuid}"


class Order(models.Model):
    """The part of a checkout that one shop fulfils and is paid for."""

    SHIPPING, PICKUP, ETICKET = "shipping", "pickup", "eticket"
    FULFILMENT_CHOICES = [
        (SHIPPING, _("Shipping")),
        (PICKUP, _("Store pickup")),
        (ETICKET, _("Experience / e-ticket")),
    ]

    PENDING = "pending"
    PAID, PREPARING, SHIPPED, READY = "paid", "preparing", "shipped", "ready"
    COMPLETED, CANCELLED, REFUNDED = "completed", "cancelled", "refunded"
    STATUS_CHOICES = [
        (PENDING, _("Awaiting payment")),
        (PAID, _("Paid")),
        (PREPARING, _("Preparing")),
        (SHIPPED, _("Shipped")),
        (READY, _("Ready for pickup")),
        (COMPLETED, _("Completed")),
        (CANCELLED, _("Cancelled")),
        (REFUNDED, _("Refunded")),
    ]

    # Payout of a card order to the shop's connected account.
    PAYOUT_NONE, PAYOUT_HELD, PAYOUT_SENT = "", "held", "sent"
    PAYOUT_CHOICES = [
        (PAYOUT_NONE, _("Not due")),
        (PAYOUT_HELD, _("Held: no connected account")),
        (PAYOUT_SENT, _("Transferred")),
    ]

    group = models.ForeignKey(OrderGroup, on_delete=models.PROTECT, related_name="orders")
    business = models.ForeignKey(
        "businesses.Business", on_delete=models.PROTECT, related_name="orders"
    )
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    fulfilment = models.CharField(max_length=10, choices=FULFILMENT_CHOICES)
    subtotal = models.PositiveIntegerField()  # items, tax included
    shipping_fee = models.PositiveIntegerField(default=0)  # tax included, standard rate
    total = models.PositiveIntegerField()
    refunded_amount = models.PositiveIntegerField(default=0)
    tracking_number = models.CharField(_("tracking number"), max_length=64, blank=True)
    # Customer's note to the shop
    note = models.TextField(_("note to the shop"), blank=True)

    platform_fee = models.PositiveIntegerField(default=0)
    payout_status = models.CharField(
        max_length=10, choices=PAYOUT_CHOICES, default=PAYOUT_NONE, blank=True
    )
    stripe_transfer = models.CharField(max_length=64, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "business"], name="one_order_per_shop"),
        ]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        return f"MK-{self.group_id:06d}-{self.pk}"


class OrderLine(models.Model):
    """A product as bought: titles and price are copied so later edits do not
    change past orders."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "shop.Variant", null=True, on_delete=models.SET_NULL, related_name="order_lines"
    )
    title = models.CharField(max_length=150)
    title_en = models.CharField(max_length=150, blank=True)
    variant_name = models.CharField(max_length=100, blank=True)
    unit_price = models.PositiveIntegerField()  # tax included
    tax_rate = models.PositiveSmallIntegerField()  # percent
    quantity = models.PositiveIntegerField()
    cancelled_quantity = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.title} {self.variant_name} × {self.quantity}".strip()

    @property
    def active_quantity(self) -> int:
        return self.quantity - self.cancelled_quantity

    @property
    def amount(self) -> int:
        return self.unit_price * self.active_quantity


class Refund(models.Model):
    """Money returned (card) or owed back (offline), for a whole order or lines."""

    # stripe_transfer_reversal while the shop's share of a refund on a
    # paid-out order is still to be reversed (see services/payouts.py).
    REVERSAL_PENDING = "pending"

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="refunds")
    amount = models.PositiveIntegerField()
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    stripe_refund = models.CharField(max_length=64, blank=True, db_index=True)
    # The reversal (trr_…) of the shop's share when the order had been paid
    # out already; REVERSAL_PENDING while it is due; empty when none is due.
    stripe_transfer_reversal = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.order} −{self.amount}"


class StripeEvent(models.Model):
    """Webhook events already handled: Stripe delivers at least once."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.event_id
