"""Checkout through its pages: the form (contact, Japanese address only when
something ships, delivery per shop, payment methods every shop accepts),
errors in the visitor's language without losing what was typed, double
submits, offline payments, the card pay page against a real localstripe,
going back to the cart, and the confirmation page that only reads the
database. Query budgets that do not grow with the cart."""

import hashlib
import hmac
import json
import re
import time
import uuid
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from shop import stripe_api
from shop.models import Cart, CartLine, Order, OrderGroup, OrderLine, Variant
from shop.services import cart as carts

from .. import services
from ..factories import PASSWORD, make_product, make_shop_profile, make_storefront, make_user

pytestmark = pytest.mark.django_db

CHECKOUT_QUERY_BUDGET = 60
DECLINED = "4000000000000341"  # localstripe declines charges of this card
VISA = "4242424242424242"


# -- helpers ------------------------------------------------------------------------


def add(client, product, quantity=1):
    response = client.post(
        "/ja/cart/add/", {"variant": product.variants.get().pk, "quantity": quantity}
    )
    assert response.status_code == 302, response.content.decode()


def visitor_cart(client):
    return Cart.objects.get(token=client.session[carts.SESSION_KEY])


def form_data(client, shops, method="bank", delivery="shipping", **overrides):
    key = overrides.pop("checkout_key", None) or str(visitor_cart(client).token)
    data = {
        "checkout_key": key,
        "name": "観光 太郎",
        "email": "taro@example.com",
        "phone": "０９０－１２３４－５６７８",
        "postal_code": "〒３７５－００２４",
        "prefecture": "群馬県",
        "city": "藤岡市",
        "street": "藤岡１－２－３",
        "building": "ﾏﾁｶﾄﾞﾋﾞﾙ 101",
        "payment_method": method,
    }
    for storefront in shops:
        data[f"fulfilment_{storefront.business_id}"] = delivery
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def group_of(response):
    match = re.search(r"/checkout/([0-9a-f-]{36})/", response["Location"])
    return OrderGroup.objects.get(uuid=match.group(1))


