"""sitemap.xml with every language.

Wagtail's sitemap lists the descendants of the site's root page only. Here
the root is the Japanese home page and the English home page is its
translation beside it, so the English pages would be missing. This sitemap
walks the root page and each of its translations, and gives each URL its
language alternates (xhtml:link hreflang), x-default pointing at Japanese.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = root.get_translations(inclusive=True).live()
        in_a_tree = Q(pk__in=[])
        for home in roots:
            in_a_tree |= Q(path__startswith=home.path, depth__gte=home.depth)
        return (
            Page.objects.filter(in_a_tree)
            .live()
            .public()
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        translations = self._translations_of(items)
        urls, last_mods = [], set()
        for item in items:
            for url_info in item.get_sitemap_urls(self.request):
                alternates = translations.get(item.translation_key, [])
                if len(alternates) > 1:
                    url_info["alternates"] = alternates
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _translations_of(self, items):
        """translation_key → [{lang_code, location}] of the live public versions, in one query."""
        pages = (
            Page.objects.filter(translation_key__in={item.translation_key for item in items})
            .live()
            .public()
            .select_related("locale")
            .order_by("path")
        )
        found = {}
        for page in pages:
            url = page.get_full_url(self.request)
            if url:
                found.setdefault(page.translation_key, []).append(
                    {"lang_code": page.locale.language_code, "location": url}
                )
        for alternates in found.values():
            default = next(
                (a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None
            )
            if default and len(alternates) > 1:
                alternates.append({"lang_code": "x-default", "location": default["location"]})
        return found


class ProductSitemap(DjangoSitemap):
    """Products on sale, with hreflang alternates, in the languages they are
    written in: products have Japanese and English fields only. Under the
    other prefixes a product page shows the English text with that
    language's interface; it is left out of the sitemap rather than offered
    to search engines as a Chinese or Korean page."""

    i18n = True
    languages = ["ja", "en"]
    alternates = True
    x_default = True

    def items(self):
        from shop.models import Product

        return Product.objects.on_sale().order_by("pk").only("pk", "updated_at")

    def lastmod(self, product):
        return product.updated_at

    def _urls(self, page, protocol, domain):
        # Django's x-default drops the language prefix, which our URLs always
        # carry: point it at the Japanese URL, like the pages' x-default.
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            by_language = {a["lang_code"]: a["location"] for a in url_info["alternates"]}
            for alternate in url_info["alternates"]:
                if alternate["lang_code"] == "x-default":
                    alternate["location"] = by_language[settings.LANGUAGE_CODE]
        return urls
