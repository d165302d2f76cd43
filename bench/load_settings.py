"""Settings for bench/load.py only: production settings (DEBUG off, whitenoise,
security headers, the page cache on) with the bench's URLconf, which adds a
minimal view. Never used by the site itself."""

from machikado.settings.production import *  # noqa: F403
from machikado.settings.production import STORAGES

ROOT_URLCONF = "bench.load_urls"
# The bench requests HTML only: static files keep their plain names, so no
# collectstatic (and its compression of Wagtail's admin files) is needed.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