def payment_method(number):
    """A card payment method as Stripe.js makes it in the browser."""
    card = {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"}
    return stripe_api.payments().v1.payment_methods.create({"type": "card", "card": card}).id


def deliver_webhook(client, group):
    """localstripe's PaymentIntent, signed as Stripe signs its webhook events."""
    group.refresh_from_db()
    intent = stripe_api.payments().v1.payment_intents.retrieve(group.stripe_payment_intent)
    event = {
        "id": f"evt_{uuid.uuid4().hex}",
        "object": "event",
        "type": "payment_intent.succeeded",
        "created": int(time.time()),
        "data": {"object": intent.to_dict()},
    }
    payload = json.dumps(event)
    timestamp = int(time.time())
    mac = hmac.new(
        services.TEST_WEBHOOK_SECRET.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
    )
    return client.post(
        "/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=f"t={timestamp},v1={mac.hexdigest()}",
    )


@pytest.fixture
def shops(storefront1, storefront2):
    """Two shops that take bank transfers and cards; one product each."""
    for storefront in (storefront1, storefront2):
        make_shop_profile(
            storefront.business,
            accepts_bank_transfer=True,
            bank_transfer_details=f"{storefront.title}銀行 本店 普通 1234567",
            pickup_instructions="店頭でお名前をお伝えください。",
        )
    return [storefront1, storefront2]


@pytest.fixture
def products(shops):
    tea = make_product(shops[0].business, "ほうじ茶", price=1080, stock=5, pickup=True)
    soba = make_product(shops[1].business, "乾麺", price=550, stock=5, tax_class="standard")
    return tea, soba


@pytest.fixture
def filled(client, products):
    tea, soba = products
    add(client, tea, 2)
    add(client, soba, 1)
    return tea, soba


# -- the form --------------------------------------------------------------------------


def test_checkout_needs_something_in_the_cart(client):
    response = client.get("/en/checkout/")
    assert response.status_code == 302 and response["Location"] == "/en/cart/"


def test_checkout_page(client, shops, filled):
    response = client.get("/en/checkout/")
    assert response.status_code == 200
    html = response.content.decode()
    cart = visitor_cart(client)
    assert f'name="checkout_key" value="{cart.token}"' in html
    # Delivery per shop: the tea shop ships or hands over, the soba shop only ships.
    tea_shop, soba_shop = shops
    assert html.count('<fieldset class="radio-group') == 3  # two shops and the payment
    assert f'name="fulfilment_{tea_shop.business_id}" value="shipping"' in html
    assert f'name="fulfilment_{tea_shop.business_id}" value="pickup"' in html
    assert f'name="fulfilment_{soba_shop.business_id}" value="pickup"' not in html
    assert "Shipping (¥800)" in html and "Store pickup" in html
    assert "<legend>Delivery address in Japan</legend>" in html
    assert 'autocomplete="postal-code"' in html
    assert '<option value="群馬県">Gunma (群馬県)</option>' in html
    # Without Stripe keys only the bank transfer both shops accept is offered.
    assert 'name="payment_method" value="bank"' in html
    assert 'value="card"' not in html
    assert f'href="/en/shop/{tea_shop.business_id}/legal/"' in html
    assert f'href="/en/shop/{soba_shop.business_id}/legal/"' in html
    # Totals: items, two shipping fees, tax per rate.
    assert "<dd>¥4,310</dd>" in html


def test_card_is_offered_when_stripe_is_configured(client, settings, filled):
    settings.STRIPE_SECRET_KEY = services.TEST_SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = services.TEST_PUBLISHABLE_KEY
    html = client.get("/en/checkout/").content.decode()
    assert 'name="payment_method" value="card"' in html


def test_a_signed_in_customer_starts_with_their_details_and_owns_the_order(client, shops, products):
    customer = make_user("tourist", first_name="Hanako", last_name="Kanko")
    client.login(username="tourist", password=PASSWORD)
    add(client, products[0], 1)
    html = client.get("/en/checkout/").content.decode()
    assert 'value="Hanako Kanko"' in html and 'value="tourist@example.jp"' in html
    cart = Cart.objects.get(user=customer)
    data = form_data(client, shops[:1], checkout_key=str(cart.token))
    response = client.post("/en/checkout/", data)
    assert group_of(response).user == customer


def test_no_common_payment_method(client, shops, filled):
    make_shop_profile(shops[1].business, accepts_bank_transfer=False)
    html = client.get("/en/checkout/").content.decode()
    assert "have no payment method in common" in html
    assert "Place order" not in html


def test_bank_transfer_order(client, shops, filled, mailoutbox, django_capture_on_commit_callbacks):
    tea, soba = filled
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/checkout/", form_data(client, shops))
    assert response.status_code == 302
    group = group_of(response)
    assert response["Location"] == f"/en/checkout/{group.uuid}/"
    assert (group.payment_method, group.status, group.language) == ("bank", "pending", "en")
    # Full-width input normalised like the application form does.
    assert (group.postal_code, group.phone) == ("375-0024", "090-1234-5678")
    assert (group.street, group.building) == ("藤岡1-2-3", "マチカドビル 101")
    assert group.orders.count() == 2
    assert group.total == 2160 + 550 + 800 * 2
    assert not visitor_cart(client).lines.exists()
    assert [m.to for m in mailoutbox] == [["taro@example.com"]]

    html = client.get(response["Location"]).content.decode()
    assert "Thank you for your order" in html
    assert "Please transfer ¥2,960 to this account:" in html
    assert f"{shops[0].title}銀行 本店 普通 1234567" in html
    assert 'http-equiv="refresh"' not in html
    assert '<a href="/en/cart/">Cart</a>' in html  # the header count is gone


def test_a_double_submit_lands_on_the_same_order(
    client, shops, filled, mailoutbox, django_capture_on_commit_callbacks
):
    data = form_data(client, shops)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/en/checkout/", data)
        second = client.post("/en/checkout/", data)
    assert first["Location"] == second["Location"]
    assert OrderGroup.objects.count() == 1
    assert len(mailoutbox) == 1


def test_missing_address_is_asked_for_in_the_visitors_language(client, shops, filled):
    data = form_data(client, shops, postal_code="", city="", name="観光 花子")
    response = client.post("/en/checkout/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: Checkout" in html
    assert 'role="alert"' in html and "Please correct the following" in html
    assert (
        '<a href="#id_postal_code">Postal code: Enter the postal code of the delivery address.</a>'
        in html
    )
    assert re.search(r'<input[^>]+aria-invalid="true"[^>]+id="id_postal_code"', html)
    assert 'aria-describedby="id_postal_code_helptext id_postal_code_error"' in html
    assert 'id="id_postal_code_error"' in html
    # What was typed stays.
    assert 'value="観光 花子"' in html
    assert 'value="藤岡１－２－３"' in html
    assert OrderGroup.objects.count() == 0

    html = client.post("/ja/checkout/", data).content.decode()
    assert "配送先の郵便番号を入力してください。" in html


def test_invalid_postal_code_and_phone(client, shops, filled):
    data = form_data(client, shops, postal_code="12-34", phone="12345")
    html = client.post("/en/checkout/", data).content.decode()
    assert "Enter a postal code of 7 digits, like 375-0024." in html
    assert "Enter a Japanese phone number" in html


def test_pickup_needs_no_address_and_pay_at_store_needs_pickup(client, shops, storefront1):
    make_shop_profile(storefront1.business, accepts_pay_at_store=True, accepts_card=False)
    tea = make_product(storefront1.business, "ほうじ茶", price=1080, pickup=True, ships=True)
    add(client, tea, 1)

    data = form_data(client, shops[:1], method="store", delivery="shipping")
    html = client.post("/en/checkout/", data).content.decode()
    assert "Paying at the store is only possible when you pick up every order." in html

    data = form_data(
        client,
        shops[:1],
        method="store",
        delivery="pickup",
        postal_code=None,
        prefecture=None,
        city=None,
        street=None,
    )
    response = client.post("/en/checkout/", data)
    assert response.status_code == 302, response.content.decode()
    group = group_of(response)
    assert group.postal_code == "" and group.orders.get().fulfilment == Order.PICKUP
    assert group.orders.get().shipping_fee == 0
    html = client.get(response["Location"]).content.decode()
    assert "Please pay ¥1,080 at the shop when you pick up your order." in html
    assert "店頭でお名前をお伝えください。" in html


def test_recalculating_totals_places_nothing(client, shops, storefront1):
    tea = make_product(storefront1.business, "ほうじ茶", price=1080, pickup=True)
    add(client, tea, 1)
    data = form_data(client, shops[:1], delivery="pickup", recalculate="1")
    response = client.post("/en/checkout/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<dd>¥1,080</dd>" in html  # no shipping fee for pickup
    assert re.search(r'value="pickup"[^>]*checked|checked[^>]*value="pickup"', html)
    assert OrderGroup.objects.count() == 0


def test_stock_gone_meanwhile_keeps_the_data(client, shops, filled):
    tea, _soba = filled
    data = form_data(client, shops)
    Variant.objects.filter(product=tea).update(stock=1)
    response = client.post("/en/checkout/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Only 1 of “ほうじ茶 (en)” left." in html
    assert 'value="taro@example.com"' in html
    assert OrderGroup.objects.count() == 0


def test_changed_price_is_shown_then_accepted(client, shops, filled):
    _tea, soba = filled
    data = form_data(client, shops)
    Variant.objects.filter(product=soba).update(price=600)
    response = client.post("/en/checkout/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Some prices have changed." in html
    assert "<dd>¥4,360</dd>" in html  # the new total
    response = client.post("/en/checkout/", data)
    assert response.status_code == 302
    assert group_of(response).total == 4360


# -- card -----------------------------------------------------------------------


@pytest.fixture
def card_group(client, localstripe, shops, filled):
    response = client.post("/en/checkout/", form_data(client, shops, method="card"))
    assert response.status_code == 302
    group = group_of(response)
    assert response["Location"] == f"/en/checkout/{group.uuid}/pay/"
    return group


def confirm(client, group, body):
    return client.post(
        f"/en/checkout/{group.uuid}/confirm-card/",
        data=json.dumps(body) if not isinstance(body, str) else body,
        content_type="application/json",
    )


def test_pay_page(client, card_group, settings):
    response = client.get(f"/en/checkout/{card_group.uuid}/pay/")
    assert response.status_code == 200
    html = response.content.decode()
    card_group.refresh_from_db()
    assert card_group.stripe_payment_intent.startswith("pi_")
    assert f'<script src="{settings.STRIPE_JS_URL}"></script>' in html
    assert '<script src="/static/shop/js/pay.js"></script>' in html
    # No inline script: everything the script needs is in data- attributes.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert f'data-publishable-key="{services.TEST_PUBLISHABLE_KEY}"' in html
    assert f'data-confirm-url="/en/checkout/{card_group.uuid}/confirm-card/"' in html
    assert 'id="card-errors" class="card-errors" role="alert"' in html
    assert "Card payment needs JavaScript" in html
    assert "¥4,310" in html
    assert 'name="action" value="cart"' in html


def test_card_payment_is_paid_only_by_the_webhook(
    client, card_group, mailoutbox, django_capture_on_commit_callbacks
):
    client.get(f"/en/checkout/{card_group.uuid}/pay/")
    response = confirm(client, card_group, {"payment_method": payment_method(VISA)})
    result = response.json()
    assert result["status"] == "succeeded"
    assert result["next"] == f"/en/checkout/{card_group.uuid}/"

    # The page the browser goes to waits: only the webhook marks the order paid.
    card_group.refresh_from_db()
    assert card_group.status == OrderGroup.PENDING
    html = client.get(result["next"]).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in html
    assert "waiting for the card company to confirm your payment" in html
    assert "/receipt/" not in html
    card_group.refresh_from_db()
    assert card_group.status == OrderGroup.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        assert deliver_webhook(client, card_group).status_code == 200
    html = client.get(result["next"]).content.decode()
    assert "Thank you for your order" in html
    assert 'http-equiv="refresh"' not in html
    for order in card_group.orders.all():
        assert f'href="/en/orders/{card_group.uuid}/receipt/{order.pk}/"' in html
    # A paid checkout's pay page sends the visitor to the confirmation.
    response = client.get(f"/en/checkout/{card_group.uuid}/pay/")
    assert response["Location"] == f"/en/checkout/{card_group.uuid}/"


def test_a_declined_card_keeps_the_order_for_another_card(client, card_group, filled):
    tea, _soba = filled
    result = confirm(client, card_group, {"payment_method": payment_method(DECLINED)}).json()
    assert result["status"] == "failed"
    assert "declined" in result["message"]
    card_group.refresh_from_db()
    assert card_group.status == OrderGroup.PENDING
    tea.variants.get().refresh_from_db()
    assert Variant.objects.get(product=tea).stock == 3  # still reserved
    assert client.get(f"/en/checkout/{card_group.uuid}/pay/").status_code == 200

    result = confirm(client, card_group, {"payment_method": payment_method(VISA)}).json()
    assert result["status"] == "succeeded"


def test_confirm_card_refuses_nonsense_without_a_500(client, card_group):
    assert confirm(client, card_group, "not json").json()["status"] == "failed"
    assert confirm(client, card_group, {"payment_method": "x' OR 1=1"}).json()["status"] == "failed"
    assert confirm(client, card_group, ["pm_card_visa"]).json()["status"] == "failed"
    response = client.post(
        f"/en/checkout/{uuid.uuid4()}/confirm-card/", data="{}", content_type="application/json"
    )
    assert response.status_code == 404
    assert client.get(f"/en/checkout/{card_group.uuid}/confirm-card/").status_code == 405


def test_confirm_card_needs_the_csrf_token(card_group, client):
    browser = Client(enforce_csrf_checks=True)
    browser.cookies = client.cookies
    url = f"/en/checkout/{card_group.uuid}/confirm-card/"
    body = json.dumps({"payment_method": "pm_card_visa"})
    assert browser.post(url, body, content_type="application/json").status_code == 403
    html = browser.get(f"/en/checkout/{card_group.uuid}/pay/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = browser.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.json()["status"] == "succeeded"


def test_back_to_the_cart_from_the_pay_page(
    client, card_group, filled, django_capture_on_commit_callbacks
):
    tea, soba = filled
    client.get(f"/en/checkout/{card_group.uuid}/pay/")
    Variant.objects.filter(product=soba).update(price=600)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/checkout/{card_group.uuid}/pay/", {"action": "cart"})
    assert response["Location"] == "/en/cart/"
    assert messages_of(response) == ["Your items are back in your cart. Nothing has been charged."]
    card_group.refresh_from_db()
    assert card_group.status == OrderGroup.CANCELLED
    assert Variant.objects.get(product=tea).stock == 5
    lines = {line.variant.product_id: line for line in visitor_cart(client).lines.all()}
    assert (lines[tea.pk].quantity, lines[soba.pk].quantity) == (2, 1)
    assert lines[soba.pk].seen_price == 550  # the price seen, so the cart flags the change
    html = client.get("/en/cart/").content.decode()
    assert "changed from ¥550 to ¥600" in html
    intent = stripe_api.payments().v1.payment_intents.retrieve(card_group.stripe_payment_intent)
    assert intent.status == "canceled"

    # The checkout is closed; its pages say so and nothing can be paid.
    html = client.get(f"/en/checkout/{card_group.uuid}/").content.decode()
    assert "Nothing has been charged." in html
    response = client.get(f"/en/checkout/{card_group.uuid}/pay/")
    assert response["Location"] == f"/en/checkout/{card_group.uuid}/"
    result = confirm(client, card_group, {"payment_method": "pm_card_visa"}).json()
    assert result["status"] == "closed"


def test_an_expired_reservation_cannot_be_paid(client, settings, shops, filled):
    settings.STRIPE_SECRET_KEY = services.TEST_SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = services.TEST_PUBLISHABLE_KEY
    tea, _soba = filled
    response = client.post("/en/checkout/", form_data(client, shops, method="card"))
    group = group_of(response)
    assert Variant.objects.get(product=tea).stock == 3
    OrderGroup.objects.filter(pk=group.pk).update(
        reserved_until=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(f"/en/checkout/{group.uuid}/pay/")
    assert response["Location"] == f"/en/checkout/{group.uuid}/"
    group.refresh_from_db()
    assert group.status == OrderGroup.EXPIRED
    assert Variant.objects.get(product=tea).stock == 5
    html = client.get(response["Location"]).content.decode()
    assert "Checkout closed" in html and "Nothing has been charged." in html
    assert 'http-equiv="refresh"' not in html


def test_checkout_pages_need_the_secret_uuid(client):
    missing = uuid.uuid4()
    assert client.get(f"/en/checkout/{missing}/").status_code == 404
    assert client.get(f"/en/checkout/{missing}/pay/").status_code == 404
    assert client.get("/en/checkout/1/").status_code == 404


# -- query budget -------------------------------------------------------------------


def test_checkout_post_queries_do_not_grow_with_the_cart(
    client, owner1, area, shops, django_assert_max_num_queries
):
    third = make_storefront("藤岡の酒蔵", owner=owner1, area=area)
    make_shop_profile(third.business, accepts_bank_transfer=True)
    every_shop = [*shops, third]

    def fill(lines_per_shop, prefix):
        for shop_index, storefront in enumerate(every_shop):
            for index in range(lines_per_shop):
                product = make_product(storefront.business, f"{prefix}{shop_index}-{index}")
                add(client, product)

    # services/checkout.py takes the stock of every line in one conditional
    # UPDATE (the guard against overselling), so nothing grows with the cart.
    # (Counted at once: the connection's query log is a bounded deque.)
    def split(captured):
        queries = [query["sql"] for query in captured.captured_queries]
        stock = [sql for sql in queries if sql.startswith('UPDATE "shop_variant" SET "stock"')]
        return len(queries) - len(stock), len(stock)

    fill(1, "a")
    with django_assert_max_num_queries(CHECKOUT_QUERY_BUDGET) as captured:
        response = client.post("/en/checkout/", form_data(client, every_shop))
    small = split(captured)
    assert response.status_code == 302
    assert not CartLine.objects.exists()

    fill(10, "b")
    with django_assert_max_num_queries(CHECKOUT_QUERY_BUDGET) as captured:
        response = client.post("/en/checkout/", form_data(client, every_shop))
    large = split(captured)
    assert response.status_code == 302
    group = group_of(response)
    assert group.orders.count() == 3
    assert OrderLine.objects.filter(order__group=group).count() == 30
    assert small == large  # the same queries for 3 or 30 lines
    assert small[1] == 1  # one stock UPDATE for all lines
