"""The embedded search engine: the project's own database, no extra service.

Storage (search.models, migrations 0002/0003):
- `IndexEntry`: one row per SearchDocument (display and filter fields, the
  point as lat/lng and as a unit vector, the analysed terms of name, text and
  reading as space-joined text).
- `IndexRange`: event occurrences and opening intervals, for `when`,
  `open_now` and the next start of an event.
- `IndexSuggestKey`: normalised keys autocomplete matches by prefix (titles
  and their readings, category and area labels).
- `IndexTerm`: the Latin vocabulary typo tolerance expands query words from.
- Full text: SQLite, an FTS5 table (external content = IndexEntry, ranked by
  bm25 with column weights name 5, text 1, reading 3); PostgreSQL, a
  generated tsvector column (name A, reading B, text C; no text-search
  parser, each analysed term is a lexeme) with a GIN index, ranked by
  ts_rank_cd with the same weights.

Text analysis is `search.analysis`, shared with the Elasticsearch engine:
the database only ever matches whole analysed terms.

A search costs at most three queries whatever the number of documents: the
typo candidates (only when the query has Latin words), one query for the
total and every facet (a materialised CTE with one boolean column per
filter, counted once per facet with the other filters applied), and one for
the page of hits with their next start.
"""

# All SQL here is built from fixed fragments; values always go as parameters.
# ruff: noqa: S608

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from search import analysis
from search.documents import SearchDocument
from search.engines.base import Engine
from search.highlight import snippet
from search.models import (
    FACET_KEY,
    IndexEntry,
    IndexRange,
    IndexSuggestKey,
    IndexTerm,
)
from search.query import (
    FACETS,
    MAX_QUERY_LENGTH,
    FacetValue,
    Hit,
    SearchQuery,
    SearchResults,
    Suggestion,
)
from tourism.nearby import EARTH_RADIUS_KM, distance_km

CHUNK = 500
REBUILD_LOCK = 0x6D61_6368  # PostgreSQL advisory lock key of a rebuild ("mach")
FTS_TABLE = "search_indexentry_fts"
# bm25 weights in FTS5 column order (name_terms, text_terms, reading_terms),
# and ts_rank_cd weights {D, C, B, A} = {-, text, reading, name}.
BM25_WEIGHTS = (5.0, 1.0, 3.0)
TS_RANK_WEIGHTS = "{0.0, 0.2, 0.6, 1.0}"
MAX_EXPANSIONS = 50  # typo alternatives per term, closest first (as Elasticsearch)
LIST_FACETS = ("kind", "category", "area", "price_band")
WHEN_KEYS = ("today", "weekend", "month")
SUGGEST_LABELS = 3  # category/area suggestions at most, after the names

# -- FTS5-safe terms ---------------------------------------------------------------
#
# FTS5's unicode61 tokenizer (diacritics kept, "_" a token character) keeps a
# run of letters and digits whole. An analysed term may hold other characters
# (a mark, a symbol) or a letter SQLite's Unicode 6.1 tables do not know:
# those are written as _<hex>_, so every term stays one token and different
# terms stay different. Both engines' terms go through this, on both vendors.

_UNICODE61_SPLITS = re.compile("[\u19b0-\u19c0\u19c8\u19c9\u1cf2\u1cf3_]")


def _safe_char(char: str) -> bool:
    return char.isalnum() and not _UNICODE61_SPLITS.match(char)


def fts_token(term: str) -> str:
    if term.isalnum() and not _UNICODE61_SPLITS.search(term):
        return term
    return "".join(c if _safe_char(c) else f"_{ord(c):x}_" for c in term)


def _joined(terms: Iterable[str]) -> str:
    return " ".join(fts_token(t) for t in terms if t)


# -- typo tolerance ------------------------------------------------------------------

_LATIN = re.compile(r"[0-9a-z\u00df-\u024f]+")


def is_latin(term: str) -> bool:
    return bool(_LATIN.fullmatch(term))


def max_edits(term: str) -> int:
    """Elasticsearch's fuzziness AUTO:4,7 — exact below 4 letters, one edit
    up to 6, two from 7."""
    if len(term) < 4:
        return 0
    return 1 if len(term) < 7 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a transposition is one edit, as
    Elasticsearch counts), or limit + 1 once it is sure to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _typo_alternatives(words: list[analysis.QueryWord]) -> dict[str, list[str]]:
    """{term: [close index terms]} for the fuzzy words' Latin terms (one query)."""
    wanted = {
        t: max_edits(t) for w in words if w.fuzzy for t in w.terms if is_latin(t) and max_edits(t)
    }
    if not wanted:
        return {}
    condition = Q()
    for term, edits in wanted.items():
        condition |= Q(first=term[0], length__gte=len(term) - edits, length__lte=len(term) + edits)
    candidates = list(IndexTerm.objects.filter(condition).values_list("term", flat=True))
    found: dict[str, list[str]] = {}
    for term, edits in wanted.items():
        close = []
        for candidate in candidates:
            if candidate == term or candidate[0] != term[0]:
                continue
            distance = edit_distance(term, candidate, edits)
            if distance <= edits:
                close.append((distance, candidate))
        close.sort()
        found[term] = [c for _d, c in close[: MAX_EXPANSIONS - 1]]
    return found


# -- distances -----------------------------------------------------------------------


def unit_vector(latitude: float, longitude: float) -> tuple[float, float, float]:
    lat, lng = math.radians(latitude), math.radians(longitude)
    return (math.cos(lat) * math.cos(lng), math.cos(lat) * math.sin(lng), math.sin(lat))


def _chord2(km: float) -> float:
    """Squared chord (on the unit sphere) of a great-circle distance."""
    return (2 * math.sin(min(km / EARTH_RADIUS_KM, math.pi) / 2)) ** 2


