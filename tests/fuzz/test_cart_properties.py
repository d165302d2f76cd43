"""Properties of the cart (shop/services/cart.py) on the real database.

Any sequence of add / set_quantity / remove, with the stock changing under
the cart (an owner editing a product), keeps:
- every line's quantity from 1 to MAX_QUANTITY (a quantity of 0 or less
  removes the line; a refused change leaves the cart as it was);
- a tracked variant's quantity within its stock *as it was when the line was
  last changed*: the cart checks stock when it changes, not later, so a line
  may exceed a stock that fell afterwards, and then its LineView says
  in_stock=False (checkout refuses it: tests/shop covers that side);
- one line per variant; a product that is not for sale never gets in.
The cart view: each shop's subtotal is the sum of its lines, shipping is the
shop's fee only when shipping was chosen and the subtotal is under
free_shipping_from (0 from there), shop total = subtotal + shipping, cart
total and count are the sums over shops, and each shop's per-rate tax totals
add up to the shop's total.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shop.models import Cart, Order, Variant
from shop.services import cart as carts
from shop.services.errors import NotForSale, ShopError
from tests.factories import make_product, make_shop_profile, make_storefront

DB = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def catalogue(db):
    one = make_storefront("喫茶まちかど", slug="cart-fuzz-1")
    two = make_storefront("鬼石商店", slug="cart-fuzz-2")
    make_shop_profile(one.business, shipping_fee=800, free_shipping_from=3000)
    make_shop_profile(two.business, shipping_fee=600, free_shipping_from=None)
    products = [
        make_product(one.business, "ほうじ茶", price=480, stock=3),
        make_product(
            one.business, "湯呑み", price=2200, track_stock=False, tax_class="standard", pickup=True
        ),
        make_product(one.business, "限定品", price=1500, stock=0),
        make_product(
            two.business, "こんにゃく", price=350, stock=40, options=["S", "L"], pickup=True
        ),
        make_product(two.business, "下書き", price=999, stock=5, published=False),
    ]
    return [v for p in products for v in p.variants.order_by("pk")]


QUANTITIES = st.integers(min_value=-3, max_value=120)
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, 5), QUANTITIES),
        st.tuples(st.just("set"), st.integers(0, 5), QUANTITIES),
        st.tuples(st.just("remove"), st.integers(0, 5), st.just(0)),
        st.tuples(st.just("stock"), st.integers(0, 5), st.integers(0, 50)),
    ),
    min_size=1,
    max_size=12,
)
FULFILMENT = st.sampled_from([Order.SHIPPING, Order.PICKUP, Order.ETICKET, "teleport"])


def _lines(cart):
    return {line.variant_id: line.quantity for line in cart.lines.all()}


def _check_cart(cart, checked_stock):
    rows = list(cart.lines.select_related("variant"))
    assert len({line.variant_id for line in rows}) == len(rows)
    for line in rows:
        assert 1 <= line.quantity <= carts.MAX_QUANTITY
        assert line.variant.product.is_published
        if line.variant.track_stock:
            assert line.quantity <= checked_stock[line.variant_id]


@DB
@given(operations=OPERATIONS, choices=st.lists(FULFILMENT, min_size=2, max_size=2))
def test_any_sequence_of_cart_changes_keeps_the_invariants(catalogue, operations, choices):
    with transaction.atomic():
        cart = Cart.objects.create()
        checked_stock: dict[int, int] = {}  # the stock each line was last checked against
        for op, index, value in operations:
            variant = Variant.objects.get(pk=catalogue[index % len(catalogue)].pk)
            before = _lines(cart)
            line = cart.lines.filter(variant=variant).first()
            try:
                if op == "add":
                    carts.add(cart, variant, value)
                elif op == "set" and line is not None:
                    carts.set_quantity(cart, line.pk, value)
                elif op == "remove" and line is not None:
                    carts.remove(cart, line.pk)
                elif op == "stock":
                    Variant.objects.filter(pk=variant.pk).update(stock=value)
            except NotForSale:
                assert not variant.product.is_published
                assert _lines(cart) == before
            except ShopError:
                assert _lines(cart) == before  # refused: nothing changed
            else:
                after = _lines(cart)
                if op in ("add", "set") and variant.pk in after and after != before:
                    checked_stock[variant.pk] = variant.stock
                if op == "add":
                    assert after[variant.pk] == before.get(variant.pk, 0) + value
                if op == "set" and line is not None:
                    assert after.get(variant.pk) == (value if value > 0 else None)
                if op == "remove" and line is not None:
                    assert variant.pk not in after
            _check_cart(cart, checked_stock)
        _check_view(cart, choices)
        transaction.set_rollback(True)


def _check_view(cart, choices):
    businesses = sorted({line.variant.product.business_id for line in cart.lines.all()})
    fulfilment = dict(zip(businesses, choices, strict=False))
    view = carts.view(cart, fulfilment)
    assert view.count == sum(_lines(cart).values())
    for shop in view.shops:
        assert shop.lines
        assert shop.subtotal == sum(lv.variant.price * lv.quantity for lv in shop.lines)
        options = shop.fulfilment_options()
        wanted = fulfilment.get(shop.business.pk)
        assert shop.fulfilment == (wanted if wanted in options else (options[0] if options else ""))
        profile = shop.profile
        if shop.fulfilment != Order.SHIPPING:
            assert shop.shipping_fee == 0
        elif profile.free_shipping_from is not None and shop.subtotal >= profile.free_shipping_from:
            assert shop.shipping_fee == 0
        else:
            assert shop.shipping_fee == profile.shipping_fee
        assert shop.total == shop.subtotal + shop.shipping_fee
        assert sum(rt.total for rt in shop.taxes) == shop.total
        assert all(0 <= rt.tax < rt.total or rt.total == 0 for rt in shop.taxes)
        for lv in shop.lines:
            stock = Variant.objects.get(pk=lv.variant.pk)
            assert lv.in_stock == (not stock.track_stock or stock.stock >= lv.quantity)
    assert view.total == sum(shop.total for shop in view.shops)
    assert sum(rt.total for rt in view.taxes) == view.total


@DB
@given(quantities=st.lists(st.integers(1, 99), min_size=1, max_size=4))
def test_shipping_turns_free_at_the_threshold(catalogue, quantities):
    """Shop one: 800 yen shipping below 3,000 yen, free from 3,000 (inclusive)."""
    tea, cup = catalogue[0], catalogue[1]  # 480 tracked (stock 3), 2,200 untracked
    with transaction.atomic():
        cart = Cart.objects.create()
        carts.add(cart, cup, quantities[0])
        part = carts.view(cart, {cup.product.business_id: Order.SHIPPING}).shops[0]
        assert part.subtotal == 2200 * quantities[0]
        assert part.shipping_fee == (0 if part.subtotal >= 3000 else 800)
        transaction.set_rollback(True)
    with transaction.atomic():
        cart = Cart.objects.create()
        carts.add(cart, tea, min(quantities[-1], 3))
        part = carts.view(cart, {tea.product.business_id: Order.SHIPPING}).shops[0]
        assert part.subtotal == 480 * min(quantities[-1], 3) < 3000
        assert part.shipping_fee == 800
        transaction.set_rollback(True)
