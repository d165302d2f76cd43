"""Payouts in the Wagtail admin.

Owners see a "Payouts" page for each of their own businesses: whether it can
receive card payments, a button that creates its Stripe Express account and
sends them to Stripe's onboarding, and the payouts of their card orders.
City staff see every business, and the held payouts with a retry action, as
well as refunds made after a payout whose transfer reversal is still pending
(also with a retry).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from businesses.models import Business

from .models import Order, OrderGroup, ShopProfile
from .services import payouts

STAFF_PERMISSION = "businesses.change_business"
NAMESPACE = "shop_payouts"


def is_payout_staff(user) -> bool:
    """City staff (and superusers) manage every business's payouts."""
    return user.is_active and user.has_perm(STAFF_PERMISSION)


def businesses_for(user):
    if is_payout_staff(user):
        return Business.objects.all()
    return Business.objects.filter(group__user=user)


def _business_or_404(request, business_id):
    """Only members of the business and staff; others get a 404, so pages do
    not reveal which businesses exist."""
    return get_object_or_404(businesses_for(request.user), pk=business_id)


def _render(request, template, context, title):
    context = {"page_title": title, "header_icon": "tasks", **context}
    return TemplateResponse(request, f"shop/admin/{template}", context)


def _status(profile):
    if profile is None or not profile.stripe_account_id:
        return "none", _("Not connected")
    if not profile.payouts_enabled:
        return "incomplete", _("Stripe still needs information")
    return "ready", _("Ready: card payments are paid out")


# -- views ----------------------------------------------------------------------------


def index(request):
    businesses = list(businesses_for(request.user).select_related("shop").order_by("name"))
    staff = is_payout_staff(request.user)
    if not staff and len(businesses) == 1:
        return redirect(f"{NAMESPACE}:business", businesses[0].pk)
    rows = []
    for business in businesses:
        profile = getattr(business, "shop", None)
        code, label = _status(profile)
        rows.append({"business": business, "status": code, "status_label": label})
    held = payouts.held_orders().count() if staff else 0
    reversal_count = payouts.pending_reversals().count() if staff else 0
    return _render(
        request,
        "payouts_index.html",
        {"rows": rows, "is_staff": staff, "held_count": held, "reversal_count": reversal_count},
        _("Payouts"),
    )


def business_detail(request, business_id):
    business = _business_or_404(request, business_id)
    profile = ShopProfile.objects.filter(business=business).first()
    code, label = _status(profile)
    orders = (
        Order.objects.filter(business=business, group__payment_method=OrderGroup.CARD)
        .exclude(group__status=OrderGroup.PENDING)
        .select_related("group")
        .order_by("-created_at")[:50]
    )
    rows = []
    for order in orders:
        amount, fee = payouts.payout_amounts(order)
        if order.payout_status:
            fee = order.platform_fee
            amount = max(order.total - order.refunded_amount - fee, 0)
        rows.append({"order": order, "fee": fee, "amount": amount})
    return _render(
        request,
        "payouts_business.html",
        {
            "business": business,
            "profile": profile,
            "status": code,
            "status_label": label,
            "rows": rows,
            "connect_enabled": payouts.connect_enabled(),
            "fee_percent": _percent(),
            "is_staff": is_payout_staff(request.user),
        },
        _("Payouts: %(business)s") % {"business": business.name},
    )


def _percent():
    value = settings.PLATFORM_FEE_PERCENT
    return int(value) if float(value).is_integer() else value


@require_POST
def onboard(request, business_id):
    """Create the account if needed and send the owner to Stripe's onboarding."""
    business = _business_or_404(request, business_id)
    detail = reverse(f"{NAMESPACE}:business", args=[business.pk])
    try:
        # The public address (BASE_URL) describes the business to Stripe.
        profile = payouts.ensure_account(business, site_url=settings.WAGTAILADMIN_BASE_URL)
        url = payouts.onboarding_link(
            profile,
            refresh_url=request.build_absolute_uri(
                reverse(f"{NAMESPACE}:refresh", args=[business.pk])
            ),
            return_url=request.build_absolute_uri(
                reverse(f"{NAMESPACE}:return", args=[business.pk])
            ),
        )
    except payouts.PayoutError as error:
        messages.error(request, str(error))
        return redirect(detail)
    if payouts.connect_is_emulated():
        # A Stripe emulator's links lead nowhere: show where Stripe would go.
        return _render(
            request,
            "payouts_onboarding_emulated.html",
            {
                "business": business,
                "onboarding_url": url,
                "return_url": reverse(f"{NAMESPACE}:return", args=[business.pk]),
            },
            _("Stripe onboarding (test mode)"),
        )
    return redirect(url)


@require_POST
def dashboard(request, business_id):
    """Send an onboarded owner to their Stripe Express dashboard."""
    business = _business_or_404(request, business_id)
    profile = ShopProfile.objects.filter(business=business).first()
    if profile is None or not profile.stripe_account_id or not profile.payouts_enabled:
        return redirect(f"{NAMESPACE}:business", business.pk)
    try:
        url = payouts.dashboard_link(profile)
    except payouts.PayoutError as error:
        messages.error(request, str(error))
        return redirect(f"{NAMESPACE}:business", business.pk)
    if payouts.connect_is_emulated():
        return _render(
            request,
            "payouts_onboarding_emulated.html",
            {"business": business, "onboarding_url": url, "return_url": ""},
            _("Stripe dashboard (test mode)"),
        )
    return redirect(url)


