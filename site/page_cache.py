"""Whole-page cache for anonymous visitors, and Cache-Control for the proxy.

What is cached: the HTML of a successful (200) GET by a visitor without a
session or messages cookie, when the response sets no cookie but the CSRF
one (see below), says nothing about caching itself (``never_cache`` views such as the
cart, checkout, receipts and the application form say "private"/"no-store")
and is not the admin, the API, a preview, the search page (it logs each
search for the analytics and links results to that log) or anything under
``EXCLUDED_PREFIXES``. That is Wagtail pages (home, storefronts, attractions,
events, courses, areas), the listing pages and product pages.

Pages with a form (the product page's add-to-cart): a CSRF token belongs to
one visitor, so the cached copy keeps a placeholder where each token was, and
every hit gets tokens of its own visitor's secret (from their csrftoken
cookie, or a new one with its cookie set) through Django's own CSRF
middleware and ``get_token``, exactly as a render would. Such pages are
``private`` for the proxy (the response sets a cookie).

The key: scheme, host, path with query string, language and the
easy-reading cookie (the one cookie anonymous pages vary on), under a
site-wide *generation* number.

Invalidation: any change that can show on a public page bumps the
generation — page publish/unpublish/move/delete (Wagtail's signals and the
pages' own saves), snippets and settings (areas, categories, payment
methods, site identity...), businesses, shop profiles, products, options and
their images, stock crossing 0 (``shop.signals.stock_changed``), images,
sites, locales and view restrictions (``WATCHED_APPS`` minus
``IGNORED_MODELS``). Its save/delete receivers are connected per watched
model, never for all senders: Django deletes rows of a model with no
receivers in one query (the Collector's fast delete), which sessions, logs
and analytics rows keep. Every cached page is then unreachable at once; its
entry simply expires. The bump happens right away and again after the
transaction commits, so a page rendered from the old rows while the
transaction was open is not kept under the new number. A short time to live
(``PAGE_CACHE_SECONDS``, 60 s) bounds what no signal reports: "open now",
today's events, the date changing.

Why one generation rather than per-page keys: a storefront's change shows on
the directory, the area pages, the search cards, its events' venue lines and
in other languages' fallbacks; tracking those edges is where invalidation
bugs live. Edits are rare next to reads (a city site publishes a few times an
hour), so dropping every page on each edit costs one render per page
afterwards and is always correct.

The cache must be shared by every process that serves pages (Redis in
production: ``REDIS_URL``); with a per-process cache (the default local
memory) one worker's bump would not reach the others, so production turns the
page cache on only with Redis (settings/production.py).

Page views: a cached hit is counted like a rendered page — the entry keeps
what was viewed (``machikado.visitors``) and the hit hands it to the
page-view middleware, which sits outside this one.

Cache-Control: a cached (or cacheable) page gets ``public, max-age=0`` plus
``s-maxage=PAGE_CACHE_PROXY_SECONDS`` when that is set (default 0: off,
because pages the proxy answers never reach the page-view counter); every
other HTML response without its own header gets ``private, no-cache`` (a
shared cache must not keep it). No ETag: a 304 is not counted as a view.

Settings: ``PAGE_CACHE_ENABLED``, ``PAGE_CACHE_SECONDS`` [60],
``PAGE_CACHE_ALIAS`` ["default"], ``PAGE_CACHE_PROXY_SECONDS`` [0].
"""

import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware import csrf
from django.utils.cache import patch_cache_control

from . import visitors

logger = logging.getLogger(__name__)

GENERATION_KEY = "machikado:page-cache:generation"
KEY_PREFIX = "machikado:page:"

#: Paths never cached (whatever answered them).
EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/static/",
    "/media/",
    "/documents/",
    "/stripe/",
    "/i18n/",
    "/easy-reading/",
)

#: Views never cached by URL name (pages that record something per request).
EXCLUDED_VIEWS = {"search", "search:search", "search_suggest"}

#: Cookies whose presence means the page may be personal: the session
#: (signed in, a cart, a page password) and messages waiting to be shown.
PERSONAL_COOKIES = ("SESSION_COOKIE_NAME",)
MESSAGES_COOKIE = "messages"

#: The one cookie anonymous pages vary on (machikado.views.EASY_READING_COOKIE).
VARY_COOKIE = "easy_reading"

