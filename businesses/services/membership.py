"""City staff decide who may edit a business.

Several people may share one business: its members group holds every
permission (see ``owner_access``), so adding or removing a member is a
group membership change. New people get an account without a password and
an e-mail inviting them to set one, sent once the change is committed.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from wagtail.log_actions import log
from wagtail.users.models import UserProfile

from .. import notifications
from ..models import Business
from .errors import BusinessServiceError, NotAllowed
from .owner_access import add_member, remove_member

MEMBERSHIP_PERMISSION = "businesses.change_business"


@dataclass(frozen=True)
class Invitation:
    user: AbstractBaseUser
    created: bool  # a new account, invited to set its password


def _check(actor) -> None:
    if not (actor and actor.is_authenticated and actor.has_perm(MEMBERSHIP_PERMISSION)):
        raise NotAllowed()


def account_for_email(email: str, full_name: str = "", language: str | None = None):
    """The account with this e-mail address, or a new one without a usable
    password (its owner sets one through the invitation). Returns
    ``(user, created)``. Must run inside a transaction."""
    User = get_user_model()
    email = email.strip()
    existing = User.objects.filter(email__iexact=email).order_by("pk").first()
    if existing:
        return existing, False
    base = "".join(c for c in email.split("@")[0] if c.isalnum() or c in "._-")[:140] or "owner"
    username, n = base, 2
    while User.objects.filter(username__iexact=username).exists():
        username, n = f"{base}{n}", n + 1
    # "藤岡 太郎" or "藤岡　太郎": family name first, as people write in Japan.
    family, given = ([*full_name.split(maxsplit=1), "", ""])[:2]
    user = User(username=username, email=email, last_name=family[:150], first_name=given[:150])
    user.set_unusable_password()
    user.save()
    if language:
        # The admin speaks to them in the language they wrote to us in.
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
    return user, True


def _business_language(business: Business) -> str:
    """The language the business wrote to us in, if it applied."""
    application = getattr(business, "application", None)
    return application.language if application else settings.LANGUAGE_CODE


def invite_member(business: Business, email: str, *, actor) -> Invitation:
    """Give the person with this e-mail address access to the business,
    creating their account if there is none, and tell them by e-mail."""
    _check(actor)
    email = (email or "").strip()
    if not email:
        raise BusinessServiceError()
    with transaction.atomic():
        user, created = account_for_email(email, language=_business_language(business))
        add_member(business, user)
        log(business, "machikado.business.add_member", user=actor,
            data={"member": user.pk, "email": user.email, "new_account": created})  # fmt: skip
        language = UserProfile.get_for_user(user).preferred_language or _business_language(business)
        # Someone who never set a password (an expired invitation) gets a new link.
        send_link = created or not user.has_usable_password()
        transaction.on_commit(
            lambda: notifications.member_invited(business, user, send_link, language)
        )
    return Invitation(user=user, created=created)


def remove_members(business: Business, users, *, actor) -> None:
    """Take access to the business away from these people. Their accounts
    stay (they may belong to other businesses)."""
    _check(actor)
    with transaction.atomic():
        for user in users:
            if not business.has_member(user):
                continue
            remove_member(business, user)
            log(business, "machikado.business.remove_member", user=actor,
                data={"member": user.pk, "email": user.email})  # fmt: skip
