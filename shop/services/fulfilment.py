"""What a shop does with its orders: the status flow, offline payments,
cancellations and refunds.

Status flow per payment method and fulfilment (``FLOWS``):

- card (paid by the webhook) and bank transfer once the owner has confirmed
  receipt (pending → paid): paid → preparing → shipped → completed (shipping),
  paid → preparing → ready → completed (store pickup), paid → completed
  (e-tickets);
- pay at the store (always store pickup): pending → preparing → ready →
  completed; completing the order is collecting the money.

An offline-paid checkout (group) becomes paid when every order in it that is
not cancelled has been paid (``settle_group``), and cancelled when all its
orders are.

Cancelling or refunding takes whole orders or quantities of lines. Money
received comes back as a ``Refund`` row: card refunds go through Stripe, and
offline payments are returned by the shop itself (the row records what it owes).
Shipping is refunded with the last item. Lines keep their bought quantity and
count what was taken back in ``cancelled_quantity``; what remains is what the
customer keeps and pays for, so for card orders ``refunded_amount`` always
equals the taken-back lines (plus shipping once nothing remains).

Order of work for a card refund, so stock, orders and money never disagree:
lock the order, write the Refund row, ask Stripe (idempotency key
``refund-<Refund.pk>``), and only then take the lines back, restock and update
the order, all in one transaction. If Stripe fails the transaction rolls back
and nothing changed; the owner sees Stripe's error. The one gap left (Stripe
refunded but our commit failed) leaves a refund in Stripe that no Refund row
knows: the webhook's ``charge.refunded`` reconciliation records refunds it
cannot match by ``stripe_refund`` id (metadata ``refund`` names our row).
"""

from dataclasses import dataclass, field

import stripe
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import notifications, stripe_api
from ..models import Order, OrderGroup, OrderLine, Refund
from ..permissions import BusinessMemberPermissionPolicy
from . import checkout, payouts
from .errors import InvalidTransition, ShopError

CARD, STORE, BANK = OrderGroup.CARD, OrderGroup.PAY_AT_STORE, OrderGroup.BANK_TRANSFER
PENDING, PAID, PREPARING = Order.PENDING, Order.PAID, Order.PREPARING
SHIPPED, READY, COMPLETED = Order.SHIPPED, Order.READY, Order.COMPLETED
CANCELLED, REFUNDED = Order.CANCELLED, Order.REFUNDED
SHIPPING, PICKUP, ETICKET = Order.SHIPPING, Order.PICKUP, Order.ETICKET

# Log actions (registered with their labels in shop/admin_orders.py).
LOG_STATUS = "shop.order.status"
LOG_TRACKING = "shop.order.tracking"
LOG_CANCEL = "shop.order.cancel"
LOG_REFUND = "shop.order.refund"

# -- who may see and act ---------------------------------------------------------

#: Owners see and act on their own businesses' orders; city staff hold
#: ``shop.view_order`` (see everything, change nothing); superusers do all.
ORDER_POLICY = BusinessMemberPermissionPolicy(Order, member_actions={"view", "change"})


def visible_orders(user):
    return ORDER_POLICY.instances_user_has_permission_for(user, "view")


def may_view(user, order) -> bool:
    return ORDER_POLICY.user_has_permission_for_instance(user, "view", order)


def may_manage(user, order) -> bool:
    return ORDER_POLICY.user_has_permission_for_instance(user, "change", order)


class NotAllowed(ShopError):
    pass


class RefundFailed(ShopError):
    pass


# -- the status machine -------------------------------------------------------------

_PREPAID = {
    SHIPPING: {PAID: (PREPARING,), PREPARING: (SHIPPED,), SHIPPED: (COMPLETED,)},
    PICKUP: {PAID: (PREPARING,), PREPARING: (READY,), READY: (COMPLETED,)},
    ETICKET: {PAID: (COMPLETED,)},
}

