"""Template tags for the public shop: the storefront's product list."""

from django import template
from django.conf import settings

from .. import presenters
from ..views.common import COUNT_KEY

register = template.Library()


@register.simple_tag
def storefront_products(page):
    """The storefront's products on sale, each with ``card`` (price from,
    availability, first image), in a fixed number of queries."""
    business_id = getattr(page, "business_id", None)
    if business_id is None:
        return []
    products = presenters.storefront_products(business_id)
    for product in products:
        product.card = presenters.product_summary(product)
    return products


@register.simple_tag(takes_context=True)
def cart_items(context) -> int:
    """Items in the visitor's cart, for the site header: read from the session
    (no query), and only when the visitor has a session at all, so pages for
    everyone else do not vary on the cookie."""
    request = context.get("request")
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return 0
    session = getattr(request, "session", None)
    return session.get(COUNT_KEY, 0) if session is not None else 0
