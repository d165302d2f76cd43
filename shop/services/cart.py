"""The cart: find it, change it, and price it (per shop, with shipping and tax).

A cart is found by the signed-in user or by a token kept in the session, so
anonymous visitors have one too; signing in merges the session cart into the
customer's.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from .. import tax
from ..models import Cart, CartLine, Order, Variant
from .errors import NotForSale, OutOfStock

SESSION_KEY = "machikado_cart"
MAX_QUANTITY = 99


def get_cart(request, create: bool = False) -> Cart | None:
    user = request.user
    if user.is_authenticated:
        cart = Cart.objects.filter(user=user).first()
        if cart is None and create:
            cart = Cart.objects.create(user=user)
        return cart
    token = request.session.get(SESSION_KEY)
    cart = Cart.objects.filter(token=token, user=None).first() if token else None
    if cart is None and create:
        cart = Cart.objects.create()
        request.session[SESSION_KEY] = str(cart.token)
    return cart


@transaction.atomic
def merge_session_cart(request, user) -> None:
    """On sign-in: move the anonymous cart's lines into the customer's cart."""
    token = request.session.get(SESSION_KEY)
    anonymous = Cart.objects.filter(token=token, user=None).first() if token else None
    if anonymous is None:
        return
    cart, _created = Cart.objects.get_or_create(user=user)
    for line in anonymous.lines.all():
        existing = cart.lines.filter(variant_id=line.variant_id).first()
        if existing:
            existing.quantity = min(existing.quantity + line.quantity, MAX_QUANTITY)
            existing.save(update_fields=["quantity"])
        else:
            line.cart = cart
            line.save(update_fields=["cart"])
    anonymous.delete()
    request.session.pop(SESSION_KEY, None)


def _check_sellable(variant: Variant, quantity: int) -> None:
    product = variant.product
    if not product.is_published or not product.business.pages.filter(live=True).exists():
        raise NotForSale(
            _("“%(product)s” is not for sale.") % {"product": product.localized_title()}
        )
    if quantity < 1 or quantity > MAX_QUANTITY:
        raise OutOfStock(_("Choose a quantity from 1 to %(max)d.") % {"max": MAX_QUANTITY})
    if not variant.available(quantity):
        raise OutOfStock(
            _("Only %(stock)d of “%(product)s” left.")
            % {"stock": variant.stock, "product": product.localized_title()}
        )


@transaction.atomic
def add(cart: Cart, variant: Variant, quantity: int = 1) -> CartLine:
    line = cart.lines.filter(variant=variant).first()
    total = quantity + (line.quantity if line else 0)
    _check_sellable(variant, total)
    if line:
        line.quantity, line.seen_price = total, variant.price
        line.save(update_fields=["quantity", "seen_price"])
        return line
    return CartLine.objects.create(
        cart=cart, variant=variant, quantity=quantity, seen_price=variant.price
    )


@transaction.atomic
def set_quantity(cart: Cart, line_id: int, quantity: int) -> None:
    line = cart.lines.select_related("variant__product__business").get(pk=line_id)
    if quantity <= 0:
        line.delete()
        return
    _check_sellable(line.variant, quantity)
    line.quantity = quantity
    line.save(update_fields=["quantity"])


def remove(cart: Cart, line_id: int) -> None:
    cart.lines.filter(pk=line_id).delete()


# -- pricing -----------------------------------------------------------------


@dataclass
class LineView:
    line: CartLine
    variant: Variant
    quantity: int

    @property
    def product(self):
        return self.variant.product

    @property
    def unit_price(self) -> int:
        return self.variant.price

    @property
    def amount(self) -> int:
        return self.unit_price * self.quantity

    @property
    def tax_rate(self) -> int:
        return tax.RATES[self.product.tax_class]

    @property
    def price_changed(self) -> bool:
        return self.line.seen_price != self.variant.price

    @property
    def in_stock(self) -> bool:
        return self.variant.available(self.quantity)


@dataclass
class ShopPart:
    """One shop's share of the cart, fulfilled and invoiced on its own."""

    business: object
    profile: object  # ShopProfile or None
    lines: list[LineView] = field(default_factory=list)
    fulfilment: str = ""

    @property
    def subtotal(self) -> int:
        return sum(line.amount for line in self.lines)

    def fulfilment_options(self) -> list[str]:
        """Methods every product of this shop in the cart allows."""
        options = None
        for line in self.lines:
            methods = set(line.product.fulfilment_methods())
            options = methods if options is None else options & methods
        order = [Order.SHIPPING, Order.PICKUP, Order.ETICKET]
        return [method for method in order if options and method in options]

    @property
    def shipping_fee(self) -> int:
        if self.fulfilment != Order.SHIPPING or self.profile is None:
            return 0
        return self.profile.shipping_fee_for(self.subtotal)

    @property
    def total(self) -> int:
        return self.subtotal + self.shipping_fee

    @property
    def taxes(self) -> list[tax.RateTotal]:
        amounts = [(line.tax_rate, line.amount) for line in self.lines]
        if self.shipping_fee:
            amounts.append((tax.RATES[tax.STANDARD], self.shipping_fee))
        return tax.totals_by_rate(amounts)

    def payment_methods(self) -> list[str]:
        return self.profile.payment_methods() if self.profile else []


@dataclass
class CartView:
    shops: list[ShopPart]

    @property
    def total(self) -> int:
        return sum(shop.total for shop in self.shops)

    @property
    def count(self) -> int:
        return sum(line.quantity for shop in self.shops for line in shop.lines)

    @property
    def is_empty(self) -> bool:
        return not self.shops

    @property
    def taxes(self) -> list[tax.RateTotal]:
        """Sum of each shop's per-rate tax (each shop invoices separately)."""
        return tax.combine(shop.taxes for shop in self.shops)

    def payment_methods(self) -> list[str]:
        """Methods every shop in the cart accepts (one payment covers the cart)."""
        accepted = None
        for shop in self.shops:
            methods = set(shop.payment_methods())
            accepted = methods if accepted is None else accepted & methods
        from ..models import OrderGroup

        return [m for m, _label in OrderGroup.PAYMENT_CHOICES if accepted and m in accepted]


def view(cart: Cart | None, fulfilment: dict[int, str] | None = None) -> CartView:
    """The cart grouped by shop, priced now. Two queries whatever its size."""
    if cart is None:
        return CartView(shops=[])
    lines = cart.lines.select_related("variant__product__business__shop").order_by(
        "variant__product__business__name", "pk"
    )
    shops: dict[int, ShopPart] = {}
    for line in lines:
        business = line.variant.product.business
        part = shops.get(business.pk)
        if part is None:
            profile = getattr(business, "shop", None)
            part = shops[business.pk] = ShopPart(business=business, profile=profile)
        part.lines.append(LineView(line=line, variant=line.variant, quantity=line.quantity))
    for part in shops.values():
        options = part.fulfilment_options()
        chosen = (fulfilment or {}).get(part.business.pk)
        part.fulfilment = chosen if chosen in options else (options[0] if options else "")
    return CartView(shops=list(shops.values()))
