"""What the shop does with Stripe's webhook events (the view checks signatures).

Stripe delivers each event at least once, in any order, possibly many times
at once. So:

* Every handled event is recorded as a ``StripeEvent`` row (unique event id)
  in the same transaction as its effects: a repeated event is ignored, and an
  event whose handling failed (exception, so HTTP 500) left no row behind and
  is handled again when Stripe redelivers it.
* Effects are guarded by the state of the order group, read under a row lock
  (``select_for_update``), so distinct events about the same payment (a
  ``payment_intent.succeeded`` repeated under a new id, a late
  ``payment_failed``) cannot apply twice either.
* Nothing calls Stripe while rows are locked: e-mails, payouts, refunds and
  cancellations run after the commit.

Which event leads where (group status, starting from ``pending``):

``payment_intent.succeeded``
    pending → paid (group and its pending orders, ``paid_at``; the charge,
    ``latest_charge``, in ``stripe_charge`` for the transfers); after commit
    the customer and the shops get their e-mails (``notifications.order_paid``)
    and the shops their transfers (``payouts.pay_out_group``). Already paid →
    nothing. If the group had been released meanwhile (reservation expired, or
    payment cancelled) yet the money came in, its stock is reserved again if it
    is still there and the group becomes paid as above; if any of it is gone,
    the payment is refunded in full at Stripe, every order becomes
    ``refunded`` with a ``Refund`` row, the group keeps its status (expired or
    cancelled, never paid) and the customer is told per order. Should that
    refund call fail, the event is forgotten so Stripe's redelivery tries again.
``payment_intent.payment_failed``
    Nothing changes: the group stays pending with its stock reserved, so the
    customer can try another card until the reservation expires.
``payment_intent.canceled``
    A pending group is released (stock back, status cancelled). Anything else
    is left as it is.
``charge.refunded``
    Refunds made outside the admin (e.g. in the Stripe dashboard) are recorded:
    each Stripe refund id once, as ``Refund`` rows on the group's orders — on
    the order named in the refund's ``metadata["order"]`` when there is one,
    otherwise shared by the orders in proportion to what is still refundable
    on each; a fully refunded order becomes ``refunded``. Refunds already
    recorded are skipped: by ``stripe_refund`` id, or by the Refund row named
    in ``metadata["refund"]`` (``fulfilment.cancel`` writes its row first).
    Only money is recorded: lines and stock stay as they are (the shop
    decides). On an order paid out already, the shop's share is reversed
    after the commit (``payouts.refund_recorded``). Refunds with status failed or canceled are not counted.
``account.updated``
    Handed to ``payouts.account_updated(account)``.

A PaymentIntent that is not the one stored on its group (a spare one that a
race created and cancelled) never changes the group; if it nonetheless
succeeded it is refunded in full.

Any other event type is acknowledged and ignored.
"""

import logging
import uuid

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from .. import stripe_api
from ..models import Order, OrderGroup, OrderLine, Refund, StripeEvent, Variant
from ..signals import send_stock_changed
from . import checkout, payouts

logger = logging.getLogger(__name__)

HANDLED, DUPLICATE, IGNORED = "handled", "duplicate", "ignored"

# Stored in Refund.reason in the site's language (what the shops read).
REASON_OUTSIDE = gettext_noop("Refunded in Stripe")
REASON_UNFULFILLABLE = gettext_noop("Paid after the reservation ended; the stock was gone")
REASON_SPARE_INTENT = gettext_noop("Duplicate payment")


def handle(event) -> str:
    """Apply one verified event (plain dicts, as parsed from Stripe's JSON);
    returns HANDLED, DUPLICATE or IGNORED."""
    handler = HANDLERS.get(event["type"])
    if handler is None:
        return IGNORED
    if StripeEvent.objects.filter(event_id=event["id"]).exists():
        return DUPLICATE  # the common case, without the Stripe reads below
    obj = event["data"]["object"]
    prepared = PREPARE.get(event["type"], lambda obj: None)(obj)  # Stripe reads, no locks
    with transaction.atomic():
        try:
            with transaction.atomic():
                StripeEvent.objects.create(event_id=event["id"], type=event["type"])
        except IntegrityError:
            return DUPLICATE
        handler(obj, event_id=event["id"], prepared=prepared)
    return HANDLED


# -- Finding the group ------------------------------------------------------


def _locked_group_for_intent(intent):
    """(group locked for update, is_its_payment) for a PaymentIntent object.

    Found by the stored PaymentIntent id, else by the ``order_group`` metadata
    (a PaymentIntent created but not stored yet is adopted)."""
    intent_id = intent["id"]
    group = OrderGroup.objects.select_for_update().filter(stripe_payment_intent=intent_id).first()
    if group is not None:
        return group, True
    try:
        group_uuid = uuid.UUID(str((intent.get("metadata") or {}).get("order_group", "")))
    except ValueError:
        return None, False
    group = OrderGroup.objects.select_for_update().filter(uuid=group_uuid).first()
    if group is None:
        return None, False
    if not group.stripe_payment_intent and group.payment_method == OrderGroup.CARD:
        group.stripe_payment_intent = intent_id
        group.save(update_fields=["stripe_payment_intent"])
        return group, True
    return group, group.stripe_payment_intent == intent_id


