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


@pytest.fixture(scope="session")
def stripe_mock_server():
    server = services.start_stripe_mock()
    yield server
    server.stop()


@pytest.fixture
def stripe_mock(stripe_mock_server, settings):
    """Point Stripe Connect (accounts, links, transfers) at the session's
    stripe-mock, with test keys. Combine with `localstripe` for payments."""
    settings.STRIPE_CONNECT_API_BASE = stripe_mock_server.url
    settings.STRIPE_SECRET_KEY = services.TEST_SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = services.TEST_PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = services.TEST_WEBHOOK_SECRET
    return stripe_mock_server


@pytest.fixture
def shop1(storefront1):
    """storefront1's business, open for orders (complete shop settings, card)."""
    from .orders import open_shop

    open_shop(storefront1.business)
    return storefront1.business


@pytest.fixture
def shop2(storefront2):
    from .orders import open_shop

    open_shop(storefront2.business)
    return storefront2.business
