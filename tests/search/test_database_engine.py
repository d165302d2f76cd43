"""The database engine's own guarantees (the behaviour shared with
Elasticsearch is in tests/search/contract/): FTS5-safe terms, query syntax
never leaking from the visitor's text, bounded query counts, streamed and
atomic rebuilds, exact radius, and the SQLite / PostgreSQL specifics."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import itertools
import math
import threading
import types

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from search import analysis
from search.documents import SearchDocument
from search.engines import database
from search.engines.database import (
    CHUNK,
    DatabaseEngine,
    edit_distance,
    fts_token,
    max_edits,
)
from search.models import FACET_KEY
from search.query import Point, SearchQuery
from tourism.nearby import distance_km as haversine_km

from .contract.corpus import ALL_IDS, NOW, P1, at, corpus

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 specifics")


def doc(id, title, language="en", **fields):
    return SearchDocument(
        id=id, kind="shop", language=language, group=id, title=title, url=f"/{id}/", **fields
    )


def many(count, start=0):
    """`count` small documents with Latin words and a point each."""
    return (
        doc(
            f"shop-{n}",
            f"Shop number{n} bakery",
            summary=f"Fresh bread and pastries, stall {n}",
            category="bakery" if n % 2 else "cafe",
            area="ekimae",
            price=300 + n,
            latitude=36.25 + n * 1e-4,
            longitude=139.07,
            opening=[(at(5, 13, 8), at(5, 13, 18))],
            occurrences=[],
        )
        for n in range(start, start + count)
    )


def query(text="", **fields):
    fields.setdefault("now", NOW)
    fields.setdefault("language", "en")
    return SearchQuery(text=text, **fields)


# -- FTS5-safe terms -----------------------------------------------------------------------


ODD_TERMS = [
    "c++",
    "t-shirt",
    "a_b",
    "_",
    "_5f_",
    "naïve",
    "か\u3099",  # a combining mark
    "ᦰ",  # New Tai Lue: a letter SQLite's unicode61 does not know
    "it's",
    'say"what',
    "NEAR",
    "x*",
    "col:umn",
    "^start",
    "\\back",
]


def test_fts_tokens_keep_plain_terms_and_stay_distinct():
    for term in ["桜山公園", "コーヒー", "sakurayama", "2026", "한국어", "樱山", "々"]:
        assert fts_token(term) == term
    tokens = [fts_token(t) for t in ODD_TERMS]
    assert len(set(tokens)) == len(ODD_TERMS)
    assert all(t.replace("_", "").isalnum() for t in tokens)


@sqlite_only
def test_the_fts5_tokenizer_keeps_every_token_whole(db):
    migration = importlib.import_module("search.migrations.0003_fulltext")
    create = migration.SQLITE_CREATE[0].replace("search_indexentry_fts", "temp.probe_fts")
    create = create.replace("content='search_indexentry', content_rowid='fts_rowid',", "")
    with connection.cursor() as cursor:
        cursor.execute(create)
        cursor.execute(
            "CREATE VIRTUAL TABLE temp.probe_vocab USING fts5vocab('temp', 'probe_fts', 'row')"
        )
        terms = ODD_TERMS + ["桜山公園", "ヴァイオリン", "ｶﾞ", "ß", "é", "ー"]
        cursor.execute(
            "INSERT INTO temp.probe_fts(name_terms) VALUES (%s)",
            [" ".join(fts_token(t) for t in terms)],
        )
        cursor.execute("SELECT term FROM temp.probe_vocab")
        found = {row[0] for row in cursor.fetchall()}
    assert found == {fts_token(t).lower() for t in terms}


# -- the visitor's text is never query syntax -------------------------------------------


NASTY = [
    '"',
    '""',
    '"unbalanced',
    "*",
    "bak*",
    "NEAR(bread pastries)",
    "NEAR",
    "bread -pastries",
    "-",
    "title:bread",
    "name_terms:bread",
    "{name_terms}: bread",
    "^bread",
    "bread AND OR NOT",
    "( bread",
    "bread )",
    "'",
    "it's",
    "\\",
    "a & b | !c <-> d",
    "bread:*",
    "%_",
    "\x00",
    "🍞",
    "ｂｒｅａｄ",
    "x" * 500,
]


@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
def test_odd_text_never_raises(database_engine, text):
    database_engine.index(many(3))
    results = database_engine.search(query(text))
    assert results.total >= 0
    database_engine.suggest(text, "en")


def test_odd_terms_are_quoted_in_the_match_expression(database_engine):
    """Whatever the analysis hands over (quotes, operators, backslashes),
    the expression the database parses treats each term as a term."""
    database_engine.index(many(3))
    words = [analysis.QueryWord(raw=t, terms=[t], reading=[t]) for t in ODD_TERMS]
    parsed = analysis.AnalyzedQuery(words=words, phrases=[ODD_TERMS[:4]])
    expression = database._match_expression(parsed, {"NEAR": ["x*", '"']}, connection.vendor)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM search_indexentry_fts WHERE search_indexentry_fts MATCH %s",
                [expression],
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM search_indexentry WHERE search_vector @@ %s::tsquery",
                [expression],
            )
        assert cursor.fetchone()[0] == 0


def test_a_document_with_syntax_in_its_text_is_found(database_engine):
    database_engine.index(
        [doc("shop-1", 'The "NEAR" café: bread* -and- ^pastries', summary="AND OR NOT")]
    )
    assert [h.id for h in database_engine.search(query("near café bread pastries")).hits] == [
        "shop-1"
    ]
    assert database_engine.search(query('"near café"')).total == 1


# -- query counts --------------------------------------------------------------------------


def full_query():
    return query(
        "bakery pastires",  # a typo: the vocabulary is read
        kinds=["shop"],
        categories=["bakery", "cafe"],
        areas=["ekimae"],
        price_bands=["under-1000"],
        open_now=True,
        near=Point(*P1),
        radius_km=5,
        sort="distance",
    )


@pytest.mark.parametrize("size", [10, 300])
def test_a_search_costs_at_most_four_queries(database_engine, django_assert_max_num_queries, size):
    database_engine.index(many(size))
    with django_assert_max_num_queries(4):
        results = database_engine.search(full_query())
    assert results.total == size
    with django_assert_max_num_queries(6):
        browse = database_engine.search(query())
    assert browse.total == size
    with django_assert_max_num_queries(2):
        assert database_engine.suggest("shop", "en")


def test_query_counts_do_not_grow_with_the_documents(database_engine):
    counts = []
    for size in (5, 200):
        database_engine.clear()
        database_engine.index(many(size))
        with CaptureQueriesContext(connection) as captured:
            database_engine.search(full_query())
            database_engine.search(query(page=2, page_size=3))
            database_engine.suggest("shop n", "en")
        counts.append(len(captured))
    assert counts[0] == counts[1]


# -- typo tolerance ------------------------------------------------------------------------


def test_edit_distance_counts_a_transposition_as_one_edit():
    assert edit_distance("brewery", "brewery", 2) == 0
    assert edit_distance("brewri", "breweri", 1) == 1
    assert edit_distance("bread", "braed", 1) == 1  # transposition
    assert edit_distance("bread", "board", 1) == 2  # over the limit: limit + 1
    assert edit_distance("abc", "abcdef", 2) == 3
    assert [max_edits(t) for t in ("abc", "abcd", "abcdef", "abcdefg")] == [0, 1, 1, 2]


def test_typos_expand_to_the_closest_terms_only(database_engine):
    database_engine.index(many(4))
    assert database_engine.search(query("breda")).total == 4  # a transposition
    assert database_engine.search(query("pastires")).total == 4  # pastir ~ pastri
    assert database_engine.search(query("baekry")).total == 4  # baekri ~ bakeri
    assert database_engine.search(query("vakery")).total == 0  # the first letter is kept
    assert database_engine.search(query("bred")).total == 4  # 4 letters: one edit
    assert database_engine.search(query("bkry")).total == 0  # three edits


# -- writing -----------------------------------------------------------------------------------


def test_rebuild_reads_the_stream_in_chunks(database_engine):
    read = []

    def stream():
        for document in many(CHUNK * 2 + 10):
            read.append(document.id)
            yield document

    progress = []

    def report(count):
        progress.append((count, len(read)))

    assert database_engine.rebuild(stream(), progress=report) == CHUNK * 2 + 10
    # Each chunk is written before the next is read.
    assert progress == [
        (CHUNK, CHUNK),
        (CHUNK * 2, CHUNK * 2),
        (CHUNK * 2 + 10, CHUNK * 2 + 10),
    ]
    assert len(database_engine.document_ids()) == CHUNK * 2 + 10


def test_a_failed_rebuild_leaves_the_old_index(database_engine):
    database_engine.index(corpus())

    def broken():
        yield from many(CHUNK + 5)
        raise RuntimeError("source failed")

    with pytest.raises(RuntimeError):
        database_engine.rebuild(broken())
    assert database_engine.document_ids() == ALL_IDS
    assert [h.id for h in database_engine.search(query("garden")).hits] == ["shop-120"]


def test_reindexing_a_document_leaves_no_stale_terms(database_engine):
    first = doc("shop-1", "Alpha bakery", summary="oldword")
    database_engine.index([first])
    database_engine.index([dataclasses.replace(first, title="Beta bakery", summary="newword")])
    database_engine.index([dataclasses.replace(first, title="Beta bakery", summary="newword")])
    assert database_engine.search(query("alpha")).total == 0
    assert database_engine.search(query("oldword")).total == 0
    assert database_engine.search(query("beta newword")).total == 1
    # Within one call, the last version of an id wins.
    assert database_engine.index([first, dataclasses.replace(first, title="Gamma")]) == 1
    assert [h.title for h in database_engine.search(query()).hits] == ["Gamma"]


@sqlite_only
def test_entries_deleted_behind_the_engines_back_leave_no_ghosts(database_engine):
    """A flush (TransactionTestCase) empties the tables but not the FTS5
    index: the next write starts the index afresh instead of reusing rowids
    that still carry old terms."""
    database_engine.index([doc("shop-1", "Alpha")])
    with connection.cursor() as cursor:
        for table in ("search_indexsuggestkey", "search_indexrange", "search_indexentry"):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608
    database_engine.index([doc("shop-2", "Beta")])
    assert database_engine.search(query("alpha")).total == 0
    assert [h.id for h in database_engine.search(query("beta")).hits] == ["shop-2"]
    assert database_engine.search(query()).total == 1  # counted from IndexFacetCount


def test_size_is_reported(database_engine):
    database_engine.index(many(20))
    assert database_engine.size_bytes() > 0


# -- distance ----------------------------------------------------------------------------------


def _offset(lat, lng, km, bearing):
    """The point `km` from (lat, lng) on the great circle at `bearing` degrees."""
    radius = database.EARTH_RADIUS_KM
    lat1, lng1, theta = map(math.radians, (lat, lng, bearing))
    delta = km / radius
    lat2 = math.asin(
        math.sin(lat1) * math.cos(delta) + math.cos(lat1) * math.sin(delta) * math.cos(theta)
    )
    lng2 = lng1 + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(lat1),
        math.cos(delta) - math.sin(lat1) * math.sin(lat2),
    )
    return math.degrees(lat2), math.degrees(lng2)


def test_the_radius_is_exact_in_every_direction(database_engine):
    inside, documents = set(), []
    for bearing in range(0, 360, 30):
        for km, label in ((2.99, "in"), (3.01, "out")):
            lat, lng = _offset(*P1, km, bearing)
            assert haversine_km(*P1, lat, lng) == pytest.approx(km, abs=1e-6)
            id = f"shop-{label}-{bearing}"
            documents.append(doc(id, "Point", latitude=lat, longitude=lng))
            if label == "in":
                inside.add(id)
    database_engine.index(documents)
    results = database_engine.search(
        query(near=Point(*P1), radius_km=3, sort="distance", page_size=50)
    )
    assert {h.id for h in results.hits} == inside
    assert all(h.distance_km == pytest.approx(2.99, abs=1e-6) for h in results.hits)


def test_nearest_first_pages_match_sorting_every_point(
    database_engine, django_assert_max_num_queries
):
    """Browsing by distance looks in a smaller circle first: the pages must
    be those of sorting every match (ties by title), whatever the page."""
    documents = []
    for n in range(240):
        # Denser near the centre, as around a station; some share a distance.
        km = 0.02 + (n % 60) ** 1.6 * 0.01
        lat, lng = _offset(*P1, km, (n * 37) % 360)
        documents.append(doc(f"shop-{n:03d}", f"Stall {n % 7}", latitude=lat, longitude=lng))
    documents.append(doc("shop-far", "Far", latitude=36.40, longitude=139.30))
    database_engine.index(documents)
    # One page with every match sorts them all (no smaller circle).
    everything = database_engine.search(
        query(near=Point(*P1), radius_km=1.5, sort="distance", page_size=100)
    )
    expected = [h.id for h in everything.hits]
    distances = [h.distance_km for h in everything.hits]
    # (by the chord, which orders as the great circle up to rounding)
    assert all(a <= b + 1e-9 for a, b in itertools.pairwise(distances))
    assert distances[-1] <= 1.5
    assert len(expected) == len(
        [d for d in documents if haversine_km(*P1, d.latitude, d.longitude) <= 1.5]
    )
    listed = []
    for page in range(1, len(expected) // 9 + 2):
        with django_assert_max_num_queries(12):
            results = database_engine.search(
                query(near=Point(*P1), radius_km=1.5, sort="distance", page=page, page_size=9)
            )
        assert results.total == len(expected)
        listed += [h.id for h in results.hits]
    assert listed == expected


# -- PostgreSQL ------------------------------------------------------------------------------------


@pytest.mark.postgres
def test_postgres_lexemes_are_the_terms_as_they_are(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_index_tsvector(%s, %s, %s) = %s::tsvector",
            ["a b", "サク", "it's x\\y", "'a':1A 'b':2A 'サク':4001B 'it''s':8001C 'x\\\\y':8002C"],
        )
        assert cursor.fetchone()[0] is True


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_readers_see_the_old_index_until_the_rebuild_commits(settings):
    settings.SEARCH_ENGINE = "database"
    engine = DatabaseEngine()
    engine.clear()
    engine.index(corpus())
    writing, release = threading.Event(), threading.Event()
    errors = []

    def stream():
        yield doc("shop-new", "Brand new bakery")
        writing.set()  # the old rows are deleted, the first chunk not yet written
        release.wait(30)

    def rebuild():
        try:
            engine.rebuild(stream())
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)
        finally:
            connections.close_all()

    thread = threading.Thread(target=rebuild)
    thread.start()
    try:
        assert writing.wait(30)
        assert engine.document_ids() == ALL_IDS
        assert engine.search(query("garden")).total == 1
    finally:
        release.set()
        thread.join(30)
    assert not errors
    assert engine.document_ids() == {"shop-new"}
    engine.clear()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_a_second_rebuild_waits_for_the_first(settings):
    settings.SEARCH_ENGINE = "database"
    engine = DatabaseEngine()
    engine.clear()
    writing, release = threading.Event(), threading.Event()
    errors = []

    def slow():
        yield doc("shop-first", "First bakery")
        writing.set()
        release.wait(30)
        yield from many(3)

    def rebuild(stream):
        try:
            engine.rebuild(stream)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)
        finally:
            connections.close_all()

    first = threading.Thread(target=rebuild, args=(slow(),))
    first.start()
    assert writing.wait(30)
    second = threading.Thread(target=rebuild, args=([doc("shop-second", "Second bakery")],))
    second.start()
    second.join(1)
    assert second.is_alive()  # waiting for the first's lock
    release.set()
    first.join(30)
    second.join(30)
    assert not errors
    assert engine.document_ids() == {"shop-second"}
    assert engine.search(query()).total == 1
    engine.clear()


# -- facet counts kept per combination, bounded range scans -------------------------------


def mixed(count):
    """Shops, events and products in two languages with short and very long
    ranges (a two-month festival, a shop open for a whole week at once)."""
    kinds = ["shop", "event", "product"]
    documents = []
    for n in range(count):
        kind = kinds[n % 3]
        fields = dict(
            kind=kind,
            language="ja" if n % 4 else "en",
            translated_to=["en"] if n % 8 == 1 else [],
            category=["bakery", "cafe", "festival"][n % 3],
            category_label=["Bakery", "Café", "Festival"][n % 3],
            area=["ekimae", "onishi"][n % 2],
            area_label=["Ekimae", "Onishi"][n % 2],
            price=[None, 500, 2500][n % 3],
            barrier_free=n % 5 == 0,
            takes_cards=n % 3 == 1,
        )
        if kind == "event":
            if n % 2:
                fields["occurrences"] = [(at(3, 20, 10), at(5, 25, 18))]  # long
            else:
                fields["occurrences"] = [(at(5, 10 + n % 9, 10), at(5, 10 + n % 9, 12))]
            if n % 4 == 1:  # an event with opening hours too
                fields["opening"] = [(at(5, 13, 9), at(5, 13, 17))]
        if kind == "shop":
            if n % 2:
                fields["opening"] = [(at(5, 8, 0), at(5, 15, 0))]  # a week, one interval
            else:
                # overlapping intervals: the shop is counted once
                fields["opening"] = [
                    (at(5, 13, 8 + n % 4), at(5, 13, 12 + n % 4)),
                    (at(5, 13, 9), at(5, 13, 11)),
                ]
        documents.append(
            SearchDocument(
                id=f"{kind}-{n}",
                group=f"{kind}-{n}",
                title=f"Stall{n} bakery",
                url=f"/{kind}-{n}/",
                **fields,
            )
        )
    return documents


def assert_facet_counts_match_the_entries():
    columns = ", ".join(f'"{c}"' for c in FACET_KEY)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}, count(*) FROM search_indexentry GROUP BY {columns}"  # noqa: S608
        )
        expected = {tuple(row) for row in cursor.fetchall()}
        cursor.execute(
            f"SELECT {columns}, count FROM search_indexfacetcount WHERE count > 0"  # noqa: S608
        )
        found = {tuple(row) for row in cursor.fetchall()}
    assert found == expected


def test_facet_counts_follow_every_write(database_engine):
    documents = mixed(40)
    database_engine.index(documents)
    assert_facet_counts_match_the_entries()
    # A reindexed document moves its count to its new combination.
    moved = dataclasses.replace(documents[3], category="cafe", area="onishi", takes_cards=True)
    database_engine.index([moved])
    assert_facet_counts_match_the_entries()
    database_engine.delete([documents[0].id, documents[1].id, "shop-missing"])
    assert_facet_counts_match_the_entries()
    database_engine.rebuild(mixed(7))
    assert_facet_counts_match_the_entries()
    database_engine.clear()
    assert_facet_counts_match_the_entries()
    assert database_engine.search(query()).total == 0


BROWSE_FILTERS = [
    {},
    {"open_now": True},
    {"when": "today"},
    {"when": "weekend", "kinds": ["event", "shop"]},
    {"kinds": ["event"], "barrier_free": True, "areas": ["onishi"]},
    {"open_now": True, "takes_cards": True, "categories": ["bakery"]},
    {"price_bands": ["under-1000"], "when": "month"},
]


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("filters", BROWSE_FILTERS, ids=lambda f: "-".join(sorted(f)) or "none")
def test_browsing_counts_from_the_combinations_as_a_full_scan_does(
    database_engine, language, filters
):
    """Browsing reads IndexFacetCount and the flagged documents; a text
    query every document matches groups the entries themselves. Both must
    agree, long ranges included (the range scans are bounded by the longest
    range of each kind)."""
    from search.params import date_preset

    database_engine.index(mixed(60))
    fields = dict(filters, language=language)
    if "when" in fields:
        fields["when"] = date_preset(fields["when"], NOW)
    browse = database_engine.search(query(**fields))
    everything = database_engine.search(query("bakery", **fields))
    assert browse.total == everything.total
    assert browse.facets == everything.facets
    assert {h.id for h in browse.hits} <= {f"{d.kind}-{n}" for n, d in enumerate(mixed(60))}


def test_long_ranges_are_found_by_date_and_open_now(database_engine):
    from search.params import date_preset

    database_engine.index(mixed(12))
    weekend = database_engine.search(query(when=date_preset("weekend", NOW), language="ja"))
    # event-1 is English; event-7 runs from March to late May.
    assert "event-7" in {h.id for h in weekend.hits}
    open_now = database_engine.search(query(open_now=True, language="ja"))
    # shop-3 is open for the whole week as one interval; shop-6 from 10:00.
    assert {"shop-3", "shop-6", "shop-9"} <= {h.id for h in open_now.hits}


def test_the_migration_fills_lengths_and_counts_of_an_existing_index(database_engine):
    from django.apps import apps

    from search.models import IndexFacetCount, IndexRange

    database_engine.index(mixed(20))
    lengths = dict(IndexRange.objects.values_list("pk", "length"))
    IndexFacetCount.objects.all().delete()
    IndexRange.objects.update(length=0)
    migration = importlib.import_module("search.migrations.0005_facet_counts")
    # fill() only reads the schema editor's connection.
    migration.fill(apps, types.SimpleNamespace(connection=connection))
    assert dict(IndexRange.objects.values_list("pk", "length")) == lengths
    assert max(lengths.values()) == 66 * 24 * 3600 + 8 * 3600  # the festival
    assert_facet_counts_match_the_entries()


def weekly(n, weeks):
    """An event every week from NOW's week on, some already past."""
    return SearchDocument(
        id=f"event-w{n}",
        kind="event",
        language="en",
        group=f"event-w{n}",
        title=f"Weekly {n % 3} market",
        url=f"/event-w{n}/",
        occurrences=[
            (at(5, 1, 9 + n % 5) + dt.timedelta(weeks=w), at(5, 1, 12) + dt.timedelta(weeks=w))
            for w in range(weeks)
        ],
    )


