"""`make run`: the embedded default, with debugging on."""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-dev-only-machikado-key"  # noqa: S105
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]  # noqa: F405

# Stripe for the demo, offline: unless the environment configures Stripe
# (STRIPE_SECRET_KEY), card payments go to a localstripe on 127.0.0.1:8420
# (with its fake Stripe.js) and Connect to a stripe-mock on 127.0.0.1:12111.
# `make run` (manage.py runserver_with_stripe) starts both and registers the
# webhook. Without stripe-mock (it needs Go) STRIPE_CONNECT_API_BASE stays
# empty: Connect is off and card orders' payouts are held for staff.
STRIPE_DEMO_EMULATORS = not os.environ.get("STRIPE_SECRET_KEY")
if STRIPE_DEMO_EMULATORS:
    # stripe-mock accepts only "valid looking" keys: letters and digits after sk_test_
    STRIPE_SECRET_KEY = "sk_test_machikadoDemo"  # noqa: S105
    STRIPE_PUBLISHABLE_KEY = "pk_test_machikadoDemo"
    STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "whsec_machikado_demo")
    STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "http://127.0.0.1:8420")
    STRIPE_JS_URL = os.environ.get("STRIPE_JS_URL", f"{STRIPE_API_BASE}/js.stripe.com/v3/")
    STRIPE_CONNECT_API_BASE = os.environ.get("STRIPE_CONNECT_API_BASE", "")

# Two-factor sign-in is optional for the demo's staff accounts (their password
# is published anyway); TWO_FACTOR_REQUIRED=1 makes `make run` ask like
# production. Anyone who enrols at /admin/two-factor/ is asked for a code.
TWO_FACTOR_REQUIRED = os.environ.get("TWO_FACTOR_REQUIRED", "0") == "1"
