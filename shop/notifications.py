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


def _send(template: str, recipients: list[str], language: str, context: dict) -> None:
    if not recipients:
        return
    with translation.override(language):
        context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
        subject = render_to_string(f"shop/email/{template}_subject.txt", context)
        body = render_to_string(f"shop/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients)


def _shop_recipients(order) -> list[str]:
    return [user.email for user in order.business.members if user.email and user.is_active]


def _customer_context(group) -> dict:
    with translation.override(group.language):
        url = absolute(reverse("shop:complete", kwargs={"uuid": group.uuid}))
    return {"group": group, "orders": list(group.orders.all()), "group_url": url}


def order_placed(group) -> None:
    """Offline payments: the order is in, here is how to pay."""
    _send("order_placed", [group.email], group.language, _customer_context(group))


def order_paid(group) -> None:
    """Card payment confirmed: thank the customer and tell each shop."""
    _send("order_paid", [group.email], group.language, _customer_context(group))
    for order in group.orders.all():
        new_order_for_shop(order)


def new_order_for_shop(order) -> None:
    _send(
        "new_order",
        _shop_recipients(order),
        settings.LANGUAGE_CODE,
        {"order": order, "admin_url": absolute(reverse("wagtailadmin_home"))},
    )


def order_status_changed(order) -> None:
    group = order.group
    _send(
        "order_status", [group.email], group.language, {**_customer_context(group), "order": order}
    )
