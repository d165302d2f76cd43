from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

# Paths outside i18n_patterns. Django redirects any 404 to the same path with
# a language prefix when that path resolves, and Wagtail's catch-all resolves
# everything, so a missing API object or admin URL would become a redirect.
UNPREFIXED_PATHS = ("/admin/", "/api/", "/documents/", "/static/", "/media/", "/i18n/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED_PATHS):
            return response
        return super().process_response(request, response)
