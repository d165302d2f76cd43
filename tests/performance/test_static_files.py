"""Static files as production serves them: collectstatic with the production
storage (whitenoise's CompressedManifestStaticFilesStorage) writes hashed
names with .gz and .br next to them, and whitenoise serves a hashed file
compressed with a far-future, immutable Cache-Control."""

import json

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

# The site's own CSS and JS (Wagtail's admin files are left out to keep the test quick).
OWN_FILES = [
    "machikado/css/site.css",
    "search/css/search.css",
    "search/js/autocomplete.js",
    "tourism/js/map.js",
    "tourism/vendor/leaflet/leaflet.js",
    "tourism/vendor/leaflet/leaflet.css",
    "shop/css/shop.css",
]
IGNORED = ["wagtail*", "rest_framework", "admin", "django_*", "otp*", "two_factor"]


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        args = ["collectstatic", "--noinput", "--verbosity=0"]
        for pattern in IGNORED:
            args += ["--ignore", pattern]
        call_command(*args)
    manifest = json.loads((root / "staticfiles.json").read_text())["paths"]
    return root, manifest, storages


def test_css_and_js_are_hashed_and_compressed(collected):
    root, manifest, _storages = collected
    for name in OWN_FILES:
        hashed = manifest[name]
        assert hashed != name
        original = (root / hashed).stat().st_size
        for suffix in (".gz", ".br"):
            compressed = root / f"{hashed}{suffix}"
            assert compressed.exists(), compressed
            assert compressed.stat().st_size < original
    brotli = (root / (manifest["tourism/vendor/leaflet/leaflet.js"] + ".br")).stat().st_size
    assert brotli < 50_000


@pytest.mark.django_db
def test_whitenoise_serves_hashed_files_compressed_for_a_year(collected):
    root, manifest, storages = collected
    with override_settings(
        STATIC_ROOT=root,
        STORAGES=storages,
        WHITENOISE_AUTOREFRESH=False,
        WHITENOISE_USE_FINDERS=False,
    ):
        client = Client()
        hashed = client.get(
            f"/static/{manifest['machikado/css/site.css']}", HTTP_ACCEPT_ENCODING="gzip, br"
        )
        assert hashed.status_code == 200
        assert hashed["Content-Encoding"] == "br"
        assert "immutable" in hashed["Cache-Control"]
        assert "max-age=315360000" in hashed["Cache-Control"]
        assert "Accept-Encoding" in hashed["Vary"]
        plain = client.get("/static/machikado/css/site.css", HTTP_ACCEPT_ENCODING="gzip")
        assert plain.status_code == 200 and plain["Content-Encoding"] == "gzip"
        assert "immutable" not in plain["Cache-Control"]  # an unhashed name may change
