import pytest

from .. import services


@pytest.fixture(scope="session")
def localstripe_server():
    server = services.start_localstripe()
    yield server
    server.stop()


@pytest.fixture
def localstripe(localstripe_server, settings):
    """Point the shop at the session's localstripe, with test keys."""
    settings.STRIPE_API_BASE = localstripe_server.url
    settings.STRIPE_SECRET_KEY = services.TEST_SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = services.TEST_PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = services.TEST_WEBHOOK_SECRET
    settings.STRIPE_JS_URL = f"{localstripe_server.url}/js.stripe.com/v3/"
    return localstripe_server