# -- payment_intent.* -------------------------------------------------------


def payment_succeeded(intent, event_id, prepared=None):
    group, its_payment = _locked_group_for_intent(intent)
    if group is None:
        logger.warning("payment_intent.succeeded for unknown PaymentIntent %s", intent["id"])
        return
    if not its_payment:
        logger.error("Spare PaymentIntent %s of %s succeeded: refunding", intent["id"], group)
        _refund_in_full_after_commit(group, intent, event_id, REASON_SPARE_INTENT, orders=False)
        return
    charge = _charge_id(intent)
    if charge and group.stripe_charge != charge:
        group.stripe_charge = charge  # the transfers' source_transaction
        group.save(update_fields=["stripe_charge"])
    if group.status == OrderGroup.PAID:
        return
    if group.status == OrderGroup.PENDING:
        _mark_paid(group, Order.objects.filter(group=group, status=Order.PENDING))
        return
    # Released (expired, cancelled, failed) but paid all the same.
    if Order.objects.filter(group=group, status=Order.REFUNDED).exists():
        return  # settled already: refunded because the stock was gone
    if _reserve_again(group):
        _mark_paid(group, Order.objects.filter(group=group, status=Order.CANCELLED))
    else:
        logger.warning("%s was paid after its stock was released and sold: refunding", group)
        # The decision, taken under the lock: a repeated event finds it.
        Order.objects.filter(group=group).update(status=Order.REFUNDED, updated_at=timezone.now())
        _refund_in_full_after_commit(group, intent, event_id, REASON_UNFULFILLABLE, orders=True)


def _charge_id(intent) -> str:
    charge = intent.get("latest_charge")
    if isinstance(charge, dict):
        charge = charge.get("id")
    return charge if isinstance(charge, str) else ""


def _mark_paid(group, orders):
    now = timezone.now()
    group.status = OrderGroup.PAID
    group.paid_at = now
    group.reserved_until = None  # paid: never expires
    group.save(update_fields=["status", "paid_at", "reserved_until"])
    orders.update(status=Order.PAID, updated_at=now)
    group_pk = group.pk
    transaction.on_commit(lambda: _after_paid(group_pk))


def _after_paid(group_pk):
    from .. import notifications
    from . import payouts

    group = OrderGroup.objects.get(pk=group_pk)
    try:
        notifications.order_paid(group)
    except Exception:
        logger.exception("Could not send the paid e-mails of %s", group)
    try:
        payouts.pay_out_group(group)
    except Exception:
        logger.exception("Could not pay out %s", group)


def _reserve_again(group) -> bool:
    """Take the group's stock again (variants locked in pk order, conditional
    decrement); all or nothing."""
    rows = list(
        OrderLine.objects.filter(order__group=group).values_list(
            "variant_id", "quantity", "cancelled_quantity"
        )
    )
    needed = {}
    for variant_id, quantity, cancelled in rows:
        if quantity - cancelled <= 0:
            continue
        if variant_id is None:
            return False  # the product was deleted
        needed[variant_id] = needed.get(variant_id, 0) + quantity - cancelled
    try:
        with transaction.atomic():
            tracked = {
                pk: (stock, product_id)
                for pk, stock, product_id in Variant.objects.select_for_update()
                .filter(pk__in=needed, track_stock=True)
                .order_by("pk")
                .values_list("pk", "stock", "product_id")
            }
            for variant_id in sorted(tracked):
                updated = Variant.objects.filter(
                    pk=variant_id, stock__gte=needed[variant_id]
                ).update(stock=F("stock") - needed[variant_id])
                if not updated:
                    raise _Unavailable
            send_stock_changed(
                product_id
                for variant_id, (stock, product_id) in tracked.items()
                if stock == needed[variant_id]
            )
    except _Unavailable:
        return False
    return True


class _Unavailable(Exception):
    pass


def _refund_in_full_after_commit(group, intent, event_id, reason, orders: bool):
    """Refund the whole PaymentIntent after the commit and record it on the
    orders (``orders=True``). If Stripe refuses, the decision is undone (the
    orders cancelled again, the event row deleted) and the error propagates
    (HTTP 500), so Stripe delivers the event again and it is decided anew."""
    intent_id, group_pk = intent["id"], group.pk

    def refund():
        try:
            result = stripe_api.payments().v1.refunds.create(
                {"payment_intent": intent_id, "metadata": {"order_group": str(group.uuid)}},
                options={"idempotency_key": f"refund-in-full-{intent_id}"},
            )
        except stripe.StripeError:
            with transaction.atomic():
                if orders:
                    Order.objects.filter(
                        group_id=group_pk, status=Order.REFUNDED, refunded_amount=0
                    ).update(status=Order.CANCELLED)
                StripeEvent.objects.filter(event_id=event_id).delete()
            raise
        if orders:
            with transaction.atomic():
                locked = OrderGroup.objects.select_for_update().get(pk=group_pk)
                record_stripe_refund(locked, result.id, result.amount, reason)
            for order in Order.objects.filter(group_id=group_pk, status=Order.REFUNDED):
                _notify_status(order)

    transaction.on_commit(refund)


