"""CSP violation reports: the policy names /csp-report/, which logs each
violation (both report formats) without query strings, and refuses what is
not a report. Chromium's own delivery is in tests/e2e/test_csp_browser.py."""

import json
import logging

import pytest
from django.core.cache import cache

from machikado import csp_reports

from .test_csp import directives

URL = "/csp-report/"


@pytest.fixture(autouse=True)
def fresh_log_budget():
    """The per-minute budget lives in the cache: each test starts with all of it."""
    cache.clear()
    yield
    cache.clear()


REPORT_URI_BODY = {
    "csp-report": {
        "document-uri": "https://machikado.example/ja/search/?q=private+words#top",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'; report-uri /csp-report/",
        "disposition": "enforce",
        "blocked-uri": "https://evil.example/x.js?session=secret",
        "line-number": 12,
        "source-file": "https://machikado.example/ja/search/?q=private+words",
        "status-code": 200,
    }
}

REPORTING_API_BODY = [
    {
        "age": 10,
        "type": "csp-violation",
        "url": "https://machikado.example/en/",
        "user_agent": "Mozilla/5.0",
        "body": {
            "documentURL": "https://machikado.example/en/?token=abc",
            "effectiveDirective": "img-src",
            "blockedURL": "https://tracker.example/pixel.gif?id=1",
            "disposition": "enforce",
            "lineNumber": 3,
            "sourceFile": "https://machikado.example/static/x.js",
        },
    },
    {"type": "deprecation", "body": {"id": "x"}},
]


@pytest.mark.django_db
def test_every_page_names_the_report_endpoint(client):
    assert directives(client.get("/ja/"))["report-uri"] == [URL]


def test_a_report_uri_violation_is_logged_without_query_strings(client, caplog):
    with caplog.at_level(logging.WARNING, logger="machikado.csp"):
        response = client.post(
            URL, json.dumps(REPORT_URI_BODY), content_type="application/csp-report"
        )
    assert response.status_code == 204
    [record] = [r for r in caplog.records if r.name == "machikado.csp"]
    message = record.getMessage()
    assert "script-src-elem blocked https://evil.example/x.js on" in message
    assert "https://machikado.example/ja/search/" in message
    assert ":12, enforce" in message
    for private in ("private", "secret", "#top"):
        assert private not in message


def test_reporting_api_batches_are_read_too(client, caplog):
    with caplog.at_level(logging.WARNING, logger="machikado.csp"):
        response = client.post(
            URL, json.dumps(REPORTING_API_BODY), content_type="application/reports+json"
        )
    assert response.status_code == 204
    messages = [r.getMessage() for r in caplog.records if r.name == "machikado.csp"]
    assert messages == [
        "CSP violation: img-src blocked https://tracker.example/pixel.gif on "
        "https://machikado.example/en/ (https://machikado.example/static/x.js:3, enforce)"
    ]


@pytest.mark.parametrize(
    "body, status",
    [
        (b"not json", 400),
        (b'{"something": "else"}', 400),
        (json.dumps({"csp-report": {}}).encode() + b" " * 40_000, 413),
    ],
)
def test_what_is_not_a_report_is_refused_and_not_logged(client, caplog, body, status):
    with caplog.at_level(logging.WARNING, logger="machikado.csp"):
        response = client.post(URL, body, content_type="application/csp-report")
    assert response.status_code == status
    assert response.content  # says why
    assert not [r for r in caplog.records if r.name == "machikado.csp"]


def test_only_post(client):
    assert client.get(URL).status_code == 405


def test_a_flood_is_not_logged_beyond_the_budget(client, caplog):
    with caplog.at_level(logging.WARNING, logger="machikado.csp"):
        for _ in range(csp_reports.MAX_LOGGED_PER_MINUTE + 5):
            response = client.post(
                URL, json.dumps(REPORT_URI_BODY), content_type="application/csp-report"
            )
            assert response.status_code == 204
    logged = [r for r in caplog.records if r.name == "machikado.csp"]
    # (a minute boundary during the loop starts a new budget)
    assert csp_reports.MAX_LOGGED_PER_MINUTE <= len(logged) < csp_reports.MAX_LOGGED_PER_MINUTE + 5
