"""Checkout, card payment and the confirmation page.

- ``checkout``: contact, address (when something ships), delivery per shop,
  payment method; places the order (``services.checkout.place_order``). A
  hidden ``checkout_key`` makes a double submit land on the same order group.
- ``pay``: the card form (Stripe.js, logic in ``static/shop/js/pay.js``); a
  POST with ``action=cart`` cancels the checkout and puts its items back.
- ``confirm_card``: JSON endpoint pay.js posts the payment method id to.
- ``complete``: the order's state as the database has it. It never marks
  anything paid (only the Stripe webhook does); while a card payment is
  being confirmed it refreshes itself every few seconds, without JavaScript.

The group's uuid in the URL is the secret that opens these pages.
"""

import json
import logging

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import notifications, stripe_api, tax
from ..checkout_forms import CheckoutForm
from ..models import Order, OrderGroup
from ..services import back_to_cart
from ..services import cart as carts
from ..services import checkout as checkouts
from ..services.errors import ShopError
from .cart import note_changes
from .common import cart_count, describe_shops, link_shops, remember_count

logger = logging.getLogger(__name__)


def _posted_fulfilment(data) -> dict[int, str]:
    chosen = {}
    for key, value in data.items():
        prefix, _sep, business_id = key.partition("_")
        if prefix == "fulfilment" and business_id.isdigit():
            chosen[int(business_id)] = value
    return chosen


def _next_step(group: OrderGroup):
    if group.payment_method == OrderGroup.CARD and group.status == OrderGroup.PENDING:
        return redirect("shop:pay", uuid=group.uuid)
    return redirect("shop:complete", uuid=group.uuid)


def _customer(form: CheckoutForm) -> checkouts.Customer:
    data = form.cleaned_data
    address = {}
    if form.needs_address():
        address = {name: data[name] for name in ("postal_code", "prefecture", "city", "street")}
        address["building"] = data["building"]
    return checkouts.Customer(
        name=data["name"], email=data["email"], phone=data["phone"], **address
    )


def _place(request, cart, form):
    """The placed group, or the ShopError's message."""
    data = form.cleaned_data
    try:
        group = checkouts.place_order(
            cart,
            data["checkout_key"],
            _customer(form),
            data["payment_method"],
            form.fulfilment(),
            user=request.user,
            language=translation.get_language(),
        )
    except ShopError as error:
        return None, str(error)
    return group, None


def _known_contact(user) -> dict:
    """A signed-in customer's name and e-mail address, to start with."""
    if not user.is_authenticated:
        return {}
    return {"name": user.get_full_name(), "email": user.email}


@never_cache
def checkout(request):
    posted = request.method == "POST"
    placing = posted and "recalculate" not in request.POST
    if placing:
        # A second submit of a checkout already placed: the same order group.
        key = request.POST.get("checkout_key", "")
        existing = OrderGroup.objects.filter(checkout_key=key).first() if key else None
        if existing is not None:
            return _next_step(existing)

    cart = carts.get_cart(request)
    chosen = _posted_fulfilment(request.POST) if posted else {}
    view = carts.view(cart, chosen)
    if view.is_empty:
        messages.info(request, _("Your cart is empty."))
        return redirect("shop:cart")
    if not posted and note_changes(request, view):
        return redirect("shop:cart")
    language = translation.get_language()

    status = 200
    if placing:
        form = CheckoutForm(request.POST, cart_view=view, language=language)
        if form.is_valid():
            group, error = _place(request, cart, form)
            if group is not None:
                remember_count(request, 0)
                if not request.user.is_authenticated:
                    # Placing gave the (now empty) cart a new token: keep using it.
                    cart.refresh_from_db(fields=["token"])
                    request.session[carts.SESSION_KEY] = str(cart.token)
                if group.payment_method != OrderGroup.CARD:
                    transaction.on_commit(lambda: notifications.order_placed(group))
                return _next_step(group)
            # Show the cart as it is now (new prices, stock) with the data kept.
            view = carts.view(cart, chosen)
            note_changes(request, view)
            form = CheckoutForm(request.POST, cart_view=view, language=language)
            form.is_valid()
            form.add_error(None, error)
        status = 400
    else:
        initial = request.POST.dict() if posted else _known_contact(request.user)
        initial["checkout_key"] = checkouts.checkout_key(cart)
        form = CheckoutForm(initial=initial, cart_view=view, language=language)

    describe_shops(request, view.shops)
    return render(
        request,
        "shop/checkout.html",
        {
            "form": form,
            "view": view,
            "card_enabled": stripe_api.card_payments_enabled(),
            "ships": any("shipping" in shop.fulfilment_options() for shop in view.shops),
        },
        status=status,
    )


# -- paying by card ----------------------------------------------------------


