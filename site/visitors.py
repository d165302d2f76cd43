"""Page views counted without cookies or personal data.

What is counted: a successful (200) GET of an HTML public page by something
that is not a bot — Wagtail pages (their kind from the page's class), product
pages and the search page. Not counted: HEAD and other methods, any other
status (404, redirects, 304), non-HTML responses (feeds, JSON, files), the
admin, static files, media, documents, the API, previews, prefetches, and
User-Agents that are empty or look like bots, crawlers or scripts.

What is stored: ``PageViewCount`` rows, one per (day in Asia/Tokyo, kind,
page or product id, language of the URL) with a number of views. Nothing
about the visitor — no IP address, cookie, user id or session — is read for
counting, stored or set (this module never touches ``request.user`` or
``request.session``, so it adds no ``Vary: Cookie`` either).

How it stays cheap: each process keeps a ``Counter`` of pending views in
memory (a dict increment under a lock, no query in the request). The buffer
is written after a response has been sent (Django's ``request_finished``)
once it holds ``PAGE_VIEWS_FLUSH_EVERY`` views or is ``PAGE_VIEWS_FLUSH_SECONDS``
old, and at process exit: one ``INSERT … ON CONFLICT … DO UPDATE SET views =
views + excluded.views`` statement per 500 distinct counters, so a flush adds
to the existing rows whatever other processes wrote. A process that dies
without exiting (SIGKILL, power loss) loses its pending views: at most one
batch, accepted for statistics. Counting never breaks a page: any error is
logged and the view dropped; a failed flush keeps its counts for the next
try (up to ``MAX_PENDING_KEYS`` distinct counters).

Settings: ``PAGE_VIEWS_ENABLED`` [True], ``PAGE_VIEWS_AUTO_FLUSH`` [True;
the test settings turn it off and tests call ``flush()``],
``PAGE_VIEWS_FLUSH_EVERY`` [200], ``PAGE_VIEWS_FLUSH_SECONDS`` [60].
"""

import atexit
import datetime
import functools
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.signals import request_finished
from django.db import connections, router, transaction
from django.utils import timezone, translation
from wagtail import hooks

logger = logging.getLogger(__name__)

#: Page kinds by the page's model (``app_label.modelname``); other pages are "other".
KIND_BY_MODEL = {
    "businesses.businesspage": "shop",
    "tourism.attractionpage": "attraction",
    "tourism.eventpage": "event",
    "tourism.modelcoursepage": "course",
    "tourism.areapage": "area",
    "machikado.homepage": "home",
    "tourism.tourismhomepage": "home",
    "businesses.businessdirectorypage": "listing",
    "tourism.areaindexpage": "listing",
    "tourism.attractionindexpage": "listing",
    "tourism.eventindexpage": "listing",
    "tourism.courseindexpage": "listing",
}

#: Views other than Wagtail's page serving that are counted: URL name →
#: (kind, name of the URL argument holding the object's id, or None for 0).
COUNTED_VIEWS = {
    "shop:product": ("product", "pk"),
    "search": ("search", None),  # search/urls.py (no namespace)
    "search:search": ("search", None),
}

#: Paths never counted, whatever answered them.
EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/static/",
    "/media/",
    "/documents/",
    "/api/",
    "/stripe/",
    "/i18n/",
)

#: User-Agents that are not people reading: crawlers, link previews, monitors,
#: scripts and headless browsers (lower-case fragments). An empty User-Agent is
#: not counted either.
BOT_MARKERS = (
    "bot", "crawl", "spider", "slurp", "archiv", "scrap", "fetch", "monitor", "uptime",
    "pingdom", "lighthouse", "headless", "phantom", "selenium", "puppeteer", "playwright",
    "preview", "facebookexternalhit", "embedly", "whatsapp", "curl", "wget", "python",
    "httpx", "aiohttp", "go-http", "java/", "okhttp", "libwww", "perl", "ruby", "php/",
    "node-fetch", "axios", "postman", "insomnia", "http_request", "scan",
)  # fmt: skip

BATCH_SIZE = 500  # counters per INSERT statement (5 parameters each)
MAX_PENDING_KEYS = 50_000  # distinct counters kept while the database refuses writes

REQUEST_ATTRIBUTE = "_machikado_page_view"


@functools.lru_cache(maxsize=2048)  # User-Agents repeat: a dict lookup per request
def is_bot(user_agent: str) -> bool:
    if not user_agent:
        return True
    text = user_agent[:512].lower()
    return any(marker in text for marker in BOT_MARKERS)


def kind_of_page(page) -> str:
    return KIND_BY_MODEL.get(page._meta.label_lower, "other")


def _setting(name, default):
    return getattr(settings, name, default)


# -- the in-memory buffer -------------------------------------------------------------


class Buffer:
    """Pending views of this process: {(day, kind, object_id, language): views}."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = Counter()
        self.pending = 0
        self.started = time.monotonic()

    def add(self, key, views=1):
        with self.lock:
            self.counts[key] += views
            self.pending += views

    def take(self) -> Counter:
        with self.lock:
            counts, self.counts = self.counts, Counter()
            self.pending = 0
            self.started = time.monotonic()
        return counts

    def give_back(self, counts: Counter):
        """Counts whose write failed, kept for the next flush (bounded)."""
        with self.lock:
            for key, views in counts.items():
                if key in self.counts or len(self.counts) < MAX_PENDING_KEYS:
                    self.counts[key] += views
                    self.pending += views

    def due(self) -> bool:
        if not self.pending:
            return False
        return self.pending >= _setting(
            "PAGE_VIEWS_FLUSH_EVERY", 200
        ) or time.monotonic() - self.started >= _setting("PAGE_VIEWS_FLUSH_SECONDS", 60)

    def clear(self):
        self.take()


buffer = Buffer()


_today = (None, 0.0)  # (Asia/Tokyo date, epoch second of the next midnight)


def local_today():
    """Today in the site's time zone, worked out once a day (a time check otherwise)."""
    global _today
    day, until = _today
    now = time.time()
    if now < until:
        return day
    local = timezone.localtime(timezone=timezone.get_default_timezone())
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    _today = (local.date(), (midnight + datetime.timedelta(days=1)).timestamp())
    return local.date()


