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