#: Models whose changes can show on a public page: every model of these apps...
WATCHED_APPS = {
    "machikado",
    "businesses",
    "tourism",
    "shop",
    "wagtailimages",
    "wagtaildocs",
    "wagtailcore",
}
#: ...except these (``app_label.modelname``): personal data, logs, caches.
IGNORED_MODELS = {
    "machikado.pageviewcount",
    "businesses.businessapplication",
    "shop.cart",
    "shop.cartline",
    "shop.ordergroup",
    "shop.order",
    "shop.orderline",
    "shop.refund",
    "shop.stripeevent",
    "wagtailimages.rendition",
    "wagtailimages.uploadedfile",
    "wagtaildocs.uploadeddocument",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupcollectionpermission",
    "wagtailcore.groupapprovaltask",
    "wagtailcore.task",
    "wagtailcore.workflow",
    "wagtailcore.workflowpage",
    "wagtailcore.workflowtask",
    "wagtailcore.workflowcontenttype",
    "wagtailcore.uploadedfile",
}


def _setting(name, default):
    return getattr(settings, name, default)


def enabled() -> bool:
    return _setting("PAGE_CACHE_ENABLED", False)


def _cache():
    return caches[_setting("PAGE_CACHE_ALIAS", "default")]


# -- the generation ------------------------------------------------------------------


def generation() -> int:
    cache = _cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A fresh or flushed cache starts from the clock, never from an old number.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        value = cache.get(GENERATION_KEY) or 0
    return value


