"""Public views of the site package: page serving with a Japanese fallback,
and the easy-reading switch."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page, Site

EASY_READING_COOKIE = "easy_reading"
EASY_READING_MAX_AGE = 365 * 24 * 60 * 60


def serve(request, path):
    """Wagtail's serve, with a Japanese fallback for untranslated pages.

    Under /en/, /zh-hans/, /zh-hant/ and /ko/ Wagtail routes the path in that
    language's tree. When no live page is there, the path is routed again
    from the Japanese home page and the Japanese page is served, with the
    interface in the visitor's language and a notice (base.html). Everything
    else is Wagtail's serve unchanged: the route is handed to it through its
    own per-request cache, so private pages, the before/after serve hooks
    and RoutablePage sub-routes work as usual. A path that has a Wagtail
    redirect, or that exists in no tree, stays a 404 (the redirects
    middleware then answers it).
    """
    language = translation.get_language()
    if language != settings.LANGUAGE_CODE and Page.route_for_request(request, path) is None:
        route = _japanese_route(request, path)
        if route is not None and not _has_redirect(request):
            page, args, kwargs = route
            if not args and not kwargs:
                translated = _live_translation(page, language)
                if translated is not None:
                    # The page is translated, under another slug.
                    url = translated.get_url(request)
                    if url:
                        return redirect(url)
            request._wagtail_route_for_request = route
            request.content_fallback = {
                "language": language,
                "source_language": settings.LANGUAGE_CODE,
            }
    return wagtail_views.serve(request, path)


def _japanese_route(request, path):
    site = Site.find_for_request(request)
    if site is None:
        return None
    source_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    root = site.root_page
    if root.locale_id != source_locale.pk:
        root = root.get_translation_or_none(source_locale)
        if root is None:
            return None
    components = [component for component in path.split("/") if component]
    try:
        return root.specific.route(request, components)
    except Http404:
        return None


def _live_translation(page, language):
    return page.get_translations().live().filter(locale__language_code=language).first()


def _has_redirect(request):
    """A Wagtail redirect for this path wins over the fallback (an English page
    moved away keeps its redirect instead of showing the Japanese page)."""
    if "wagtail.contrib.redirects" not in settings.INSTALLED_APPS:
        return False
    from wagtail.contrib.redirects.middleware import get_redirect
    from wagtail.contrib.redirects.models import Redirect

    path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
    if get_redirect(request, path):
        return True
    without_query = urlsplit(path).path
    return without_query != path and get_redirect(request, without_query) is not None


@csrf_exempt  # a display preference only; no token keeps every page cacheable
@require_POST
def easy_reading(request):
    """Turn the easy-reading mode on or off and go back where the visitor was.

    A cookie remembers the choice (one year). The form in the header works
    without JavaScript; `next` must be a URL of this site.
    """
    turn_on = request.POST.get("easy_reading") == "1"
    next_url = request.POST.get("next") or request.META.get("HTTP_REFERER") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if turn_on:
        response.set_cookie(
            EASY_READING_COOKIE,
            "1",
            max_age=EASY_READING_MAX_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    else:
        response.delete_cookie(EASY_READING_COOKIE, samesite="Lax")
    return response
