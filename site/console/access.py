"""Who may see the City console: members of the "City staff" group and superusers."""

from django.core.exceptions import PermissionDenied

from machikado.setup import CITY_STAFF_GROUP


def is_city_staff(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_machikado_city_staff", None)
    if cached is None:
        cached = user.groups.filter(name=CITY_STAFF_GROUP).exists()
        user._machikado_city_staff = cached
    return cached


def require_city_staff(user):
    """Raise PermissionDenied (Wagtail's admin turns it into its "no permission"
    redirect to the dashboard) for anyone else, owners included."""
    if not is_city_staff(user):
        raise PermissionDenied