def _bounding_box(lat: float, lng: float, km: float):
    """(lat_min, lat_max, lng_min, lng_max or None): every point within km
    lies inside (lng None when the box would wrap the antimeridian or a pole)."""
    angle = km / EARTH_RADIUS_KM
    dlat = math.degrees(angle)
    lat_min, lat_max = lat - dlat, lat + dlat
    if lat_min <= -90 or lat_max >= 90 or angle >= math.pi / 2:
        return max(lat_min, -90.0), min(lat_max, 90.0), None, None
    dlng = math.degrees(math.asin(min(1.0, math.sin(angle) / math.cos(math.radians(lat)))))
    if lng - dlng < -180 or lng + dlng > 180:
        return lat_min, lat_max, None, None
    return lat_min, lat_max, lng - dlng, lng + dlng


# -- SQL building ----------------------------------------------------------------------


@dataclass
class _Sql:
    """A fragment and its parameters, in order."""

    sql: str = ""
    params: list = field(default_factory=list)


def _in(column: str, values: list) -> _Sql:
    return _Sql(f"{column} IN ({', '.join(['%s'] * len(values))})", list(values))


def _quote_fts(term: str) -> str:
    return '"' + fts_token(term).replace('"', '""') + '"'


def _quote_ts(term: str) -> str:
    token = fts_token(term).replace("\\", "\\\\").replace("'", "''")
    return f"'{token}'"


def _match_expression(
    parsed: analysis.AnalyzedQuery, typos: dict[str, list[str]], vendor: str
) -> str:
    """The FTS5 MATCH expression (sqlite) or tsquery text (postgresql): every
    word (its terms in name or text, typo alternatives OR'ed; or all its
    reading bigrams in reading) and every phrase. Terms are always quoted, so
    nothing the visitor types is query syntax."""
    parts = []
    pg = vendor == "postgresql"

    def term_sql(term, weights="AC"):
        alternatives = [term, *typos.get(term, [])]
        if pg:
            quoted = [f"{_quote_ts(t)}:{weights}" for t in alternatives]
            return quoted[0] if len(quoted) == 1 else "(" + " | ".join(quoted) + ")"
        quoted = [_quote_fts(t) for t in alternatives]
        return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"

    for word in parsed.words:
        options = []
        if word.terms:
            if pg:
                options.append("(" + " & ".join(term_sql(t) for t in word.terms) + ")")
            else:
                inner = " AND ".join(term_sql(t) for t in word.terms)
                options.append(f"({{name_terms text_terms}} : ({inner}))")
        if word.reading:
            if pg:
                options.append("(" + " & ".join(f"{_quote_ts(r)}:B" for r in word.reading) + ")")
            else:
                inner = " AND ".join(_quote_fts(r) for r in word.reading)
                options.append(f"({{reading_terms}} : ({inner}))")
        if options:
            parts.append("(" + (" | " if pg else " OR ").join(options) + ")")
    for phrase in parsed.phrases:
        if not phrase:
            continue
        if pg:
            parts.append("(" + " <-> ".join(f"{_quote_ts(t)}:AC" for t in phrase) + ")")
        else:
            inner = " + ".join(_quote_fts(t) for t in phrase)
            parts.append(f"({{name_terms text_terms}} : ({inner}))")
    return (" & " if pg else " AND ").join(parts)


def _when_ranges(now: dt.datetime):
    from search.params import date_preset

    return {key: date_preset(key, now) for key in WHEN_KEYS}


def _to_datetime(value) -> dt.datetime | None:
    """An aware datetime from what the database gives for a stored one
    (SQLite: text from an expression, a naive UTC datetime from a column)."""
    if value is None:
        return None
    parsed = value if isinstance(value, dt.datetime) else parse_datetime(str(value))
    if parsed is not None and timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _count_facets(keys: list[tuple], sign: int) -> dict[tuple, int]:
    """Add (sign +1) or take away (-1) entries with these FACET_KEY values
    in IndexFacetCount (one upsert per distinct key; rows stay at 0, so
    their ids stay valid); {key: IndexFacetCount id} of these keys."""
    if not keys:
        return {}
    counts: dict[tuple, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + sign
    columns = ", ".join(f'"{c}"' for c in FACET_KEY)
    placeholders = ", ".join(["%s"] * (len(FACET_KEY) + 1))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO search_indexfacetcount ({columns}, count) VALUES ({placeholders})"
            f" ON CONFLICT ({columns}) DO UPDATE"
            " SET count = search_indexfacetcount.count + excluded.count",
            [(*key, count) for key, count in counts.items()],
        )
        if sign < 0:
            return {}
        # The ids of these keys: the combinations are few, read them all.
        cursor.execute(f"SELECT {columns}, id FROM search_indexfacetcount")
        ids = {tuple(row[:-1]): row[-1] for row in cursor.fetchall()}
    return {key: ids[key] for key in counts}


def _facet_key(entry: IndexEntry) -> tuple:
    return tuple(getattr(entry, c) for c in FACET_KEY)


def _merged(intervals) -> list[tuple]:
    """Overlapping or touching intervals joined, so that one interval of a
    document at most holds any instant (open-now counts ranges, not
    documents)."""
    merged: list[list] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [tuple(pair) for pair in merged]


