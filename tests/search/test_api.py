"""The JSON API: /api/search/ and /api/search/suggest/ on the database engine."""

import datetime as dt

import pytest
from django.utils import timezone

from search.engines.base import SearchUnavailable
from search.models import SearchLog
from search.params import date_preset
from search.query import MAX_PAGE_SIZE, MAX_QUERY_LENGTH
from tests.search.documents import many_documents, sample_documents
from tests.search.test_views import HOSTILE

API = "/api/search/"
SUGGEST = "/api/search/suggest/"
RESULT_KEYS = {
    "kind",
    "title",
    "url",
    "summary",
    "snippet",
    "category",
    "area",
    "price",
    "distance_km",
    "next_start",
    "language",
    "fallback",
    "latitude",
    "longitude",
}


@pytest.fixture
def indexed(database_engine):
    database_engine.index(sample_documents())
    return database_engine


def test_search_answers_the_documented_shape(client, indexed):
    response = client.get(API, {"q": "soba", "lang": "en", "near": "36.2,139.06"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["total"] == 1 and body["page"] == 1 and body["pages"] == 1
    (hit,) = body["results"]
    assert set(hit) == RESULT_KEYS
    assert hit["kind"] == "shop"
    assert hit["title"] == "Fujioka Soba House"
    assert hit["url"] == "/en/shop-2/"
    assert hit["language"] == "en" and hit["fallback"] is False
    assert hit["distance_km"] == 0.0
    assert (hit["latitude"], hit["longitude"]) == (36.2, 139.06)
    assert "<mark>" in hit["snippet"]
    kinds = {v["value"]: v for v in body["facets"]["kind"]}
    assert kinds["shop"] == {"value": "shop", "count": 1, "label": "Shops"}
    assert set(body["facets"]) >= {"kind", "category", "area", "price_band", "when", "open_now"}


def test_default_language_is_japanese_and_labels_follow_lang(client, indexed):
    body = client.get(API, {"q": "そば"}).json()
    assert [r["title"] for r in body["results"]] == ["藤岡そば処"]
    en = client.get(API, {"lang": "en", "kind": "event"}).json()
    (event,) = en["results"]
    assert event["fallback"] is True and event["language"] == "ja"
    weekend = date_preset("weekend", timezone.now())
    assert dt.datetime.fromisoformat(event["next_start"]) == weekend.end - dt.timedelta(hours=1)
    labels = {v["value"]: v["label"] for v in en["facets"]["kind"]}
    assert labels["event"] == "Events"


def test_empty_query_browses_everything_with_facets(client, indexed):
    body = client.get(API, {"lang": "en"}).json()
    # the English shop, and the Japanese documents without an English version
    assert body["total"] == 3
    assert {r["title"] for r in body["results"]} == {"Fujioka Soba House", "冬桜の寺", "桜山まつり"}
    assert sum(v["count"] for v in body["facets"]["kind"]) == 3
    assert SearchLog.objects.count() == 0


def test_paging_and_page_size(client, database_engine):
    database_engine.index(many_documents(45))
    body = client.get(API, {"q": "soba", "lang": "en", "page_size": 10, "page": 5}).json()
    assert body["total"] == 45 and body["pages"] == 5 and body["page"] == 5
    assert len(body["results"]) == 5


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"kind": "hotel"}, {"kind"}),
        ({"lang": "fr"}, {"lang"}),
        ({"q": "x" * (MAX_QUERY_LENGTH + 1)}, {"q"}),
        ({"page_size": MAX_PAGE_SIZE + 1}, {"page_size"}),
        ({"sort": "distance"}, {"sort"}),
        ({"from": "2026-05-02", "to": "2026-05-01"}, {"to"}),
        ({"radius": "2"}, {"radius"}),
        ({"open_now": "perhaps", "kind": "x"}, {"open_now", "kind"}),
    ],
)
def test_bad_parameters_get_400_with_messages(client, indexed, params, fields):
    response = client.get(API, {"lang": "en", **params})
    assert response.status_code == 400
    body = response.json()
    # in English (asked), or in Japanese when the language asked is unknown
    if "lang" in fields:
        assert body["error"] and body["error"] != "Some parameters are not valid."
    else:
        assert body["error"] == "Some parameters are not valid."
    assert set(body["fields"]) == fields
    assert all(isinstance(m, str) and m for ms in body["fields"].values() for m in ms)


def test_messages_follow_lang(client, indexed):
    ja = client.get(API, {"kind": "hotel", "lang": "ja"}).json()
    en = client.get(API, {"kind": "hotel", "lang": "en"}).json()
    assert en["fields"] == {"kind": ["Unknown kind: hotel."]}
    assert set(ja["fields"]) == {"kind"} and "hotel" in ja["fields"]["kind"][0]
    assert ja["fields"]["kind"] != en["fields"]["kind"]  # translated by the lead's catalogue


def test_query_at_the_cap(client, indexed):
    assert client.get(API, {"q": "s" * MAX_QUERY_LENGTH}).status_code == 200


@pytest.mark.parametrize("text", HOSTILE[:-3] + HOSTILE[-1:])
def test_hostile_text_never_fails(client, indexed, text):
    text = text[:MAX_QUERY_LENGTH]
    for lang in ("ja", "en", "ko"):
        response = client.get(API, {"q": text, "lang": lang})
        assert response.status_code == 200, (text, response.content[:200])
        assert isinstance(response.json()["results"], list)


def test_long_hostile_text_is_a_400_not_a_500(client, indexed):
    for text in ("x" * 10_000, "🍜" * 5_000):
        response = client.get(API, {"q": text})
        assert response.status_code == 400
        assert set(response.json()["fields"]) == {"q"}


def test_engine_unavailable_is_a_503(client, indexed, monkeypatch):
    def down(self, *args, **kwargs):
        raise SearchUnavailable("node down")

    monkeypatch.setattr(type(indexed), "search", down)
    monkeypatch.setattr(type(indexed), "suggest", down)
    response = client.get(API, {"q": "soba", "lang": "en"})
    assert response.status_code == 503
    assert response.json() == {"error": "Search is unavailable right now. Please try again later."}
    assert client.get(SUGGEST, {"q": "so"}).status_code == 503


def test_api_search_is_logged(client, indexed):
    client.get(API, {"q": "Soba", "lang": "en", "open_now": "1"})
    log = SearchLog.objects.get()
    assert (log.query, log.language, log.filtered) == ("soba", "en", True)


def test_suggest_names_in_the_current_language(client, indexed):
    body = client.get(SUGGEST, {"q": "Fuj", "lang": "en"}).json()
    texts = [s["text"] for s in body["suggestions"]]
    assert "Fujioka Soba House" in texts
    first = body["suggestions"][texts.index("Fujioka Soba House")]
    assert first["url"] == "/en/shop-2/" and first["kind"] == "shop" and first["label"] == "Shop"
    ja = client.get(SUGGEST, {"q": "藤岡"}).json()
    assert [s["text"] for s in ja["suggestions"]][:1] == ["藤岡そば処"]


def test_suggest_edge_cases(client, indexed):
    assert client.get(SUGGEST).json() == {"suggestions": []}
    assert client.get(SUGGEST, {"q": "\x00\x01"}).json() == {"suggestions": []}
    assert client.get(SUGGEST, {"q": "so", "lang": "xx"}).status_code == 400
    for text in HOSTILE:
        assert client.get(SUGGEST, {"q": text}).status_code == 200, text
