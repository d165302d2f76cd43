"""Sign-in hardening: two-factor authentication (django-otp TOTP + backup
codes) for staff, the login lockout page (django-axes) and the client address
behind the reverse proxy.

Who must use a second factor (``requires_two_factor``): superusers, ``is_staff``
users and members of ``TWO_FACTOR_STAFF_GROUPS`` (City staff, Tourism editors)
while ``TWO_FACTOR_REQUIRED`` is on; anyone with a confirmed device (shop owners
may opt in) always.
"""

from django.conf import settings
from django_otp import user_has_device


def is_staff_user(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return user.groups.filter(name__in=settings.TWO_FACTOR_STAFF_GROUPS).exists()


def is_enrolled(user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def requires_two_factor(user) -> bool:
    """Whether this signed-in user must verify a code before protected pages."""
    if not user.is_authenticated:
        return False
    if is_enrolled(user):
        return True
    return bool(settings.TWO_FACTOR_REQUIRED) and is_staff_user(user)
