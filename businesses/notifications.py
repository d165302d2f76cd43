"""E-mails to applicants and owners, each in the recipient's language.

Callers send them through ``transaction.on_commit`` so no mail leaves for
a change that was rolled back.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def _send(template: str, recipient: str, language: str, context: dict) -> None:
    with translation.override(language):
        context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
        subject = render_to_string(f"businesses/email/{template}_subject.txt", context)
        body = render_to_string(f"businesses/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [recipient])


def set_password_url(user) -> str:
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def application_received(application) -> None:
    _send("application_received", application.contact_email, application.language,
          {"application": application})  # fmt: skip


def application_approved(application, user, invited: bool) -> None:
    _send(
        "application_approved",
        application.contact_email,
        application.language,
        {
            "application": application,
            "user": user,
            "invited": invited,
            "set_password_url": set_password_url(user) if invited else "",
            "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_home"),
        },
    )


def application_rejected(application) -> None:
    _send("application_rejected", application.contact_email, application.language,
          {"application": application})  # fmt: skip


def member_invited(business, user, invited: bool, language: str) -> None:
    """Someone was given access to a business by city staff."""
    _send(
        "member_invited",
        user.email,
        language,
        {
            "business": business,
            "user": user,
            "invited": invited,
            "set_password_url": set_password_url(user) if invited else "",
            "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_home"),
        },
    )
