"""The one document shape both engines index.

Every searchable thing (a storefront, a product, an attraction, an event, a
model course) becomes one `SearchDocument` per language it exists in. Builders
in `search.sources` make them from the database; engines store them and answer
`SearchQuery`s. Text analysis (`search.analysis`) turns the text fields into
index terms the same way for both engines, so their results agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

KINDS = ("shop", "product", "attraction", "event", "course")
SOURCE_LANGUAGE = "ja"

# Price bands in yen (tax included). A document's band comes from its lowest
# price; 0 is "free". Upper bounds are exclusive.
PRICE_BANDS = (
    ("free", 0, 1),
    ("under-1000", 1, 1000),
    ("1000-3000", 1000, 3000),
    ("3000-10000", 3000, 10000),
    ("10000-plus", 10000, None),
)


def price_band(price: int | None) -> str:
    """The band key for a price in yen; '' when the price is unknown."""
    if price is None:
        return ""
    for key, low, high in PRICE_BANDS:
        if price >= low and (high is None or price < high):
            return key
    return ""


@dataclass
class SearchDocument:
    # "<kind>-<pk>" of the object in this language (page pks differ per
    # language; products use "<pk>-<language>").
    id: str
    kind: str
    language: str
    # Same value for every language version of one object ("<kind>-<translation key>"),
    # so a language's search can fall back to the Japanese version.
    group: str
    title: str
    url: str
    title_kana: str = ""  # reading in kana (Japanese documents)
    summary: str = ""
    body: str = ""  # plain text, truncated by the builder
    category: str = ""  # stable key (slug or code)
    category_label: str = ""  # in the document's language
    area: str = ""  # Area slug
    area_label: str = ""
    tags: list[str] = field(default_factory=list)  # extra words: payment methods, options
    image_url: str = ""
    price: int | None = None  # lowest price in yen, 0 = free
    latitude: float | None = None
    longitude: float | None = None
    barrier_free: bool = False
    takes_cards: bool = False
    # Aware datetime ranges [start, end): event occurrences within the horizon,
    # and opening intervals of the next days (shops, attractions).
    occurrences: list[tuple[dt.datetime, dt.datetime]] = field(default_factory=list)
    opening: list[tuple[dt.datetime, dt.datetime]] = field(default_factory=list)
    # Languages that have their own document for this group (set on the
    # Japanese document only): others fall back to the Japanese one.
    translated_to: list[str] = field(default_factory=list)
    updated_at: dt.datetime | None = None

    @property
    def price_band(self) -> str:
        return price_band(self.price)

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None
