"""Framework events the shop listens to (connected in ShopConfig.ready()),
and the shop's own signal for other apps.

`stock_changed` is sent, inside the transaction that moved the stock, with
`product_ids`: the products whose availability may have changed because
an option's tracked stock reached 0 or came back from 0. A change that
leaves every option on the same side of 0 (5 → 4) sends nothing. Stock
moves in bulk only in shop/services/checkout.py (`_take_stock`,
`restock`, which release, expiry, cancellations and refunds use) and
shop/services/webhook_events.py (`_reserve_again`); the admin saves
options one by one, which their own post_save reports. Receivers should act
after the commit (the search index does: search/signals.py). The shop
imports none of them.
"""

from django.dispatch import Signal

from .models import Cart, Variant
from .services import cart as carts
from .views.common import cart_count, remember_count

stock_changed = Signal()  # product_ids: a set of Product pks


def send_stock_changed(product_ids) -> None:
    product_ids = set(product_ids)
    if product_ids:
        stock_changed.send(sender=Variant, product_ids=product_ids)


def merge_cart_on_login(sender, request, user, **kwargs):
    """Signing in keeps what the visitor put in the cart before, and the
    header's item count follows the customer's cart."""
    session = getattr(request, "session", None)
    if session is None:
        return
    if session.get(carts.SESSION_KEY):
        carts.merge_session_cart(request, user)
    count = cart_count(Cart.objects.filter(user=user).first())
    if count:
        remember_count(request, count)
