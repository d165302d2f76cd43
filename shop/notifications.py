"""E-mails about orders: to the customer in the language they shopped in, and
to the shop's members in theirs (the site default unless they chose one).

Callers send them through ``transaction.on_commit``.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(template: str, recipients: list[str], language: str, context) -> None:
    """`context` is a dict or a callable returning one; a callable is called
    with the recipient's language active (for translated titles and URLs)."""
    if not recipients:
        return
    with translation.override(language):
        context = context() if callable(context) else context
        context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
        subject = render_to_string(f"shop/email/{template}_subject.txt", context)
        body = render_to_string(f"shop/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients)


def _shop_recipients(order) -> list[str]:
    return [user.email for user in order.business.members if user.email and user.is_active]


def _customer_context(group) -> dict:
    url = absolute(reverse("shop:complete", kwargs={"uuid": group.uuid}))
    return {"group": group, "orders": list(group.orders.all()), "group_url": url}


def receipt_url(order) -> str:
    """The customer's receipt for this order, in the active language."""
    return absolute(
        reverse("shop:receipt", kwargs={"uuid": order.group.uuid, "order_id": order.pk})
    )


def line_title(line) -> str:
    """An order line's product title in the active language."""
    title = line.title_en if translation.get_language() != "ja" and line.title_en else line.title
    return f"{title} {line.variant_name}".strip() if line.variant_name else title


def order_placed(group) -> None:
    """Offline payments: the order is in, here is how to pay."""
    _send("order_placed", [group.email], group.language, lambda: _customer_context(group))


def order_paid(group) -> None:
    """Card payment confirmed: thank the customer and tell each shop."""
    _send("order_paid", [group.email], group.language, lambda: _customer_context(group))
    for order in group.orders.all():
        new_order_for_shop(order)


def new_order_for_shop(order) -> None:
    _send(
        "new_order",
        _shop_recipients(order),
        settings.LANGUAGE_CODE,
        lambda: {
            "order": order,
            "admin_url": absolute(reverse("shop_orders:detail", args=[order.pk])),
        },
    )


def order_status_changed(order) -> None:
    """The order moved one step (paid, preparing, shipped, ready, completed) or
    its tracking number changed."""
    from .services.fulfilment import money_received

    group = order.group

    def context():
        profile = getattr(order.business, "shop", None)
        return {
            **_customer_context(group),
            "order": order,
            "pickup_instructions": profile.pickup_instructions if profile else "",
            "receipt_url": receipt_url(order) if money_received(order) else "",
        }

    _send("order_status", [group.email], group.language, context)


def order_cancelled(cancellation) -> None:
    """Items (or the whole order) were cancelled by the shop; money received
    comes back by card refund or from the shop."""
    order = cancellation.order
    group = order.group

    def context():
        return {
            **_customer_context(group),
            "order": order,
            "lines": [
                {"title": line_title(taken.line), "quantity": taken.quantity}
                for taken in cancellation.lines
            ],
            "shipping": cancellation.shipping,
            "closed": cancellation.closed,
            "refund": cancellation.refund,
            "by_card": group.payment_method == group.CARD,
            "receipt_url": receipt_url(order) if cancellation.refund else "",
        }

    _send("order_cancelled", [group.email], group.language, context)
