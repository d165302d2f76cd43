"""Stock and the index: a product whose every option is sold out leaves the
search index after the checkout that sold it commits, and comes back when
stock returns (expiry, cancellation, refunds). Through the real checkout
service, shop.signals.stock_changed, search/signals.py and the update task,
on the database engine."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from search import signals
from search.query import SearchQuery
from shop.models import Cart, Order, OrderGroup, Variant
from shop.services import cart as carts
from shop.services import checkout, fulfilment, payments
from shop.signals import stock_changed
from tests import factories
from tests.shop.orders import open_shop, place, product

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block schedules after commit, as a real commit would
    (as in test_indexing.py); the callbacks are returned for inspection."""

    def block():
        signals.indexing.forget()
        return django_capture_on_commit_callbacks(execute=True)

    return block


@pytest.fixture
def sent():
    """The product ids of every stock_changed the shop sends."""
    calls = []

    def receiver(sender, product_ids, **kwargs):
        calls.append(set(product_ids))

    stock_changed.connect(receiver, dispatch_uid="test-stock-sent")
    yield calls
    stock_changed.disconnect(dispatch_uid="test-stock-sent")


@pytest.fixture
def business(area, committed):
    with committed():
        page = factories.make_storefront("喫茶まちかど")
        open_shop(page.business)
    return page.business


def ids_of(engine, item):
    return {i for i in engine.document_ids() if i.startswith(f"product-{item.pk}-")}


def both(item):
    return {f"product-{item.pk}-ja", f"product-{item.pk}-en"}


def indexing_batches(callbacks):
    """The search index updates among a block's on-commit callbacks."""
    return [cb for cb in callbacks if signals.indexing.owns(cb)]


def test_buying_the_last_item_removes_the_product_and_expiry_brings_it_back(
    database_engine, committed, business, sent
):
    with committed():
        last = product(business, "ほうじ茶", stock=1)
        other = product(business, "煎茶", stock=3)
    assert ids_of(database_engine, last) == both(last)

    with committed():
        group = place([(last, 1), (other, 1)])
    assert Variant.objects.get(product=last).stock == 0
    assert sent == [{last.pk}]  # 煎茶 went 3 → 2: still for sale, not reported
    assert ids_of(database_engine, last) == set()
    assert ids_of(database_engine, other) == both(other)
    assert database_engine.search(SearchQuery(text="ほうじ茶", language="ja")).total == 0
    # Its page still shows it, sold out.
    page = Client().get(f"/ja/products/{last.pk}/")
    assert "この商品は現在売り切れです。" in page.content.decode()

    later = group.reserved_until + dt.timedelta(minutes=1)
    with committed():
        assert payments.expire_reservations(later) == 1
    assert Variant.objects.get(product=last).stock == 1
    assert ids_of(database_engine, last) == both(last)
    hits = database_engine.search(SearchQuery(text="ほうじ茶", language="ja")).hits
    assert [hit.id for hit in hits] == [f"product-{last.pk}-ja"]


def test_a_cancelled_checkout_brings_the_product_back(database_engine, committed, business):
    with committed():
        item = product(business, stock=2)
    with committed():
        group = place([(item, 2)])
    assert ids_of(database_engine, item) == set()
    with committed():
        assert checkout.release(group, OrderGroup.CANCELLED)
    assert ids_of(database_engine, item) == both(item)


def test_a_shop_cancelling_an_order_restocks_and_reindexes(database_engine, committed, business):
    with committed():
        item = product(business, stock=1, fulfilment=Order.PICKUP)
    with committed():
        group = place([(item, 1)], OrderGroup.PAY_AT_STORE)
    assert ids_of(database_engine, item) == set()
    order = group.orders.get()
    with committed():
        fulfilment.cancel(order, user=factories.make_user(superuser=True), reason="店の都合")
    assert Variant.objects.get(product=item).stock == 1
    assert ids_of(database_engine, item) == both(item)


def test_one_option_sold_out_keeps_the_product(database_engine, committed, business):
    with committed():
        item = factories.make_product(business, "手ぬぐい", stock=1, options=["赤", "青"])
    with committed():
        cart = Cart.objects.create()
        carts.add(cart, item.variants.get(name="赤"), 1)
        check_out(cart)
    assert ids_of(database_engine, item) == both(item)  # 青 is still in stock


