"""Stripe's webhook endpoint: ``POST /stripe/webhook/``.

Checks the ``Stripe-Signature`` header against STRIPE_WEBHOOK_SECRET, refusing
signatures older than STRIPE_WEBHOOK_TOLERANCE seconds (replays), then hands
the event to ``services.webhook_events.handle`` (deduplication and effects;
see there). Answers 400 with a short reason for a bad signature or payload, 200
for handled, repeated and ignored events; an error while handling gives 500
and leaves nothing recorded, so Stripe delivers the event again.

In Stripe's dashboard, send at least: payment_intent.succeeded,
payment_intent.payment_failed, payment_intent.canceled, charge.refunded and
(Connect) account.updated.
"""

import json
import logging

import stripe
from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .services import webhook_events

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        logger.error("Stripe webhook called but STRIPE_WEBHOOK_SECRET is not set")
        return HttpResponseBadRequest("Webhook secret not configured", content_type="text/plain")
    try:
        payload = request.body.decode("utf-8")
        stripe.WebhookSignature.verify_header(
            payload,
            request.headers.get("Stripe-Signature", ""),
            secret,
            tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
        )
    except stripe.SignatureVerificationError as error:
        logger.warning("Stripe webhook with a bad signature: %s", error)
        return HttpResponseBadRequest("Invalid signature", content_type="text/plain")
    except UnicodeDecodeError:
        return HttpResponseBadRequest("Invalid payload", content_type="text/plain")
    # The event as plain dicts (what Stripe sent, signature checked above).
    try:
        event = json.loads(payload)
        if not (isinstance(event["id"], str) and isinstance(event["type"], str)):
            raise TypeError
        if not isinstance(event["data"]["object"], dict):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest("Invalid payload", content_type="text/plain")
    outcome = webhook_events.handle(event)
    return HttpResponse(outcome, content_type="text/plain")
