"""Payouts to the shops with Stripe Connect (Express accounts, country JP).

The platform takes the customer's payment (one PaymentIntent per checkout);
after it succeeds each shop order becomes one Transfer to its shop's connected
account, less the platform fee, with `transfer_group` = the checkout's group.

Exactly one transfer per order, however often or concurrently this runs:
the order row is locked (select_for_update) and an order already marked sent
is skipped, and Stripe itself deduplicates by the idempotency key
`transfer-order-<pk>`. Orders of shops that cannot receive money yet (no
connected account, or payouts not enabled) are held; staff see them in the
admin and retry once the shop has connected. A Stripe error is logged and
leaves the order held: payouts never break the webhook that triggers them.

Platform fee: PLATFORM_FEE_PERCENT of (order total − refunded), computed in
decimal and rounded down to the yen, so the shop keeps any fraction (5 % of
1,999 yen is 99 yen, not 99.95). Stored on Order.platform_fee.

Each transfer names the customer's charge (``OrderGroup.stripe_charge``, the
PaymentIntent's ``latest_charge`` stored by the payment webhook) as its
``source_transaction``, so Stripe ties it to that payment and sends it even
before the charge's funds are available in the platform's balance.

Refunds after the payout: a refund on an order whose transfer was sent
already is paid from the platform's balance, so the shop's share of it comes
back as a transfer reversal. The platform also returns its fee on the
refunded part: the fee is recomputed on the new net (total − all refunds) and
the reversal is the refund less the fee that no longer applies
(``reversal_amounts``), so after every reversal the shop holds exactly
``net − platform_fee(net)``, as if it had been paid out after the refund.
Every place that records a Refund calls ``refund_recorded`` in its
transaction: on a paid-out order the refund is marked "reversal pending"
(``Refund.REVERSAL_PENDING``) and ``reverse_for_refund`` runs after the
commit (idempotency key ``reversal-refund-<Refund.pk>``); on success the row
keeps the reversal's id and Order.platform_fee drops by the fee returned. If
Stripe fails, the customer's refund stands (the money is back with them): the
error is logged, the refund stays pending and staff retry it from the held
payouts page. Orders not paid out yet (held, or before the payout ran) need
no reversal: their later transfer is total − refunded.
"""

import logging
from decimal import ROUND_FLOOR, Decimal

import stripe
from django.conf import settings
from django.db import transaction
from django.db.models import Sum

from .. import stripe_api
from ..models import Order, OrderGroup, Refund, ShopProfile

logger = logging.getLogger(__name__)

CURRENCY = "jpy"


class PayoutError(Exception):
    """Stripe refused or could not be reached; the message is for staff/owners."""


# -- arithmetic -------------------------------------------------------------------


def platform_fee(amount: int, percent=None) -> int:
    """The platform's share of `amount` yen, rounded down to the yen."""
    if percent is None:
        percent = settings.PLATFORM_FEE_PERCENT
    if amount <= 0:
        return 0
    fee = Decimal(amount) * Decimal(str(percent)) / 100
    return min(amount, int(fee.to_integral_value(rounding=ROUND_FLOOR)))


def payout_amounts(order: Order) -> tuple[int, int]:
    """(transfer amount, platform fee) for an order as it stands now."""
    due = max(order.total - order.refunded_amount, 0)
    fee = platform_fee(due)
    return due - fee, fee


def reversal_amounts(
    total: int, refunded_before: int, refund: int, fee_kept: int | None = None, percent=None
) -> tuple[int, int]:
    """(reversal, fee returned) for a refund of `refund` yen on a paid-out
    order of `total` yen of which `refunded_before` had been refunded (by
    earlier refunds) already.

    The platform returns its fee on the refunded part: fee returned =
    fee(net before) − fee(net after), both rounded down as ``platform_fee``
    does; the shop gives back the rest of the refund. Never more fee than the
    platform still keeps on the order (`fee_kept`, Order.platform_fee), and
    never a refund beyond what was left. Depends only on the order's refunds
    up to this one, so a retry asks Stripe for the same amount."""
    before = max(total - refunded_before, 0)
    refund = min(max(refund, 0), before)
    fee_returned = platform_fee(before, percent) - platform_fee(before - refund, percent)
    if fee_kept is not None:
        fee_returned = min(fee_returned, max(fee_kept, 0))
    return refund - fee_returned, fee_returned


# -- Connect configuration ------------------------------------------------------------


