"""The Elasticsearch engine: one index of `SearchDocument`s behind an alias.

- Text arrives pre-analysed (`search.analysis.index_text`): the name, text and
  reading fields hold space-separated terms indexed with the `whitespace`
  analyzer, which every node has (Elastic's test distribution has no
  analysis-common), so both engines match the same terms.
- The index is `<ELASTICSEARCH_INDEX_PREFIX>-documents-<timestamp>` behind the
  alias `<prefix>-documents`. `rebuild()` loads a new index (no refresh, no
  replicas) while searches keep reading the old one, then swaps the alias in
  one atomic action and deletes the old index. During a rebuild the new index
  also carries the alias `<prefix>-documents-next`, and `index()`/`delete()`
  write to both, so changes made meanwhile are not lost by the swap.
  One rebuild at a time: a second one while an index is loading behind
  that alias fails at once with `RebuildInProgress` (naming the index and
  when it started), unless that index is older than STALE_REBUILD_AFTER
  (one hour: left by a crashed run), which is deleted.
- A rebuild reads the stream in the calling thread, analyses in forked
  processes when cores are idle (`rebuild_workers()`; else in the calling
  thread) and sends bulk requests from another thread, so they overlap;
  chunks in flight are bounded, so memory stays flat.
- Searches are `elasticsearch.dsl` FacetedSearches (each facet's counts
  apply every other facet's filter but not its own: multi-select facets),
  sent as one msearch of several searches: see ElasticsearchEngine.search.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import multiprocessing
import os
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.dsl import (
    A,
    Boolean,
    Date,
    DateRange,
    Document,
    FacetedSearch,
    Float,
    GeoPoint,
    Integer,
    Keyword,
    MetaField,
    Nested,
    Q,
    TermsFacet,
    Text,
)
from elasticsearch.dsl.faceted_search import Facet
from elasticsearch.helpers import BulkIndexError, scan, streaming_bulk

from search import analysis
from search.documents import SOURCE_LANGUAGE, SearchDocument
from search.engines.base import Engine, SearchUnavailable
from search.query import (
    FACETS,
    MAX_QUERY_LENGTH,
    FacetValue,
    Hit,
    SearchQuery,
    SearchResults,
    Suggestion,
)
from search.query import (
    DateRange as QueryDateRange,
)

log = logging.getLogger(__name__)

CHUNK_SIZE = 500
MAX_REBUILD_WORKERS = 1  # each worker adds ~215 MB RSS (PSS ~80 MB): one keeps the sum < 500 MB


def rebuild_workers() -> int:
    """Analysis processes for a rebuild when settings.
    ELASTICSEARCH_REBUILD_WORKERS does not say: one per idle core beyond the
    one the stream, the bulk sender and the node share, at most
    MAX_REBUILD_WORKERS. A worker only pays when a core is idle: handing
    documents over costs about a fifth more CPU in all, so on a busy
    machine (measured here with another process on one of the two cores)
    analysing in this process is faster."""
    idle = (os.cpu_count() or 1) - 1 - round(os.getloadavg()[0])
    return max(0, min(MAX_REBUILD_WORKERS, idle))


PIPELINE_CHUNKS = 2  # analysed chunks waiting for the sender at most
# A loading index older than this (seconds; settings.
# ELASTICSEARCH_REBUILD_STALE_AFTER overrides) was left by a crashed run: the
# next rebuild deletes it instead of refusing to start. 100,000 documents
# load in about a minute here.
STALE_REBUILD_AFTER = 3600
MAX_RETRIES = 5  # 429 (queue full) items and requests, with back-off
INITIAL_BACKOFF = 0.5  # seconds, doubled on each retry of a chunk
MAX_BACKOFF = 30
SUGGEST_LABELS = 3  # category/area suggestions at most, after the names
TERMS_FACET_SIZE = 500  # values of a terms facet (all of a city's categories and areas)
LABELS_PER_VALUE = 4  # (language, label) combinations a facet value has at most, roughly
STORED_ONLY = {"index": False, "doc_values": False}

# Fields a hit is built from (the analysed fields stay out of responses).
DISPLAY_FIELDS = [
    "id",
    "kind",
    "language",
    "title",
    "url",
    "summary",
    "body",
    "category",
    "category_label",
    "area",
    "area_label",
    "image_url",
    "price",
    "latitude",
    "longitude",
    "occurrences",
]


class IndexedDocument(Document):
    """The mapping of the index (one per `SearchDocument` in one language)."""

    id = Keyword()
    kind = Keyword()
    language = Keyword()
    group = Keyword(doc_values=False)
    # Analysed terms, space-separated (search.analysis.index_text).
    name = Text(analyzer="whitespace")
    text = Text(analyzer="whitespace")
    # Reading bigrams are matched term by term: no positions needed
    # (frequencies and norms, all BM25 uses, are kept).
    reading = Text(analyzer="whitespace", index_options="freqs")
    suggest = Keyword(doc_values=False)  # normalised keys autocomplete matches by prefix
    # Display fields (stored in _source only), title also sorts.
    title = Keyword()
    url = Keyword(index=False)  # sorts suggestions
    title_kana = Keyword(**STORED_ONLY)
    summary = Keyword(**STORED_ONLY)
    body = Keyword(**STORED_ONLY)
    image_url = Keyword(**STORED_ONLY)
    tags = Keyword(**STORED_ONLY)
    latitude = Float(index=False)
    longitude = Float(index=False)
    # Filters and facets.
    category = Keyword(doc_values=False)  # counted by category_facet
    category_label = Keyword()
    category_key = Keyword(doc_values=False)  # autocomplete keys of the label
    # "value<US>language<US>label": one terms aggregation gives a facet's
    # counts and the labels its documents give each value.
    category_facet = Keyword(index=False)
    area = Keyword(doc_values=False)  # counted by area_facet
    area_label = Keyword()
    area_key = Keyword(doc_values=False)
    area_facet = Keyword(index=False)
    price = Integer()
    price_band = Keyword()
    location = GeoPoint()
    barrier_free = Boolean()
    takes_cards = Boolean()
    occurrences = DateRange()
    opening = DateRange()
    # Occurrence starts as nested objects: sorting by the next one filters
    # them by date (the test node has no scripting).
    starts = Nested(properties={"start": Date()})
    # The latest occurrence start: "has a start at or after now" without
    # the nested documents (browsing sorts those apart, see DiscoverySearch).
    last_start = Date()
    title_length = Integer()  # shorter names first in suggestions
    translated_to = Keyword(doc_values=False)
    # The languages whose searches show the document: its own, and for a
    # Japanese one each site language it has no translation in (one term
    # query instead of language_filter's disjunction).
    visible_in = Keyword(doc_values=False)
    updated_at = Date()

    class Meta:
        dynamic = MetaField("strict")


def mapping() -> dict:
    return IndexedDocument._doc_type.mapping.to_dict()


def _iso(value: dt.datetime) -> str:
    return value.isoformat()


def _name_keys(keys: Iterable[str]) -> list[str]:
    return sorted({k.strip()[:200] for k in keys if k and k.strip()})


def _label_keys(label: str) -> list[str]:
    return list(analysis.label_keys(label))


FACET_KEY_SEPARATOR = "\x1f"


def _facet_key(value: str, language: str, label: str) -> str | None:
    if not value:
        return None
    return FACET_KEY_SEPARATOR.join((value, language, label or ""))


def source(doc: SearchDocument) -> dict[str, Any]:
    """The indexed body of a document."""
    indexed = analysis.index_text(doc)
    body: dict[str, Any] = {
        "id": doc.id,
        "kind": doc.kind,
        "language": doc.language,
        "group": doc.group,
        "name": " ".join(indexed.name),
        "text": " ".join(indexed.text),
        "reading": " ".join(indexed.reading),
        "suggest": _name_keys(indexed.suggest),
        "title": doc.title,
        "url": doc.url,
        "title_kana": doc.title_kana,
        "summary": doc.summary,
        "body": doc.body,
        "image_url": doc.image_url,
        "tags": list(doc.tags),
        "latitude": doc.latitude,
        "longitude": doc.longitude,
        "category": doc.category or None,
        "category_label": doc.category_label or None,
        "category_key": _label_keys(doc.category_label),
        "category_facet": _facet_key(doc.category, doc.language, doc.category_label),
        "area": doc.area or None,
        "area_label": doc.area_label or None,
        "area_key": _label_keys(doc.area_label),
        "area_facet": _facet_key(doc.area, doc.language, doc.area_label),
        "price": doc.price,
        "price_band": doc.price_band or None,
        "barrier_free": doc.barrier_free,
        "takes_cards": doc.takes_cards,
        "occurrences": [{"gte": _iso(s), "lt": _iso(e)} for s, e in doc.occurrences],
        "opening": [{"gte": _iso(s), "lt": _iso(e)} for s, e in doc.opening],
        "starts": [{"start": _iso(s)} for s in sorted(s for s, _e in doc.occurrences)],
        "last_start": _iso(max(start for start, _e in doc.occurrences))
        if doc.occurrences
        else None,
        "title_length": len(doc.title),
        "translated_to": list(doc.translated_to),
        "visible_in": visible_in(doc),
        "updated_at": _iso(doc.updated_at) if doc.updated_at else None,
    }
    if doc.has_point:
        body["location"] = {"lat": doc.latitude, "lon": doc.longitude}
    return body


# -- facets ---------------------------------------------------------------------


class LabelledTermsFacet(TermsFacet):
    """A terms facet. With a label field (category_label for category) it
    aggregates `<field>_facet` ("value<US>language<US>label") instead, so the
    same buckets give each value's count and its label: the one of a
    document in the visitor's language when there is one (else a Japanese
    fallback's), the greatest when they differ, as the database engine picks
    it."""

    def __init__(
        self,
        field: str,
        label_field: str | None = None,
        language: str = "",
        size: int = TERMS_FACET_SIZE,
    ):
        super().__init__(field=field, size=size)
        self.field = field
        self.label_field = label_field
        self.language = language
        if label_field:
            self._params = {"field": f"{field}_facet", "size": size * LABELS_PER_VALUE}

    def add_filter(self, filter_values):
        if filter_values:
            return Q("terms", **{self.field: list(filter_values)})
        return None

    def facet_values(self, data, selected: list[str]) -> list[FacetValue]:
        counts: dict[str, int] = {}
        labels: dict[str, str] = {}
        for bucket in data["buckets"]:
            key, count = bucket["key"], bucket["doc_count"]
            if self.label_field:
                value, language, label = key.split(FACET_KEY_SEPARATOR, 2)
                # own-language labels rank above the others ("1" > "0")
                rank = ("1" if language == self.language else "0") + label
                if rank > labels.get(value, ""):
                    labels[value] = rank
            else:
                value = key
            counts[value] = counts.get(value, 0) + count
        values = [
            FacetValue(value, count, label=labels.get(value, "")[1:], selected=value in selected)
            for value, count in counts.items()
        ]
        values += [FacetValue(v, 0, selected=True) for v in selected if v not in counts]
        values.sort(key=lambda v: (-v.count, v.value))
        return values


class FlagFacet(Facet):
    """One value, "true": the documents matching `flag_query`."""

    agg_type = "filter"

    def __init__(self, flag_query):
        super().__init__()
        self.flag_query = flag_query

    def get_aggregation(self):
        return A("filter", filter=self.flag_query)

    def get_value_filter(self, filter_value):
        return self.flag_query

    def named_filters(self, name: str) -> dict:
        return {name: self.flag_query}

    def facet_values(self, counts: dict[str, int], name: str, selected) -> list[FacetValue]:
        return [FacetValue("true", counts[name], selected=bool(selected))]


def _overlapping(field: str, start: dt.datetime, end: dt.datetime):
    """Documents with a [start, end) range in `field` overlapping [start, end).
    Elasticsearch keeps ranges with inclusive bounds (the stored `lt` becomes
    end - 1 ms), so the query's end is made inclusive the same way."""
    last = end - dt.timedelta(milliseconds=1)
    return Q("range", **{field: {"gte": _iso(start), "lte": _iso(last), "relation": "intersects"}})