#: (payment method, fulfilment) → {from status: allowed next statuses}.
#: Cancelled and refunded are reached only through ``cancel``.
FLOWS: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
    **{(CARD, kind): flow for kind, flow in _PREPAID.items()},
    **{(BANK, kind): {PENDING: (PAID,), **flow} for kind, flow in _PREPAID.items()},
    (STORE, PICKUP): {PENDING: (PREPARING,), PREPARING: (READY,), READY: (COMPLETED,)},
}


def next_statuses(order) -> tuple[str, ...]:
    flow = FLOWS.get((order.group.payment_method, order.fulfilment), {})
    return flow.get(order.status, ())


def money_received(order) -> bool:
    """Whether the customer has paid this order (and so gets refunds, receipts)."""
    if order.group.payment_method == STORE:
        # Collected at pickup; refunded only after that.
        return order.status in (COMPLETED, REFUNDED)
    return order.status not in (PENDING, CANCELLED)


def amount_due(order, lines=None) -> int:
    """What the customer pays for this order as it stands: the items not taken
    back, and shipping while anything remains."""
    lines = order.lines.all() if lines is None else lines
    items = sum(line.amount for line in lines)
    remains = any(line.active_quantity > 0 for line in lines)
    return items + (order.shipping_fee if remains else 0)


def _status_label(status) -> str:
    return str(dict(Order.STATUS_CHOICES).get(status, status))


def _lock(order) -> Order:
    """The order locked for update, its group locked first: the same order as
    checkout.release and the payment webhook (group, then orders), so they
    never deadlock with an owner's action."""
    group = OrderGroup.objects.select_for_update().get(pk=order.group_id)
    locked = Order.objects.select_for_update().select_related("business").get(pk=order.pk)
    locked.group = group
    return locked


def change_status(order, to: str, user, tracking_number: str = "") -> Order:
    """Move the order one step along its flow; refuses anything else with a
    message and changes nothing. Tells the customer after commit."""
    tracking_number = (tracking_number or "").strip()
    with transaction.atomic():
        locked = _lock(order)
        if not may_manage(user, locked):
            raise NotAllowed(_("You cannot change this order."))
        before = locked.status
        if to == before:
            raise InvalidTransition(
                _("This order is already “%(status)s”.") % {"status": _status_label(to)}
            )
        if to not in next_statuses(locked):
            raise InvalidTransition(_invalid_message(locked, to))
        locked.status = to
        fields = ["status", "updated_at"]
        if to == SHIPPED and tracking_number:
            locked.tracking_number = tracking_number
            fields.append("tracking_number")
        locked.save(update_fields=fields)
        if to == PAID and locked.group.payment_method == BANK:
            _stop_expiry(locked.group)
        settle_group(locked.group)
        log(
            locked,
            LOG_STATUS,
            user=user,
            data={"from": before, "to": to, "tracking_number": locked.tracking_number},
        )
        transaction.on_commit(lambda: notifications.order_status_changed(locked))
    _refresh(order, locked)
    return order


def _invalid_message(order, to) -> str:
    if to in (CANCELLED, REFUNDED):
        return _("To cancel or refund, use the form under “Items”.")
    if order.status in (CANCELLED, REFUNDED):
        return _("This order is closed (“%(status)s”).") % {"status": _status_label(order.status)}
    if order.group.payment_method == CARD and order.status == PENDING:
        return _("This order is waiting for the card payment; it moves on once Stripe confirms it.")
    return _("An order that is “%(from)s” cannot become “%(to)s”.") % {
        "from": _status_label(order.status),
        "to": _status_label(to),
    }


def confirm_payment(order, user) -> Order:
    """Bank transfer: the owner has received the money (pending → paid)."""
    return change_status(order, PAID, user)


