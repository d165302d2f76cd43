"""Small helpers the public shop views share."""

from django.db.models import Sum
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from businesses.models import BusinessDirectoryPage

from .. import presenters
from ..models import Order

# The number of items in the visitor's cart, kept in the session so the site
# header shows it without a query.
COUNT_KEY = "machikado_cart_count"


def remember_count(request, count: int) -> None:
    session = request.session
    if session.get(COUNT_KEY, 0) != count:
        session[COUNT_KEY] = count


def cart_count(cart) -> int:
    if cart is None:
        return 0
    return cart.lines.aggregate(total=Sum("quantity"))["total"] or 0


def safe_next(request) -> str | None:
    """The ``next`` URL posted by a form, when it points into this site."""
    url = request.POST.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


def link_shops(request, shops) -> None:
    """Give each shop part (or order) its storefront and legal-notice URLs; one query."""
    if not shops:
        return
    pages = presenters.storefront_pages([shop.business.pk for shop in shops], get_language())
    for shop in shops:
        page = pages.get(shop.business.pk)
        shop.storefront_url = page.get_url(request) if page else None
        shop.display_name = page.title if page else shop.business.name
        shop.legal_url = reverse("shop:legal", kwargs={"business_id": shop.business.pk})


def shipping_note(shop) -> str:
    """How this shop charges shipping, in a sentence (empty when it cannot ship)."""
    profile = shop.profile
    if Order.SHIPPING not in shop.fulfilment_options() or profile is None:
        return ""
    if not profile.shipping_fee:
        return _("Shipping within Japan is free.")
    note = _("Shipping within Japan: %(fee)s per order.") % {"fee": f"¥{profile.shipping_fee:,}"}
    if profile.free_shipping_from is not None:
        note += " " + _("Free from %(amount)s.") % {"amount": f"¥{profile.free_shipping_from:,}"}
    return note


def describe_shops(request, shops) -> None:
    """Links, delivery labels and the shipping rule of each shop part of a cart."""
    link_shops(request, shops)
    labels = dict(Order.FULFILMENT_CHOICES)
    for shop in shops:
        shop.shipping_note = shipping_note(shop)
        shop.fulfilment_labels = [str(labels[m]) for m in shop.fulfilment_options()]
        shop.fulfilment_label = str(labels.get(shop.fulfilment, ""))


def directory_url(request) -> str:
    """The shop directory in the current language (the home page if there is none)."""
    page = BusinessDirectoryPage.objects.live().filter(locale=Locale.get_active()).first()
    return page.get_url(request) if page else f"/{get_language()}/"