class WhenFacet(Facet):
    """Events in the date presets (today, weekend, month) from the query's
    time; the filter is the query's own DateRange (a preset or any range)."""

    agg_type = "filters"

    def __init__(self, presets: list[QueryDateRange]):
        super().__init__()
        self.presets = presets

    def get_aggregation(self):
        return A(
            "filters",
            filters={p.key: _overlapping("occurrences", p.start, p.end) for p in self.presets},
        )

    def get_value_filter(self, filter_value: QueryDateRange):
        return _overlapping("occurrences", filter_value.start, filter_value.end)

    def is_filtered(self, key, filter_values):
        return any(v.key == key for v in filter_values)

    def named_filters(self, name: str) -> dict:
        return {
            f"{name}:{p.key}": _overlapping("occurrences", p.start, p.end) for p in self.presets
        }

    def facet_values(
        self, counts: dict[str, int], name: str, selected: list[QueryDateRange]
    ) -> list[FacetValue]:
        keys = {v.key for v in selected}
        return [
            FacetValue(p.key, counts[f"{name}:{p.key}"], selected=p.key in keys)
            for p in self.presets
        ]


# -- the search -----------------------------------------------------------------


def _fuzziness(word: analysis.QueryWord) -> str | int:
    # Edit distance 0 up to 3 letters, 1 for 4–6, 2 for longer; prefix_length
    # keeps the first letter.
    return "AUTO:4,7" if word.fuzzy else 0


