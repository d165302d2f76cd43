from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

register = template.Library()


def _language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per site language: where this page lives in that language.

    For a Wagtail page, its translation if it is live, otherwise that
    language's home page; for other views, Django's translated URL.
    Used by the language switcher and the hreflang alternates.
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
        site = Site.find_for_request(request)
        homes = None
        for code, _name in settings.LANGUAGES:
            target = translations.get(code)
            exact = target is not None
            if target is None:
                if homes is None:
                    root = site.root_page if site else None
                    homes = {
                        p.locale.language_code: p
                        for p in (
                            root.get_translations(inclusive=True).live().select_related("locale")
                            if root
                            else []
                        )
                    }
                target = homes.get(code)
            if target is None:
                continue
            versions.append(_version(code, target.get_url(request), current, exact, request))
    else:
        for code, _name in settings.LANGUAGES:
            url = translate_url(request.path, code)
            versions.append(_version(code, url, current, True, request))
    return versions


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
    """The site's home page in the active language."""
    request = context["request"]
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