def test_an_untracked_product_never_leaves(database_engine, committed, business, sent):
    with committed():
        ticket = factories.make_product(business, "そば打ち体験", stock=0, track_stock=False)
    assert ids_of(database_engine, ticket) == both(ticket)
    with committed() as callbacks:
        group = place([(ticket, 5)])
    assert sent == [] and indexing_batches(callbacks) == []
    assert ids_of(database_engine, ticket) == both(ticket)
    with committed() as callbacks:
        checkout.release(group, OrderGroup.CANCELLED)
    assert sent == [] and indexing_batches(callbacks) == []
    assert ids_of(database_engine, ticket) == both(ticket)


def test_stock_that_stays_above_zero_does_not_touch_the_index(
    database_engine, committed, business, sent
):
    with committed():
        item = product(business, stock=5)
    with committed() as callbacks:
        group = place([(item, 1)])  # 5 → 4
    assert Variant.objects.get(product=item).stock == 4
    assert sent == [] and indexing_batches(callbacks) == []
    with committed() as callbacks:
        checkout.release(group, OrderGroup.CANCELLED)  # 4 → 5
    assert sent == [] and indexing_batches(callbacks) == []
    assert ids_of(database_engine, item) == both(item)


def test_a_product_not_indexed_for_other_reasons_stays_out(database_engine, committed, business):
    """Stock coming back does not index a draft."""
    with committed():
        item = product(business, stock=1)
    with committed():
        group = place([(item, 1)])
    with committed():
        item.status = item.DRAFT
        item.save()
    with committed():
        checkout.release(group, OrderGroup.CANCELLED)
    assert ids_of(database_engine, item) == set()


def cart_selling_out(business, committed, count):
    """A cart with the last item of `count` products (and its checkout key)."""
    with committed():
        items = [product(business, f"茶{i}", stock=1) for i in range(count)]
        cart = Cart.objects.create()
        for item in items:
            carts.add(cart, item.variants.get(), 1)
    return items, cart


def check_out(cart):
    return checkout.place_order(
        cart,
        checkout.checkout_key(cart),
        checkout.Customer(**factories.CUSTOMER),
        OrderGroup.CARD,
        {},
    )


def test_selling_out_several_products_takes_a_bounded_number_of_queries(
    database_engine, committed, business, django_assert_max_num_queries
):
    """Checkout and the reindex after its commit together: the number of
    queries does not grow with the number of products sold out."""
    counts = []
    for size in (2, 6):
        items, cart = cart_selling_out(business, committed, size)
        with CaptureQueriesContext(connection) as queries, committed():
            check_out(cart)
        counts.append(len(queries))
        for item in items:
            assert ids_of(database_engine, item) == set()
    assert counts[0] == counts[1], counts

    items, cart = cart_selling_out(business, committed, 5)
    with django_assert_max_num_queries(40), committed():
        check_out(cart)


def test_restocking_several_sold_out_products_takes_a_bounded_number_of_queries(
    database_engine, committed, business, django_assert_max_num_queries
):
    items, cart = cart_selling_out(business, committed, 5)
    with committed():
        group = check_out(cart)
    # One or two UPDATEs per line, then one query for their products and the
    # reindex of all of them at once.
    with django_assert_max_num_queries(40), committed():
        checkout.release(group, OrderGroup.CANCELLED)
    for item in items:
        assert ids_of(database_engine, item) == both(item)


def test_an_owner_setting_stock_in_the_admin_moves_the_product(
    database_engine, committed, client, owner1, storefront1
):
    """Through the real product edit view: stock 0 on every option takes the
    product out of the index, stock back puts it in again."""
    from tests.shop.admin_forms import get_form

    with committed():
        storefront1.save_revision().publish()
        item = product(storefront1.business, "ほうじ茶", stock=3)
    assert ids_of(database_engine, item) == both(item)
    client.force_login(owner1)
    url = f"/admin/products/edit/{item.pk}/"
    for stock, expected in (("0", set()), ("2", both(item))):
        data = get_form(client, url, **{"variants-0-stock": stock})
        with committed():
            response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert ids_of(database_engine, item) == expected, stock
