"""Test settings: fast password hashing, in-memory e-mail and cache."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A private media folder per test session, so parallel runs never delete each other's files.
MEDIA_ROOT = Path(
    os.environ.get("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="machikado-test-media-")
)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
# Tests never reach Stripe: without the localstripe / stripe-mock fixtures
# (which point these at the emulators they start) calls go to a closed port.
STRIPE_API_BASE = STRIPE_CONNECT_API_BASE = "http://127.0.0.1:9"
STRIPE_JS_URL = "http://127.0.0.1:9/js.stripe.com/v3/"
# Page views stay in memory until a test writes them (machikado.visitors.flush()).
PAGE_VIEWS_AUTO_FLUSH = False
# Whole-page cache off: tests that change rows without signals would see old
# pages; tests/performance turn it on.
PAGE_CACHE_ENABLED = False
# The suite searches with the database engine; tests/search/conftest.py points
# Elasticsearch tests at indices of their own. Anything else that reaches a
# node never touches a developer's "machikado" indices.
SEARCH_ENGINE = "database"
ELASTICSEARCH_INDEX_PREFIX = "machikado-test"
# Tests log in with client.force_login / client.login: the login lockout
# (whose backend needs a request, which client.login does not pass) and the
# staff two-factor requirement are off, and tests/security/ turns them on.
AXES_ENABLED = False
TWO_FACTOR_REQUIRED = False