def expected_browse_order(documents, language):
    """Events with an occurrence to come by (next start, title, id), then
    everything else by (title, id): what browsing must list."""
    mine = [
        d
        for d in documents
        if d.language == language or (d.language == "ja" and language not in d.translated_to)
    ]

    def next_start(d):
        starts = [s for s, _e in d.occurrences if s >= NOW]
        return min(starts) if starts and d.kind == "event" else None

    upcoming = sorted(
        (d for d in mine if next_start(d)), key=lambda d: (next_start(d), d.title, d.id)
    )
    rest = sorted((d for d in mine if not next_start(d)), key=lambda d: (d.title, d.id))
    return [d.id for d in upcoming + rest]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_browsing_pages_through_events_by_date_then_the_rest_by_title(database_engine, language):
    documents = mixed(45) + [weekly(n, 30) for n in range(8)]
    database_engine.index(documents)
    expected = expected_browse_order(documents, language)
    listed = []
    for page in range(1, len(expected) // 7 + 3):
        listed += [
            h.id
            for h in database_engine.search(query(language=language, page=page, page_size=7)).hits
        ]
    assert listed == expected
    dated = database_engine.search(query(language=language, sort="date", page_size=50))
    assert [h.id for h in dated.hits] == expected[:50]
    first = dated.hits[0]
    assert first.kind == "event" and first.next_start is not None and first.next_start >= NOW


def test_browsing_events_with_many_occurrences_stays_a_few_queries(
    database_engine, django_assert_max_num_queries
):
    database_engine.index([weekly(n, 300) for n in range(60)])
    with django_assert_max_num_queries(9):
        results = database_engine.search(query(page=3, page_size=20))
    assert [h.id for h in results.hits] == expected_browse_order(
        [weekly(n, 300) for n in range(60)], "en"
    )[40:60]


def test_the_migration_fills_the_combination_of_each_range(database_engine):
    from django.apps import apps

    from search.models import IndexRange

    database_engine.index(mixed(20))
    combos = dict(IndexRange.objects.values_list("pk", "combo"))
    assert None not in combos.values()
    IndexRange.objects.update(combo=None)
    migration = importlib.import_module("search.migrations.0006_range_combinations")
    migration.fill(apps, types.SimpleNamespace(connection=connection))
    assert dict(IndexRange.objects.values_list("pk", "combo")) == combos


def test_a_shop_with_overlapping_openings_is_open_once(database_engine):
    shop = doc(
        "shop-1",
        "Twice open",
        opening=[(at(5, 13, 8), at(5, 13, 12)), (at(5, 13, 10), at(5, 13, 14))],
    )
    database_engine.index([shop])
    results = database_engine.search(query())
    assert results.facets["open_now"][0].count == 1
    assert database_engine.search(query(open_now=True)).total == 1