def _word_query(word: analysis.QueryWord):
    """A query word matches when all its terms are in the name or text, or
    all its reading bigrams are in the reading."""
    options = []
    if word.terms:
        fuzzy = {"fuzziness": _fuzziness(word), "prefix_length": 1} if word.fuzzy else {}
        per_term = [
            Q(
                "bool",
                should=[
                    Q("match", name={"query": term, "boost": 5, **fuzzy}),
                    Q("match", text={"query": term, **fuzzy}),
                ],
                minimum_should_match=1,
            )
            for term in word.terms
        ]
        options.append(Q("bool", must=per_term))
    if word.reading:
        options.append(
            Q("bool", must=[Q("term", reading={"value": b, "boost": 3}) for b in word.reading])
        )
    return Q("bool", should=options, minimum_should_match=1)


def _phrase_query(phrase: list[str]):
    text = " ".join(phrase)
    return Q(
        "bool",
        should=[
            Q("match_phrase", name={"query": text, "boost": 5}),
            Q("match_phrase", text={"query": text}),
        ],
        minimum_should_match=1,
    )


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def visible_in(doc: SearchDocument) -> list[str]:
    if doc.language != SOURCE_LANGUAGE:
        return [doc.language]
    return [doc.language] + [
        code
        for code in site_languages()
        if code != SOURCE_LANGUAGE and code not in doc.translated_to
    ]


def language_filter(language: str):
    """Documents in `language`, plus the Japanese ones not translated to it."""
    if language in site_languages():
        return Q("term", visible_in=language)
    own = Q("term", language=language)
    if language == SOURCE_LANGUAGE:
        return own
    fallback = Q("term", language=SOURCE_LANGUAGE) & ~Q("term", translated_to=language)
    return Q("bool", should=[own, fallback], minimum_should_match=1)


def _next_start_sort(now: dt.datetime) -> dict:
    """Earliest occurrence start at or after `now` first; documents without
    one last."""
    return {
        "starts.start": {
            "order": "asc",
            "mode": "min",
            "missing": "_last",
            "nested": {
                "path": "starts",
                "filter": {"range": {"starts.start": {"gte": _iso(now)}}},
            },
        }
    }


