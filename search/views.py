"""The search page (/<lang>/search/), the JSON API (/api/search/ and
/api/search/suggest/) and the click counter (/search/click/).

Views validate (search.params), ask the configured engine and present
(search.presenters). An engine that cannot answer gives a friendly page and a
503 from the API, never a 500.
"""

from __future__ import annotations

import logging

from django.http import HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from search import analytics
from search.engines import SearchUnavailable, get_engine
from search.params import (
    MAX_PAGE,
    WHEN_LABELS,
    api_language,
    area_choices,
    parse,
)
from search.presenters import (
    facet_titles,
    facets_json,
    flag_labels,
    hit_json,
    kind_badges,
    labelled_facets,
    read_click_token,
    result_views,
)
from search.query import MAX_QUERY_LENGTH, MAX_RADIUS_KM, SearchResults

logger = logging.getLogger(__name__)

RADIUS_CHOICES = (1, 2, 5, 10, 20, MAX_RADIUS_KM)
MAX_SUGGEST_PREFIX = 50


def _search(query) -> tuple[SearchResults | None, bool]:
    """(results, unavailable). An engine failure of any kind is logged and
    shown as "search unavailable" rather than a server error."""
    try:
        return get_engine().search(query), False
    except SearchUnavailable as error:
        logger.warning("search unavailable: %s", error)
    except Exception:  # noqa: BLE001 - the page must answer; the log keeps the bug visible
        logger.exception("search failed for %r", query.text)
    return None, True


@require_GET
def search_page(request):
    language = translation.get_language()
    parsed = parse(request.GET, language=language)
    # Parameters with errors: the form shows them, nothing is searched.
    results, unavailable = (None, False) if parsed.errors else _search(parsed.query)
    log = None
    if results is not None and parsed.query.page == 1:
        log = analytics.log_search(
            request.GET.get("q", "")[: MAX_QUERY_LENGTH * 2],
            language,
            results.total,
            parsed.filtered,
        )
    tracked = bool(parsed.values.get("q"))
    facets = labelled_facets(results, parsed)
    areas = area_choices(language)
    pages = min(results.pages, MAX_PAGE) if results else 1
    page_number = parsed.query.page
    context = {
        "parsed": parsed,
        "values": parsed.values,
        "errors": parsed.errors,
        "results": results,
        "hits": result_views(results, log.pk if log else None, tracked) if results else [],
        "facets": facets,
        "facet_titles": facet_titles(),
        "flag_facets": [
            (param, label, next(iter(facets[name]), None), parsed.errors.get(param))
            for name, param, label in (
                ("open_now", "open_now", flag_labels()["open_now"]),
                ("barrier_free", "barrier_free", flag_labels()["barrier_free"]),
                ("takes_cards", "cards", flag_labels()["takes_cards"]),
            )
        ],
        "when_labels": WHEN_LABELS(),
        "areas": areas,
        "area_slugs": {slug for slug, _name in areas},
        "radius_choices": [f"{r:g}" for r in RADIUS_CHOICES],
        "unavailable": unavailable,
        "searched": bool(request.GET),
        "page_number": page_number,
        "pages": pages,
        "has_previous": page_number > 1,
        "has_next": page_number < pages,
        "max_query_length": MAX_QUERY_LENGTH,
        # Result pages are not offered to search engines as alternates.
        "hreflang_languages": [] if request.GET else None,
    }
    status = 400 if parsed.errors else 200
    return TemplateResponse(request, "search/search.html", context, status=status)


def _api_error(message, fields=None, status=400):
    body = {"error": message}
    if fields is not None:
        body["fields"] = fields
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


@never_cache
@require_GET
def api_search(request):
    language, lang_error = api_language(request.GET)
    with translation.override(language):
        parsed = parse(request.GET, language=language, api=True)
        errors = dict(parsed.errors)
        if lang_error:
            errors["lang"] = [lang_error]
        if errors:
            return _api_error(_("Some parameters are not valid."), errors)
        try:
            results = get_engine().search(parsed.query)
        except SearchUnavailable:
            return _api_error(
                _("Search is unavailable right now. Please try again later."), status=503
            )
        except Exception:  # noqa: BLE001 - never a 500; logged
            logger.exception("search failed for %r", parsed.query.text)
            return _api_error(
                _("Search is unavailable right now. Please try again later."), status=503
            )
        if parsed.query.page == 1:
            analytics.log_search(request.GET.get("q", ""), language, results.total, parsed.filtered)
        body = {
            "total": results.total,
            "page": parsed.query.page,
            "pages": min(results.pages, MAX_PAGE),
            "results": [hit_json(hit) for hit in results.hits],
            "facets": facets_json(labelled_facets(results, parsed)),
        }
        if parsed.understood:
            body["understood"] = parsed.understood
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_GET
def api_suggest(request):
    language, lang_error = api_language(request.GET)
    with translation.override(language):
        if lang_error:
            return _api_error(_("Some parameters are not valid."), {"lang": [lang_error]})
        prefix = "".join(ch for ch in request.GET.get("q", "") if ch.isprintable()).strip()
        prefix = prefix[:MAX_SUGGEST_PREFIX]
        if not prefix:
            return JsonResponse({"suggestions": []})
        try:
            found = get_engine().suggest(prefix, language, limit=8)
        except SearchUnavailable:
            return _api_error(
                _("Search is unavailable right now. Please try again later."), status=503
            )
        except Exception:  # noqa: BLE001
            logger.exception("suggest failed for %r", prefix)
            return _api_error(
                _("Search is unavailable right now. Please try again later."), status=503
            )
        badges = {**kind_badges(), "category": _("Category"), "area": _("Area")}
        suggestions = [
            {"text": s.text, "kind": s.kind, "label": badges.get(s.kind, s.kind), "url": s.url}
            for s in found
        ]
    response = JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=60"
    return response


@never_cache
@require_GET
def click(request):
    """Count a result opened from a search, then go to it. Only our signed
    tokens are accepted, and they lead only to our own pages."""
    data = read_click_token(request.GET.get("t", ""))
    if data is None:
        return HttpResponseBadRequest(_("This link is not valid."))
    analytics.log_click(data["search"], data["kind"], data["position"])
    response = HttpResponseRedirect(data["url"])
    response["Referrer-Policy"] = "same-origin"
    return response
