"""Schemathesis against the published OpenAPI document, in process through
Django's WSGI handler with demo content indexed: no 5xx, and every response's
status, content type, headers and body as documented.

Bounded for CI: at most 50 generated cases per operation (plus schemathesis'
examples and coverage phases), no deadline, derandomized so a failure
reproduces."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from machikado.openapi import SCHEMA_PATH

schema = schemathesis.openapi.from_path(SCHEMA_PATH)
schema.app = get_wsgi_application()

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# A CSRF secret and the same token in the header: what the payment page sends.
CSRF = "a" * 32


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_fuzz"  # noqa: S105 - unsigned requests must get 400


@schema.parametrize()
@settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api(case, demo_content, db, in_process_wsgi):
    kwargs = {}
    if case.operation.path.endswith("/confirm-card/"):
        case.headers = {**(case.headers or {}), "X-CSRFToken": CSRF}
        kwargs["cookies"] = {"csrftoken": CSRF}
    case.call_and_validate(checks=CHECKS, **kwargs)


def _call(path, method="GET", **case):
    operation = schema[path][method]
    return operation.Case(**case).call_and_validate(checks=CHECKS)


def test_documented_shapes_with_results(demo_content, db, in_process_wsgi):
    """The generated cases mostly find nothing; these find the demo content,
    so hits, facets, suggestions, datasets and Wagtail items are validated
    against the document too."""
    browse = _call("/api/search/", query={"lang": "ja"}).json()
    assert browse["total"] >= 5
    assert {hit["kind"] for hit in browse["results"]} >= {"shop", "product", "attraction"}
    assert any(value["count"] for value in browse["facets"]["kind"])
    area = demo_content["area"].slug
    near = _call(
        "/api/search/", query={"lang": "en", "near": area, "sort": "distance", "radius": 5}
    ).json()
    assert near["results"] and all(hit["distance_km"] is not None for hit in near["results"])
    events = _call("/api/search/", query={"kind": ["event"], "when": "month"}).json()
    assert events["total"] >= 0  # the event may fall next month; shape checked either way
    bad = _call("/api/search/", query={"page": 0, "sort": "distance"})
    assert bad.status_code == 400 and set(bad.json()["fields"]) == {"page", "sort"}
    assert _call("/api/search/suggest/", query={"q": "そば"}).json()["suggestions"]
    for dataset in ("tourism-facilities", "events"):
        data = _call("/opendata/{dataset}.json", path_parameters={"dataset": dataset}).json()
        assert data["items"]
    pages = _call("/api/v2/pages/", query={"type": "tourism.AttractionPage", "fields": "*"}).json()
    assert pages["meta"]["total_count"] == 2
    attraction = demo_content["attractions"][0].pk
    found = _call("/api/v2/pages/find/", query={"id": attraction})
    assert found.status_code == 302
    assert (
        _call("/api/v2/pages/{id}/", path_parameters={"id": attraction}).json()["id"] == attraction
    )
    signature = _call(
        "/stripe/webhook/",
        method="POST",
        headers={"Stripe-Signature": "t=1,v1=00"},
        body={"id": "evt_1", "type": "payment_intent.succeeded", "data": {"object": {}}},
    )
    assert signature.status_code == 400
