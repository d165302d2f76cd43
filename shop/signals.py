"""Framework events the shop listens to (connected in ShopConfig.ready())."""

from .models import Cart
from .services import cart as carts
from .views.common import cart_count, remember_count


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
