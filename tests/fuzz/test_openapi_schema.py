"""The published OpenAPI document: valid, served, and its enumerations equal
the code's, so the description cannot drift from what the views accept."""

import json

import schemathesis
from django.conf import settings
from django.urls import Resolver404, resolve
from openapi_spec_validator import validate

from machikado.openapi import schema
from search.documents import KINDS, PRICE_BANDS
from search.params import FALSE, MAX_PAGE, MAX_VALUES, TRUE, WHEN_CHOICES
from search.query import FACETS, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, MAX_RADIUS_KM, SORTS
from search.views import MAX_SUGGEST_PREFIX
from tourism.opendata.spec import DATASETS


def _params(path, method="get"):
    return {p["name"]: p["schema"] for p in schema()["paths"][path][method]["parameters"]}


def test_document_is_valid_openapi_31():
    doc = schema()
    assert doc["openapi"].startswith("3.1")
    validate(doc)  # raises on any error
    # Schemathesis loads it too (its own validation and operation parsing).
    loaded = schemathesis.openapi.from_dict(doc)
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert len(operations) == sum(len(item) for item in doc["paths"].values())


def test_served_at_api_openapi_json(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content) == schema()
    assert client.post("/api/openapi.json").status_code == 405


def test_search_enums_and_limits_match_the_code():
    params = _params("/api/search/")
    assert params["kind"]["items"]["enum"] == list(KINDS)
    assert params["price"]["items"]["enum"] == [key for key, _low, _high in PRICE_BANDS]
    assert params["sort"]["enum"] == list(SORTS)
    assert params["when"]["enum"] == list(WHEN_CHOICES)
    assert set(params["open_now"]["enum"]) == TRUE | FALSE
    assert params["lang"]["enum"] == [code for code, _name in settings.LANGUAGES]
    assert params["q"]["maxLength"] == MAX_QUERY_LENGTH
    assert params["page_size"]["maximum"] == MAX_PAGE_SIZE
    assert params["page"]["maximum"] == MAX_PAGE
    assert params["radius"]["maximum"] == MAX_RADIUS_KM
    for name in ("kind", "category", "area", "price"):
        assert params[name]["maxItems"] == MAX_VALUES
    components = schema()["components"]["schemas"]
    assert components["Facets"]["required"] == list(FACETS)
    assert list(components["Facets"]["properties"]) == list(FACETS)
    assert components["Hit"]["properties"]["kind"]["enum"] == list(KINDS)
    assert components["Suggestion"]["properties"]["kind"]["enum"] == [*KINDS, "category", "area"]
    assert MAX_SUGGEST_PREFIX == 50 and "50 characters" in _suggest_description()


def _suggest_description():
    return schema()["paths"]["/api/search/suggest/"]["get"]["parameters"][0]["description"]


def test_open_datasets_match_the_code():
    for path in ("/opendata/{dataset}.json", "/opendata/{dataset}.csv"):
        assert _params(path)["dataset"]["enum"] == list(DATASETS)
    components = schema()["components"]["schemas"]
    assert components["OpenDataset"]["properties"]["dataset_id"]["enum"] == list(DATASETS)


def test_every_path_resolves_to_a_view():
    """Each documented path exists in the URLconf (with sample values)."""
    samples = {
        "{id}": "1",
        "{dataset}": "events",
        "{lang}": "ja",
        "{uuid}": "00000000-0000-0000-0000-000000000000",
    }
    for path in schema()["paths"]:
        concrete = path
        for key, value in samples.items():
            concrete = concrete.replace(key, value)
        try:
            resolve(concrete)
        except Resolver404:
            raise AssertionError(f"{path} is documented but not routed") from None