def _notify_status(order):
    from .. import notifications

    try:
        notifications.order_status_changed(order)
    except Exception:
        logger.exception("Could not tell the customer about %s", order)


def payment_failed(intent, event_id, prepared=None):
    """The customer may try again: the group stays pending until it expires."""
    logger.info(
        "Payment %s failed: %s",
        intent["id"],
        (intent.get("last_payment_error") or {}).get("code", ""),
    )


def payment_canceled(intent, event_id, prepared=None):
    group, its_payment = _locked_group_for_intent(intent)
    if group is None or not its_payment or group.status != OrderGroup.PENDING:
        return
    checkout.release(group, OrderGroup.CANCELLED)


# -- charge.refunded --------------------------------------------------------


def _refunds_of_charge(charge):
    """The charge's refunds from the event, or from the API when the event
    does not carry them all (newer API versions leave them out). Called before
    any lock is taken."""
    embedded = charge.get("refunds")
    if embedded and not embedded.get("has_more") and embedded.get("data") is not None:
        return list(embedded["data"])
    if not charge.get("payment_intent"):
        return []
    intent_id = charge["payment_intent"]
    if not isinstance(intent_id, str):
        intent_id = intent_id["id"]
    listing = stripe_api.payments().v1.refunds.list({"payment_intent": intent_id, "limit": 100})
    return [refund.to_dict() for refund in listing.auto_paging_iter()]


def charge_refunded(charge, event_id, prepared=None):
    intent_id = charge.get("payment_intent")
    if not intent_id:
        return
    if not isinstance(intent_id, str):
        intent_id = intent_id["id"]
    group = OrderGroup.objects.filter(stripe_payment_intent=intent_id).first()
    if group is None:
        logger.warning("charge.refunded for unknown PaymentIntent %s", intent_id)
        return
    for refund in prepared or []:
        if refund.get("status") in ("failed", "canceled"):
            continue
        metadata = refund.get("metadata") or {}
        record_stripe_refund(
            group,
            refund["id"],
            refund["amount"],
            REASON_OUTSIDE,
            order_pk=metadata.get("order"),
            refund_pk=metadata.get("refund"),
        )


def record_stripe_refund(group, refund_id, amount, reason, order_pk=None, refund_pk=None) -> bool:
    """Record one Stripe refund on the group's orders, once per refund id.

    Locks the group's orders (pk order) first and only then looks for the
    refund, so a refund the admin is recording at this moment
    (``fulfilment.cancel`` holds its order locked until its Refund row is
    committed) is seen and not recorded twice. Known already: a Refund row
    with this ``stripe_refund`` id, or the row the refund's metadata names
    (``refund_pk``). New: on the order ``order_pk`` when it is one of the
    group's, else shared in proportion to what is still refundable on each
    order (the odd yen to the first ones). A fully refunded order becomes
    ``refunded``. Returns False if it was known already."""
    orders = list(Order.objects.select_for_update().filter(group=group).order_by("pk"))
    known = Refund.objects.filter(order__group=group)
    if known.filter(stripe_refund=refund_id).exists():
        return False
    if refund_pk and str(refund_pk).isdigit() and known.filter(pk=int(refund_pk)).exists():
        known.filter(pk=int(refund_pk), stripe_refund="").update(stripe_refund=refund_id)
        return False
    chosen = [o for o in orders if order_pk and str(o.pk) == str(order_pk)]
    targets = chosen or orders
    shares = _shares(amount, [max(o.total - o.refunded_amount, 0) for o in targets])
    now = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        reason = gettext(reason)
    for order, share in zip(targets, shares, strict=True):
        if share <= 0:
            continue
        row = Refund.objects.create(
            order=order, amount=share, reason=reason, stripe_refund=refund_id
        )
        order.refunded_amount += share
        order.updated_at = now
        fields = ["refunded_amount", "updated_at"]
        if order.refunded_amount >= order.total:
            order.status = Order.REFUNDED
            fields.append("status")
        order.save(update_fields=fields)
        payouts.refund_recorded(row, order)  # paid out already: reversal after commit
    return True


def _shares(amount: int, weights: list[int]) -> list[int]:
    """Split `amount` yen in proportion to `weights` (largest remainders get
    the odd yen); never more than the weights (what is left to refund)."""
    total = sum(weights)
    if amount >= total:
        return list(weights)
    exact = [amount * w for w in weights]
    shares = [e // total for e in exact]
    left = amount - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] % total), i))
    for i in by_remainder[:left]:
        shares[i] += 1
    return shares


# -- account.updated --------------------------------------------------------


def account_updated(account, event_id, prepared=None):
    from . import payouts

    payouts.account_updated(account)


HANDLERS = {
    "payment_intent.succeeded": payment_succeeded,
    "payment_intent.payment_failed": payment_failed,
    "payment_intent.canceled": payment_canceled,
    "charge.refunded": charge_refunded,
    "account.updated": account_updated,
}
PREPARE = {"charge.refunded": _refunds_of_charge}
