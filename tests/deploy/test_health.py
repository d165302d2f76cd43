"""/healthz (machikado.health): what probes and the image's HEALTHCHECK rely on.
The database-down answer (503) is checked against a real gunicorn in
test_image_commands.py, where the database can really go away."""

import pytest
from django.urls import reverse

from machikado import visitors


@pytest.mark.django_db
def test_healthz_answers_ok_uncached_and_uncounted(client):
    assert reverse("healthz") == "/healthz"
    visitors.buffer.clear()

    response = client.get(
        "/healthz", HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
    )

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "no-cache" in cache_control
    # Not a page view: a probe every few seconds must not count as visitors.
    assert visitors.pending() == {}
    # No session or CSRF cookie for a probe, and no language redirect.
    assert not response.cookies


@pytest.mark.django_db
def test_healthz_needs_no_login_and_accepts_head_only_besides_get(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
    assert client.options("/healthz").status_code == 405
