"""Concurrency on PostgreSQL: real parallel transactions, one connection per
thread. Skipped (or failed under MACHIKADO_REQUIRE_SERVICES=1) when the test
database is not PostgreSQL: run with DATABASE_URL=postgres://..."""

import json
import threading
import time

import pytest
from django.db import connection
from django.test import Client

from shop.models import Cart, Order, OrderGroup, OrderLine, StripeEvent, Variant
from shop.services import cart as carts
from shop.services import checkout
from shop.services.errors import OutOfStock

from .. import services
from ..factories import CUSTOMER, make_product, make_shop_profile
from .test_webhooks import URL, make_event, signature

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 20


def run_at_once(target, arguments):
    """Run target(argument) in one thread each, released together; each thread
    uses (and closes) its own database connection. Returns results in order."""
    barrier = threading.Barrier(len(arguments))
    results = [None] * len(arguments)

    def run(index, argument):
        try:
            barrier.wait(timeout=30)
            results[index] = target(argument)
        except Exception as error:  # noqa: BLE001 - reported by the test
            results[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, argument))
        for index, argument in enumerate(arguments)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def test_twenty_checkouts_for_the_last_five_units(storefront1):
    variant = make_product(storefront1.business, "最後の五つ", price=1000, stock=5).variants.get()
    cart_list = []
    for _ in range(PARALLEL):
        cart = Cart.objects.create()
        carts.add(cart, variant, 1)
        cart_list.append(cart)

    lowest, running = [5], threading.Event()
    running.set()

    def watch():
        try:
            while running.is_set():
                lowest.append(Variant.objects.get(pk=variant.pk).stock)
        finally:
            connection.close()

    watcher = threading.Thread(target=watch)
    watcher.start()

    def place(cart):
        return checkout.place_order(
            cart,
            checkout.checkout_key(cart),
            checkout.Customer(**CUSTOMER),
            OrderGroup.CARD,
            {},
        )

    results = run_at_once(place, cart_list)
    running.clear()
    watcher.join()

    placed = [r for r in results if isinstance(r, OrderGroup)]
    refused = [r for r in results if isinstance(r, OutOfStock)]
    assert (len(placed), len(refused)) == (5, 15), results
    variant.refresh_from_db()
    assert variant.stock == 0
    assert min(lowest) >= 0
    assert OrderLine.objects.filter(variant=variant).count() == 5
    assert OrderGroup.objects.count() == 5


@pytest.mark.parametrize("same_event", [True, False], ids=["same-event", "new-event-ids"])
def test_the_same_payment_delivered_twenty_times_at_once(
    same_event, stripe_mock, storefront1, storefront2, mailoutbox
):
    """One paid transition, one e-mail to the customer, one transfer per shop
    (counted at stripe-mock), whether Stripe repeats one event or the payment
    arrives under many event ids."""
    for number, storefront in enumerate((storefront1, storefront2), start=1):
        make_shop_profile(
            storefront.business, stripe_account_id=f"acct_1Shop{number}", payouts_enabled=True
        )
    cart = Cart.objects.create()
    for storefront in (storefront1, storefront2):
        carts.add(cart, make_product(storefront.business, price=1200).variants.get(), 1)
    group = checkout.place_order(
        cart, checkout.checkout_key(cart), checkout.Customer(**CUSTOMER), OrderGroup.CARD, {}
    )
    OrderGroup.objects.filter(pk=group.pk).update(stripe_payment_intent="pi_1Concurrent")
    intent = {
        "id": "pi_1Concurrent",
        "object": "payment_intent",
        "amount": group.total,
        "currency": "jpy",
        "status": "succeeded",
        "metadata": {"order_group": str(group.uuid)},
    }
    one = make_event("payment_intent.succeeded", intent)
    events = [
        one if same_event else make_event("payment_intent.succeeded", intent)
        for _ in range(PARALLEL)
    ]
    transfers_before = services.stripe_mock_requests(stripe_mock, "POST", "/v1/transfers")

    def post(event):
        payload = json.dumps(event)
        response = Client().post(
            URL,
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature(payload, int(time.time())),
        )
        return response.status_code, response.content.decode()

    results = run_at_once(post, events)

    assert all(r[0] == 200 for r in results), results
    outcomes = sorted(r[1] for r in results)
    if same_event:
        assert outcomes == ["duplicate"] * (PARALLEL - 1) + ["handled"]
        assert StripeEvent.objects.count() == 1
    else:
        assert outcomes == ["handled"] * PARALLEL
        assert StripeEvent.objects.count() == PARALLEL
    group.refresh_from_db()
    assert group.status == OrderGroup.PAID
    assert [m.to for m in mailoutbox].count([CUSTOMER["email"]]) == 1
    orders = list(group.orders.all())
    assert {o.status for o in orders} == {Order.PAID}
    assert {o.payout_status for o in orders} == {Order.PAYOUT_SENT}
    assert all(o.stripe_transfer for o in orders)
    transfers = services.stripe_mock_requests(stripe_mock, "POST", "/v1/transfers")
    assert transfers - transfers_before == len(orders) == 2