class DiscoverySearch(FacetedSearch):
    """A SearchQuery as an elasticsearch.dsl FacetedSearch on the alias."""

    def __init__(self, engine: ElasticsearchEngine, query: SearchQuery, analyzed):
        from search.params import date_preset

        self.index = engine.alias
        self.using = engine.client
        self.search_query = query
        self.facets = {
            "kind": LabelledTermsFacet("kind"),
            "category": LabelledTermsFacet("category", "category_label", query.language),
            "area": LabelledTermsFacet("area", "area_label", query.language),
            "price_band": LabelledTermsFacet("price_band"),
            "when": WhenFacet([date_preset(k, query.now) for k in ("today", "weekend", "month")]),
            "open_now": FlagFacet(
                _overlapping("opening", query.now, query.now + dt.timedelta(milliseconds=1))
            ),
            "barrier_free": FlagFacet(Q("term", barrier_free=True)),
            "takes_cards": FlagFacet(Q("term", takes_cards=True)),
        }
        filters: dict[str, Any] = {
            "kind": list(query.kinds),
            "category": list(query.categories),
            "area": list(query.areas),
            "price_band": list(query.price_bands),
        }
        if query.when:
            filters["when"] = [query.when]
        for flag in ("open_now", "barrier_free", "takes_cards"):
            if getattr(query, flag):
                filters[flag] = [True]
        super().__init__(query=None if analyzed.empty else analyzed, filters=filters)

    def search(self):
        s = super().search()
        q = self.search_query
        s = s.filter(language_filter(q.language))
        if q.near and q.radius_km:
            s = s.filter(
                "geo_distance",
                distance=f"{q.radius_km}km",
                location={"lat": q.near.latitude, "lon": q.near.longitude},
            )
        # The total is the kind facet's (every document has one kind).
        s = s.source(DISPLAY_FIELDS).extra(track_total_hits=False)
        if self._query is not None:
            s = s.extra(track_scores=True)
        return s

    def aggregate(self, search):
        """Facets whose counts apply the same other filters share one filter
        aggregation (no wrapper at all when those filters are none), and
        the flag and date facets of a group are one `filters` aggregation.
        `self.paths` records where each facet is."""
        groups: dict[frozenset, list[str]] = {}
        for name in self.facets:
            others = frozenset(f for f in self._filters if f != name)
            groups.setdefault(others, []).append(name)
        self.paths: dict[str, tuple[str | None, str]] = {}
        for number, (others, names) in enumerate(groups.items()):
            group = f"_group{number}" if others else None
            if group:
                parent = search.aggs.bucket(
                    group,
                    "filter",
                    filter=Q("bool", filter=[self._filters[f] for f in sorted(others)]),
                )
            else:
                parent = search.aggs
            flags: dict[str, Any] = {}
            for name in names:
                facet = self.facets[name]
                if isinstance(facet, LabelledTermsFacet):
                    parent.bucket(name, facet.get_aggregation())
                    self.paths[name] = (group, name)
                else:
                    flags.update(facet.named_filters(name))
                    self.paths[name] = (group, "_flags")
            if flags:
                parent.bucket("_flags", "filters", filters=flags)

    def facet_results(self, aggregations) -> dict[str, list[FacetValue]]:
        facets = {}
        for name in FACETS:
            facet = self.facets[name]
            group, agg = self.paths[name]
            data = aggregations[group][agg] if group else aggregations[agg]
            selected = self.filter_values.get(name, [])
            if isinstance(facet, LabelledTermsFacet):
                facets[name] = facet.facet_values(data, selected)
            else:
                counts = {k: b["doc_count"] for k, b in data["buckets"].items()}
                facets[name] = facet.facet_values(counts, name, selected)
        return facets

    def total(self, facets: dict[str, list[FacetValue]]) -> int:
        """Documents matching the query and every filter: the kind facet
        applies all the others, and its own filter is the selected kinds."""
        kinds = facets["kind"]
        if self._filters.get("kind") is not None:
            kinds = [v for v in kinds if v.selected]
        return sum(v.count for v in kinds)

    def query(self, search, query):
        must = [_word_query(w) for w in query.words] + [_phrase_query(p) for p in query.phrases]
        return search.query(Q("bool", must=must))

    @property
    def by_next_start(self) -> bool:
        """Events by their next start first (browsing, or sort=date)."""
        q = self.search_query
        if q.sort == "distance" and q.near:
            return False
        return q.sort == "date" or self._query is None

    def later_order(self) -> list:
        """The order of the documents with no start at or after now."""
        order = [{"_score": "desc"}] if self.search_query.sort == "date" else []
        return [*order, {"title": "asc"}, {"id": "asc"}]

    def sort(self, search):
        q = self.search_query
        ties = [{"title": "asc"}, {"id": "asc"}]
        if q.sort == "distance" and q.near:
            order = [
                {
                    "_geo_distance": {
                        "location": {"lat": q.near.latitude, "lon": q.near.longitude},
                        "order": "asc",
                        "unit": "km",
                    }
                },
                {"_score": "desc"},
            ]
        elif self.by_next_start:
            # Only over the documents with a start at or after now: the
            # engine asks for the others apart (see ElasticsearchEngine.search).
            return search.sort(_next_start_sort(q.now), *self.later_order())
        else:
            order = [{"_score": "desc"}]
        return search.sort(*order, *ties)


# -- the engine -----------------------------------------------------------------


class RebuildInProgress(SearchUnavailable):
    """Another rebuild is loading its index (a second one would fight it
    over the alias swap)."""

    def __init__(self, index: str, started: dt.datetime, stale_after: dt.timedelta):
        self.index = index
        self.started = started
        super().__init__(
            f"another rebuild is loading the index {index} (started "
            f"{started:%Y-%m-%d %H:%M:%S} UTC); try again when it has finished. "
            f"A loading index older than {stale_after} counts as left by a crashed "
            f"run and is replaced."
        )


