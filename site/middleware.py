from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import patch_vary_headers

# Paths outside i18n_patterns. Django redirects any 404 to the same path with
# a language prefix when that path resolves, and Wagtail's catch-all resolves
# everything, so a missing API object or admin URL would become a redirect.
UNPREFIXED_PATHS = ("/admin/", "/api/", "/documents/", "/static/", "/media/", "/i18n/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED_PATHS):
            return response
        return super().process_response(request, response)


class VaryOnCookieMiddleware:
    """Adds ``Vary: Cookie`` to responses whose content a cookie changed
    (the easy-reading mode in base.html sets ``request.varies_on_cookie``),
    so a shared cache never serves one visitor's mode to another."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "varies_on_cookie", False):
            patch_vary_headers(response, ("Cookie",))
        return response