def connect_enabled() -> bool:
    """Connect needs a secret key and an API base (the demo without
    stripe-mock sets STRIPE_CONNECT_API_BASE empty: payouts are then held)."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_CONNECT_API_BASE)


def can_receive(profile: ShopProfile | None) -> bool:
    return bool(profile and profile.stripe_account_id and profile.payouts_enabled)


# -- transfers ----------------------------------------------------------------------


def pay_out_group(group: OrderGroup) -> list[Order]:
    """Transfer each shop's part of a paid card checkout; hold what cannot go.

    Safe to call more than once and from concurrent webhook deliveries.
    Makes network calls: call it after the paid transition is committed
    (e.g. from transaction.on_commit). Never raises for Stripe errors.
    """
    if group.payment_method != OrderGroup.CARD or group.status != OrderGroup.PAID:
        return []
    return [pay_out_order(order_id) for order_id in _order_ids(group)]


def _order_ids(group):
    return list(group.orders.order_by("pk").values_list("pk", flat=True))


def pay_out_order(order_id: int) -> Order:
    """One order's transfer (or hold). Returns the order as stored afterwards."""
    with transaction.atomic():
        order = (
            Order.objects.select_for_update().select_related("group", "business").get(pk=order_id)
        )
        if order.payout_status == Order.PAYOUT_SENT:
            return order
        if order.group.payment_method != OrderGroup.CARD or order.group.status != OrderGroup.PAID:
            return order
        amount, fee = payout_amounts(order)
        if amount <= 0:
            # Fully refunded (or nothing left after the fee): nothing is due.
            order.platform_fee = fee
            order.payout_status = Order.PAYOUT_NONE
            order.save(update_fields=["platform_fee", "payout_status", "updated_at"])
            return order
        profile = ShopProfile.objects.filter(business_id=order.business_id).first()
        order.platform_fee = fee
        if not (connect_enabled() and can_receive(profile)):
            order.payout_status = Order.PAYOUT_HELD
            order.save(update_fields=["platform_fee", "payout_status", "updated_at"])
            return order
        params = {
            "amount": amount,
            "currency": CURRENCY,
            "destination": profile.stripe_account_id,
            "transfer_group": order.group.transfer_group,
            "description": f"{order.number} {order.business.name}"[:350],
            "metadata": {
                "order": str(order.pk),
                "order_number": order.number,
                "group": str(order.group.uuid),
                "business": str(order.business_id),
                "platform_fee": str(fee),
            },
        }
        if order.group.stripe_charge:
            params["source_transaction"] = order.group.stripe_charge
        try:
            transfer = stripe_api.connect().v1.transfers.create(
                params=params,
                options={"idempotency_key": f"transfer-order-{order.pk}"},
            )
        except (stripe.StripeError, stripe_api.StripeNotConfigured):
            logger.exception("Transfer for order %s failed; the order is held", order.number)
            order.payout_status = Order.PAYOUT_HELD
            order.save(update_fields=["platform_fee", "payout_status", "updated_at"])
            return order
        order.payout_status = Order.PAYOUT_SENT
        order.stripe_transfer = transfer.id
        order.save(update_fields=["platform_fee", "payout_status", "stripe_transfer", "updated_at"])
        logger.info("Transferred %s yen for order %s (%s)", amount, order.number, transfer.id)
        return order


def held_orders():
    return (
        Order.objects.filter(payout_status=Order.PAYOUT_HELD)
        .select_related("group", "business", "business__shop")
        .order_by("business__name", "pk")
    )


def retry_held(order_ids=None) -> tuple[int, int]:
    """Send the held payouts that can go now. Accounts still marked not ready
    are refreshed from Stripe first (an `account.updated` may have been missed).
    Returns (sent, still held)."""
    orders = held_orders()
    if order_ids is not None:
        orders = orders.filter(pk__in=order_ids)
    orders = list(orders)
    if connect_enabled():
        profiles = {
            order.business.shop.pk: order.business.shop
            for order in orders
            if hasattr(order.business, "shop")
            and order.business.shop.stripe_account_id
            and not order.business.shop.payouts_enabled
        }
        for profile in profiles.values():
            try:
                refresh_account(profile)
            except PayoutError:
                pass
    sent = held = 0
    for order in orders:
        result = pay_out_order(order.pk)
        if result.payout_status == Order.PAYOUT_SENT:
            sent += 1
        elif result.payout_status == Order.PAYOUT_HELD:
            held += 1
    return sent, held


# -- refunds after the payout: transfer reversals ---------------------------------------


