"""Placing an order: from a priced cart to one order group and one order per shop.

Stock rows are locked in primary-key order (so two checkouts never deadlock)
and decremented with a conditional UPDATE, so stock can never go below zero
even where SELECT ... FOR UPDATE is a no-op (SQLite serialises writers).
The Stripe call happens after the transaction, never while rows are locked.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import tax
from ..models import Cart, CartLine, Order, OrderGroup, OrderLine, Variant
from ..signals import send_stock_changed
from . import cart as carts
from .errors import NotForSale, OutOfStock, PricesChanged, ShopError


@dataclass
class Customer:
    name: str
    email: str
    phone: str
    postal_code: str = ""
    prefecture: str = ""
    city: str = ""
    street: str = ""
    building: str = ""


def checkout_key(cart: Cart) -> str:
    """Identifies one attempt to check out this cart; rotated after placing."""
    return str(cart.token)


def place_order(
    cart: Cart,
    key: str,
    customer: Customer,
    payment_method: str,
    fulfilment: dict[int, str],
    user=None,
    language: str = "ja",
    now=None,
) -> OrderGroup:
    """Reserve the stock and record the orders; returns the existing group
    when this checkout (`key`) was already placed."""
    existing = OrderGroup.objects.filter(checkout_key=key).first()
    if existing:
        return existing
    if key != checkout_key(cart):
        raise ShopError(_("Your cart changed in another window. Please check it and try again."))
    now = now or timezone.now()
    try:
        with transaction.atomic():
            group = _place(cart, key, customer, payment_method, fulfilment, user, language, now)
    except PricesChanged as error:
        # Outside the rolled-back transaction: the cart now shows the new
        # prices, so the customer's next attempt goes through.
        for line_pk, price in error.new_prices.items():
            CartLine.objects.filter(pk=line_pk).update(seen_price=price)
        raise
    except IntegrityError:
        # A concurrent request placed this same checkout first.
        existing = OrderGroup.objects.filter(checkout_key=key).first()
        if existing:
            return existing
        raise
    return group


def _reservation_end(payment_method, now):
    if payment_method == OrderGroup.CARD:
        return now + timedelta(minutes=settings.SHOP_CARD_RESERVATION_MINUTES)
    if payment_method == OrderGroup.BANK_TRANSFER:
        return now + timedelta(days=settings.SHOP_BANK_TRANSFER_DAYS)
    return None  # pay at the store: the shop cancels no-shows itself


def _place(cart, key, customer, payment_method, fulfilment, user, language, now):
    view = carts.view(cart, fulfilment)
    if view.is_empty:
        raise ShopError(_("Your cart is empty."))
    if payment_method not in view.payment_methods():
        raise ShopError(_("Choose a payment method that every shop in your cart accepts."))
    for shop in view.shops:
        if not shop.fulfilment:
            raise ShopError(
                _(
                    "The products of %(shop)s cannot be delivered together. Please order them separately."
                )
                % {"shop": shop.business.name}
            )
        if payment_method == OrderGroup.PAY_AT_STORE and shop.fulfilment != Order.PICKUP:
            raise ShopError(_("Paying at the store is only possible for store pickup."))

    lines = [line for shop in view.shops for line in shop.lines]
    locked = {
        v.pk: v
        for v in Variant.objects.select_for_update()
        .select_related("product")
        .filter(pk__in=[line.variant.pk for line in lines])
        .order_by("pk")
    }
    new_prices = {}
    for line in lines:
        variant = locked.get(line.variant.pk)
        if variant is None or variant.product.status != variant.product.PUBLISHED:
            raise NotForSale(
                _("“%(product)s” is no longer for sale.")
                % {"product": line.product.localized_title()}
            )
        if line.line.seen_price != variant.price:
            new_prices[line.line.pk] = variant.price
    if new_prices:
        error = PricesChanged(_("Some prices have changed. Please check your cart before you pay."))
        error.new_prices = new_prices
        raise error

    _take_stock([line for line in lines if locked[line.variant.pk].track_stock], locked)

    needs_address = any(shop.fulfilment == Order.SHIPPING for shop in view.shops)
    address = (
        {
            "postal_code": customer.postal_code,
            "prefecture": customer.prefecture,
            "city": customer.city,
            "street": customer.street,
            "building": customer.building,
        }
        if needs_address
        else {}
    )
    group = OrderGroup.objects.create(
        checkout_key=key,
        user=user if user is not None and user.is_authenticated else None,
        language=language,
        payment_method=payment_method,
        total=view.total,
        name=customer.name,
        email=customer.email,
        phone=customer.phone,
        reserved_until=_reservation_end(payment_method, now),
        **address,
    )
    for shop in view.shops:
        order = Order.objects.create(
            group=group,
            business=shop.business,
            fulfilment=shop.fulfilment,
            subtotal=shop.subtotal,
            shipping_fee=shop.shipping_fee,
            total=shop.total,
        )
        OrderLine.objects.bulk_create(
            OrderLine(
                order=order,
                variant=line.variant,
                title=line.product.title,
                title_en=line.product.title_en,
                variant_name=line.variant.name,
                unit_price=line.unit_price,
                tax_rate=tax.RATES[line.product.tax_class],
                quantity=line.quantity,
            )
            for line in shop.lines
        )
    # The cart is spent: empty it and give it a new key for the next checkout.
    cart.lines.all().delete()
    Cart.objects.filter(pk=cart.pk).update(token=_new_token())
    return group


def _take_stock(lines, locked) -> None:
    """Decrement every tracked line's stock in one conditional UPDATE (one
    query whatever the cart's size); if any row lacks the quantity, nothing is
    taken and the customer is told which product ran short."""
    if not lines:
        return
    enough = Q()
    for line in lines:
        enough |= Q(pk=line.variant.pk, stock__gte=line.quantity)
    taken = Variant.objects.filter(enough).update(
        stock=F("stock")
        - Case(*(When(pk=line.variant.pk, then=Value(line.quantity)) for line in lines))
    )
    if taken == len(lines):
        # The rows are locked: an option whose whole stock was taken is now sold out.
        send_stock_changed(
            locked[line.variant.pk].product_id
            for line in lines
            if locked[line.variant.pk].stock == line.quantity
        )
        return
    short = next(
        (line for line in lines if locked[line.variant.pk].stock < line.quantity), lines[0]
    )
    # Raised inside the transaction: the rows that were decremented roll back.
    raise OutOfStock(
        _("Only %(stock)d of “%(product)s” left.")
        % {"stock": locked[short.variant.pk].stock, "product": short.product.localized_title()}
    )


def _new_token():
    return uuid.uuid4()


def release(group: OrderGroup, status: str = OrderGroup.EXPIRED) -> bool:
    """Give an unpaid group's stock back and close it. False if it was not pending.

    Used when a reservation expires and when a payment is cancelled. Only
    orders still awaiting payment are cancelled: one a shop has already
    confirmed (a bank transfer received) keeps its stock."""
    with transaction.atomic():
        locked = OrderGroup.objects.select_for_update().get(pk=group.pk)
        if locked.status != OrderGroup.PENDING:
            return False
        pending = locked.orders.filter(status=Order.PENDING)
        restock(
            OrderLine.objects.filter(order__in=pending).values_list(
                "variant_id", "quantity", "cancelled_quantity"
            )
        )
        locked.status = status
        locked.save(update_fields=["status"])
        pending.update(status=Order.CANCELLED)
    group.refresh_from_db()
    return True


def restock(rows) -> None:
    """Return (variant_id, quantity, cancelled_quantity) rows' active quantity to stock.

    Options that were in stock take one UPDATE each; one that was sold out
    (the first, conditional UPDATE finds no row) takes a second,
    unconditional one, and its product is reported as `stock_changed`
    (possibly needlessly if a concurrent restock got there first: never
    missed, and no quantity lost)."""
    back = []
    for variant_id, quantity, cancelled in sorted(rows, key=lambda r: r[0] or 0):
        if variant_id is None or quantity - cancelled <= 0:
            continue
        tracked = Variant.objects.filter(pk=variant_id, track_stock=True)
        if tracked.filter(stock__gt=0).update(stock=F("stock") + (quantity - cancelled)):
            continue
        if tracked.update(stock=F("stock") + (quantity - cancelled)):
            back.append(variant_id)
    if back:
        send_stock_changed(Variant.objects.filter(pk__in=back).values_list("product_id", flat=True))