class _Plan:
    """Everything one search needs, built once: the FROM/WHERE of the
    matching documents and one boolean SQL expression per active filter."""

    def __init__(self, query: SearchQuery, vendor: str):
        self.query = query
        self.vendor = vendor
        self.pg = vendor == "postgresql"
        text = (query.text or "")[:MAX_QUERY_LENGTH]
        self.parsed = analysis.parse_query(text, query.language)
        self.typos = _typo_alternatives(self.parsed.words) if not self.parsed.empty else {}
        self.match = (
            _match_expression(self.parsed, self.typos, vendor) if not self.parsed.empty else ""
        )
        self.adapt = connection.ops.adapt_datetimefield_value

    # FROM + the conditions every row of the search meets (text, language, radius)
    def source(self, with_score: bool) -> _Sql:
        out = _Sql()
        if self.match and not self.pg:
            score = (
                f"-bm25({FTS_TABLE}, {', '.join(map(str, BM25_WEIGHTS))})" if with_score else "0"
            )
            out.sql = (
                f"FROM {FTS_TABLE} CROSS JOIN search_indexentry e ON e.fts_rowid = {FTS_TABLE}.rowid "
                f"WHERE {FTS_TABLE} MATCH %s"
            )
            out.params.append(self.match)
        elif self.match:
            score = "ts_rank_cd(%s::float4[], e.search_vector, %s::tsquery)" if with_score else "0"
            out.sql = "FROM search_indexentry e WHERE e.search_vector @@ %s::tsquery"
            out.params.append(self.match)
        else:
            score = "0"
            out.sql = "FROM search_indexentry e WHERE 1 = 1"
        self.score_sql = score
        self.score_params = (
            [TS_RANK_WEIGHTS, self.match] if (self.pg and self.match and with_score) else []
        )
        language = self.language()
        out.sql += f" AND {language.sql}"
        out.params += language.params
        radius = self.radius()
        if radius.sql:
            out.sql += f" AND {radius.sql}"
            out.params += radius.params
        return out

    def radius(self) -> _Sql:
        """Within the radius around `near`, if both are given (on `e`): a
        bounding box the point index narrows, then the exact distance."""
        near, radius = self.query.near, self.query.radius_km
        if near is None or not radius:
            return _Sql()
        lat_min, lat_max, lng_min, lng_max = _bounding_box(near.latitude, near.longitude, radius)
        out = _Sql("e.latitude BETWEEN %s AND %s", [lat_min, lat_max])
        if lng_min is not None:
            out.sql += " AND e.longitude BETWEEN %s AND %s"
            out.params += [lng_min, lng_max]
        distance = self.distance()
        out.sql += f" AND {distance.sql} <= %s"
        out.params += [*distance.params, _chord2(radius) * (1 + 1e-9)]
        return out

    def language(self) -> _Sql:
        """Documents in the visitor's language, and Japanese ones not
        translated to it (on `e`)."""
        language = self.query.language
        if language == "ja":
            return _Sql("e.language = %s", ["ja"])
        return _Sql(
            "(e.language = %s OR (e.language = %s AND e.translated_to NOT LIKE %s))",
            [language, "ja", f"%,{language},%"],
        )

    @property
    def browses_by_date(self) -> bool:
        """No text and not by distance: events by their next start, then
        everything else by title."""
        return self.parsed.empty and self.query.sort != "distance"

    @property
    def uses_facet_counts(self) -> bool:
        """Browsing (no text, no radius): every entry of the language is in,
        so IndexFacetCount holds the counts."""
        return self.parsed.empty and not (self.query.near is not None and self.query.radius_km)

    def distance(self) -> _Sql:
        """Squared chord to `near` (NULL without a point): orders like the
        great-circle distance."""
        x, y, z = unit_vector(self.query.near.latitude, self.query.near.longitude)
        return _Sql(
            "((e.unit_x - %s) * (e.unit_x - %s) + (e.unit_y - %s) * (e.unit_y - %s)"
            " + (e.unit_z - %s) * (e.unit_z - %s))",
            [x, x, y, y, z, z],
        )

    @cached_property
    def longest(self) -> dict[str, int]:
        """The longest range of each kind, in seconds (two index lookups)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT max(length) FROM search_indexrange WHERE kind = %s),"
                " (SELECT max(length) FROM search_indexrange WHERE kind = %s)",
                [IndexRange.OCCURRENCE, IndexRange.OPENING],
            )
            occurrence, opening = cursor.fetchone()
        return {IndexRange.OCCURRENCE: occurrence or 0, IndexRange.OPENING: opening or 0}

    def range_scan(self, kind: str, start, end=None) -> _Sql:
        """Conditions on `r` (search_indexrange) for ranges of `kind`
        overlapping [start, end) — or, without end, holding the instant
        `start`. A range that does also starts after start - longest, which
        bounds the scan of the (kind, start) index."""
        earliest = start - dt.timedelta(seconds=self.longest[kind])
        if end is None:
            condition = 'r.kind = %s AND r.start <= %s AND r.start >= %s AND r."end" > %s'
            params = [kind, self.adapt(start), self.adapt(earliest), self.adapt(start)]
        else:
            condition = 'r.kind = %s AND r.start < %s AND r.start >= %s AND r."end" > %s'
            params = [kind, self.adapt(end), self.adapt(earliest), self.adapt(start)]
        return _Sql(condition, params)

    def _ranges(self, kind: str, start, end=None) -> _Sql:
        """Rows with a range of `kind` overlapping [start, end) (or holding
        the instant `start`)."""
        scan = self.range_scan(kind, start, end)
        # Only events have occurrences: other rows skip the lookup.
        only = "e.kind = %s AND " if kind == IndexRange.OCCURRENCE else ""
        return _Sql(
            f"({only}e.id IN (SELECT r.document_id FROM search_indexrange r WHERE {scan.sql}))",
            [*(["event"] if only else []), *scan.params],
        )

    def open_now(self) -> _Sql:
        return self._ranges(IndexRange.OPENING, self.query.now)

    def filters(self) -> dict[str, _Sql]:
        """{facet: condition} for the filters the visitor chose."""
        q = self.query
        found = {}
        if q.kinds:
            found["kind"] = _in("e.kind", q.kinds)
        if q.categories:
            found["category"] = _in("e.category", q.categories)
        if q.areas:
            found["area"] = _in("e.area", q.areas)
        if q.price_bands:
            found["price_band"] = _in("e.price_band", q.price_bands)
        if q.when is not None:
            found["when"] = self._ranges(IndexRange.OCCURRENCE, q.when.start, q.when.end)
        if q.open_now:
            found["open_now"] = self.open_now()
        if q.barrier_free:
            found["barrier_free"] = _Sql("e.barrier_free = %s", [True])
        if q.takes_cards:
            found["takes_cards"] = _Sql("e.takes_cards = %s", [True])
        return found

    def next_start(self) -> _Sql:
        return _Sql(
            "(SELECT min(r.start) FROM search_indexrange r WHERE r.document_id = e.id"
            " AND r.kind = %s AND r.start >= %s)",
            [IndexRange.OCCURRENCE, self.adapt(self.query.now)],
        )


# The columns a hit shows, read for the page only.
DISPLAY = (
    "e.id, e.kind, e.title, e.url, e.language, e.summary, e.body, e.category,"
    " e.category_label, e.area, e.area_label, e.image_url, e.price, e.latitude, e.longitude"
)


class DatabaseEngine(Engine):
    name = "database"

    # -- writing ------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> int:
        written = 0
        with transaction.atomic():
            for chunk in _chunks(documents, CHUNK):
                written += self._write(chunk)
        return written

    def delete(self, ids: Iterable[str]) -> None:
        with transaction.atomic():
            for chunk in _chunks(ids, CHUNK):
                self._remove(chunk)

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Everything replaced in one transaction, chunk by chunk (memory
        stays flat). PostgreSQL: searches see the old rows until the commit
        (MVCC; DELETE, not TRUNCATE, which would lock readers out). SQLite (WAL
        mode): readers keep the last committed snapshot too, but the rebuild
        holds the only write lock meanwhile, so other writers wait (and give
        up after busy_timeout: a second rebuild fails with "database is
        locked"). PostgreSQL: a second rebuild waits for the first (advisory
        lock), then replaces everything again."""
        written = 0
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # A second rebuild waits here for the first to commit (its
                # DELETE would otherwise miss the rows the first inserts).
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REBUILD_LOCK])
            self._clear()
            for chunk in _chunks(documents, CHUNK):
                written += self._write(chunk)
                if progress:
                    progress(written)
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
                    # Statistics, so the planner picks the point index for
                    # a radius rather than the language index.
                    for table in (
                        "search_indexentry",
                        "search_indexrange",
                        "search_indexsuggestkey",
                    ):
                        cursor.execute(f"ANALYZE {table}")
        return written

    def clear(self) -> None:
        with transaction.atomic():
            self._clear()

    def _clear(self):
        with connection.cursor() as cursor:
            for table in (
                "search_indexrange",
                "search_indexsuggestkey",
                "search_indexterm",
                "search_indexfacetcount",
                "search_indexentry",
            ):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
            if connection.vendor == "sqlite":
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")

    def _remove(self, ids: list[str]) -> None:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return
        if connection.vendor == "sqlite":
            old = list(
                IndexEntry.objects.filter(id__in=ids, fts_rowid__isnull=False).values_list(
                    "fts_rowid", "name_terms", "text_terms", "reading_terms"
                )
            )
            if old:
                with connection.cursor() as cursor:
                    cursor.executemany(
                        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name_terms, text_terms,"
                        " reading_terms) VALUES ('delete', %s, %s, %s, %s)",
                        old,
                    )
        _count_facets(list(IndexEntry.objects.filter(id__in=ids).values_list(*FACET_KEY)), -1)
        IndexRange.objects.filter(document_id__in=ids).delete()
        IndexSuggestKey.objects.filter(document_id__in=ids).delete()
        IndexEntry.objects.filter(id__in=ids).delete()

    def _write(self, documents: list[SearchDocument]) -> int:
        unique = {doc.id: doc for doc in documents}
        documents = list(unique.values())
        self._remove(list(unique))
        sqlite = connection.vendor == "sqlite"
        next_rowid = 0
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute("SELECT max(fts_rowid) FROM search_indexentry")
                top = cursor.fetchone()[0]
                if top is None:
                    # An empty table (a fresh install, or flushed by tests
                    # outside the ORM's reach): start the FTS index and the
                    # facet counts afresh.
                    cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
                    cursor.execute("DELETE FROM search_indexfacetcount")
                next_rowid = (top or 0) + 1
        entries, ranges, keys, vocabulary = [], [], [], set()
        for number, doc in enumerate(documents):
            indexed = analysis.index_text(doc)
            point = unit_vector(doc.latitude, doc.longitude) if doc.has_point else (None,) * 3
            entry = IndexEntry(
                id=doc.id,
                kind=doc.kind,
                language=doc.language,
                group=doc.group,
                title=doc.title,
                url=doc.url,
                title_kana=doc.title_kana,
                summary=doc.summary,
                body=doc.body,
                category=doc.category,
                category_label=doc.category_label,
                area=doc.area,
                area_label=doc.area_label,
                image_url=doc.image_url,
                price=doc.price,
                price_band=doc.price_band,
                latitude=doc.latitude,
                longitude=doc.longitude,
                unit_x=point[0],
                unit_y=point[1],
                unit_z=point[2],
                barrier_free=doc.barrier_free,
                takes_cards=doc.takes_cards,
                translated_to="".join(f",{code}" for code in doc.translated_to) + ","
                if doc.translated_to
                else "",
                updated_at=doc.updated_at,
                name_terms=_joined(indexed.name),
                text_terms=_joined(indexed.text),
                reading_terms=_joined(indexed.reading),
                fts_rowid=next_rowid + number if sqlite else None,
            )
            entries.append(entry)
            for kind, pairs in (
                (IndexRange.OCCURRENCE, doc.occurrences),
                (IndexRange.OPENING, _merged(doc.opening)),
            ):
                for start, end in pairs:
                    item = IndexRange(
                        document_id=doc.id,
                        kind=kind,
                        start=start,
                        end=end,
                        length=max(0, int((end - start).total_seconds())),
                    )
                    ranges.append((_facet_key(entry), item))
            keys.extend(self._suggest_keys(doc, indexed))
            vocabulary.update(
                t for t in (*indexed.name, *indexed.text) if 3 <= len(t) <= 100 and is_latin(t)
            )
        IndexEntry.objects.bulk_create(entries)
        combos = _count_facets([_facet_key(e) for e in entries], +1)
        for key, item in ranges:
            item.combo = combos[key]
        IndexRange.objects.bulk_create([item for _key, item in ranges], batch_size=CHUNK)
        IndexSuggestKey.objects.bulk_create(keys, batch_size=CHUNK)
        IndexTerm.objects.bulk_create(
            [IndexTerm(term=t, first=t[0], length=len(t)) for t in sorted(vocabulary)],
            batch_size=CHUNK,
            ignore_conflicts=True,
        )
        if sqlite:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE}(rowid, name_terms, text_terms, reading_terms)"
                    " VALUES (%s, %s, %s, %s)",
                    [(e.fts_rowid, e.name_terms, e.text_terms, e.reading_terms) for e in entries],
                )
        return len(entries)

    @staticmethod
    def _suggest_keys(doc: SearchDocument, indexed) -> list[IndexSuggestKey]:
        keys = []
        seen = set()

        def add(key, kind, text):
            key = key.strip()[:200]
            if key and (key, kind) not in seen:
                seen.add((key, kind))
                keys.append(
                    IndexSuggestKey(document_id=doc.id, key=key, kind=kind, text=text[:255])
                )

        # Only names: category and area labels are matched from
        # IndexFacetCount's few labels at query time.
        for key in indexed.suggest:
            add(key, "name", doc.title)
        return keys

    # -- reading ------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        plan = _Plan(query, connection.vendor)
        filters = plan.filters()
        with connection.cursor() as cursor:
            total, facets = self._facets(cursor, plan, filters)
            if not total:
                hits = []
            elif plan.parsed.empty and query.sort == "distance" and plan.radius().sql:
                hits = self._nearest_hits(cursor, plan, total)
            elif plan.browses_by_date:
                events = 0
                if not query.kinds or "event" in query.kinds:
                    events = sum(v.count for v in facets["kind"] if v.value == "event")
                hits = self._browse_hits(cursor, plan, filters, events, total)
            else:
                hits = self._hits(cursor, plan, filters)
        return SearchResults(query=query, total=total, hits=hits, facets=facets)

    def _facets(self, cursor, plan: _Plan, filters: dict[str, _Sql]):
        """The total and every facet, counted in Python over the matching
        documents grouped per combination of the values facets look at
        (kind, category, area, price band, the flags, each date preset, open
        now, the chosen date range): there are few combinations whatever the
        number of documents, and each facet's count (every filter but its
        own) is a sum over them."""
        query = plan.query
        rows = self._combinations(cursor, plan, filters)
        selected = {
            "kind": set(query.kinds),
            "category": set(query.categories),
            "area": set(query.areas),
            "price_band": set(query.price_bands),
        }
        counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        # value → (label of a document in the visitor's language, any label)
        found_labels: dict[str, dict[str, list[str]]] = {"category": {}, "area": {}}
        # The chosen filters, as (facet, position in the row, accepted values
        # or None for a flag that must be on). A row failing two of them
        # counts nowhere; failing one, only in that facet (multi-select).
        positions = {"kind": 0, "category": 1, "area": 2, "price_band": 3}
        positions.update(barrier_free=4, takes_cards=5, open_now=-3, when=-2)
        checks = [(name, positions[name], selected[name]) for name in LIST_FACETS if selected[name]]
        checks += [
            (name, positions[name], None)
            for name in ("when", "open_now", "barrier_free", "takes_cards")
            if name in filters
        ]
        # Each facet counts the rows passing every chosen filter, plus those
        # failing its own filter only; a row failing two counts nowhere.
        passing: list[tuple] = []
        failing_only: dict[str, list[tuple]] = {name: [] for name in FACETS}
        for row in rows:
            failing = None
            for name, at, accepted in checks:
                if (row[at] not in accepted) if accepted is not None else not row[at]:
                    if failing is not None:
                        break
                    failing = name
            else:
                (passing if failing is None else failing_only[failing]).append(row)
        total = sum(row[-1] for row in passing)
        presets_at = range(9, 9 + len(WHEN_KEYS))
        for name in FACETS:
            counted = passing + failing_only[name]
            tally = counts[name]
            if name in LIST_FACETS:
                at = positions[name]
                for row in counted:
                    value = row[at]
                    if value:
                        tally[value] = tally.get(value, 0) + row[-1]
            elif name == "when":
                for key, at in zip(WHEN_KEYS, presets_at, strict=True):
                    tally[key] = sum(row[-1] for row in counted if row[at])
            else:
                at = positions[name]
                tally["true"] = sum(row[-1] for row in counted if row[at])
        for row in passing + [row for rows_ in failing_only.values() for row in rows_]:
            for name, at in (("category", 1), ("area", 2)):
                value, label = row[at], row[at + 6]
                if value and label:
                    pair = found_labels[name].setdefault(value, ["", ""])
                    if row[6] and label > pair[0]:
                        pair[0] = label
                    if label > pair[1]:
                        pair[1] = label

        facets: dict[str, list[FacetValue]] = {}
        for name in LIST_FACETS:
            names = found_labels.get(name, {})
            values = []
            for value, count in counts[name].items():
                if count > 0:
                    own_label, any_label = names.get(value, ("", ""))
                    label = own_label or any_label
                    values.append(FacetValue(value, count, label, value in selected[name]))
            shown = {v.value for v in values}
            values += [FacetValue(v, 0, "", True) for v in selected[name] if v not in shown]
            values.sort(key=lambda v: (-v.count, v.value))
            facets[name] = values
        chosen_when = query.when.key if query.when else None
        facets["when"] = [
            FacetValue(key, counts["when"].get(key, 0), "", chosen_when == key) for key in WHEN_KEYS
        ]
        for name in ("open_now", "barrier_free", "takes_cards"):
            facets[name] = [
                FacetValue("true", counts[name].get("true", 0), "", getattr(query, name))
            ]
        return total, facets

    # The columns a combination row starts with; then the labels, the date
    # presets, open now, the chosen date range and the count.
    COMBINATION = (
        "e.kind",
        "e.category",
        "e.area",
        "e.price_band",
        "e.barrier_free",
        "e.takes_cards",
        "(e.language = %s)",
    )

    def _combinations(self, cursor, plan: _Plan, filters: dict[str, _Sql]) -> list[tuple]:
        """(kind, category, area, band, barrier_free, takes_cards, own
        language, category label, area label, *presets, open now, in the
        chosen range, count) for the matching documents.

        The flags (the date presets, open now, the chosen range) come from
        the ranges overlapping those windows (index scans bounded by the
        longest range). Browsing reads IndexFacetCount and counts flagged
        documents per combination from the ranges alone (each range carries
        its document's combination); a combination's count less its flagged
        documents is its documents with no flag. With text or a radius, the
        matching entries are grouped with their flags."""
        query = plan.query
        when = _when_ranges(query.now)
        windows = [(when[key].start, when[key].end) for key in WHEN_KEYS]
        if "when" in filters:
            windows.append((query.when.start, query.when.end))
        adapt = plan.adapt
        flag_sql = [
            'max(CASE WHEN r.kind = %s AND r.start < %s AND r."end" > %s THEN 1 ELSE 0 END)'
        ] * len(windows)
        flag_params: list = []
        for start, end in windows:
            flag_params += [IndexRange.OCCURRENCE, adapt(end), adapt(start)]
        flag_sql.append(
            'max(CASE WHEN r.kind = %s AND r.start <= %s AND r."end" > %s THEN 1 ELSE 0 END)'
        )
        flag_params += [IndexRange.OPENING, adapt(query.now), adapt(query.now)]
        if not plan.uses_facet_counts:
            return self._combinations_of_matches(cursor, plan, windows, "when" in filters)
        # (the bounded scans only here: a match's mask reads its own ranges)
        occurrences = plan.range_scan(
            IndexRange.OCCURRENCE, min(s for s, _e in windows), max(e for _s, e in windows)
        )
        openings = plan.range_scan(IndexRange.OPENING, query.now)

        # Browsing: the language's combinations (one row each: their values
        # are their key) with their counts ...
        language = plan.language()
        values = ", ".join(self.COMBINATION)
        width = len(self.COMBINATION)
        cursor.execute(
            f"SELECT e.id, {values}, e.category_label, e.area_label, e.kind = %s, e.count"
            f" FROM search_indexfacetcount e WHERE e.count > 0 AND {language.sql}",
            [query.language, "event", *language.params],
        )
        combinations = {row[0]: row[1:] for row in cursor.fetchall()}
        remaining = {combo: row[-1] for combo, row in combinations.items()}
        # ... less its events with an occurrence in a window (flagged per
        # event: an event may have several) ...
        names = [f"f{n}" for n in range(len(flag_sql))]
        cursor.execute(
            f"SELECT r.combo, {', '.join(names)}, count(*) FROM (SELECT max(r.combo) AS combo, "
            + ", ".join(f"{sql} AS {name}" for sql, name in zip(flag_sql, names, strict=True))
            + ' FROM (SELECT r.document_id, r.combo, r.kind, r.start, r."end"'
            f" FROM search_indexrange r WHERE {occurrences.sql}"
            ' UNION ALL SELECT r.document_id, r.combo, r.kind, r.start, r."end"'
            f" FROM search_indexrange r WHERE {openings.sql} AND r.combo IN"
            " (SELECT id FROM search_indexfacetcount WHERE kind = %s)) AS r"
            f" GROUP BY r.document_id) AS r GROUP BY r.combo, {', '.join(names)}",
            [*flag_params, *occurrences.params, *openings.params, "event"],
        )
        has_when = "when" in filters
        rows = []
        for combo, *flags, count in cursor.fetchall():
            combination = combinations.get(combo)
            if combination is None:  # another language's
                continue
            chosen = flags[len(WHEN_KEYS)] if has_when else 0
            presets = flags[: len(WHEN_KEYS)]
            rows.append((*combination[: width + 2], *presets, flags[-1], chosen, count))
            remaining[combo] -= count
        # ... and less everything else open now, counted from the ranges'
        # index (a document's openings are merged when written, so one at
        # most holds `now`) per combination.
        cursor.execute(
            "SELECT r.combo, count(*) FROM search_indexrange r"
            f" WHERE {openings.sql} GROUP BY r.combo",
            openings.params,
        )
        open_only = (0,) * len(WHEN_KEYS) + (1, 0)
        for combo, count in cursor.fetchall():
            combination = combinations.get(combo)
            if combination is None or combination[-2]:  # another language's, or events
                continue
            rows.append((*combination[: width + 2], *open_only, count))
            remaining[combo] -= count
        no_flags = (0,) * (len(WHEN_KEYS) + 2)
        rows += [
            (*combinations[combo][: width + 2], *no_flags, count)
            for combo, count in remaining.items()
            if count > 0
        ]
        return rows

    def _combinations_of_matches(self, cursor, plan, windows, has_when):
        """The combinations of the documents a text or radius matches: each
        one's flags as a bit mask from its own ranges (index seeks per
        document; a join would make SQLite build a Bloom filter over every
        range first): an event's occurrences inside the windows, and whether
        an opening holds now (stopping at the first)."""
        width = len(self.COMBINATION)
        adapt = plan.adapt
        bits = " + ".join(
            f'{2**n} * max(CASE WHEN r.start < %s AND r."end" > %s THEN 1 ELSE 0 END)'
            for n in range(len(windows))
        )
        bits_params = [adapt(value) for start, end in windows for value in (end, start)]
        mask = (
            f"CASE WHEN e.kind = %s THEN coalesce((SELECT {bits} FROM search_indexrange r"
            ' WHERE r.document_id = e.id AND r.kind = %s AND r.start < %s AND r."end" > %s),'
            f" 0) ELSE 0 END + CASE WHEN EXISTS (SELECT 1 FROM search_indexrange r"
            ' WHERE r.document_id = e.id AND r.kind = %s AND r.start <= %s AND r."end" > %s)'
            f" THEN {2 ** len(windows)} ELSE 0 END"
        )
        now = adapt(plan.query.now)
        mask_params = [
            "event",
            *bits_params,
            IndexRange.OCCURRENCE,
            adapt(max(end for _start, end in windows)),
            adapt(min(start for start, _end in windows)),
            IndexRange.OPENING,
            now,
            now,
        ]
        source = plan.source(with_score=False)
        columns = [f"{c} AS c{n}" for n, c in enumerate(self.COMBINATION)]
        numbered = ", ".join(f"c{n}" for n in range(width))
        # Materialised: the mask is computed once per document (grouping by a
        # subquery's alias would evaluate it again).
        cursor.execute(
            f"WITH m AS MATERIALIZED (SELECT {', '.join(columns)},"
            " e.category_label AS category_label, e.area_label AS area_label,"
            f" {mask} AS mask {source.sql}) SELECT {numbered}, max(category_label),"
            f" max(area_label), mask, count(*) FROM m GROUP BY {numbered}, mask",
            [plan.query.language, *mask_params, *source.params],
        )
        rows = []
        for *key, category_label, area_label, bits_set, count in cursor.fetchall():
            flags = [(bits_set >> n) & 1 for n in range(len(windows) + 1)]
            presets, is_open = flags[: len(WHEN_KEYS)], flags[-1]
            chosen = flags[len(WHEN_KEYS)] if has_when else 0
            rows.append((*key, category_label, area_label, *presets, is_open, chosen, count))
        return rows

    def _hits(self, cursor, plan: _Plan, filters: dict[str, _Sql]) -> list[Hit]:
        query = plan.query
        source = plan.source(with_score=True)
        next_start = plan.next_start()
        with_distance = query.near is not None
        distance = plan.distance() if with_distance else _Sql("NULL", [])
        # The order is found on narrow rows (id, title and the sort keys),
        # and the display columns are read for the page only.
        sql = (
            f"SELECT e.id AS id, e.title AS title, {plan.score_sql} AS score,"
            f" CASE WHEN e.kind = %s THEN {next_start.sql} END AS next_start,"
            f" {distance.sql} AS distance "
        )
        params = [*plan.score_params, "event", *next_start.params, *distance.params]
        sql += source.sql
        params += source.params
        for condition in filters.values():
            sql += f" AND {condition.sql}"
            params += condition.params

        def order(prefix):
            # Used outside the select that names the columns, where both
            # databases accept them in expressions.
            keys = []
            if query.sort == "distance" and with_distance:
                keys += [f"{prefix}distance IS NULL", f"{prefix}distance"]
            if query.sort == "date" or (plan.parsed.empty and query.sort != "distance"):
                keys += [f"{prefix}next_start IS NULL", f"{prefix}next_start"]
            if not plan.parsed.empty:
                keys.append(f"{prefix}score DESC")
            keys += [f'{prefix}title COLLATE "C"' if plan.pg else f"{prefix}title", f"{prefix}id"]
            return ", ".join(keys)

        sql = (
            f"SELECT {DISPLAY}, page.score, page.next_start, page.distance"
            f" FROM (SELECT * FROM ({sql}) AS found ORDER BY {order('')} LIMIT %s OFFSET %s)"
            " AS page JOIN search_indexentry e ON e.id = page.id"
            f" ORDER BY {order('page.')}"
        )
        params += [query.page_size, query.offset]
        cursor.execute(sql, params)
        return self._make_hits(plan, cursor.fetchall())

    def _nearest_hits(self, cursor, plan: _Plan, total: int) -> list[Hit]:
        """Browsing by distance within a radius: the page is looked for in a
        smaller circle first, sized from the density of the matches (about
        four pages' worth), and the circle doubles until it holds the page.
        Every match inside a circle is nearer than any outside it, so the
        page is the same as sorting every match in the radius."""
        query = plan.query
        wanted = query.offset + query.page_size
        radius = query.radius_km
        if total > 4 * wanted:
            radius = query.radius_km * math.sqrt(4 * wanted / total)
        while True:
            radius = min(radius, query.radius_km)
            inner = _Plan(dataclasses.replace(query, radius_km=radius), plan.vendor)
            hits = self._hits(cursor, inner, inner.filters())
            if len(hits) == query.page_size or radius >= query.radius_km:
                return hits
            radius *= 2

    def _browse_hits(self, cursor, plan: _Plan, filters, events: int, total: int) -> list[Hit]:
        """The page when browsing: the matching events with an occurrence to
        come, by next start (read in start order from the ranges' index, each
        event kept at its first occurrence), then the other documents by
        title (from the title index). `events` (matching events, from the
        facets) and `total` say which parts the page needs; neither part
        sorts every matching document."""
        query = plan.query
        wanted = query.offset + query.page_size
        now = plan.adapt(query.now)
        conditions = [plan.language(), plan.radius(), *filters.values()]
        conditions = [c for c in conditions if c.sql]
        where = " AND ".join(c.sql for c in conditions)
        where_params = [p for c in conditions for p in c.params]
        join = "JOIN" if plan.pg else "CROSS JOIN"
        title = 'e.title COLLATE "C"' if plan.pg else "e.title"
        upcoming: dict[str, object] = {}  # id → next start, in order
        exhausted = events == 0
        batch, skip = max(2 * wanted, 100), 0
        while not exhausted and len(upcoming) < wanted:
            cursor.execute(
                "SELECT r.document_id, r.start FROM search_indexrange r"
                f" {join} search_indexentry e ON e.id = r.document_id"
                f" WHERE r.kind = %s AND r.start >= %s AND e.kind = %s AND {where}"
                f" ORDER BY r.start, {title}, e.id LIMIT %s OFFSET %s",
                [IndexRange.OCCURRENCE, now, "event", *where_params, batch, skip],
            )
            rows = cursor.fetchall()
            for doc_id, start in rows:
                upcoming.setdefault(doc_id, start)
            exhausted = len(rows) < batch
            # Events repeat (one row per occurrence): double the batch, so
            # the number of queries grows with the log of the occurrences.
            skip += batch
            batch *= 2
        order = list(upcoming)[query.offset : wanted]
        rows = []
        if order:
            cursor.execute(
                f"SELECT {DISPLAY} FROM search_indexentry e"
                f" WHERE e.id IN ({', '.join(['%s'] * len(order))})",
                order,
            )
            found = {row[0]: row for row in cursor.fetchall()}
            rows = [(*found[i], 0, upcoming[i], None) for i in order if i in found]
        if len(order) < query.page_size and exhausted and len(upcoming) < total:
            # The page reaches past the events to come: the rest by title.
            # Ordered on narrow rows; the display columns read for the page.
            cursor.execute(
                f"SELECT {DISPLAY}, 0, NULL, NULL FROM (SELECT e.id AS id"
                f" FROM search_indexentry e WHERE {where}"
                " AND NOT (e.kind = %s AND EXISTS (SELECT 1 FROM search_indexrange r"
                " WHERE r.document_id = e.id AND r.kind = %s AND r.start >= %s))"
                f" ORDER BY {title}, e.id LIMIT %s OFFSET %s) AS page"
                f" JOIN search_indexentry e ON e.id = page.id ORDER BY {title}, e.id",
                [
                    *where_params,
                    "event",
                    IndexRange.OCCURRENCE,
                    now,
                    query.page_size - len(order),
                    max(0, query.offset - len(upcoming)),
                ],
            )
            rows += cursor.fetchall()
        return self._make_hits(plan, rows)

    def _make_hits(self, plan: _Plan, rows) -> list[Hit]:
        """Hits from rows of DISPLAY columns + score, next start, distance."""
        query = plan.query
        with_distance = query.near is not None
        highlight = self._highlight_query(plan)
        hits = []
        for row in rows:
            (
                doc_id,
                kind,
                title,
                url,
                language,
                summary,
                body,
                category,
                category_label,
                area,
                area_label,
                image_url,
                price,
                latitude,
                longitude,
                score,
                start,
                _distance,
            ) = row
            hit = Hit(
                id=doc_id,
                kind=kind,
                title=title,
                url=url,
                language=language,
                summary=summary,
                category=category,
                category_label=category_label,
                area=area,
                area_label=area_label,
                image_url=image_url,
                price=price,
                next_start=_to_datetime(start),
                fallback=language != query.language,
                score=float(score or 0.0),
                latitude=latitude,
                longitude=longitude,
            )
            if with_distance and latitude is not None and longitude is not None:
                hit.distance_km = distance_km(
                    query.near.latitude, query.near.longitude, latitude, longitude
                )
            hit.snippet = self._snippet(summary, body, highlight, language)
            hits.append(hit)
        return hits

    @staticmethod
    def _highlight_query(plan: _Plan) -> analysis.AnalyzedQuery:
        """The query with its typo alternatives as extra words, so snippets
        mark what actually matched."""
        extra = [
            analysis.QueryWord(raw=alternative, terms=[alternative])
            for alternatives in plan.typos.values()
            for alternative in alternatives
        ]
        return analysis.AnalyzedQuery(
            words=[*plan.parsed.words, *extra], phrases=plan.parsed.phrases
        )

    @staticmethod
    def _snippet(summary: str, body: str, highlight: analysis.AnalyzedQuery, language: str):
        """From the summary, or from the body when only the body matches."""
        if body and not highlight.empty:
            wanted = highlight.all_terms()
            if not (set(analysis.terms(summary, language)) & wanted) and (
                set(analysis.terms(body, language)) & wanted
            ):
                return snippet(body, highlight, language)
        return snippet(summary, highlight, language)

    def suggest(self, prefix: str, language: str, limit: int = 8) -> list[Suggestion]:
        prefix = (prefix or "")[:MAX_QUERY_LENGTH].replace("\x00", "")
        keys = [k for k in dict.fromkeys(analysis.suggest_key(prefix)) if k and k.strip()]
        if not keys or limit <= 0:
            return []
        pg = connection.vendor == "postgresql"
        key_sql, key_params = [], []
        for key in keys:
            if pg:
                escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                key_sql.append("k.key LIKE %s")
                key_params.append(escaped + "%")
            else:
                key_sql.append("(k.key >= %s AND k.key < %s)")
                key_params += [key, key + "\U0010ffff"]
        matching = "(" + " OR ".join(key_sql) + ")"
        if language == "ja":
            lang_sql, lang_params = "e.language = %s", ["ja"]
        else:
            lang_sql = "(e.language = %s OR (e.language = %s AND e.translated_to NOT LIKE %s))"
            lang_params = [language, "ja", f"%,{language},%"]
        text_order = 'text COLLATE "C"' if pg else "text"
        # SQLite: keys first (CROSS JOIN fixes the order), not every entry
        # of the language.
        join = "JOIN" if pg else "CROSS JOIN"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT text, kind, url FROM (SELECT DISTINCT k.text AS text, e.kind AS kind,"
                " e.url AS url FROM search_indexsuggestkey k"
                f" {join} search_indexentry e ON e.id = k.document_id"
                f" WHERE k.kind = %s AND {matching} AND {lang_sql}) AS found"
                f" ORDER BY length(text), {text_order}, url LIMIT %s",
                ["name", *key_params, *lang_params, limit],
            )
            names = [Suggestion(text, kind, url) for text, kind, url in cursor.fetchall()]
            # Labels: the few of the language's documents (IndexFacetCount),
            # matched here by their keys.
            cursor.execute(
                "SELECT DISTINCT e.category_label, e.area_label FROM search_indexfacetcount e"
                f" WHERE {lang_sql} AND e.count > 0",
                lang_params,
            )
            pairs = cursor.fetchall()
        found = {
            (len(label), label, kind)
            for pair in pairs
            for kind, label in zip(("category", "area"), pair, strict=True)
            if label and any(k.startswith(key) for k in analysis.label_keys(label) for key in keys)
        }
        labels = [Suggestion(text, kind) for _n, text, kind in sorted(found)[:SUGGEST_LABELS]]
        room = max(0, limit - len(labels))
        return (names[:room] + labels + names[room:])[:limit]

    def document_ids(self) -> set[str]:
        return set(IndexEntry.objects.values_list("id", flat=True).iterator(chunk_size=5000))

    def size_bytes(self) -> int | None:
        with connection.cursor() as cursor:
            try:
                if connection.vendor == "sqlite":
                    cursor.execute(
                        "SELECT sum(pgsize) FROM dbstat WHERE name LIKE %s OR name LIKE %s",
                        ["search_index%", "sqlite_autoindex_search_index%"],
                    )
                elif connection.vendor == "postgresql":
                    cursor.execute(
                        "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c"
                        " WHERE c.relkind = 'r' AND c.relname LIKE %s",
                        ["search\\_index%"],
                    )
                else:
                    return None
            except Exception:  # noqa: BLE001 - dbstat is optional in SQLite builds
                return None
            value = cursor.fetchone()[0]
        return int(value) if value is not None else None