def record(kind: str, object_id: int, language: str, day=None, views: int = 1):
    """Count views in this process's buffer (no query)."""
    if day is None:
        day = local_today()
    buffer.add((day, kind, int(object_id or 0), language), views)


def pending() -> dict:
    """The views not yet written (a copy), for tests and diagnostics."""
    with buffer.lock:
        return dict(buffer.counts)


def flush() -> int:
    """Write the pending views to the database: one statement per BATCH_SIZE
    counters. Returns the number of views written (0 if none or on failure)."""
    counts = buffer.take()
    if not counts:
        return 0
    try:
        _write(counts)
    except Exception:
        logger.exception("Page views could not be written; kept for the next flush")
        buffer.give_back(counts)
        return 0
    return sum(counts.values())


def _write(counts: Counter):
    from .models import PageViewCount

    using = router.db_for_write(PageViewCount)
    connection = connections[using]
    items = sorted(counts.items())  # a fixed order: concurrent flushes lock rows alike
    with transaction.atomic(using=using):
        if connection.vendor in ("sqlite", "postgresql"):
            table = connection.ops.quote_name(PageViewCount._meta.db_table)
            with connection.cursor() as cursor:
                for start in range(0, len(items), BATCH_SIZE):
                    batch = items[start : start + BATCH_SIZE]
                    values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(batch))
                    params = []
                    for (day, kind, object_id, language), views in batch:
                        params += [day, kind, object_id, language, views]
                    # The table name is ours; every value is a parameter.
                    sql = (
                        f"INSERT INTO {table} (day, kind, object_id, language, views) "  # noqa: S608
                        f"VALUES {values} ON CONFLICT (day, kind, object_id, language) "
                        f"DO UPDATE SET views = {table}.views + excluded.views"
                    )
                    cursor.execute(sql, params)
        else:  # other databases: an update, or a create when there was nothing to update
            from django.db.models import F

            for (day, kind, object_id, language), views in items:
                key = {"day": day, "kind": kind, "object_id": object_id, "language": language}
                rows = PageViewCount.objects.using(using).filter(**key)
                if not rows.update(views=F("views") + views):
                    PageViewCount.objects.using(using).create(views=views, **key)


def _flush_if_due(**kwargs):
    """After a response went out (request_finished): write the buffer if due."""
    if not buffer.due() or not _setting("PAGE_VIEWS_AUTO_FLUSH", True):
        return
    flush()
    # Django closed its connection for this request just before (close_old_connections
    # runs first): close the one the flush opened the same way.
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


def _flush_at_exit():
    if _setting("PAGE_VIEWS_AUTO_FLUSH", True):
        flush()


request_finished.connect(_flush_if_due, dispatch_uid="machikado.visitors.flush")
atexit.register(_flush_at_exit)


# -- what a request viewed -----------------------------------------------------------


@hooks.register("on_serve_page", order=100)  # innermost: inside Wagtail's privacy check
def mark_page_view(serve):
    """Wagtail is serving a page (its view restrictions, if any, passed):
    remember what it is, for the middleware to count once the response is ready."""

    def inner(page, request, serve_args, serve_kwargs):
        try:
            setattr(request, REQUEST_ATTRIBUTE, (kind_of_page(page), page.pk))
        except Exception:  # never break a page for a statistic
            logger.exception("Page view not marked")
        return serve(page, request, serve_args, serve_kwargs)

    return inner


def viewed(request, response):
    """(kind, object_id) when this request was a countable view, else None."""
    if request.method != "GET" or response.status_code != 200:
        return None
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    if request.path_info.startswith(EXCLUDED_PREFIXES):
        return None
    if getattr(request, "is_preview", False):
        return None
    meta = request.META
    if meta.get("HTTP_SEC_PURPOSE", "").startswith("prefetch") or meta.get("HTTP_PURPOSE") in (
        "prefetch",
        "preview",
    ):
        return None
    if is_bot(meta.get("HTTP_USER_AGENT", "")):
        return None
    marked = getattr(request, REQUEST_ATTRIBUTE, None)
    if marked is not None:
        return marked
    match = getattr(request, "resolver_match", None)
    counted = COUNTED_VIEWS.get(match.view_name) if match is not None else None
    if counted is None:
        return None
    kind, argument = counted
    return kind, (match.kwargs.get(argument, 0) if argument else 0)


def _language(request) -> str:
    return getattr(request, "LANGUAGE_CODE", None) or translation.get_language() or ""


class PageViewMiddleware:
    """Counts the request once its response is ready (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = _setting("PAGE_VIEWS_ENABLED", True)

    def __call__(self, request):
        response = self.get_response(request)
        if self.enabled:
            try:
                view = viewed(request, response)
                if view is not None:
                    record(view[0], view[1], _language(request))
            except Exception:  # never break a page for a statistic
                logger.exception("Page view not counted")
        return response
