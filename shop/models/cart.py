"""The visitor's cart: one per session, or per signed-in customer."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Cart(models.Model):
    """Anonymous carts are found by `token` (kept in the session); a signed-in
    customer's cart by `user`, and the session cart is merged into it on sign-in."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cart",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cart")
        verbose_name_plural = _("carts")

    def __str__(self):
        return str(self.token)


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey("shop.Variant", on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField(default=1)
    # The price the visitor saw when adding; checkout re-checks against the
    # current price and tells the visitor when it changed.
    seen_price = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cart", "variant"], name="cart_line_unique_variant"),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="cart_line_quantity_positive"
            ),
        ]
        ordering = ["pk"]

    def __str__(self):
        return f"{self.quantity} × {self.variant_id}"
