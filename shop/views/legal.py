"""The shop's 特定商取引法に基づく表記, generated from its settings.

Public only while the business's storefront is live, like everything else
the shop sells.
"""

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from businesses.models import Business, BusinessPage

from ..models import OrderGroup, ShopProfile


@dataclass(frozen=True)
class Row:
    key: str  # stable, for the markup's ids and for tests
    label: str
    value: str = ""
    items: tuple[str, ...] = ()  # shown as a list instead of value


def yen(amount: int) -> str:
    return _("¥%(amount)s") % {"amount": f"{amount:,}"}


def shipping_rules(profile: ShopProfile) -> str:
    if profile.shipping_fee == 0:
        return _("Free shipping on every order.")
    text = _("%(fee)s per order (tax included).") % {"fee": yen(profile.shipping_fee)}
    if profile.free_shipping_from is not None:
        text += " " + _("Free for orders of %(amount)s or more.") % {
            "amount": yen(profile.free_shipping_from)
        }
    return text


def payment_lines(profile: ShopProfile) -> list[str]:
    days = settings.SHOP_BANK_TRANSFER_DAYS
    timing = {
        OrderGroup.CARD: _("Credit card: charged when the order is placed."),
        OrderGroup.PAY_AT_STORE: _(
            "Payment at the store: when the order is picked up (pickup orders only)."
        ),
        OrderGroup.BANK_TRANSFER: ngettext(
            "Bank transfer: within %(days)s day of the order, in advance; "
            "the order is prepared once the payment has arrived.",
            "Bank transfer: within %(days)s days of the order, in advance; "
            "the order is prepared once the payment has arrived.",
            days,
        )
        % {"days": days},
    }
    return [timing[method] for method in profile.payment_methods()]


def rows(profile: ShopProfile) -> list[Row]:
    address = " ".join(
        part
        for part in (
            f"〒{profile.legal_postal_code}" if profile.legal_postal_code else "",
            profile.legal_address,
        )
        if part
    )
    result = [
        Row("seller", _("Seller"), profile.legal_name),
        Row("representative", _("Responsible person"), profile.representative),
        Row("address", _("Address"), address),
        Row("phone", _("Phone number"), profile.legal_phone),
        Row("email", _("E-mail address"), profile.legal_email),
        Row(
            "prices",
            _("Prices"),
            _("As shown on each product page; prices include consumption tax."),
        ),
        Row("shipping", _("Shipping fee"), shipping_rules(profile)),
        Row(
            "extra_costs",
            _("Other costs"),
            profile.extra_costs or _("None besides the shipping fee."),
        ),
        Row("payment", _("Payment methods and timing"), items=tuple(payment_lines(profile))),
        Row("delivery", _("Delivery time"), profile.delivery_time),
        Row("returns", _("Returns and cancellations"), profile.returns_policy),
    ]
    if profile.registration_number:
        result.append(
            Row(
                "registration_number",
                _("Invoice registration number"),
                profile.registration_number,
            )
        )
    return result


def legal_notice(request, business_id):
    business = get_object_or_404(
        Business.objects.filter(pages__live=True).distinct().select_related("shop"),
        pk=business_id,
    )
    profile = get_object_or_404(ShopProfile, business=business)
    language = translation.get_language()
    storefronts = {
        page.locale.language_code: page
        for page in BusinessPage.objects.live().filter(business=business).select_related("locale")
    }
    storefront = (
        storefronts.get(language) or storefronts.get("ja") or next(iter(storefronts.values()), None)
    )
    return render(
        request,
        "shop/legal_notice.html",
        {
            "business": business,
            "profile": profile,
            "storefront": storefront,
            "rows": rows(profile),
        },
    )