def _bump_now():
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no number yet (or evicted): start a new one
        cache.set(GENERATION_KEY, time.time_ns() // 1000, timeout=None)


def invalidate(**kwargs):
    """Drop every cached page: now, and again once the transaction commits
    (nothing to drop while the page cache is off)."""
    if not enabled():
        return
    try:
        _bump_now()
        transaction.on_commit(_bump_now, robust=True)
    except Exception:  # a cache outage must not break the save
        logger.exception("Page cache not invalidated")


# -- template fragments --------------------------------------------------------------

FRAGMENT_PREFIX = "machikado:fragment:"


def fragment(name: str, vary: tuple, render) -> str:
    """A template fragment shared by every page (the site menu, the footer),
    rendered once per generation and `vary` values instead of on each
    uncached response (search, cart, signed-in visitors). Under the same
    generation as whole pages, so it follows the same invalidation; off
    (rendered every time) whenever the page cache is."""
    if not enabled():
        return render()
    digest = hashlib.sha256(repr(vary).encode()).hexdigest()[:32]
    try:
        cache = _cache()
        key = f"{FRAGMENT_PREFIX}{generation()}:{name}:{digest}"
        html = cache.get(key)
    except Exception:  # a cache outage must not break the page
        logger.exception("Fragment cache unavailable")
        return render()
    if html is None:
        html = render()
        cache.set(key, html, _setting("PAGE_CACHE_SECONDS", 60))
    return html


def _watched(model) -> bool:
    meta = model._meta
    return meta.app_label in WATCHED_APPS and meta.label_lower not in IGNORED_MODELS


def connect_signals():
    """Called once from MachikadoConfig.ready() (every model is loaded by then)."""
    from django.apps import apps
    from wagtail import signals as wagtail_signals

    from shop.signals import stock_changed

    for model in filter(_watched, apps.get_models()):
        for signal, name in ((post_save, "save"), (post_delete, "delete")):
            uid = f"machikado.page_cache.{name}.{model._meta.label_lower}"
            signal.connect(invalidate, sender=model, dispatch_uid=uid)
    for name in (
        "page_published",
        "page_unpublished",
        "post_page_move",
        "published",
        "unpublished",
    ):
        getattr(wagtail_signals, name).connect(
            invalidate, dispatch_uid=f"machikado.page_cache.{name}"
        )
    stock_changed.connect(invalidate, dispatch_uid="machikado.page_cache.stock")


# -- requests ------------------------------------------------------------------------


def _request_cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(EXCLUDED_PREFIXES):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
        return False
    return True


def _key(request, generation_number) -> str | None:
    try:
        host = request.get_host()
    except Exception:  # a host not allowed: CommonMiddleware answers it
        return None
    language = getattr(request, "LANGUAGE_CODE", "") or ""
    parts = (
        request.scheme,
        host,
        request.get_full_path(),
        language,
        request.COOKIES.get(VARY_COOKIE, ""),
    )
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"{KEY_PREFIX}{generation_number}:{digest}"


#: What stands for a CSRF token in a cached page (never valid HTML text otherwise).
CSRF_PLACEHOLDER = b"\x00machikado-csrf-token\x00"
TOKEN_RE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{%d}(?![A-Za-z0-9])" % csrf.CSRF_TOKEN_LENGTH)


def _uses_csrf(response) -> bool:
    """The page asked for a CSRF token: CsrfViewMiddleware (inside this one)
    then sets its cookie (and has already reset CSRF_COOKIE_NEEDS_UPDATE)."""
    return settings.CSRF_COOKIE_NAME in response.cookies


def _without_tokens(request, content: bytes) -> bytes | None:
    """The page with each of this visitor's CSRF tokens replaced by the
    placeholder, or None when they cannot all be found (then it is not cached)."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret or settings.CSRF_USE_SESSIONS:
        return None
    found = 0

    def replace(match):
        nonlocal found
        token = match.group(0).decode()
        if csrf._does_token_match(token, secret):  # Django's own check (private helper)
            found += 1
            return CSRF_PLACEHOLDER
        return match.group(0)

    stripped = TOKEN_RE.sub(replace, content)
    if not found or secret.encode() in stripped:
        return None
    return stripped


def _with_tokens(request, content: bytes) -> tuple[bytes, csrf.CsrfViewMiddleware]:
    """Fresh tokens for this visitor, as CsrfViewMiddleware and {% csrf_token %} make them."""
    middleware = csrf.CsrfViewMiddleware(lambda request: None)
    middleware.process_request(request)  # the visitor's secret, or a new one
    parts = content.split(CSRF_PLACEHOLDER)
    out = [parts[0]]
    for part in parts[1:]:
        out += [csrf.get_token(request).encode(), part]
    return b"".join(out), middleware


def _response_cacheable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.has_header("Cache-Control"):
        return False
    if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
        return False
    if getattr(request, "is_preview", False):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False  # a session starts with this response: its cookie comes later
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name in EXCLUDED_VIEWS:
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= {"cookie", "accept-language", "accept-encoding"}


def _viewed(request):
    """What the page-view counter would count for this page (kind, id), or None."""
    marked = getattr(request, visitors.REQUEST_ATTRIBUTE, None)
    if marked is not None:
        return marked
    match = getattr(request, "resolver_match", None)
    counted = visitors.COUNTED_VIEWS.get(match.view_name) if match is not None else None
    if counted is None:
        return None
    kind, argument = counted
    return kind, (match.kwargs.get(argument, 0) if argument else 0)


def _public_headers(response):
    proxy_seconds = _setting("PAGE_CACHE_PROXY_SECONDS", 0)
    if proxy_seconds:
        patch_cache_control(response, public=True, max_age=0, s_maxage=proxy_seconds)
    else:
        patch_cache_control(response, public=True, max_age=0)


class PageCacheMiddleware:
    """Place after LocaleMiddleware (the language is part of the key) and
    before CSRF, authentication and messages (a hit needs none of them)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not _request_cacheable(request):
            return self._private(self.get_response(request))
        try:
            key = _key(request, generation())
        except Exception:  # the cache is down: serve without it
            logger.exception("Page cache unavailable")
            key = None
        if key is None:
            return self._private(self.get_response(request))
        try:
            entry = _cache().get(key)
        except Exception:
            logger.exception("Page cache unavailable")
            entry = None
        if entry is not None:
            return self._hit(request, entry)
        response = self.get_response(request)
        if _response_cacheable(request, response):
            content = response.content
            with_form = _uses_csrf(response)
            if with_form:
                content = _without_tokens(request, content)
                if content is None:
                    return self._private(response)
                patch_cache_control(response, private=True, no_cache=True)
            else:
                _public_headers(response)
            entry = (
                response.status_code,
                [(k, v) for k, v in response.items() if k.lower() != "content-length"],
                content,
                _viewed(request),
                getattr(request, "varies_on_cookie", False),
                with_form,
            )
            try:
                _cache().set(key, entry, _setting("PAGE_CACHE_SECONDS", 60))
            except Exception:
                logger.exception("Page not cached")
            response["X-Page-Cache"] = "miss"
            return response
        return self._private(response)

    def _hit(self, request, entry):
        status, headers, content, viewed, varies_on_cookie, with_form = entry
        middleware = None
        if with_form:
            content, middleware = _with_tokens(request, content)
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        if middleware is not None:
            middleware.process_response(request, response)  # the visitor's CSRF cookie
        response["X-Page-Cache"] = "hit"
        if viewed is not None:
            setattr(request, visitors.REQUEST_ATTRIBUTE, viewed)
        if varies_on_cookie:  # VaryOnCookieMiddleware adds the header again
            request.varies_on_cookie = True
        return response

    @staticmethod
    def _private(response):
        """Anything not cached here is not for a shared cache either."""
        if not response.has_header("Cache-Control") and response.get("Content-Type", "").startswith(
            "text/html"
        ):
            patch_cache_control(response, private=True, no_cache=True)
        return response