def refund_recorded(refund: Refund, order: Order) -> None:
    """The one call every place that records a Refund makes, inside its
    transaction, with `order` locked and its refunded_amount updated.

    If the order was paid out already, the refund is marked reversal pending
    and the shop's share is reversed after the commit. Otherwise nothing:
    a held or not yet sent payout is computed on total − refunded."""
    if order.payout_status != Order.PAYOUT_SENT or not order.stripe_transfer:
        return
    Refund.objects.filter(pk=refund.pk).update(stripe_transfer_reversal=Refund.REVERSAL_PENDING)
    refund.stripe_transfer_reversal = Refund.REVERSAL_PENDING
    refund_pk = refund.pk

    def reverse():
        try:
            reverse_for_refund(refund_pk)
        except Exception:
            logger.exception("Transfer reversal for refund %s failed", refund_pk)

    transaction.on_commit(reverse)


def reversal_for(refund: Refund, order: Order) -> tuple[int, int]:
    """(reversal, fee returned) of one refund on its paid-out order."""
    earlier = (
        Refund.objects.filter(order_id=order.pk, pk__lt=refund.pk).aggregate(total=Sum("amount"))[
            "total"
        ]
        or 0
    )
    return reversal_amounts(order.total, earlier, refund.amount, fee_kept=order.platform_fee)


def reverse_for_refund(refund_id: int) -> Refund:
    """Reverse the shop's share of a refund marked reversal pending.

    Once per refund however often it runs: the order and the refund are
    locked (order first, as the refund paths lock it) and only a pending
    refund is reversed; Stripe also deduplicates by the idempotency key
    ``reversal-refund-<pk>``. Makes a network call: call it outside other
    transactions (after commit). Never raises for Stripe errors: the refund
    stays pending, listed for staff (``pending_reversals``)."""
    order_id = Refund.objects.values_list("order_id", flat=True).get(pk=refund_id)
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        refund = Refund.objects.select_for_update().get(pk=refund_id)
        if refund.stripe_transfer_reversal != Refund.REVERSAL_PENDING:
            return refund
        if order.payout_status != Order.PAYOUT_SENT or not order.stripe_transfer:
            logger.error(
                "Refund %s is pending a reversal but %s was not paid out", refund.pk, order
            )
            return refund
        amount, fee_returned = reversal_for(refund, order)
        if amount > 0:
            try:
                reversal = stripe_api.connect().v1.transfers.reversals.create(
                    order.stripe_transfer,
                    params={
                        "amount": amount,
                        "metadata": {
                            "refund": str(refund.pk),
                            "order": str(order.pk),
                            "order_number": order.number,
                            "refund_amount": str(refund.amount),
                            "platform_fee_returned": str(fee_returned),
                        },
                    },
                    options={"idempotency_key": f"reversal-refund-{refund.pk}"},
                )
            except (stripe.StripeError, stripe_api.StripeNotConfigured):
                logger.exception(
                    "Transfer reversal for refund %s of order %s failed; it stays pending",
                    refund.pk,
                    order.number,
                )
                return refund
            refund.stripe_transfer_reversal = reversal.id
        else:
            refund.stripe_transfer_reversal = ""  # nothing of the shop's to take back
        refund.save(update_fields=["stripe_transfer_reversal"])
        order.platform_fee = max(order.platform_fee - fee_returned, 0)
        order.save(update_fields=["platform_fee", "updated_at"])
        logger.info(
            "Reversed %s yen of %s for refund %s (%s)",
            amount,
            order.number,
            refund.pk,
            refund.stripe_transfer_reversal,
        )
        return refund


def pending_reversals():
    """Refunds on paid-out orders whose reversal has not gone through yet."""
    return (
        Refund.objects.filter(stripe_transfer_reversal=Refund.REVERSAL_PENDING)
        .select_related("order", "order__group", "order__business")
        .order_by("order__business__name", "pk")
    )


def retry_reversals(refund_ids=None) -> tuple[int, int]:
    """Try the pending reversals again (all, or the refunds named).
    Returns (done, still pending)."""
    refunds = pending_reversals()
    if refund_ids is not None:
        refunds = refunds.filter(pk__in=refund_ids)
    done = pending = 0
    for refund_id in list(refunds.values_list("pk", flat=True)):
        result = reverse_for_refund(refund_id)
        if result.stripe_transfer_reversal == Refund.REVERSAL_PENDING:
            pending += 1
        else:
            done += 1
    return done, pending


# -- connected accounts ---------------------------------------------------------------


def account_ready(account) -> bool:
    """Money can go to the account: Stripe says both charges and payouts are
    enabled (the onboarding is finished and nothing is due)."""
    return bool(_get(account, "payouts_enabled") and _get(account, "charges_enabled"))


def _get(obj, key, default=None):
    try:
        return obj[key]
    except (KeyError, TypeError):
        return getattr(obj, key, default)