class ElasticsearchEngine(Engine):
    name = "elasticsearch"

    def __init__(
        self,
        url: str | None = None,
        prefix: str | None = None,
        client: Elasticsearch | None = None,
        refresh: bool = True,
    ):
        self.url = url or settings.ELASTICSEARCH_URL
        self.prefix = prefix or settings.ELASTICSEARCH_INDEX_PREFIX
        self.alias = f"{self.prefix}-documents"
        self.next_alias = f"{self.alias}-next"
        # Writes are visible to the next search (indexing runs in background
        # tasks, one object at a time).
        self.refresh = refresh
        self.client = client or Elasticsearch(
            self.url, request_timeout=30, max_retries=2, retry_on_timeout=True
        )
        self._ready = False
        # None: rebuild_workers() decides at the start of each rebuild.
        self.workers: int | None = getattr(settings, "ELASTICSEARCH_REBUILD_WORKERS", None)
        self.stale_after = dt.timedelta(
            seconds=getattr(settings, "ELASTICSEARCH_REBUILD_STALE_AFTER", STALE_REBUILD_AFTER)
        )

    # -- index management -----------------------------------------------------

    @contextmanager
    def _available(self):
        try:
            yield
        except NotFoundError as e:
            if e.error == "index_not_found_exception":
                raise SearchUnavailable(
                    f"Elasticsearch index {self.alias} is missing: run `manage.py rebuild_search_index`"
                ) from e
            raise
        except TransportError as e:
            raise SearchUnavailable(f"Elasticsearch not reachable at {self.url}: {e}") from e
        except ApiError as e:
            if e.status_code in (429, 503):
                raise SearchUnavailable(f"Elasticsearch at {self.url} is busy: {e}") from e
            raise

    def index_settings(self, loading: bool = False) -> dict:
        replicas = getattr(settings, "ELASTICSEARCH_REPLICAS", 0)
        return {
            "number_of_shards": 1,
            "number_of_replicas": 0 if loading else replicas,
            "refresh_interval": "-1" if loading else "1s",
            # A failed load is thrown away, so it need not fsync every request.
            "translog.durability": "async" if loading else "request",
        }

    def _new_index_name(self) -> str:
        return f"{self.alias}-{dt.datetime.now(dt.UTC).strftime('%Y%m%d%H%M%S%f')}"

    def _create_index(self, name: str, aliases: list[str], loading: bool = False) -> None:
        self.client.indices.create(
            index=name,
            settings=self.index_settings(loading),
            mappings=mapping(),
            aliases={a: {} for a in aliases},
        )

    def _indices_behind(self, alias: str) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=alias).keys())
        except NotFoundError:
            return []

    def ensure_index(self) -> None:
        """Create the index behind the alias on first use."""
        if self._ready:
            return
        with self._available():
            if not self.client.indices.exists_alias(name=self.alias):
                self._create_index(self._new_index_name(), [self.alias])
        self._ready = True

    # -- writing --------------------------------------------------------------

    def _bulk(
        self,
        actions: Iterable[dict],
        progress: Callable[[int], None] | None = None,
        ignore_status=(),
        **kwargs,
    ) -> int:
        """Send actions in chunks; items and requests refused with 429 (the
        node's write queue is full) are retried with exponential back-off."""
        written = 0
        errors = []
        for ok, item in streaming_bulk(
            self.client,
            actions,
            chunk_size=CHUNK_SIZE,
            max_retries=MAX_RETRIES,
            initial_backoff=INITIAL_BACKOFF,
            max_backoff=MAX_BACKOFF,
            raise_on_error=False,
            ignore_status=ignore_status,
            **kwargs,
        ):
            if ok:
                written += 1
                if progress and written % CHUNK_SIZE == 0:
                    progress(written)
            elif next(iter(item.values())).get("status") not in ignore_status:
                errors.append(item)
        if errors:
            raise BulkIndexError(f"{len(errors)} document(s) failed to index", errors)
        if progress and written % CHUNK_SIZE:
            progress(written)
        return written

    def _bulk_pipelined(
        self, chunks_of_actions: Iterable[list[dict]], progress: Callable[[int], None] | None = None
    ) -> int:
        """`_bulk` in a sender thread while this thread reads (and the
        analysis workers analyse) the next documents: the node indexes one
        chunk while Python prepares the next (the stream, and so any database
        access, stays in the calling thread). Progress is reported from the
        calling thread."""
        chunks: queue.Queue = queue.Queue(maxsize=PIPELINE_CHUNKS)
        done = object()
        state: dict[str, Any] = {"written": 0, "error": None}

        def consume():
            while (chunk := chunks.get()) is not done:
                yield from chunk

        def count(n):
            state["written"] = n

        def send():
            try:
                state["written"] = self._bulk(consume(), count)
            except BaseException as e:  # handed to the calling thread
                state["error"] = e
                while chunks.get() is not done:  # never leave the producer blocked
                    pass

        sender = threading.Thread(target=send, name="search-bulk", daemon=True)
        sender.start()
        reported = 0
        iterator = iter(chunks_of_actions)
        try:
            while state["error"] is None and (chunk := next(iterator, None)) is not None:
                chunks.put(chunk)
                if progress and state["written"] > reported:
                    reported = state["written"]
                    progress(reported)
        finally:
            if hasattr(iterator, "close"):
                iterator.close()  # stops the analysis workers at once
            chunks.put(done)
            sender.join()
        if state["error"] is not None:
            raise state["error"]
        if progress and state["written"] != reported:
            progress(state["written"])
        return state["written"]

    def _analysed_chunks(
        self, index: str, documents: Iterable[SearchDocument]
    ) -> Iterator[list[dict]]:
        """Bulk actions for `documents`, CHUNK_SIZE at a time, in stream
        order. The analysis (SudachiPy, in Python) is the costly part of a
        rebuild, so `self.workers` forked processes do it while this thread
        reads the stream and the sender thread talks to the node. At most
        two chunks per worker are in flight, so memory stays flat. Workers
        are forked (they inherit the loaded dictionary, and need no Django
        setup); they only analyse and serialise, never touching the database
        or the node. With no workers (or no fork) it all runs here."""
        iterator = iter(documents)
        chunks = iter(lambda: list(islice(iterator, CHUNK_SIZE)), [])
        workers = rebuild_workers() if self.workers is None else self.workers
        if "fork" not in multiprocessing.get_all_start_methods():
            workers = 0
        if workers <= 0:
            for chunk in chunks:
                yield chunk_actions(index, chunk)
            return
        # The dictionary loaded and this thread's tokenizer made before the
        # fork, so no worker inherits a lock another thread held.
        analysis.terms("街角", "ja")
        pool = multiprocessing.get_context("fork").Pool(workers)
        pending: deque = deque()
        try:
            for chunk in chunks:
                pending.append(pool.apply_async(chunk_actions, (index, chunk)))
                while pending and (len(pending) > 2 * workers or pending[0].ready()):
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
            pool.close()
        finally:
            pool.terminate()
            pool.join()

    def _write_targets(self) -> list[str]:
        """The alias, and the index a running rebuild is loading."""
        targets = [self.alias]
        if self.client.indices.exists_alias(name=self.next_alias):
            targets.append(self.next_alias)
        return targets

    def index(self, documents: Iterable[SearchDocument]) -> int:
        self.ensure_index()
        documents = list(documents)
        if not documents:
            return 0
        with self._available():
            targets = self._write_targets()
            actions = [
                {"_index": target, "_id": doc.id, "_source": body}
                for doc in documents
                for body in [source(doc)]
                for target in targets
            ]
            self._bulk(actions, require_alias=True, refresh=self.refresh)
        return len(documents)

    def delete(self, ids: Iterable[str]) -> None:
        self.ensure_index()
        ids = list(ids)
        if not ids:
            return
        with self._available():
            actions = [
                {"_op_type": "delete", "_index": target, "_id": doc_id}
                for doc_id in ids
                for target in self._write_targets()
            ]
            self._bulk(actions, ignore_status=(404,), require_alias=True, refresh=self.refresh)

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        progress: Callable[[int], None] | None = None,
    ) -> int:
        new = self._new_index_name()
        with self._available():
            self._create_index(new, [self.next_alias], loading=True)
            try:
                self._claim_rebuild(new)
                written = self._bulk_pipelined(self._analysed_chunks(new, documents), progress)
                loaded = self.index_settings()
                del loaded["number_of_shards"]
                self.client.indices.put_settings(index=new, settings=loaded)
                self.client.indices.refresh(index=new)
                old = self._indices_behind(self.alias)
                swap = [{"add": {"index": new, "alias": self.alias}}]
                swap += [{"remove": {"index": name, "alias": self.alias}} for name in old]
                swap.append({"remove": {"index": new, "alias": self.next_alias}})
                if not old and self.client.indices.exists(index=self.alias):
                    # A concrete index took the alias's name (auto-created by
                    # a write without the alias): replace it in the same action.
                    swap.append({"remove_index": {"index": self.alias}})
                self.client.indices.update_aliases(actions=swap)
            except BaseException:
                self.client.indices.delete(index=new, ignore_unavailable=True)
                raise
            for name in old:
                self.client.indices.delete(index=name, ignore_unavailable=True)
        self._ready = True
        return written

    def _loading_indices(self) -> dict[str, dt.datetime]:
        """Index → creation time, for the indices behind the "next" alias."""
        try:
            found = self.client.indices.get_settings(
                index=self.next_alias, name="index.creation_date"
            )
        except NotFoundError:
            return {}
        return {
            name: dt.datetime.fromtimestamp(
                int(body["settings"]["index"]["creation_date"]) / 1000, dt.UTC
            )
            for name, body in found.items()
        }

    def _claim_rebuild(self, new: str) -> None:
        """One rebuild at a time: `new` (just created behind the "next"
        alias) goes ahead only if every other index loading there was
        created after it. An index created earlier (or in the same
        millisecond) wins: `new` is deleted and RebuildInProgress raised.
        Whichever of two racing rebuilds created its index first goes on:
        the other one, created later, sees it when it checks. A loading
        index older than `stale_after` was left by a crashed or killed run
        (a live one would have swapped the alias by then): it is deleted and
        does not block."""
        loading = self._loading_indices()
        mine = loading.get(new)
        now = dt.datetime.now(dt.UTC)
        for name, created in sorted(loading.items(), key=lambda item: (item[1], item[0])):
            if name == new:
                continue
            if now - created > self.stale_after:
                log.warning(
                    "Deleting %s: a rebuild started it at %s and never finished", name, created
                )
                self.client.indices.delete(index=name, ignore_unavailable=True)
            elif mine is None or created <= mine:
                self.client.indices.delete(index=new, ignore_unavailable=True)
                raise RebuildInProgress(name, created, self.stale_after)

    def clear(self) -> None:
        """Drop the indices and start an empty one. (Deleting documents one by
        one would leave them counted in the term statistics, and the node
        has no delete-by-query.)"""
        self.drop()
        with self._available():
            self._create_index(self._new_index_name(), [self.alias])
        self._ready = True

    def _all_indices(self) -> list[str]:
        """Every index of this prefix (live, being loaded, or left over)."""
        found = self.client.indices.get(
            index=f"{self.alias}-*", allow_no_indices=True, expand_wildcards="all"
        )
        return sorted(found.keys())

    def drop(self) -> None:
        """Delete every index of this prefix (test teardown), by name: the
        node refuses wildcard deletes."""
        with self._available():
            names = self._all_indices()
            if names:
                self.client.indices.delete(index=",".join(names), ignore_unavailable=True)
        self._ready = False

    # -- reading --------------------------------------------------------------

    def document_ids(self) -> set[str]:
        with self._available():
            return {
                hit["_id"]
                for hit in scan(
                    self.client,
                    index=self.alias,
                    query={"query": {"match_all": {}}, "_source": False},
                    size=1000,
                )
            }

    def size_bytes(self) -> int | None:
        with self._available():
            stats = self.client.indices.stats(index=self.alias, metric="store")
        return stats["_all"]["primaries"]["store"]["size_in_bytes"]

    def count(self) -> int:
        with self._available():
            return self.client.count(index=self.alias)["count"]

    def search(self, query: SearchQuery) -> SearchResults:
        analyzed = analysis.parse_query((query.text or "")[:MAX_QUERY_LENGTH], query.language)
        faceted = DiscoverySearch(self, query, analyzed)[
            query.offset : query.offset + query.page_size
        ]
        # The body elasticsearch.dsl built, taken apart into searches the
        # node runs side by side (msearch), responses read as plain dicts
        # (wrapping them in AttrDicts costs more than the search):
        # - the hits: the facet filters join the query (filter context, no
        #   effect on scores) instead of a post_filter, so only matching
        #   documents are collected and sorted;
        # - each group of facets sharing the same other filters: a size-0
        #   search of the query AND those filters, so its aggregations see
        #   only those documents (one search checking every group's filter
        #   against every document of the query cost several times more).
        body = faceted._s.to_dict()
        matching = body.pop("query", {"match_all": {}})
        facet_filter = body.pop("post_filter", None)
        aggs = body.pop("aggs", {})

        def narrowed(*filters, must_not=None) -> dict:
            narrowing = [f for f in filters if f]
            if not narrowing and not must_not:
                return matching
            combined: dict[str, Any] = {"must": [matching], "filter": narrowing}
            if must_not:
                combined["must_not"] = [must_not]
            return {"bool": combined}

        hits_body = {**body, "query": narrowed(facet_filter)}
        later = None
        if faceted.by_next_start:
            # Sorting every document by its next start (a nested sort) costs
            # more than the rest of a browse: the documents with a start at
            # or after now come first, sorted so; the others (most) follow by
            # title, asked for only when the page reaches them.
            upcoming = {"range": {"last_start": {"gte": _iso(query.now)}}}
            hits_body["query"] = narrowed(facet_filter, upcoming)
            hits_body["track_total_hits"] = True
            later = {
                "query": narrowed(facet_filter, must_not=upcoming),
                "sort": faceted.later_order(),
                "_source": body["_source"],
                "track_total_hits": False,
            }
        searches = [hits_body]
        groups: list[str | None] = []
        ungrouped = {}
        for name, agg in aggs.items():
            if name.startswith("_group"):
                groups.append(name)
                searches.append(
                    {
                        "query": {"bool": {"filter": [matching, agg["filter"]]}},
                        "aggs": agg["aggs"],
                        "size": 0,
                        "track_total_hits": False,
                    }
                )
            else:
                ungrouped[name] = agg
        if ungrouped:
            groups.append(None)
            searches.append(
                {
                    "query": {"bool": {"filter": [matching]}},
                    "aggs": ungrouped,
                    "size": 0,
                    "track_total_hits": False,
                }
            )
        with self._available():
            response, *counted = self._msearch(searches)
            found = response["hits"]["hits"]
            if later is not None and len(found) < query.page_size:
                upcoming_total = response["hits"]["total"]["value"]
                later["from"] = max(0, query.offset - upcoming_total)
                later["size"] = query.page_size - len(found)
                (rest,) = self._msearch([later])
                found = found + rest["hits"]["hits"]
        aggregations: dict[str, Any] = {}
        for group, counts in zip(groups, counted, strict=True):
            if group is None:
                aggregations.update(counts["aggregations"])
            else:
                aggregations[group] = counts["aggregations"]
        facets = faceted.facet_results(aggregations)
        hits = [self._hit(h, query, analyzed) for h in found]
        return SearchResults(query=query, total=faceted.total(facets), hits=hits, facets=facets)

    def _msearch(self, bodies: list[dict]) -> list[dict]:
        """The responses of `bodies`, searched at once; a failed one raises
        (a missing index or a busy node as SearchUnavailable). The request
        cache stays off: the bench repeats identical requests, visitors'
        differ (the time of the search is in them)."""
        searches: list[dict] = []
        for body in bodies:
            searches += [{"request_cache": False}, body]
        responses = self.client.msearch(index=self.alias, searches=searches)["responses"]
        for response in responses:
            error = response.get("error")
            if error is None:
                continue
            status = response.get("status")
            kind = error.get("type", "") if isinstance(error, dict) else ""
            reason = error.get("reason", "") if isinstance(error, dict) else error
            if kind == "index_not_found_exception" or status == 404:
                raise SearchUnavailable(
                    f"Elasticsearch index {self.alias} is missing: run `manage.py rebuild_search_index`"
                )
            if status in (429, 503):
                raise SearchUnavailable(f"Elasticsearch at {self.url} is busy: {reason}")
            raise RuntimeError(f"Elasticsearch search failed ({status} {kind}): {reason}")
        return responses

    def _hit(self, es_hit, query: SearchQuery, analyzed) -> Hit:
        from search.highlight import snippet
        from tourism.nearby import distance_km

        doc = es_hit["_source"]
        lat, lng = doc.get("latitude"), doc.get("longitude")
        distance = None
        if query.near and lat is not None and lng is not None:
            distance = distance_km(query.near.latitude, query.near.longitude, lat, lng)
        summary = doc.get("summary") or ""
        body = doc.get("body") or ""
        language = doc["language"]
        highlight = _with_typo_terms(analyzed, (summary, body), language)
        snippet_source = summary
        if body and not highlight.empty:
            wanted = highlight.all_terms()
            if not (set(analysis.terms(summary, language)) & wanted) and (
                set(analysis.terms(body, language)) & wanted
            ):
                snippet_source = body
        return Hit(
            id=doc["id"],
            kind=doc["kind"],
            title=doc["title"],
            url=doc["url"],
            language=language,
            summary=summary,
            snippet=snippet(snippet_source, highlight, language),
            category=doc.get("category") or "",
            category_label=doc.get("category_label") or "",
            area=doc.get("area") or "",
            area_label=doc.get("area_label") or "",
            image_url=doc.get("image_url") or "",
            price=doc.get("price"),
            distance_km=distance,
            next_start=_next_start(doc.get("occurrences") or [], query.now),
            fallback=language != query.language,
            score=float(es_hit.get("_score") or 0.0),
            latitude=lat,
            longitude=lng,
        )

    def suggest(self, prefix: str, language: str, limit: int = 8) -> list[Suggestion]:
        """Names first (shortest, then in code point order), and up to
        SUGGEST_LABELS category or area labels, which take the last places
        when names would fill the list."""
        prefix = (prefix or "")[:MAX_QUERY_LENGTH]
        keys = [k for k in dict.fromkeys(analysis.suggest_key(prefix)) if k and k.strip()]
        if not keys or limit <= 0:
            return []

        def prefixed(field):
            return Q(
                "bool", should=[Q("prefix", **{field: key}) for key in keys], minimum_should_match=1
            )

        labels_agg = {
            f"{kind}s": {
                "filter": prefixed(f"{kind}_key").to_dict(),
                "aggs": {"labels": {"terms": {"field": f"{kind}_label", "size": 100}}},
            }
            for kind in ("category", "area")
        }
        with self._available():
            response = self.client.search(
                index=self.alias,
                query=language_filter(language).to_dict(),
                post_filter=prefixed("suggest").to_dict(),
                size=limit * 2,
                source=["title", "kind", "url"],
                sort=[{"title_length": "asc"}, {"title": "asc"}, {"url": "asc"}],
                aggs=labels_agg,
                track_total_hits=False,
            )
        names: list[Suggestion] = []
        seen = set()
        for hit in response["hits"]["hits"]:
            src = hit["_source"]
            key = (src["title"], src["kind"], src["url"])
            if key not in seen:
                seen.add(key)
                names.append(Suggestion(text=src["title"], kind=src["kind"], url=src["url"]))
        labels = sorted(
            (
                (len(bucket["key"]), bucket["key"], kind)
                for kind in ("category", "area")
                for bucket in response["aggregations"][f"{kind}s"]["labels"]["buckets"]
            ),
        )[:SUGGEST_LABELS]
        found = [Suggestion(text=text, kind=kind) for _n, text, kind in labels]
        room = max(0, limit - len(found))
        return (names[:room] + found + names[room:])[:limit]