def set_tracking_number(order, number: str, user) -> Order:
    """Record or correct the tracking number of a shipped order and tell the customer."""
    number = (number or "").strip()
    with transaction.atomic():
        locked = _lock(order)
        if not may_manage(user, locked):
            raise NotAllowed(_("You cannot change this order."))
        if locked.status not in (SHIPPED, COMPLETED) or locked.fulfilment != SHIPPING:
            raise InvalidTransition(_("A tracking number belongs to a shipped order."))
        if number == locked.tracking_number:
            return order
        locked.tracking_number = number
        locked.save(update_fields=["tracking_number", "updated_at"])
        log(locked, LOG_TRACKING, user=user, data={"tracking_number": number})
        transaction.on_commit(lambda: notifications.order_status_changed(locked))
    _refresh(order, locked)
    return order


def _stop_expiry(group):
    # Money has arrived for part of this checkout: it must never expire (and
    # release stock of a paid order). Unpaid orders in it are cancelled by
    # their shops.
    OrderGroup.objects.filter(pk=group.pk).update(reserved_until=None)
    group.reserved_until = None


def settle_group(group) -> str:
    """The one place that closes an offline-paid checkout: paid once every order
    not cancelled has been paid, cancelled when all its orders are. Card
    checkouts are marked paid by the payment webhook, never here."""
    with transaction.atomic():
        locked = OrderGroup.objects.select_for_update().get(pk=group.pk)
        if locked.status == OrderGroup.PENDING:
            orders = list(locked.orders.all())
            for order in orders:
                order.group = locked
            open_orders = [o for o in orders if o.status != CANCELLED]
            if not open_orders:
                locked.status = OrderGroup.CANCELLED
                locked.save(update_fields=["status"])
            elif locked.payment_method != CARD and all(money_received(o) for o in open_orders):
                locked.status = OrderGroup.PAID
                locked.paid_at = timezone.now()
                locked.reserved_until = None
                locked.save(update_fields=["status", "paid_at", "reserved_until"])
    for name in ("status", "paid_at", "reserved_until"):
        setattr(group, name, getattr(locked, name))
    return group.status


# -- cancellations and refunds ------------------------------------------------------


@dataclass
class TakenBack:
    line: OrderLine
    quantity: int

    @property
    def amount(self) -> int:
        return self.line.unit_price * self.quantity


@dataclass
class Cancellation:
    order: Order
    lines: list[TakenBack] = field(default_factory=list)
    shipping: int = 0  # shipping fee taken back with the last item
    refund: Refund | None = None  # money given back (None: nothing was paid)
    closed: bool = False  # nothing remains: the order is cancelled or refunded

    @property
    def amount(self) -> int:
        return sum(taken.amount for taken in self.lines) + self.shipping