def account_updated(account) -> ShopProfile | None:
    """Record a connected account's state (from the `account.updated` webhook
    or after onboarding). `account` is the Stripe Account object or a dict.
    Unknown accounts are ignored (returns None)."""
    account_id = _get(account, "id")
    if not account_id:
        return None
    ready = account_ready(account)
    with transaction.atomic():
        profile = (
            ShopProfile.objects.select_for_update().filter(stripe_account_id=account_id).first()
        )
        if profile is None:
            logger.info("account.updated for unknown account %s ignored", account_id)
            return None
        if profile.payouts_enabled != ready:
            profile.payouts_enabled = ready
            profile.save(update_fields=["payouts_enabled"])
    return profile


def _stripe_call(what, call):
    if not connect_enabled():
        raise PayoutError(_not_configured_message())
    try:
        return call(stripe_api.connect())
    except stripe.StripeError as error:
        logger.exception("Stripe Connect: %s failed", what)
        raise PayoutError(_stripe_error_message(error)) from error


def _not_configured_message():
    from django.utils.translation import gettext

    return gettext("Payouts through Stripe are not configured on this site.")


def _stripe_error_message(error):
    from django.utils.translation import gettext

    return gettext("Stripe could not complete the request. Try again later.")


def refresh_account(profile: ShopProfile) -> ShopProfile:
    """Fetch the account from Stripe and store whether it can receive payouts."""
    if not profile.stripe_account_id:
        return profile
    account = _stripe_call(
        "retrieve account", lambda client: client.v1.accounts.retrieve(profile.stripe_account_id)
    )
    return account_updated(account) or profile


def connect_is_emulated() -> bool:
    """Connect goes to an emulator (stripe-mock in tests and the demo), whose
    onboarding links lead nowhere real."""
    return not settings.STRIPE_CONNECT_API_BASE.startswith("https://api.stripe.com")


def _https(url: str | None) -> str | None:
    # Stripe accepts only public web addresses; a development server's is left out.
    return url if url and url.startswith("https://") else None


def ensure_account(business, *, site_url: str | None = None) -> ShopProfile:
    """The business's Express account (country JP), created on first use.

    `site_url` (the site's absolute root, e.g. from the request) fills the
    business profile's storefront and 特定商取引法 page addresses when public.
    Concurrent calls create one account: the profile row is locked and the
    request carries the idempotency key `account-business-<pk>`.
    """
    from django.urls import reverse
    from django.utils import translation

    with transaction.atomic():
        profile, _created = ShopProfile.objects.select_for_update().get_or_create(business=business)
        if profile.stripe_account_id:
            return profile
        business_profile = {"name": business.name[:100]}
        if profile.legal_email:
            business_profile["support_email"] = profile.legal_email
        if profile.legal_phone:
            business_profile["support_phone"] = profile.legal_phone
        base = _https(site_url)
        if base:
            storefront = business.pages.filter(live=True, locale__language_code="ja").first()
            if storefront is not None:
                business_profile["url"] = base.rstrip("/") + storefront.url
            with translation.override("ja"):
                legal = reverse("shop:legal", kwargs={"business_id": business.pk})
            business_profile["specified_commercial_transactions_act_url"] = base.rstrip("/") + legal
        params = {
            "type": "express",
            "country": "JP",
            "capabilities": {
                "card_payments": {"requested": True},
                "transfers": {"requested": True},
            },
            "business_profile": business_profile,
            "metadata": {"business": str(business.pk)},
        }
        if profile.legal_email:
            params["email"] = profile.legal_email
        account = _stripe_call(
            "create account",
            lambda client: client.v1.accounts.create(
                params=params, options={"idempotency_key": f"account-business-{business.pk}"}
            ),
        )
        profile.stripe_account_id = account.id
        profile.payouts_enabled = account_ready(account)
        profile.save(update_fields=["stripe_account_id", "payouts_enabled"])
        logger.info("Created Stripe account %s for business %s", account.id, business.pk)
        return profile


def onboarding_link(profile: ShopProfile, *, refresh_url: str, return_url: str) -> str:
    """A one-time URL at Stripe where the owner enters (or completes) their
    account details. Links expire after minutes; Stripe sends the owner to
    `refresh_url` for a new one and to `return_url` when they are done."""
    link = _stripe_call(
        "create account link",
        lambda client: client.v1.account_links.create(
            params={
                "account": profile.stripe_account_id,
                "refresh_url": refresh_url,
                "return_url": return_url,
                "type": "account_onboarding",
            }
        ),
    )
    return link.url


def dashboard_link(profile: ShopProfile) -> str:
    """A one-time sign-in URL to the account's Stripe Express dashboard, where
    an onboarded owner sees their payouts and updates their bank details."""
    link = _stripe_call(
        "create login link",
        lambda client: client.v1.accounts.login_links.create(profile.stripe_account_id),
    )
    return link.url
