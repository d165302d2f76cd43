"""Elasticsearch rebuilds against the real node: analysis in worker
processes, and one rebuild at a time (a second one fails at once naming the
index being loaded, unless that index was left by a crashed run)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import multiprocessing
import threading
import time

import pytest

from search.engines import SearchUnavailable
from search.engines import elasticsearch as es_engine
from search.query import SearchQuery
from tests.search.test_elasticsearch_engine import NOW, doc, titles


def loading_indices(engine):
    return sorted(engine._loading_indices())


def test_workers_analyse_the_same_documents_in_stream_order(elasticsearch_engine, monkeypatch):
    engine = elasticsearch_engine
    monkeypatch.setattr(es_engine, "CHUNK_SIZE", 40)
    engine.workers = 2
    docs = [doc(i, f"Soba House {i}", summary="Handmade noodles") for i in range(1, 301)]
    docs.append(doc(999, "藤岡の酒蔵", language="ja", summary="日本酒の蔵元"))
    progress = []
    assert engine.rebuild(iter(docs), progress.append) == 301
    assert progress == sorted(progress) and progress[-1] == 301
    assert multiprocessing.active_children() == []
    assert engine.count() == 301
    # What a worker stored is what the analysis gives in this process.
    stored = engine.client.get(index=engine.alias, id="shop-999")["_source"]
    assert stored == json.loads(json.dumps(es_engine.source(docs[-1])))
    found = engine.search(SearchQuery(text="noodles", language="en", now=NOW))
    assert found.total == 300


def test_a_document_failing_in_a_worker_fails_the_rebuild_and_stops_the_workers(
    elasticsearch_engine, monkeypatch
):
    engine = elasticsearch_engine
    engine.rebuild([doc(1, "Old Tea House")])
    (old_index,) = engine.client.indices.get_alias(name=engine.alias).keys()
    monkeypatch.setattr(es_engine, "CHUNK_SIZE", 10)
    engine.workers = 2
    broken = doc(50, "Broken", kind="event", occurrences=[("not a date", "either")])
    docs = [doc(i, f"Shop {i}") for i in range(2, 50)] + [broken]
    with pytest.raises(AttributeError):
        engine.rebuild(iter(docs))
    assert multiprocessing.active_children() == []
    assert engine._all_indices() == [old_index]
    assert titles(engine) == ["Old Tea House"]


def test_a_second_rebuild_while_one_is_loading_fails_at_once(elasticsearch_engine):
    engine = elasticsearch_engine
    engine.rebuild([doc(1, "Old Tea House")])
    (old_index,) = engine.client.indices.get_alias(name=engine.alias).keys()
    halfway = threading.Event()
    go_on = threading.Event()

    def stream():
        for i in range(1, 601):
            if i == 501:
                halfway.set()
                assert go_on.wait(60)
            yield doc(100 + i, f"New Shop {i}")

    outcome = {}

    def first():
        try:
            outcome["written"] = engine.rebuild(stream())
        except BaseException as e:  # reported below
            outcome["error"] = e

    thread = threading.Thread(target=first)
    thread.start()
    try:
        assert halfway.wait(60)
        (loading,) = loading_indices(engine)
        started = time.monotonic()
        with pytest.raises(es_engine.RebuildInProgress) as refused:
            engine.rebuild([doc(2, "Second Rebuild")])
        assert time.monotonic() - started < 5  # at once, no waiting
        assert isinstance(refused.value, SearchUnavailable)
        message = str(refused.value)
        assert loading in message
        created = engine._loading_indices()[loading]
        assert f"started {created:%Y-%m-%d %H:%M:%S} UTC" in message
        assert refused.value.index == loading
        # The refused rebuild left nothing behind, and both are untouched.
        assert loading_indices(engine) == [loading]
        assert engine._all_indices() == sorted([old_index, loading])
        assert titles(engine) == ["Old Tea House"]
    finally:
        go_on.set()
        thread.join(120)
    assert "error" not in outcome, outcome.get("error")
    assert outcome["written"] == 600
    assert list(engine.client.indices.get_alias(name=engine.alias)) == [loading]
    assert "Second Rebuild" not in titles(engine, "second")
    # Once it has finished, the next rebuild goes ahead.
    assert engine.rebuild([doc(3, "Third Rebuild")]) == 1
    assert titles(engine) == ["Third Rebuild"]


def test_of_two_racing_rebuilds_the_index_created_first_goes_on(elasticsearch_engine):
    engine = elasticsearch_engine
    first, second = f"{engine.alias}-race-1", f"{engine.alias}-race-2"
    engine._create_index(first, [engine.next_alias], loading=True)
    time.sleep(0.01)
    engine._create_index(second, [engine.next_alias], loading=True)
    # Each checks after creating its own: the later one gives way...
    with pytest.raises(es_engine.RebuildInProgress, match=first):
        engine._claim_rebuild(second)
    assert not engine.client.indices.exists(index=second)
    # ...the first goes on even if it checks while the other still exists.
    engine._create_index(second, [engine.next_alias], loading=True)
    engine._claim_rebuild(first)
    assert engine.client.indices.exists(index=first)
    engine.client.indices.delete(index=f"{first},{second}")


def test_a_stale_loading_index_left_by_a_crashed_run_is_replaced(
    elasticsearch_engine, settings, caplog
):
    engine = elasticsearch_engine
    engine.rebuild([doc(1, "Old Tea House")])
    crashed = f"{engine.alias}-{(NOW - dt.timedelta(days=1)).strftime('%Y%m%d%H%M%S%f')}"
    engine._create_index(crashed, [engine.next_alias], loading=True)
    # Young, it blocks (the default threshold is an hour)...
    assert engine.stale_after == dt.timedelta(seconds=es_engine.STALE_REBUILD_AFTER)
    with pytest.raises(es_engine.RebuildInProgress, match=crashed):
        engine.rebuild([doc(2, "New Tea House")])
    assert loading_indices(engine) == [crashed]
    # ...older than the threshold (ELASTICSEARCH_REBUILD_STALE_AFTER), it is
    # deleted and the rebuild proceeds.
    settings.ELASTICSEARCH_REBUILD_STALE_AFTER = 1
    engine = es_engine.ElasticsearchEngine(client=engine.client)
    assert engine.stale_after == dt.timedelta(seconds=1)
    time.sleep(1.1)
    with caplog.at_level(logging.WARNING, logger=es_engine.__name__):
        assert engine.rebuild([doc(2, "New Tea House")]) == 1
    assert not engine.client.indices.exists(index=crashed)
    assert f"Deleting {crashed}" in caplog.text
    assert loading_indices(engine) == []
    assert engine.search(SearchQuery(text="", language="en", now=NOW)).total == 1
    assert titles(engine) == ["New Tea House"]


@pytest.mark.parametrize(
    "cpus,load,workers", [(2, 0.1, 1), (2, 0.6, 0), (2, 3.0, 0), (8, 1.0, 1), (1, 0.0, 0)]
)
def test_workers_only_for_idle_cores(monkeypatch, cpus, load, workers):
    monkeypatch.setattr(es_engine.os, "cpu_count", lambda: cpus)
    monkeypatch.setattr(es_engine.os, "getloadavg", lambda: (load, load, load))
    assert es_engine.rebuild_workers() == workers


def test_rebuild_workers_setting(settings):
    settings.ELASTICSEARCH_REBUILD_WORKERS = 0
    assert es_engine.ElasticsearchEngine(prefix="machikado-test-unused").workers == 0
    del settings.ELASTICSEARCH_REBUILD_WORKERS
    assert es_engine.ElasticsearchEngine(prefix="machikado-test-unused").workers is None
