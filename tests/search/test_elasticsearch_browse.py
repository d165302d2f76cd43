"""Browsing and sort=date on Elasticsearch ask for the documents with a start
at or after now apart from the others (a nested sort over every document
cost more than the rest of the search): every page, including those that
straddle the two parts, must be what the database engine gives."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from search.documents import SearchDocument
from search.query import SearchQuery
from tests.search.test_elasticsearch_parity import NOW, at


def corpus():
    docs = []
    for i in range(1, 9):
        # upcoming events, one with a past start too, one on now exactly
        starts = [at(i % 4, i)] + ([at(-3)] if i % 3 == 0 else [])
        if i == 8:
            starts = [NOW]
        docs.append(
            SearchDocument(
                id=f"event-{i}",
                kind="event",
                language="en",
                group=f"event-{i}",
                title=f"Festival {9 - i}",
                url=f"/en/event-{i}/",
                summary="A town festival",
                occurrences=[(s, s + dt.timedelta(hours=2)) for s in starts],
            )
        )
    for i in range(9, 13):  # past events mix with the rest by title
        docs.append(
            SearchDocument(
                id=f"event-{i}",
                kind="event",
                language="en",
                group=f"event-{i}",
                title=f"Festival {i} (over)",
                url=f"/en/event-{i}/",
                summary="A town festival, last year",
                occurrences=[(at(-i), at(-i, 2))],
            )
        )
    for i in range(13, 20):
        docs.append(
            SearchDocument(
                id=f"shop-{i}",
                kind="shop",
                language="ja" if i % 2 else "en",
                group=f"shop-{i}",
                title=f"{'Bakery' if i % 2 else 'Festival goods'} {i}",
                url=f"/x/shop-{i}/",
                summary="Bread for the festival",
            )
        )
    return docs


@pytest.fixture
def engines(database_engine, elasticsearch_engine):
    for engine in (database_engine, elasticsearch_engine):
        engine.index(corpus())
    return database_engine, elasticsearch_engine


def pages(engine, page_size, **fields):
    found = []
    page = total = 1
    while (page - 2) * page_size < total:  # every page, and one past the end
        results = engine.search(
            SearchQuery(language="en", now=NOW, page=page, page_size=page_size, **fields)
        )
        total = results.total
        found.append([(h.id, h.next_start) for h in results.hits])
        page += 1
    assert found[-1] == []
    return total, found


@pytest.mark.parametrize(
    "fields",
    [{}, {"sort": "date"}, {"sort": "date", "text": "festival"}, {"kinds": ["event"]}],
    ids=["browse", "date", "date-text", "browse-events"],
)
@pytest.mark.parametrize("page_size", [1, 3, 7, 20])
def test_every_page_as_on_the_database_engine(engines, fields, page_size):
    database, elasticsearch = engines
    expected = pages(database, page_size, **fields)
    got = pages(elasticsearch, page_size, **fields)
    total, found = expected
    flat = [hit for page in found for hit in page]
    if "text" in fields and connection.vendor == "postgresql":
        # After the dated events, text hits are ordered by score, and
        # PostgreSQL's ts_rank_cd ranks some differently from BM25 (as in
        # the parity test): the same pages of dated events, the same rest.
        got_flat = [hit for page in got[1] for hit in page]
        assert got[0] == total and len(got[1]) == len(found)
        assert got_flat[:8] == flat[:8] and set(got_flat[8:]) == set(flat[8:])
    else:
        assert got == expected
    assert len(flat) == total > 8
    # the upcoming events come first, by their next start
    starts = [start for _id, start in flat[:8]]
    assert None not in starts and starts == sorted(starts)
    assert all(start is None for _id, start in flat[8:])
