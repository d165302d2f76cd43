"""Stripe clients built from settings (never module-level global state).

`payments()` talks to STRIPE_API_BASE (localstripe in tests and the demo);
`connect()` to STRIPE_CONNECT_API_BASE (stripe-mock in tests, since
localstripe has no Connect). In production both are Stripe itself.
"""

import stripe
from django.conf import settings


class StripeNotConfigured(Exception):
    pass


def _client(base: str) -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise StripeNotConfigured("STRIPE_SECRET_KEY is not set")
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": base},
        max_network_retries=2,
    )


def payments() -> stripe.StripeClient:
    return _client(settings.STRIPE_API_BASE)


def connect() -> stripe.StripeClient:
    return _client(settings.STRIPE_CONNECT_API_BASE)


def card_payments_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)