def _with_typo_terms(analyzed, texts, language: str):
    """The query plus, as extra words, the terms of `texts` its typo-tolerant
    words match (the same rule as the query: first letter fixed, one or two
    edits by length), so snippets mark what matched — as the database engine
    marks its typo alternatives."""
    from search.engines.database import edit_distance, is_latin, max_edits

    wanted = {
        t: max_edits(t)
        for w in analyzed.words
        if w.fuzzy
        for t in w.terms
        if is_latin(t) and max_edits(t)
    }
    if not wanted:
        return analyzed
    known = analyzed.all_terms()
    candidates = {t for text in texts if text for t in analysis.terms(text, language)}
    matched = sorted(
        c
        for c in candidates - known
        if 3 <= len(c) <= 100
        and is_latin(c)
        and any(c[0] == t[0] and edit_distance(t, c, edits) <= edits for t, edits in wanted.items())
    )
    if not matched:
        return analyzed
    extra = [analysis.QueryWord(raw=t, terms=[t]) for t in matched]
    return analysis.AnalyzedQuery(words=[*analyzed.words, *extra], phrases=analyzed.phrases)


def _parse_time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def _next_start(occurrences: list[dict], now: dt.datetime) -> dt.datetime | None:
    starts = sorted(_parse_time(o["gte"]) for o in occurrences)
    return next((s for s in starts if s >= now), None)


def iter_actions(index: str, documents: Iterable[SearchDocument]) -> Iterator[dict]:
    for doc in documents:
        yield {"_index": index, "_id": doc.id, "_source": source(doc)}


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def chunk_actions(index: str, documents: list[SearchDocument]) -> list[dict]:
    """Index actions with their sources already serialised (the bulk
    helper sends strings as they are): what a rebuild's workers return."""
    return [{"_index": index, "_id": doc.id, "_source": _dumps(source(doc))} for doc in documents]
