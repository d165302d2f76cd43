from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

register = template.Library()


def _language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per site language: where this page lives in that language.

    For a Wagtail page: its translation when it is live (``exact``), else the
    same Japanese page's address under that language's prefix, which serves
    the Japanese page with a notice (machikado.views.serve). For other views,
    Django's translated URL. One query for a page, none otherwise. Used by
    the language switcher (every entry) and the hreflang alternates (exact
    entries only).
    """
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    versions = []
    if isinstance(page, Page) and page.pk:
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
        source = translations.get(settings.LANGUAGE_CODE)
        source_url = source.get_url(request) if source else None
        for code, _name in settings.LANGUAGES:
            target = translations.get(code)
            if target is not None:
                url, exact = target.get_url(request), True
            elif source_url:
                url, exact = fallback_url(source_url, code), False
            else:  # no Japanese original to fall back on: that language's home
                with translation.override(code):
                    url, exact = reverse("wagtail_serve", args=[""]), False
            versions.append(_version(code, url, current, exact, request))
    else:
        # A view whose content exists in some languages only (products: ja
        # and en) names them in `hreflang_languages`; the others stay in the
        # switcher but are not offered to search engines as alternates.
        written_in = context.get("hreflang_languages")
        # Keep the query string: a search or a filtered view stays the same
        # search in the other language.
        query = request.GET.urlencode()
        for code, _name in settings.LANGUAGES:
            url = translate_url(request.path, code) + (f"?{query}" if query else "")
            exact = written_in is None or code in written_in
            versions.append(_version(code, url, current, exact, request))
    return versions


def fallback_url(url, language):
    """A Japanese page's address under another language's prefix, where it is
    served in Japanese with the interface in that language. No queries."""
    if not url:
        return url
    with translation.override(settings.LANGUAGE_CODE):  # resolves /ja/…
        return translate_url(url, language)


@register.simple_tag(takes_context=True)
def visitor_pageurl(context, page):
    """Like {% pageurl %}, but a Japanese page shown to a visitor of another
    language keeps them in their language: /en/… (the fallback) instead of
    /ja/…. For listings that mix translations and Japanese originals."""
    request = context.get("request")
    url = page.get_url(request)
    current = translation.get_language()
    japanese = f"/{settings.LANGUAGE_CODE}/"
    if current != settings.LANGUAGE_CODE and url and urlsplit(url).path.startswith(japanese):
        return fallback_url(url, current)
    return url


@register.simple_tag(takes_context=True)
def content_fallback(context):
    """The notice for a page shown in Japanese because it has no translation
    in the visitor's language (set by machikado.views.serve), else None."""
    request = context.get("request")
    fallback = getattr(request, "content_fallback", None)
    if not fallback:
        return None
    language = translation.get_language_info(fallback["language"])["name_translated"]
    return {
        "language": fallback["source_language"],
        "message": _("This page is not yet available in %(language)s; it is shown in Japanese.")
        % {"language": language},
    }


@register.simple_tag(takes_context=True)
def easy_reading(context):
    """Whether the visitor turned on the easy-reading mode (a cookie). Marks
    the request so the response varies on cookies (EasyReadingMiddleware)."""
    from machikado.views import EASY_READING_COOKIE

    request = context.get("request")
    if request is None:
        return False
    request.varies_on_cookie = True
    return request.COOKIES.get(EASY_READING_COOKIE) == "1"


def _version(code, url, current, exact, request):
    return {
        "code": code,
        "name": _language_name(code),
        "url": url,
        "absolute_url": request.build_absolute_uri(url) if url else "",
        "is_current": code == current,
        "exact": exact,
    }


@register.simple_tag(takes_context=True)
def home_page(context):
    """The site's home page in the active language (looked up once per
    request and language: the header's fragments each ask for it)."""
    request = context["request"]
    language = translation.get_language()
    found = getattr(request, "_machikado_home_pages", None)
    if found is None:
        found = request._machikado_home_pages = {}
    if language not in found:
        found[language] = _home_page(request)
    return found[language]


def _home_page(request):
    site = Site.find_for_request(request)
    if not site:
        return None
    root = site.root_page
    try:
        return root.get_translation(Locale.get_active())
    except Page.DoesNotExist:
        return root


@register.filter
def yen(value):
    """1200 → ¥1,200"""
    try:
        return f"¥{int(value):,}"
    except (TypeError, ValueError):
        return ""


@register.simple_tag(takes_context=True)
def municipality(context):
    """The site's municipality in the active language (see SiteIdentity)."""
    from machikado.models import SiteIdentity

    identity = SiteIdentity.load(request_or_site=context.get("request"))
    return identity.municipality_for(translation.get_language())


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        from machikado import page_cache

        vary = tuple(str(value.resolve(context)) for value in self.vary)
        return page_cache.fragment(
            self.name.resolve(context), vary, lambda: self.nodelist.render(context)
        )


@register.tag
def cached_fragment(parser, token):
    """{% cached_fragment "name" var ... %}...{% endcached_fragment %}: the
    block is rendered once per page cache generation and values of the
    variables (machikado.page_cache.fragment). Nothing personal may go inside:
    everyone whose variables match gets the same HTML."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("cached_fragment needs a name")
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
