"""Back to the cart from the pay page: the visitor wants to change something.

The pending checkout is cancelled (its stock returns, as when a reservation
expires) and its lines go back into the visitor's cart at the prices the
visitor saw, so a price that changed meanwhile is flagged in the cart.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ..models import Cart, CartLine, OrderGroup, OrderLine, Product
from . import checkout
from .cart import MAX_QUANTITY

logger = logging.getLogger(__name__)


@dataclass
class Returned:
    released: bool
    lines: int = 0
    # Products no longer for sale, as localized titles.
    skipped: list[str] = field(default_factory=list)


def _cancel_payment_intent_after_commit(intent_id: str) -> None:
    def cancel():
        from . import payments

        try:
            payments.cancel_payment_intent(intent_id)
        except Exception:  # the reservation is released either way
            logger.exception("Could not cancel PaymentIntent %s", intent_id)

    transaction.on_commit(cancel)


def return_to_cart(group: OrderGroup, cart: Cart) -> Returned:
    """Cancel the pending `group` and put its lines into `cart`.

    Returns ``Returned(released=False)`` and changes nothing when the group is
    no longer pending (paid meanwhile, expired, already returned)."""
    with transaction.atomic():
        if not checkout.release(group, OrderGroup.CANCELLED):
            return Returned(released=False)
        if group.payment_method == OrderGroup.CARD and group.stripe_payment_intent:
            _cancel_payment_intent_after_commit(group.stripe_payment_intent)
        result = Returned(released=True)
        lines = OrderLine.objects.filter(order__group=group).select_related("variant__product")
        existing = {line.variant_id: line for line in cart.lines.all()}
        for line in lines:
            variant = line.variant
            if variant is None or variant.product.status != Product.PUBLISHED:
                english = translation.get_language() != "ja" and line.title_en
                result.skipped.append(line.title_en if english else line.title)
                continue
            quantity = line.active_quantity
            if quantity <= 0:
                continue
            current = existing.get(variant.pk)
            if current:
                current.quantity = min(current.quantity + quantity, MAX_QUANTITY)
                current.save(update_fields=["quantity"])
            else:
                existing[variant.pk] = CartLine.objects.create(
                    cart=cart, variant=variant, quantity=quantity, seen_price=line.unit_price
                )
            result.lines += 1
        return result


def describe(result: Returned) -> list[str]:
    """Messages for the visitor about what came back."""
    messages = []
    if result.lines:
        messages.append(_("Your items are back in your cart. Nothing has been charged."))
    for title in result.skipped:
        messages.append(
            _("“%(product)s” is no longer for sale and was not put back.") % {"product": title}
        )
    return messages
