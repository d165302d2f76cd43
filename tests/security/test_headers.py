"""Security headers on every kind of response (public page, API, admin, 404),
and the production settings' additions (HSTS, upgrade-insecure-requests)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from machikado.csp import permissions_policy_header

REPO = Path(settings.BASE_DIR)
EXPECTED = {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


def features(response):
    """Permissions-Policy as {feature: allowlist string}."""
    return dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))


def assert_headers(response, path):
    for name, value in EXPECTED.items():
        assert response[name] == value, (path, name)
    allowed = features(response)
    # The search's "near me" asks for the visitor's position on our own pages only.
    assert allowed["geolocation"] == "(self)", path
    for feature in ["camera", "microphone", "payment", "usb", "browsing-topics"]:
        assert allowed[feature] == "()", (path, feature)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"], path


@pytest.mark.django_db
def test_public_api_and_error_responses(client, storefront1):
    for path, status in [
        ("/ja/", 200),
        (storefront1.url, 200),
        ("/ja/search/", 200),
        ("/api/v2/pages/", 200),
        ("/robots.txt", 200),
        ("/ja/no-such-page/", 404),
    ]:
        response = client.get(path)
        assert response.status_code == status, path
        assert_headers(response, path)


@pytest.mark.django_db
def test_admin_responses(client, staff):
    assert_headers(client.get("/admin/login/"), "/admin/login/")
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert_headers(response, "/admin/")


def test_geolocation_is_allowed_because_the_search_uses_it():
    """If "near me" ever stops using geolocation, the policy should say () too."""
    script = (REPO / "search/static/search/js/search.js").read_text()
    assert "navigator.geolocation" in script
    assert settings.PERMISSIONS_POLICY["geolocation"] == ["self"]
    # No other project script asks for a feature the policy denies.
    denied = {"getUserMedia", "mediaDevices", "PaymentRequest", "navigator.usb", "navigator.serial"}
    for path in REPO.glob("*/static/**/js/*.js"):
        text = path.read_text()
        assert not [word for word in denied if word in text], path


def test_permissions_policy_header_format():
    assert (
        permissions_policy_header({"geolocation": ["self"], "camera": []})
        == "geolocation=(self), camera=()"
    )


def test_production_adds_hsts_and_upgrade_insecure_requests():
    """The production settings, loaded in a process of their own (they refuse
    to start without a real secret key and host list)."""
    program = """
import json
import django
django.setup()
from django.http import HttpResponse
from django.test import RequestFactory
from django.middleware.security import SecurityMiddleware
from machikado.csp import ContentSecurityPolicyMiddleware, PermissionsPolicyMiddleware

def view(request):
    return HttpResponse("ok")

handler = SecurityMiddleware(ContentSecurityPolicyMiddleware(PermissionsPolicyMiddleware(view)))
request = RequestFactory().get("/ja/", secure=True, HTTP_HOST="machikado.example.jp")
response = handler(request)
print(json.dumps(dict(response.headers)))
"""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "machikado.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "machikado.example.jp",
        "STRIPE_JS_URL": "https://js.stripe.com/v3/",
    }
    result = subprocess.run(
        [sys.executable, "-c", program],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.strip().splitlines()[-1])
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csp = headers["Content-Security-Policy"]
    parts = {part.split()[0]: part.split()[1:] for part in csp.split(";")}
    assert "upgrade-insecure-requests" in parts
    assert parts["script-src"] == ["'self'", "https://js.stripe.com"]
    assert parts["connect-src"] == ["'self'", "https://api.stripe.com"]
    assert "https://hooks.stripe.com" in parts["frame-src"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "geolocation=(self)" in headers["Permissions-Policy"]
