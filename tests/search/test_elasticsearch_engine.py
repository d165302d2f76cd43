"""What only the Elasticsearch engine has: its index mapping, the alias
swapped by a rebuild while searches go on, bulk retries, and a clear error
when the node is down. (What both engines must agree on is the contract
suite in tests/search/contract/.)"""

from __future__ import annotations

import datetime as dt
import json
import threading
import zoneinfo
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from elasticsearch import Elasticsearch

from search.documents import SearchDocument
from search.engines import SearchUnavailable, get_engine
from search.engines import elasticsearch as es_engine
from search.query import SearchQuery

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
NOW = dt.datetime(2026, 5, 13, 10, 0, tzinfo=TOKYO)


def doc(pk, title, language="en", **fields):
    fields.setdefault("kind", "shop")
    return SearchDocument(
        id=f"{fields['kind']}-{pk}",
        language=language,
        group=f"{fields['kind']}-g{pk}",
        title=title,
        url=f"/{language}/{pk}/",
        **fields,
    )


def titles(engine, text="", **query):
    results = engine.search(SearchQuery(text=text, language="en", now=NOW, **query))
    return sorted(hit.title for hit in results.hits)


def test_get_engine_builds_it_with_the_session_prefix(elasticsearch_engine, settings):
    assert get_engine() is elasticsearch_engine
    assert elasticsearch_engine.alias == f"{settings.ELASTICSEARCH_INDEX_PREFIX}-documents"
    assert settings.ELASTICSEARCH_INDEX_PREFIX.startswith("machikado-test-")


def test_index_mapping(elasticsearch_engine):
    client = elasticsearch_engine.client
    (name,) = client.indices.get_alias(name=elasticsearch_engine.alias).keys()
    assert name.startswith(f"{elasticsearch_engine.alias}-")
    properties = client.indices.get_mapping(index=name)[name]["mappings"]["properties"]
    for field in ("name", "text"):
        assert properties[field] == {"type": "text", "analyzer": "whitespace"}
    assert properties["reading"] == {
        "type": "text",
        "analyzer": "whitespace",
        "index_options": "freqs",
    }
    for field in ("kind", "language", "group", "category", "area", "price_band", "translated_to"):
        assert properties[field]["type"] == "keyword"
    assert properties["location"]["type"] == "geo_point"
    assert properties["occurrences"]["type"] == "date_range"
    assert properties["opening"]["type"] == "date_range"
    assert properties["starts"]["type"] == "nested"
    # Display fields are kept, not indexed.
    assert properties["summary"]["index"] is False
    mappings = client.indices.get_mapping(index=name)[name]["mappings"]
    assert mappings["dynamic"] == "strict"
    index_settings = client.indices.get_settings(index=name)[name]["settings"]["index"]
    assert index_settings["number_of_shards"] == "1"


def test_stored_document_is_analysed_text_and_display_fields(elasticsearch_engine):
    elasticsearch_engine.index(
        [
            doc(
                1,
                "Fujioka Soba House",
                summary="Handmade noodles",
                latitude=36.25,
                longitude=139.07,
                occurrences=[(NOW, NOW + dt.timedelta(hours=2))],
                price=800,
            )
        ]
    )
    stored = elasticsearch_engine.client.get(index=elasticsearch_engine.alias, id="shop-1")
    source = stored["_source"]
    assert "soba" in source["name"].split()
    assert "noodl" in source["text"].split() or "noodle" in source["text"].split()
    assert source["location"] == {"lat": 36.25, "lon": 139.07}
    assert source["price_band"] == "under-1000"
    assert source["occurrences"] == [
        {"gte": NOW.isoformat(), "lt": (NOW + dt.timedelta(hours=2)).isoformat()}
    ]


def test_index_creates_the_index_on_first_use(elasticsearch_engine):
    elasticsearch_engine.drop()
    assert not elasticsearch_engine.client.indices.exists_alias(name=elasticsearch_engine.alias)
    with pytest.raises(SearchUnavailable, match="missing"):
        elasticsearch_engine.search(SearchQuery(text="", language="en", now=NOW))
    assert elasticsearch_engine.index([doc(1, "Kiln Cafe")]) == 1
    assert titles(elasticsearch_engine) == ["Kiln Cafe"]


def test_document_ids_count_and_size(elasticsearch_engine):
    elasticsearch_engine.index([doc(i, f"Shop {i}") for i in range(1, 1201)])
    ids = elasticsearch_engine.document_ids()
    assert len(ids) == 1200
    assert "shop-1200" in ids
    elasticsearch_engine.delete(["shop-1", "shop-2", "shop-unknown"])
    assert elasticsearch_engine.count() == 1198
    assert "shop-1" not in elasticsearch_engine.document_ids()
    assert elasticsearch_engine.size_bytes() > 10_000


