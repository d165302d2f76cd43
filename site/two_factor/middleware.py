"""Sends a signed-in user who must use a second factor, but has not verified
one in this session, to the verification (or, not yet enrolled, the
enrolment) page before any protected page: the Wagtail admin (so also the
City console) and documents, whose private collections depend on the user.

Comes after django_otp's OTPMiddleware, which gives ``request.user`` its
``is_verified()``.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import is_enrolled, requires_two_factor

# Views an unverified session may still reach: signing in and out, password
# reset (for signed-out users anyway), the admin's static helpers and the
# two-factor pages themselves.
OPEN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
}
OPEN_NAMESPACE = "two_factor"


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(tuple(settings.TWO_FACTOR_PROTECTED_PATHS)):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and (
            match.view_name in OPEN_VIEWS or OPEN_NAMESPACE in match.namespaces
        ):
            return None
        if not requires_two_factor(user):
            return None
        target = "two_factor:verify" if is_enrolled(user) else "two_factor:setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