def onboarding_return(request, business_id):
    """Stripe sends the owner back here; their account's state is fetched anew
    (the owner may also have left the onboarding unfinished)."""
    business = _business_or_404(request, business_id)
    profile = ShopProfile.objects.filter(business=business).first()
    if profile is None or not profile.stripe_account_id:
        return redirect(f"{NAMESPACE}:business", business.pk)
    try:
        profile = payouts.refresh_account(profile)
    except payouts.PayoutError as error:
        messages.error(request, str(error))
    else:
        if profile.payouts_enabled:
            messages.success(
                request, _("Your Stripe account is ready: card payments are paid out.")
            )
        else:
            messages.warning(
                request,
                _(
                    "Stripe still needs some information before it can pay you out. "
                    "Continue the onboarding when you are ready."
                ),  # fmt: skip
            )
    return redirect(f"{NAMESPACE}:business", business.pk)


def onboarding_refresh(request, business_id):
    """Stripe's refresh_url: the link expired or was used. Nothing changes on
    a GET; the owner starts again with the button."""
    business = _business_or_404(request, business_id)
    messages.info(
        request, _("The Stripe onboarding link has expired. Continue the onboarding again.")
    )
    return redirect(f"{NAMESPACE}:business", business.pk)


def _require_staff(request):
    if not is_payout_staff(request.user):
        raise PermissionDenied


def held(request):
    _require_staff(request)
    rows = []
    for order in payouts.held_orders():
        amount, fee = payouts.payout_amounts(order)
        profile = getattr(order.business, "shop", None)
        code, label = _status(profile)
        rows.append(
            {"order": order, "amount": amount, "fee": fee, "status": code, "status_label": label}
        )
    reversals = []
    for refund in payouts.pending_reversals():
        amount = payouts.reversal_for(refund, refund.order)[0]
        reversals.append({"refund": refund, "order": refund.order, "amount": amount})
    return _render(
        request,
        "payouts_held.html",
        {"rows": rows, "reversals": reversals, "connect_enabled": payouts.connect_enabled()},
        _("Held payouts"),
    )


@require_POST
def retry(request):
    """Send held payouts whose shops can now receive them (all, or the
    orders named in the form)."""
    _require_staff(request)
    order_ids = [value for value in request.POST.getlist("order") if value.isdigit()]
    sent, still_held = payouts.retry_held([int(value) for value in order_ids] or None)
    if sent:
        messages.success(request, _("Payouts sent: %(count)d.") % {"count": sent})
    if still_held:
        messages.warning(
            request,
            _("Still held: %(count)d. Those shops cannot receive payouts yet.")
            % {"count": still_held},
        )
    if not sent and not still_held:
        messages.info(request, _("No held payouts to send."))
    return redirect(f"{NAMESPACE}:held")


@require_POST
def retry_reversals(request):
    """Reverse again the shops' shares of refunds made after their payout
    (all pending ones, or the refunds named in the form)."""
    _require_staff(request)
    refund_ids = [value for value in request.POST.getlist("refund") if value.isdigit()]
    done, pending = payouts.retry_reversals([int(value) for value in refund_ids] or None)
    if done:
        messages.success(request, _("Transfer reversals made: %(count)d.") % {"count": done})
    if pending:
        messages.warning(
            request,
            _("Still pending: %(count)d. Stripe could not reverse those transfers.")
            % {"count": pending},
        )
    if not done and not pending:
        messages.info(request, _("No transfer reversals are pending."))
    return redirect(f"{NAMESPACE}:held")


urlpatterns = [
    path("", index, name="index"),
    path("held/", held, name="held"),
    path("held/retry/", retry, name="retry"),
    path("held/reversals/retry/", retry_reversals, name="retry_reversals"),
    path("<int:business_id>/", business_detail, name="business"),
    path("<int:business_id>/onboard/", onboard, name="onboard"),
    path("<int:business_id>/dashboard/", dashboard, name="dashboard"),
    path("<int:business_id>/return/", onboarding_return, name="return"),
    path("<int:business_id>/refresh/", onboarding_refresh, name="refresh"),
]


# -- hooks (this module is imported from shop/wagtail_hooks.py) -----------------------


@hooks.register("register_admin_urls")
def register_payout_urls():
    return [path("payouts/", include((urlpatterns, NAMESPACE), namespace=NAMESPACE))]


class PayoutsMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return is_payout_staff(user) or Business.objects.filter(Q(group__user=user)).exists()


@hooks.register("register_admin_menu_item")
def register_payouts_menu_item():
    return PayoutsMenuItem(
        gettext_lazy("Payouts"),
        reverse(f"{NAMESPACE}:index"),
        name="payouts",
        icon_name="tasks",
        order=420,
    )