def _summary(request, group):
    """The group's orders with their lines, links and tax per rate: four queries."""
    orders = list(
        group.orders.select_related("business__shop").prefetch_related("lines").order_by("pk")
    )
    link_shops(request, orders)
    labels = dict(Order.FULFILMENT_CHOICES)
    for order in orders:
        order.profile = getattr(order.business, "shop", None)
        order.line_list = list(order.lines.all())
        english = translation.get_language() != "ja"
        for line in order.line_list:
            line.display_title = line.title_en if english and line.title_en else line.title
        amounts = [(line.tax_rate, line.amount) for line in order.line_list]
        if order.shipping_fee:
            amounts.append((tax.RATES[tax.STANDARD], order.shipping_fee))
        order.taxes = tax.totals_by_rate(amounts)
        order.fulfilment_label = labels.get(order.fulfilment, "")
    return orders


def _stripe_locale() -> str:
    return "ja" if translation.get_language() == "ja" else "en"


@never_cache
def pay(request, uuid):
    from ..services import payments

    group = get_object_or_404(OrderGroup, uuid=uuid)
    if group.payment_method != OrderGroup.CARD or group.status != OrderGroup.PENDING:
        return redirect("shop:complete", uuid=group.uuid)

    if request.method == "POST":
        if request.POST.get("action") == "cart":
            cart = carts.get_cart(request, create=True)
            returned = back_to_cart.return_to_cart(group, cart)
            if not returned.released:
                return redirect("shop:complete", uuid=group.uuid)
            for message in back_to_cart.describe(returned):
                messages.info(request, message)
            remember_count(request, cart_count(cart))
            return redirect("shop:cart")
        return redirect("shop:pay", uuid=group.uuid)

    if group.reserved_until and group.reserved_until < timezone.now():
        payments.expire_group(group)
        return redirect("shop:complete", uuid=group.uuid)

    unavailable = ""
    try:
        payments.ensure_payment_intent(group)
    except payments.PaymentNotPossible:
        return redirect("shop:complete", uuid=group.uuid)
    except payments.PaymentUnavailable as error:
        unavailable = str(error)

    orders = _summary(request, group)
    return render(
        request,
        "shop/pay.html",
        {
            "group": group,
            "orders": orders,
            "taxes": tax.combine(order.taxes for order in orders),
            "unavailable": unavailable,
            "stripe_js_url": settings.STRIPE_JS_URL,
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "stripe_locale": _stripe_locale(),
            "confirm_url": reverse("shop:confirm_card", kwargs={"uuid": group.uuid}),
            "complete_url": reverse("shop:complete", kwargs={"uuid": group.uuid}),
        },
    )


@require_POST
def confirm_card(request, uuid):
    """pay.js posts ``{"payment_method": "pm_…"}``; answers
    ``{status, client_secret, message, next}`` with status one of
    succeeded, processing, requires_action, failed, closed."""
    from ..services import payments

    group = OrderGroup.objects.filter(uuid=uuid).first()
    if group is None:
        return JsonResponse(
            {"status": "closed", "message": _("This checkout does not exist.")}, status=404
        )
    next_url = reverse("shop:complete", kwargs={"uuid": group.uuid})
    try:
        body = json.loads(request.body or b"{}")
        payment_method = body.get("payment_method", "") if isinstance(body, dict) else ""
    except ValueError:
        payment_method = ""
    try:
        result = payments.confirm_card(group, payment_method)
    except payments.PaymentNotPossible as error:
        group.refresh_from_db(fields=["status"])
        if group.status == OrderGroup.PAID:
            return JsonResponse({"status": "succeeded", "message": "", "next": next_url})
        return JsonResponse(
            {"status": "closed", "message": str(error), "next": next_url}, status=409
        )
    except payments.PaymentUnavailable as error:
        return JsonResponse({"status": "failed", "message": str(error)}, status=503)
    return JsonResponse(
        {
            "status": result.status,
            "client_secret": result.client_secret,
            "message": result.message,
            "next": next_url,
        }
    )


# -- confirmation ------------------------------------------------------------


@never_cache
def complete(request, uuid):
    group = get_object_or_404(OrderGroup, uuid=uuid)
    orders = _summary(request, group)
    card = group.payment_method == OrderGroup.CARD
    waiting = card and group.status == OrderGroup.PENDING
    paid = group.status == OrderGroup.PAID
    return render(
        request,
        "shop/complete.html",
        {
            "group": group,
            "orders": orders,
            "taxes": tax.combine(order.taxes for order in orders),
            "waiting": waiting,
            "paid": paid,
            "offline_pending": not card and group.status == OrderGroup.PENDING,
            "closed": group.status in (OrderGroup.FAILED, OrderGroup.EXPIRED, OrderGroup.CANCELLED),
            "pay_url": reverse("shop:pay", kwargs={"uuid": group.uuid}) if waiting else "",
        },
    )
