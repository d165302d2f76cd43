"""The cart: add from a product page, look at it per shop, change or remove lines.

Every change is a plain POST form answered with a redirect, so the cart
works without JavaScript; outcomes are told through Django's messages.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..checkout_forms import AddToCartForm, CartLineForm
from ..models import CartLine, Product, Variant
from ..services import cart as carts
from ..services.errors import NotForSale, ShopError
from .common import cart_count, describe_shops, directory_url, remember_count, safe_next


def _refuse(request, message, back=None, status=400):
    """A request the cart cannot take: a 400 page saying why, with a way back."""
    return render(
        request, "shop/cart_error.html", {"message": message, "back": back}, status=status
    )


@require_POST
def add_to_cart(request):
    form = AddToCartForm(request.POST)
    back = safe_next(request)
    if not form.is_valid():
        if "variant" in form.errors:
            return _refuse(request, form.errors["variant"][0], back)
        message = form.errors["quantity"][0]
        if back:
            messages.error(request, message)
            return redirect(back)
        return _refuse(request, message)
    variant = (
        Variant.objects.select_related("product__business")
        .filter(pk=form.cleaned_data["variant"])
        .first()
    )
    if variant is None:
        return _refuse(request, _("This option does not exist."), back)
    if variant.product.status != Product.PUBLISHED:
        return _refuse(
            request,
            _("“%(product)s” is not for sale.") % {"product": variant.product.localized_title()},
        )
    cart = carts.get_cart(request, create=True)
    try:
        carts.add(cart, variant, form.cleaned_data["quantity"])
    except NotForSale as error:
        return _refuse(request, str(error))
    except ShopError as error:
        if back:
            messages.error(request, str(error))
            return redirect(back)
        return _refuse(request, str(error))
    remember_count(request, cart_count(cart))
    name = variant.product.localized_title()
    if variant.localized_name():
        name = f"{name} ({variant.localized_name()})"
    messages.success(request, _("“%(product)s” is in your cart.") % {"product": name})
    return redirect("shop:cart")


@require_POST
def update_line(request, line_id):
    cart = carts.get_cart(request)
    if cart is None:
        messages.error(request, _("This item is no longer in your cart."))
        return redirect("shop:cart")
    if request.POST.get("action") == "remove":
        quantity = 0
    else:
        form = CartLineForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.errors["quantity"][0])
            return redirect("shop:cart")
        quantity = form.cleaned_data["quantity"]
    try:
        carts.set_quantity(cart, line_id, quantity)
    except CartLine.DoesNotExist:
        messages.error(request, _("This item is no longer in your cart."))
    except ShopError as error:
        messages.error(request, str(error))
    else:
        if quantity:
            messages.success(request, _("The quantity was changed."))
        else:
            messages.success(request, _("The item was removed from your cart."))
    remember_count(request, cart_count(cart))
    return redirect("shop:cart")


def note_changes(request, view) -> bool:
    """Warn about changed prices and missing stock in the cart; the visitor has
    now seen the new prices, so they are recorded as seen. True when
    something stops checkout."""
    changed, blocked = [], False
    for shop in view.shops:
        for line in shop.lines:
            line.for_sale = line.product.status == Product.PUBLISHED
            if line.price_changed:
                messages.warning(
                    request,
                    _("The price of “%(product)s” changed from %(old)s to %(new)s.")
                    % {
                        "product": line.product.localized_title(),
                        "old": f"¥{line.line.seen_price:,}",
                        "new": f"¥{line.unit_price:,}",
                    },
                )
                line.old_price = line.line.seen_price
                line.line.seen_price = line.unit_price
                changed.append(line.line)
            if not line.for_sale or not line.in_stock:
                blocked = True
    if changed:
        CartLine.objects.bulk_update(changed, ["seen_price"])
    return blocked


@never_cache
def cart_detail(request):
    cart = carts.get_cart(request)
    view = carts.view(cart)
    blocked = note_changes(request, view)
    describe_shops(request, view.shops)
    if cart is not None:
        remember_count(request, view.count)
    return render(
        request,
        "shop/cart.html",
        {
            "view": view,
            "blocked": blocked,
            "can_checkout": not view.is_empty and not blocked,
            "directory_url": directory_url(request) if view.is_empty else None,
        },
    )
