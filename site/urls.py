from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from businesses import urls as businesses_urls
from search import urls as search_urls
from shop import urls as shop_urls
from shop.webhooks import stripe_webhook
from tourism import urls as tourism_urls

from . import csp_reports, health, views
from .api import api_router
from .openapi.views import openapi_json
from .sitemaps import ProductSitemap, TranslatedSitemap

# Wagtail's front-end URLs, with its page view wrapped by ours (the Japanese
# fallback for untranslated pages); the name stays "wagtail_serve", which
# Wagtail reverses for page URLs.
wagtail_routes = [
    *(route for route in wagtail_urls.urlpatterns if route.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, views.serve, name="wagtail_serve"),
]

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("csp-report/", csp_reports.csp_report, name="csp_report"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/openapi.json", openapi_json, name="openapi"),
    path("", include(search_urls.api_urlpatterns)),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": TranslatedSitemap, "products": ProductSitemap}},
        name="sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="machikado/robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("easy-reading/", views.easy_reading, name="easy_reading"),
    path("stripe/webhook/", stripe_webhook, name="stripe_webhook"),
    # Open data files: one address for every language (the list is at /<lang>/opendata/).
    path("opendata/", include((tourism_urls.data_urlpatterns, "opendata"))),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include(businesses_urls)),
    path("", include(shop_urls)),
    path("", include(tourism_urls)),
    path("", include(search_urls)),
    path("", include(wagtail_routes)),
    prefix_default_language=True,
)
