"""What the search page and the API show of a SearchResults: labels in the
visitor's language, facets as form choices, result links through the click
counter."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core import signing
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from search.documents import KINDS, PRICE_BANDS
from search.params import WHEN_LABELS, ParsedSearch
from search.query import FACETS, FacetValue, Hit, SearchResults

CLICK_SALT = "search.click"


def kind_labels() -> dict[str, str]:
    """Plural names, for the facet."""
    return {
        "shop": _("Shops"),
        "product": _("Products"),
        "attraction": _("Attractions"),
        "event": _("Events"),
        "course": _("Model courses"),
    }


def kind_badges() -> dict[str, str]:
    """Singular names, for a result's badge."""
    return {
        "shop": _("Shop"),
        "product": _("Product"),
        "attraction": _("Attraction"),
        "event": _("Event"),
        "course": _("Model course"),
    }


def price_labels() -> dict[str, str]:
    labels = {}
    for key, low, high in PRICE_BANDS:
        if key == "free":
            labels[key] = _("Free")
        elif low <= 1:
            labels[key] = _("Under ¥%(high)s") % {"high": f"{high:,}"}
        elif high is None:
            labels[key] = _("¥%(low)s and more") % {"low": f"{low:,}"}
        else:
            labels[key] = _("¥%(low)s to ¥%(high)s") % {"low": f"{low:,}", "high": f"{high:,}"}
    return labels


def flag_labels() -> dict[str, str]:
    return {
        "open_now": _("Open now"),
        "barrier_free": _("Barrier-free"),
        "takes_cards": _("Takes cards"),
    }


def facet_titles() -> dict[str, str]:
    return {
        "kind": _("Type"),
        "category": _("Category"),
        "area": _("Area"),
        "price_band": _("Price"),
        "when": _("Dates"),
        "open_now": _("Open now"),
        "barrier_free": _("Barrier-free"),
        "takes_cards": _("Takes cards"),
    }


# The GET parameter of each facet (the form and the URLs).
FACET_PARAMS = {
    "kind": "kind",
    "category": "category",
    "area": "area",
    "price_band": "price",
    "when": "when",
    "open_now": "open_now",
    "barrier_free": "barrier_free",
    "takes_cards": "cards",
}


def labelled_facets(
    results: SearchResults | None, parsed: ParsedSearch
) -> dict[str, list[FacetValue]]:
    """Every facet's values with a label and `selected` from the query."""
    q = parsed.query
    selected = {
        "kind": set(q.kinds),
        "category": set(q.categories),
        "area": set(q.areas),
        "price_band": set(q.price_bands),
        "when": {q.when.key} if q.when else set(),
        "open_now": {"true"} if q.open_now else set(),
        "barrier_free": {"true"} if q.barrier_free else set(),
        "takes_cards": {"true"} if q.takes_cards else set(),
    }
    fixed = {
        "kind": kind_labels(),
        "price_band": price_labels(),
        "when": WHEN_LABELS(),
    }
    facets = {}
    for name in FACETS:
        labels = fixed.get(name, {})
        if results is not None:
            values = list(results.facets.get(name, []))
        else:  # nothing searched (errors, engine down): the fixed choices, uncounted
            values = [FacetValue(key, None) for key in labels if key != "range"]
        out = []
        for value in values:
            label = labels.get(value.value) or value.label or value.value
            if name in flag_labels():
                label = flag_labels()[name]
            out.append(FacetValue(value.value, value.count, label, value.value in selected[name]))
        known = {v.value for v in out}
        for value in sorted(selected[name] - known):
            if name == "when" and value == "range":
                continue
            label = labels.get(value, flag_labels().get(name, value))
            out.append(FacetValue(value, 0, label, True))
        facets[name] = out
    return facets


def click_token(log_id: int | None, hit: Hit, position: int) -> str:
    return signing.dumps(
        {"s": log_id, "k": hit.kind, "p": position, "u": hit.url}, salt=CLICK_SALT, compress=True
    )


def read_click_token(token: str) -> dict | None:
    """The click's data when the token is ours and untouched, else None."""
    try:
        data = signing.loads(token, salt=CLICK_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    url, kind, position = data.get("u"), data.get("k"), data.get("p")
    if not isinstance(url, str) or kind not in KINDS or not isinstance(position, int):
        return None
    # Our own pages only, even from a valid token.
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return None
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return None
    search = data.get("s")
    if search is not None and not isinstance(search, int):
        return None
    return {"search": search, "kind": kind, "position": max(1, min(position, 32767)), "url": url}


@dataclass
class ResultView:
    hit: Hit
    position: int
    badge: str
    link: str
    price_label: str = ""
    extra: dict = field(default_factory=dict)


def price_text(price: int | None) -> str:
    if price is None:
        return ""
    if price == 0:
        return _("Free")
    return _("¥%(price)s") % {"price": f"{price:,}"}


def result_views(results: SearchResults, log_id: int | None, tracked: bool) -> list[ResultView]:
    badges = kind_badges()
    click = reverse("search_click")
    views = []
    for index, hit in enumerate(results.hits):
        position = results.query.offset + index + 1
        link = hit.url
        if tracked:
            link = f"{click}?t={click_token(log_id, hit, position)}"
        views.append(
            ResultView(
                hit=hit,
                position=position,
                badge=badges.get(hit.kind, hit.kind),
                link=link,
                price_label=price_text(hit.price),
            )
        )
    return views


def hit_json(hit: Hit) -> dict:
    return {
        "kind": hit.kind,
        "title": hit.title,
        "url": hit.url,
        "summary": hit.summary,
        "snippet": str(hit.snippet),
        "category": hit.category_label or hit.category,
        "area": hit.area_label or hit.area,
        "price": hit.price,
        "distance_km": None if hit.distance_km is None else round(hit.distance_km, 2),
        "next_start": hit.next_start.isoformat() if hit.next_start else None,
        "language": hit.language,
        "fallback": hit.fallback,
        "latitude": hit.latitude,
        "longitude": hit.longitude,
    }


def facets_json(facets: dict[str, list[FacetValue]]) -> dict:
    return {
        name: [{"value": v.value, "count": v.count, "label": str(v.label)} for v in values]
        for name, values in facets.items()
    }
