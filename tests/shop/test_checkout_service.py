"""Placing orders: stock, prices, idempotency and release, through the service."""

import pytest

from shop.models import Cart, Order, OrderGroup, Variant
from shop.services import cart as carts
from shop.services import checkout
from shop.services.errors import OutOfStock, PricesChanged, ShopError

from ..factories import CUSTOMER, make_product


def place(cart, method=OrderGroup.CARD, fulfilment=None, key=None):
    return checkout.place_order(
        cart,
        key or checkout.checkout_key(cart),
        checkout.Customer(**CUSTOMER),
        method,
        fulfilment or {},
    )


@pytest.fixture
def two_shop_cart(storefront1, storefront2):
    tea = make_product(storefront1.business, "ほうじ茶", price=1080, stock=3)
    soba = make_product(storefront2.business, "乾麺", price=550, stock=5)
    cart = Cart.objects.create()
    carts.add(cart, tea.variants.get(), 2)
    carts.add(cart, soba.variants.get(), 1)
    return cart, tea.variants.get(), soba.variants.get()


def test_one_group_one_order_per_shop_and_stock_reserved(two_shop_cart):
    cart, tea, soba = two_shop_cart
    group = place(cart)
    assert group.orders.count() == 2
    assert sorted(o.subtotal for o in group.orders.all()) == [550, 2160]
    # shipping 800 per shop (the factory's profile), no free threshold
    assert group.total == 2160 + 550 + 800 * 2
    tea.refresh_from_db()
    soba.refresh_from_db()
    assert (tea.stock, soba.stock) == (1, 4)
    assert cart.lines.count() == 0


def test_placing_the_same_checkout_twice_returns_the_same_group(two_shop_cart):
    cart, tea, _soba = two_shop_cart
    key = checkout.checkout_key(cart)
    first = place(cart, key=key)
    cart.refresh_from_db()
    again = place(cart, key=key)
    assert again.pk == first.pk
    assert OrderGroup.objects.count() == 1
    tea.refresh_from_db()
    assert tea.stock == 1


def test_not_enough_stock_changes_nothing(two_shop_cart):
    cart, tea, soba = two_shop_cart
    Variant.objects.filter(pk=tea.pk).update(stock=1)
    with pytest.raises(OutOfStock):
        place(cart)
    soba.refresh_from_db()
    assert soba.stock == 5
    assert OrderGroup.objects.count() == 0
    assert cart.lines.count() == 2


def test_a_changed_price_stops_checkout_once_and_updates_the_cart(two_shop_cart):
    cart, tea, _soba = two_shop_cart
    Variant.objects.filter(pk=tea.pk).update(price=1200)
    with pytest.raises(PricesChanged):
        place(cart)
    assert OrderGroup.objects.count() == 0
    group = place(cart)
    assert group.orders.get(business=tea.product.business).subtotal == 2400


def test_release_returns_stock_once(two_shop_cart):
    cart, tea, _soba = two_shop_cart
    group = place(cart)
    assert checkout.release(group) is True
    assert checkout.release(group) is False
    tea.refresh_from_db()
    assert tea.stock == 3
    assert set(group.orders.values_list("status", flat=True)) == {Order.CANCELLED}


def test_pay_at_store_needs_pickup(two_shop_cart, storefront1, storefront2):
    cart, _tea, _soba = two_shop_cart
    for business in (storefront1.business, storefront2.business):
        business.shop.accepts_pay_at_store = True
        business.shop.save()
    with pytest.raises(ShopError):
        place(cart, method=OrderGroup.PAY_AT_STORE)


def test_release_keeps_an_order_a_shop_already_confirmed(two_shop_cart):
    cart, tea, soba = two_shop_cart
    group = place(cart, method=OrderGroup.CARD)
    confirmed = group.orders.get(business=soba.product.business)
    Order.objects.filter(pk=confirmed.pk).update(status=Order.PAID)
    assert checkout.release(group) is True
    tea.refresh_from_db()
    soba.refresh_from_db()
    assert (tea.stock, soba.stock) == (3, 4)  # only the pending order's stock came back
    confirmed.refresh_from_db()
    assert confirmed.status == Order.PAID