def cancel(order, user, quantities: dict[int, int] | None = None, reason: str = "") -> Cancellation:
    """Take back the whole order (``quantities`` None) or the given quantities
    per line id: stock returns, money received is refunded, the customer is told.

    Raises ShopError (nothing changed) for a refused request or a failed Stripe refund.
    """
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = _lock(order)
        if not may_manage(user, locked):
            raise NotAllowed(_("You cannot change this order."))
        group = locked.group
        if locked.status in (CANCELLED, REFUNDED):
            raise InvalidTransition(_("Nothing is left to cancel in this order."))
        paid = money_received(locked)
        if group.payment_method == CARD and not paid:
            raise InvalidTransition(
                _(
                    "This order is waiting for the card payment and cannot be cancelled now. "
                    "If the payment does not complete, it is released by itself."
                )
            )
        lines = list(locked.lines.all())
        result = Cancellation(order=locked, lines=_taken_back(lines, quantities))
        result.closed = all(line.active_quantity == _quantity_of(result, line) for line in lines)
        if result.closed:
            result.shipping = locked.shipping_fee

        if paid and result.amount > 0:
            refund = Refund.objects.create(
                order=locked, amount=result.amount, reason=reason, created_by=user
            )
            if group.payment_method == CARD:
                refund.stripe_refund = _refund_card(group, locked, refund)
                refund.save(update_fields=["stripe_refund"])
            result.refund = refund

        # Stripe has agreed (or no money moves): now take the items back.
        for taken in result.lines:
            OrderLine.objects.filter(pk=taken.line.pk).update(
                cancelled_quantity=F("cancelled_quantity") + taken.quantity
            )
            taken.line.cancelled_quantity += taken.quantity
        checkout.restock((taken.line.variant_id, taken.quantity, 0) for taken in result.lines)
        before = locked.status
        if result.closed:
            locked.status = REFUNDED if paid else CANCELLED
        if result.refund:
            locked.refunded_amount += result.refund.amount
        locked.save(update_fields=["status", "refunded_amount", "updated_at"])
        if result.refund:
            # Paid out already: the shop's share comes back after the commit.
            payouts.refund_recorded(result.refund, locked)
        settle_group(group)
        log(
            locked,
            LOG_REFUND if result.refund else LOG_CANCEL,
            user=user,
            data={
                "from": before,
                "to": locked.status,
                "amount": result.refund.amount if result.refund else 0,
                "shipping": result.shipping,
                "stripe_refund": result.refund.stripe_refund if result.refund else "",
                "reason": reason,
                "lines": [
                    {"id": t.line.pk, "title": t.line.title, "quantity": t.quantity}
                    for t in result.lines
                ],
            },
        )
        transaction.on_commit(lambda: notifications.order_cancelled(result))
    _refresh(order, locked)
    return result


def _quantity_of(result, line) -> int:
    return sum(t.quantity for t in result.lines if t.line.pk == line.pk)


def _taken_back(lines, quantities) -> list[TakenBack]:
    if quantities is None:
        return [TakenBack(line, line.active_quantity) for line in lines if line.active_quantity]
    by_id = {line.pk: line for line in lines}
    taken = []
    for line_id, quantity in quantities.items():
        line = by_id.get(int(line_id))
        if line is None:
            raise InvalidTransition(_("That item is not part of this order."))
        quantity = int(quantity)
        if quantity < 0 or quantity > line.active_quantity:
            raise InvalidTransition(
                _("You can take back at most %(count)d of “%(item)s”.")
                % {"count": line.active_quantity, "item": notifications.line_title(line)}
            )
        if quantity:
            taken.append(TakenBack(line, quantity))
    if not taken:
        raise InvalidTransition(_("Choose how many of which items to cancel."))
    return sorted(taken, key=lambda t: t.line.pk)


def _refund_card(group, order, refund) -> str:
    """Ask Stripe to refund; returns the refund id or raises RefundFailed."""
    if not group.stripe_payment_intent:
        raise RefundFailed(_("No card payment was found for this order."))
    try:
        created = stripe_api.payments().v1.refunds.create(
            params={
                "payment_intent": group.stripe_payment_intent,
                "amount": refund.amount,
                "metadata": {"refund": str(refund.pk), "order": str(order.pk)},
            },
            options={"idempotency_key": f"refund-{refund.pk}"},
        )
    except stripe_api.StripeNotConfigured as error:
        raise RefundFailed(_("Card refunds are not configured on this site.")) from error
    except stripe.APIConnectionError as error:
        raise RefundFailed(
            _(
                "The card refund failed, so nothing was changed: Stripe could not be reached. "
                "Please try again later."
            )
        ) from error
    except stripe.StripeError as error:
        detail = getattr(error, "user_message", None) or error.__class__.__name__
        raise RefundFailed(
            _("The card refund failed, so nothing was changed. Stripe said: %(error)s")
            % {"error": detail}
        ) from error
    return created.id


def _refresh(original, locked):
    """Hand the caller's instance the saved state."""
    for name in ("status", "tracking_number", "refunded_amount", "updated_at"):
        setattr(original, name, getattr(locked, name))
