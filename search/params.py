"""GET parameters → a validated `SearchQuery`, with field errors in the
visitor's language.

One parser serves the search page and the JSON API:

- ``q``: trimmed, control characters (null bytes included) removed. Longer
  than MAX_QUERY_LENGTH: the page cuts it to the cap (a visitor who pasted a
  paragraph still gets results, and is told it was shortened); the API answers
  400, since a program should learn its limit instead of getting results for
  a query it did not send.
- ``kind`` (repeatable, in KINDS), ``category`` and ``area`` (repeatable keys),
  ``price`` (repeatable band keys of PRICE_BANDS).
- ``when`` = today | weekend | month | range, with ``from``/``to`` (YYYY-MM-DD,
  both needed for a range, to ≥ from, at most a year). ``from``/``to`` without
  ``when`` mean a range. Presets are computed in Asia/Tokyo from ``now``
  (`date_preset`).
- ``open_now``, ``barrier_free``, ``cards``: "1", "true" or "on" (a checked
  box); "0", "false" or empty: off.
- ``near`` = "lat,lng", an area slug, or "page-<id>" (a live page with a map
  point: attraction, event venue, storefront); ``radius`` in km
  (0 < r ≤ MAX_RADIUS_KM), only with ``near``.
- ``sort`` = relevance | distance (needs ``near``) | date; ``page`` ≥ 1 and
  ≤ MAX_PAGE; ``page_size`` (API only) ≤ MAX_PAGE_SIZE.

A few words in the query text are understood and turn into filters (ja and
en): "open now"/「営業中」, "today"/「今日」, "this weekend"/「今週末」「週末」,
"this month"/「今月」, and "near X"/「Xの近く」「X周辺」 where X is the name,
kana reading or English name of an area or an attraction. The words are taken
out of the text and `ParsedSearch.understood` says what was understood
("Near Sakurayama"), so the page can show it. An explicit parameter wins over
words in the text.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from search.documents import KINDS, PRICE_BANDS, SOURCE_LANGUAGE
from search.query import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    MAX_RADIUS_KM,
    SORTS,
    DateRange,
    Point,
    SearchQuery,
)

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
MAX_PAGE = 100  # deeper pages are never useful and cost the engines most
MAX_RANGE_DAYS = 366
MAX_VALUES = 20  # values of one repeatable parameter
WHEN_PRESETS = ("today", "weekend", "month")
WHEN_CHOICES = (*WHEN_PRESETS, "range")
PRICE_KEYS = tuple(key for key, _low, _high in PRICE_BANDS)
TRUE = {"1", "true", "on", "yes"}
FALSE = {"0", "false", "off", "no", ""}

_KEY = re.compile(r"^[A-Za-z0-9_:.-]{1,100}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_COORDINATES = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
_PAGE_PLACE = re.compile(r"^page-(\d{1,10})$")


def content_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


# -- date presets -------------------------------------------------------------


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=TOKYO)


def date_preset(key: str, now: dt.datetime) -> DateRange:
    """today, weekend or month as an aware [start, end) range in Asia/Tokyo.

    today: today 00:00 → tomorrow 00:00. weekend: Saturday 00:00 → Monday
    00:00 of this week (on a Sunday: today 00:00 → Monday 00:00). month:
    today 00:00 → the first of next month 00:00 (what is left of this month).
    """
    local = timezone.localtime(now, TOKYO)
    today = local.date()
    if key == "today":
        return DateRange(key, _midnight(today), _midnight(today + dt.timedelta(days=1)))
    if key == "weekend":
        weekday = today.weekday()  # Monday 0 … Sunday 6
        if weekday == 6:
            return DateRange(key, _midnight(today), _midnight(today + dt.timedelta(days=1)))
        saturday = today + dt.timedelta(days=5 - weekday)
        return DateRange(key, _midnight(saturday), _midnight(saturday + dt.timedelta(days=2)))
    if key == "month":
        first_next = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        return DateRange(key, _midnight(today), _midnight(first_next))
    raise ValueError(key)


def date_range(start: dt.date, end: dt.date) -> DateRange:
    """Days `start` to `end` inclusive."""
    return DateRange("range", _midnight(start), _midnight(end + dt.timedelta(days=1)))


# -- places ---------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    value: str  # what `near` carries for it: a slug, "page-<id>" or "lat,lng"
    label: str  # its name in the visitor's language ('' for bare coordinates)
    point: Point


def _point(latitude, longitude) -> Point | None:
    if latitude is None or longitude is None:
        return None
    return Point(float(latitude), float(longitude))


def _area_place(area, language: str) -> Place | None:
    """An Area (any locale) as a place named in `language`."""
    from tourism.models import Area

    point = _point(area.latitude, area.longitude)
    if point is None:
        source = Area.objects.filter(
            translation_key=area.translation_key, latitude__isnull=False
        ).first()
        point = source and _point(source.latitude, source.longitude)
    if point is None:
        return None
    named = (
        Area.objects.filter(translation_key=area.translation_key, locale__language_code=language)
        .only("name")
        .first()
    )
    return Place(area.slug, (named or area).name, point)


def _page_place(page, language: str) -> Place | None:
    specific = page.specific
    point = _point(getattr(specific, "latitude", None), getattr(specific, "longitude", None))
    if point is None:
        return None
    from wagtail.models import Page

    named = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .only("title")
        .first()
    )
    named = named or page
    return Place(f"page-{named.pk}", named.title, point)


def resolve_place(value: str, language: str) -> Place | None:
    """The place a `near` value names: coordinates, an area slug or a page."""
    match = _COORDINATES.match(value)
    if match:
        latitude, longitude = float(match[1]), float(match[2])
        if -90 <= latitude <= 90 and -180 <= longitude <= 180:
            return Place(f"{latitude:.6g},{longitude:.6g}", "", Point(latitude, longitude))
        return None
    match = _PAGE_PLACE.match(value)
    if match:
        from wagtail.models import Page

        page = Page.objects.live().filter(pk=int(match[1])).first()
        return page and _page_place(page, language)
    if _KEY.match(value):
        from tourism.models import Area

        area = (
            Area.objects.filter(slug=value, locale__language_code=language).first()
            or Area.objects.filter(slug=value).first()
        )
        return area and _area_place(area, language)
    return None


def area_choices(language: str) -> list[tuple[str, str]]:
    """(slug, name in `language`) of the areas with a map point, for the
    "near" select."""
    from tourism.models import Area

    names: dict[str, tuple[str, str]] = {}
    for area in Area.objects.select_related("locale").order_by("name_kana", "name"):
        if area.latitude is None and area.translation_key not in names:
            continue
        current = names.get(area.translation_key)
        if current is None or area.locale.language_code == language:
            slug = current[0] if current else area.slug
            names[area.translation_key] = (slug, area.name)
    return list(names.values())


# -- words in the text ------------------------------------------------------------

_WHEN_WORDS = {
    "today": ["today", "今日"],
    "weekend": ["this weekend", "今週末", "週末"],
    "month": ["this month", "今月"],
}
_OPEN_WORDS = ["open now", "営業中"]


def _fold_char(char: str) -> str:
    low = char.lower()
    if len(low) != 1:
        low = char
    code = ord(low)
    if 0x30A1 <= code <= 0x30F6:  # katakana → hiragana
        return chr(code - 0x60)
    return low


def _fold(text: str) -> str:
    """Case and kana folded, one character for one: positions stay valid."""
    return "".join(_fold_char(c) for c in text)


def _find_word(text: str, word: str) -> tuple[int, int] | None:
    """Where `word` is in `text` (folded), as a whole word for Latin words."""
    folded, target = _fold(text), _fold(word)
    if target.isascii():
        match = re.search(r"(?<![\w])" + re.escape(target) + r"(?![\w])", folded)
        return match and match.span()
    start = folded.find(target)
    return None if start < 0 else (start, start + len(target))


def _cut(text: str, span: tuple[int, int]) -> str:
    return re.sub(r"\s+", " ", f"{text[: span[0]]} {text[span[1] :]}").strip()


_NEAR_TRIGGERS = ("near ", "の近く", "周辺", "近く")


def _place_names() -> list[tuple[str, object]]:
    """(name, area or page) of every area and live attraction in every
    language: names, kana readings and titles. Only read when the text has a
    "near" word."""
    from tourism.models import Area, AttractionPage

    names = []
    for area in Area.objects.all():
        for name in (area.name, area.name_kana):
            if name:
                names.append((name, area))
    for page in AttractionPage.objects.live().only(
        "pk", "title", "name_kana", "translation_key", "latitude", "longitude"
    ):
        for name in (page.title, page.name_kana):
            if name:
                names.append((name, page))
    names.sort(key=lambda item: -len(item[0]))
    return names


def _near_from_text(text: str, language: str):
    """(place, text without the words) for "near X", "Xの近く", "X周辺"."""
    folded = _fold(text)
    if not any(trigger in folded for trigger in _NEAR_TRIGGERS):
        return None, text
    from tourism.models import Area

    for name, thing in _place_names():
        target = _fold(name)
        spans = []
        if target.isascii():
            match = re.search(
                r"(?<![\w])near\s+(?:the\s+)?" + re.escape(target) + r"(?![\w])", folded
            )
            if match:
                spans.append(match.span())
        for suffix in ("の近く", "周辺", "近く"):
            start = folded.find(target + suffix)
            if start >= 0:
                spans.append((start, start + len(target) + len(suffix)))
        if not spans:
            continue
        if isinstance(thing, Area):
            place = _area_place(thing, language)
        else:
            place = _page_place(thing, language)
        if place is not None:
            return place, _cut(text, spans[0])
    return None, text


# -- the parser -------------------------------------------------------------------


@dataclass
class ParsedSearch:
    query: SearchQuery
    errors: dict[str, list[str]] = field(default_factory=dict)
    # What the text was understood to ask, in the visitor's language.
    understood: list[str] = field(default_factory=list)
    truncated: bool = False  # the page cut q to MAX_QUERY_LENGTH
    place: Place | None = None  # what `near` resolved to
    values: dict = field(default_factory=dict)  # cleaned parameters, for the form

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def filtered(self) -> bool:
        q = self.query
        return bool(
            q.kinds
            or q.categories
            or q.areas
            or q.price_bands
            or q.when
            or q.open_now
            or q.barrier_free
            or q.takes_cards
            or q.near
        )


def _clean_text(value: str) -> str:
    return _CONTROL.sub("", value or "").strip()


def parse(
    params, *, language: str, now: dt.datetime | None = None, api: bool = False
) -> ParsedSearch:
    """Validate `params` (a QueryDict) into a SearchQuery. Messages are in the
    active language."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    values: dict = {}

    def error(name, message):
        errors.setdefault(name, []).append(message)

    def many(name):
        found = [_clean_text(v) for v in params.getlist(name)]
        found = [v for v in found if v]
        if len(found) > MAX_VALUES:
            error(name, _("Choose at most %(count)d values.") % {"count": MAX_VALUES})
            return []
        return list(dict.fromkeys(found))

    def flag(name):
        raw = _clean_text(params.get(name, "")).lower()
        if raw in TRUE:
            return True
        if raw not in FALSE:
            error(name, _("Use 1 or true to turn this filter on."))
        return False

    query = SearchQuery(language=language, now=now)

    # q
    text = _clean_text(params.get("q", ""))
    truncated = False
    if len(text) > MAX_QUERY_LENGTH:
        if api:
            error(
                "q",
                _("The search text is too long: at most %(max)d characters.")
                % {"max": MAX_QUERY_LENGTH},
            )
        text = text[:MAX_QUERY_LENGTH].strip()
        truncated = not api
    values["q"] = text

    kinds = many("kind")
    for kind in kinds:
        if kind not in KINDS:
            error("kind", _("Unknown kind: %(value)s.") % {"value": kind[:40]})
    query.kinds = [k for k in kinds if k in KINDS]

    for name, attribute in (("category", "categories"), ("area", "areas")):
        found = many(name)
        bad = [v for v in found if not _KEY.match(v)]
        if bad:
            error(name, _("Not a valid choice: %(value)s.") % {"value": bad[0][:40]})
        setattr(query, attribute, [v for v in found if _KEY.match(v)])

    prices = many("price")
    for price in prices:
        if price not in PRICE_KEYS:
            error("price", _("Unknown price band: %(value)s.") % {"value": price[:40]})
    query.price_bands = [p for p in prices if p in PRICE_KEYS]

    # when
    when = _clean_text(params.get("when", "")).lower()
    start_raw = _clean_text(params.get("from", ""))
    end_raw = _clean_text(params.get("to", ""))
    if not when and (start_raw or end_raw):
        when = "range"
    if when and when not in WHEN_CHOICES:
        error("when", _("Choose today, this weekend, this month or dates."))
    elif when in WHEN_PRESETS:
        query.when = date_preset(when, now)
    elif when == "range":
        days = {}
        for name, raw in (("from", start_raw), ("to", end_raw)):
            if not raw:
                error(name, _("Enter a date."))
                continue
            try:
                days[name] = dt.date.fromisoformat(raw) if len(raw) == 10 else None
            except ValueError:
                days[name] = None
            if days[name] is None:
                error(name, _("Enter a date as YYYY-MM-DD."))
        start, end = days.get("from"), days.get("to")
        if start and end:
            if end < start:
                error("to", _("The end date must not be before the start date."))
            elif (end - start).days >= MAX_RANGE_DAYS:
                error("to", _("Choose a range of at most one year."))
            else:
                query.when = date_range(start, end)
    values.update({"when": when, "from": start_raw[:10], "to": end_raw[:10]})

    query.open_now = flag("open_now")
    query.barrier_free = flag("barrier_free")
    query.takes_cards = flag("cards")

    # near / radius
    place = None
    near_raw = _clean_text(params.get("near", ""))
    if near_raw:
        place = resolve_place(near_raw[:100], language)
        if place is None:
            error("near", _("Choose a place from the list or share your location."))
    values["near"] = place.value if place else ""
    radius_raw = _clean_text(params.get("radius", ""))
    if radius_raw:
        try:
            radius = float(radius_raw)
        except ValueError:
            radius = None
        if radius is None or not (0 < radius <= MAX_RADIUS_KM) or radius != radius:
            error(
                "radius",
                _("Enter a distance over 0 and up to %(max)s km.") % {"max": f"{MAX_RADIUS_KM:g}"},
            )
        elif not near_raw:
            error("radius", _("Choose a place to search around first."))
        else:
            query.radius_km = radius
    values["radius"] = f"{query.radius_km:g}" if query.radius_km else ""

    # sort
    sort = _clean_text(params.get("sort", "")).lower() or "relevance"
    if sort not in SORTS:
        error("sort", _("Sort by relevance, distance or date."))
        sort = "relevance"
    query.sort = sort

    # paging
    def number(name, low, high, default):
        raw = _clean_text(params.get(name, ""))
        if not raw:
            return default
        if not raw.isdigit() or not (low <= int(raw) <= high):
            error(
                name,
                _("Enter a whole number from %(low)d to %(high)d.") % {"low": low, "high": high},
            )
            return default
        return int(raw)

    query.page = number("page", 1, MAX_PAGE, 1)
    if api:
        query.page_size = number("page_size", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE)

    # words in the text
    understood = []
    if text:
        if not when:
            for key, words in _WHEN_WORDS.items():
                span = next(filter(None, (_find_word(text, w) for w in words)), None)
                if span:
                    text = _cut(text, span)
                    query.when = date_preset(key, now)
                    values["when"] = key
                    understood.append(WHEN_LABELS()[key])
                    break
        for word in _OPEN_WORDS:
            span = _find_word(text, word)
            if span:
                text = _cut(text, span)
                if not query.open_now:
                    query.open_now = True
                    understood.append(_("Open now"))
                break
        if not near_raw:
            found, rest = _near_from_text(text, language)
            if found is not None:
                place, text = found, rest
                understood.append(_("Near %(place)s") % {"place": found.label})
    query.text = text
    if place is not None:
        query.near = place.point
    if sort == "distance" and query.near is None and "sort" not in errors:
        error("sort", _("Choose a place to sort by distance."))
        query.sort = "relevance"

    return ParsedSearch(
        query=query,
        errors=errors,
        understood=understood,
        truncated=truncated,
        place=place,
        values=values,
    )


def WHEN_LABELS() -> dict[str, str]:  # noqa: N802 - a table, translated when called
    return {
        "today": _("Today"),
        "weekend": _("This weekend"),
        "month": _("This month"),
        "range": _("Dates"),
    }


def api_language(params) -> tuple[str, str | None]:
    """The API's `lang` (default ja) and an error when it is not a site language."""
    lang = _clean_text(params.get("lang", "")) or SOURCE_LANGUAGE
    if lang not in content_languages():
        return SOURCE_LANGUAGE, _("Unknown language: %(value)s.") % {"value": lang[:20]}
    return lang, None
