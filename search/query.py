"""What a visitor asks: the validated query both engines answer, and the
results they return. Parsing from GET parameters lives in `search.params`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 20
MAX_RADIUS_KM = 50.0
SORTS = ("relevance", "distance", "date")

# Facets every search returns, in display order. Counts of one facet apply all
# the other facets' filters but not its own, so a visitor sees the
# alternatives to what they picked.
FACETS = (
    "kind",
    "category",
    "area",
    "price_band",
    "when",
    "open_now",
    "barrier_free",
    "takes_cards",
)


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class DateRange:
    """Aware datetimes, [start, end). `key` is the preset (today, weekend,
    month) or 'range'."""

    key: str
    start: dt.datetime
    end: dt.datetime


@dataclass
class SearchQuery:
    text: str = ""
    language: str = "ja"
    kinds: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    price_bands: list[str] = field(default_factory=list)
    when: DateRange | None = None  # events happening in the range
    open_now: bool = False
    barrier_free: bool = False
    takes_cards: bool = False
    near: Point | None = None
    radius_km: float | None = None  # only with `near`
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    now: dt.datetime = field(default_factory=timezone.now)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass
class Hit:
    id: str
    kind: str
    title: str
    url: str
    language: str
    summary: str = ""
    snippet: str = ""  # safe HTML with <mark> around matches
    category: str = ""
    category_label: str = ""
    area: str = ""
    area_label: str = ""
    image_url: str = ""
    price: int | None = None
    distance_km: float | None = None
    next_start: dt.datetime | None = None  # events: next occurrence from now
    # True when the visitor's language has no version and this is the
    # Japanese one.
    fallback: bool = False
    score: float = 0.0
    latitude: float | None = None
    longitude: float | None = None


@dataclass
class FacetValue:
    value: str
    count: int
    label: str = ""
    selected: bool = False


@dataclass
class SearchResults:
    query: SearchQuery
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.page_size))


@dataclass
class Suggestion:
    text: str
    kind: str  # a document kind, "category" or "area"
    url: str = ""
