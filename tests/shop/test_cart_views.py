"""The cart through its pages, as a visitor without JavaScript uses it: add
from a product page, see it per shop with shipping and tax, change and remove
lines; clear answers (never a 500) for wrong input; a fixed number of queries
whatever the cart holds."""

import re

import pytest
from django.contrib.messages import get_messages

from shop.models import Cart, CartLine, Product, Variant
from shop.services import cart as carts

from ..factories import PASSWORD, make_product, make_shop_profile, make_storefront, make_user

pytestmark = pytest.mark.django_db

CART_QUERY_BUDGET = 16
ADD_QUERY_BUDGET = 16


def add(client, variant, quantity=1, language="ja", **extra):
    return client.post(
        f"/{language}/cart/add/", {"variant": variant.pk, "quantity": quantity, **extra}
    )


def visitor_cart(client):
    return Cart.objects.get(token=client.session[carts.SESSION_KEY])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def tea(storefront1):
    return make_product(storefront1.business, "ほうじ茶", price=1080, stock=5)


@pytest.fixture
def soba(storefront2):
    return make_product(storefront2.business, "乾麺", price=550, stock=10, tax_class="standard")


# -- adding ----------------------------------------------------------------------------


def test_add_to_cart_without_javascript(client, tea):
    response = add(client, tea.variants.get(), 2, next=f"/ja/products/{tea.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/ja/cart/"
    line = visitor_cart(client).lines.get()
    assert (line.variant.product, line.quantity, line.seen_price) == (tea, 2, 1080)

    add(client, tea.variants.get(), 1)
    assert visitor_cart(client).lines.get().quantity == 3
    html = client.get("/ja/cart/").content.decode()
    assert html.count("「ほうじ茶」をカートに入れました。") == 2  # one message per add
    link = '<a href="/ja/cart/" aria-current="page">カート <span class="cart-count"'
    assert f'{link} aria-hidden="true">(3)</span>' in html


def test_add_to_cart_answers_get_with_405(client, tea):
    assert client.get("/ja/cart/add/").status_code == 405


@pytest.mark.parametrize(
    "variant, message",
    [
        ("abc", "This option does not exist."),
        ("", "Choose an option."),
        ("-3", "This option does not exist."),
        ("999999", "This option does not exist."),
    ],
)
def test_bad_option_ids_get_a_400_page(client, tea, variant, message):
    response = client.post("/en/cart/add/", {"variant": variant, "quantity": 1})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Cart.objects.exists()


@pytest.mark.parametrize("quantity", ["0", "100", "two", ""])
def test_bad_quantities_go_back_to_the_product_with_a_message(client, tea, quantity):
    back = f"/en/products/{tea.pk}/"
    response = client.post(
        "/en/cart/add/", {"variant": tea.variants.get().pk, "quantity": quantity, "next": back}
    )
    assert response.status_code == 302 and response["Location"] == back
    assert messages_of(response), "the visitor is told why"
    html = client.get(back).content.decode()
    assert 'class="message message--error" role="alert"' in html
    assert not CartLine.objects.exists()


def test_more_than_in_stock_is_refused_with_the_stock_left(client, tea):
    back = f"/en/products/{tea.pk}/"
    response = add(client, tea.variants.get(), 6, language="en", next=back)
    assert response["Location"] == back
    assert messages_of(response) == ["Only 5 of “ほうじ茶 (en)” left."]


def test_an_outside_next_url_is_never_followed(client, tea):
    response = client.post(
        "/en/cart/add/",
        {"variant": tea.variants.get().pk, "quantity": "0", "next": "https://evil.example/"},
    )
    assert response.status_code == 400
    assert "evil.example" not in response.content.decode()


def test_unpublished_products_and_closed_storefronts_cannot_be_added(client, owner1, area, tea):
    Product.objects.filter(pk=tea.pk).update(status=Product.DRAFT)
    response = add(client, tea.variants.get(), language="en", next=f"/en/products/{tea.pk}/")
    assert response.status_code == 400
    assert "is not for sale" in response.content.decode()

    hidden = make_storefront("閉店中の店", owner=owner1, area=area, publish=False)
    product = make_product(hidden.business, "幻の品")
    response = add(client, product.variants.get(), language="en")
    assert response.status_code == 400
    assert "is not for sale" in response.content.decode()
    assert not CartLine.objects.exists()


# -- the cart page ---------------------------------------------------------------------------


def test_cart_groups_lines_per_shop_with_shipping_tax_and_total(client, tea, soba, storefront1):
    make_shop_profile(storefront1.business, shipping_fee=800, free_shipping_from=5000)
    add(client, tea.variants.get(), 2)
    add(client, soba.variants.get(), 1)
    html = client.get("/en/cart/").content.decode()

    shops = re.findall(r'<section class="cart-shop".*?</section>', html, re.S)
    assert len(shops) == 2
    tea_shop = next(section for section in shops if "ほうじ茶" in section)
    assert "¥2,160" in tea_shop  # 2 × 1,080
    assert "Shipping within Japan: ¥800 per order. Free from ¥5,000." in tea_shop
    assert "8% reduced rate" in tea_shop
    assert "/legal/" in tea_shop
    # Totals: 2,160 + 800 + 550 + 800; tax once per rate over the whole cart.
    assert "<dd>¥4,310</dd>" in html
    assert "Items at 10% tax</dt><dd>¥2,150" in html  # 550 + two shipping fees
    assert "Items at 8% tax</dt><dd>¥2,160" in html
    assert 'href="/en/checkout/"' in html


def test_empty_cart(client):
    response = client.get("/en/cart/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your cart is empty." in html
    assert 'href="/en/shops/"' in html
    assert not Cart.objects.exists()


def test_change_quantity_and_remove_lines(client, tea, soba):
    add(client, tea.variants.get(), 1)
    add(client, soba.variants.get(), 1)
    cart = visitor_cart(client)
    tea_line = cart.lines.get(variant__product=tea)
    soba_line = cart.lines.get(variant__product=soba)

    response = client.post(f"/en/cart/lines/{tea_line.pk}/", {"quantity": 4, "action": "update"})
    assert response["Location"] == "/en/cart/"
    tea_line.refresh_from_db()
    assert tea_line.quantity == 4

    response = client.post(f"/en/cart/lines/{tea_line.pk}/", {"quantity": 9})
    assert messages_of(response)[-1] == "Only 5 of “ほうじ茶 (en)” left."
    tea_line.refresh_from_db()
    assert tea_line.quantity == 4

    response = client.post(f"/en/cart/lines/{tea_line.pk}/", {"quantity": "lots"})
    assert messages_of(response)[-1] == "Enter the quantity as a whole number."

    client.post(f"/en/cart/lines/{soba_line.pk}/", {"quantity": 1, "action": "remove"})
    assert list(cart.lines.values_list("pk", flat=True)) == [tea_line.pk]
    client.post(f"/en/cart/lines/{tea_line.pk}/", {"quantity": 0})
    assert not cart.lines.exists()
    html = client.get("/en/cart/").content.decode()
    assert '<a href="/en/cart/" aria-current="page">Cart</a>' in html  # no count left


def test_lines_of_another_cart_cannot_be_touched(client, tea):
    other = Cart.objects.create()
    line = carts.add(other, tea.variants.get(), 2)
    add(client, tea.variants.get(), 1)
    response = client.post(f"/en/cart/lines/{line.pk}/", {"quantity": 0})
    assert messages_of(response)[-1] == "This item is no longer in your cart."
    assert CartLine.objects.filter(pk=line.pk, quantity=2).exists()
    response = client.post(f"/en/cart/lines/{line.pk}/", {"action": "remove"})
    assert CartLine.objects.filter(pk=line.pk).exists()


def test_changed_prices_and_missing_stock_are_shown(client, tea, soba):
    add(client, tea.variants.get(), 3)
    add(client, soba.variants.get(), 1)
    Variant.objects.filter(product=soba).update(price=600)
    Variant.objects.filter(product=tea).update(stock=2)

    response = client.get("/en/cart/")
    html = response.content.decode()
    assert "The price of “乾麺 (en)” changed from ¥550 to ¥600." in html
    assert "Price changed from ¥550 to ¥600." in html
    assert "Only 2 left: please lower the quantity." in html
    assert 'href="/en/checkout/"' not in html
    assert "Please fix the items marked above before checking out." in html
    # Seen now: the warning is not repeated and the line carries the new price.
    assert visitor_cart(client).lines.get(variant__product=soba).seen_price == 600
    assert "changed from" not in client.get("/en/cart/").content.decode()

    Variant.objects.filter(product=tea).update(stock=0)
    assert "Sold out: please remove it." in client.get("/en/cart/").content.decode()
    Product.objects.filter(pk=tea.pk).update(status=Product.DRAFT)
    assert "No longer for sale: please remove it." in client.get("/en/cart/").content.decode()


def test_japanese_cart(client, tea):
    add(client, tea.variants.get(), 1)
    html = client.get("/ja/cart/").content.decode()
    assert "<h1>カート</h1>" in html
    assert "合計（税込）" in html


# -- signing in --------------------------------------------------------------------------------


def test_signing_in_keeps_the_cart(client, tea, soba):
    customer = make_user("tourist")
    own = Cart.objects.create(user=customer)
    carts.add(own, soba.variants.get(), 1)
    add(client, tea.variants.get(), 2)
    add(client, soba.variants.get(), 1)

    client.login(username="tourist", password=PASSWORD)

    merged = Cart.objects.get(user=customer)
    assert {(line.variant.product_id, line.quantity) for line in merged.lines.all()} == {
        (tea.pk, 2),
        (soba.pk, 2),
    }
    assert Cart.objects.count() == 1
    html = client.get("/en/cart/").content.decode()
    assert 'class="cart-count" aria-hidden="true">(4)</span>' in html


# -- query budgets ------------------------------------------------------------------------------


def fill(client, shops, lines_per_shop):
    """Add ``lines_per_shop`` products of each shop to the visitor's cart."""
    for shop_index, storefront in enumerate(shops):
        for index in range(lines_per_shop):
            product = make_product(
                storefront.business, f"品{shop_index}-{index}", price=100 + index
            )
            add(client, product.variants.get())


@pytest.fixture
def three_shops(storefront1, storefront2, owner1, area):
    return [storefront1, storefront2, make_storefront("藤岡の酒蔵", owner=owner1, area=area)]


def test_cart_page_queries_do_not_grow_with_the_cart(
    client, three_shops, django_assert_max_num_queries
):
    fill(client, three_shops[:1], 1)
    client.get("/ja/cart/")
    with django_assert_max_num_queries(CART_QUERY_BUDGET) as captured:
        assert client.get("/ja/cart/").status_code == 200
    small = len(captured)  # now: the next request empties the connection's query log

    fill(client, three_shops, 10)
    client.get("/ja/cart/")
    with django_assert_max_num_queries(CART_QUERY_BUDGET) as captured:
        html = client.get("/ja/cart/").content.decode()
    assert html.count('class="quantity-form"') == 31
    assert len(captured) == small


def test_add_to_cart_queries_do_not_grow_with_the_cart(
    client, three_shops, django_assert_max_num_queries
):
    fill(client, three_shops[:1], 1)
    extra = make_product(three_shops[1].business, "追加の品")
    with django_assert_max_num_queries(ADD_QUERY_BUDGET) as captured:
        add(client, extra.variants.get())
    small = len(captured)

    fill(client, three_shops, 10)
    another = make_product(three_shops[2].business, "もう一品")
    with django_assert_max_num_queries(ADD_QUERY_BUDGET) as captured:
        add(client, another.variants.get())
    assert len(captured) == small