def test_rebuild_swaps_the_alias_without_a_moment_without_results(elasticsearch_engine):
    engine = elasticsearch_engine
    client = engine.client
    engine.rebuild([doc(1, "Old Tea House"), doc(2, "Old Bakery")])
    (old_index,) = client.indices.get_alias(name=engine.alias).keys()
    assert titles(engine) == ["Old Bakery", "Old Tea House"]

    halfway = threading.Event()
    go_on = threading.Event()
    progress = []

    def stream():
        for i in range(1, 801):
            if i == 601:
                # The first chunk is written; wait while the test searches.
                halfway.set()
                assert go_on.wait(30)
            yield doc(100 + i, f"New Shop {i}")

    outcome = {}

    def rebuild():
        try:
            outcome["written"] = engine.rebuild(stream(), progress.append)
        except BaseException as e:  # reported below
            outcome["error"] = e

    thread = threading.Thread(target=rebuild)
    thread.start()
    try:
        assert halfway.wait(60)
        # Searches still read the old index, the new one is being loaded...
        assert titles(engine) == ["Old Bakery", "Old Tea House"]
        assert list(client.indices.get_alias(name=engine.alias)) == [old_index]
        (loading,) = client.indices.get_alias(name=engine.next_alias).keys()
        assert loading != old_index
        # ...and a change made meanwhile goes to both, so the swap keeps it.
        engine.index([doc(999, "Opened During Rebuild")])
        assert "Opened During Rebuild" in titles(engine)
    finally:
        go_on.set()
        thread.join(120)
    assert "error" not in outcome, outcome.get("error")
    assert outcome["written"] == 800
    assert progress == sorted(progress) and progress[-1] == 800

    (new_index,) = client.indices.get_alias(name=engine.alias).keys()
    assert new_index == loading
    assert not client.indices.exists(index=old_index)
    assert not client.indices.exists_alias(name=engine.next_alias)
    settings = client.indices.get_settings(index=new_index)[new_index]["settings"]["index"]
    assert settings["refresh_interval"] == "1s"
    assert settings["number_of_replicas"] == "0"
    found = engine.search(SearchQuery(text="", language="en", now=NOW, page_size=5))
    assert found.total == 801
    assert engine.search(SearchQuery(text="old", language="en", now=NOW)).total == 0
    assert titles(engine, "rebuild") == ["Opened During Rebuild"]


def test_a_failed_rebuild_leaves_the_old_index_serving(elasticsearch_engine):
    engine = elasticsearch_engine
    engine.rebuild([doc(1, "Old Tea House")])
    (old_index,) = engine.client.indices.get_alias(name=engine.alias).keys()

    def broken():
        yield doc(2, "Half Built")
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        engine.rebuild(broken())
    assert list(engine.client.indices.get_alias(name=engine.alias)) == [old_index]
    assert engine._all_indices() == [old_index]
    assert titles(engine) == ["Old Tea House"]


def test_unreachable_node_raises_search_unavailable(settings):
    # Port 9 (discard) is closed here: connections are refused at once.
    engine = es_engine.ElasticsearchEngine(url="http://127.0.0.1:9", prefix="machikado-test-down")
    with pytest.raises(SearchUnavailable, match=r"not reachable at http://127\.0\.0\.1:9"):
        engine.search(SearchQuery(text="soba", language="en", now=NOW))
    with pytest.raises(SearchUnavailable):
        engine.index([doc(1, "Nowhere")])
    with pytest.raises(SearchUnavailable):
        engine.suggest("so", "en")


class _BulkStub(BaseHTTPRequestHandler):
    """Answers _bulk like a node whose write queue is full: the first request
    gets 429 for every other item, later requests succeed. A stub, because a
    real node only refuses writes under a load a test cannot make reliably;
    it checks the client's retry at the transport level, nothing else."""

    requests: list[list[dict]] = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        actions = lines[0::2]
        first = not self.requests
        self.requests.append(actions)
        items = []
        for i, action in enumerate(actions):
            meta = action["index"]
            if first and i % 2:
                status, extra = 429, {"error": {"type": "es_rejected_execution_exception"}}
            else:
                status, extra = 201, {"result": "created"}
            items.append(
                {"index": {"_index": meta["_index"], "_id": meta["_id"], "status": status, **extra}}
            )
        payload = json.dumps({"took": 1, "errors": first, "items": items}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_PUT = do_POST  # the client sends _bulk with PUT


def test_bulk_retries_items_refused_with_429(monkeypatch, settings):
    monkeypatch.setattr(es_engine, "INITIAL_BACKOFF", 0.01)
    _BulkStub.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _BulkStub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        engine = es_engine.ElasticsearchEngine(
            url=url, prefix="stub", client=Elasticsearch(url, max_retries=0)
        )
        actions = es_engine.iter_actions(
            "stub-documents-1", (doc(i, f"Shop {i}") for i in range(6))
        )
        progress = []
        assert engine._bulk(actions, progress.append) == 6
    finally:
        server.shutdown()
    first, second = _BulkStub.requests
    assert [a["index"]["_id"] for a in first] == [f"shop-{i}" for i in range(6)]
    # Only the refused ones again.
    assert [a["index"]["_id"] for a in second] == ["shop-1", "shop-3", "shop-5"]
    assert progress == [6]
