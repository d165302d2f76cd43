"""Receipts (qualified invoices) per shop order: the data, the public page at
/<lang>/orders/<uuid>/receipt/<order id>/ and the owner's copy in the admin."""

import uuid
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import translation

from shop import receipts
from shop.models import Order, OrderGroup
from shop.services import fulfilment

from .orders import (
    REGISTRATION,
    mark_card_paid,
    open_shop,
    order_of,
    pay_on_localstripe,
    place,
    product,
)


@pytest.fixture
def shop2(storefront2):
    open_shop(storefront2.business, registration_number="")
    return storefront2.business


@pytest.fixture
def paid_order(shop1):
    tea = product(shop1, "ほうじ茶", price=1080, tax_class="reduced")
    cup = product(shop1, "湯呑み", price=2200, tax_class="standard")
    group = mark_card_paid(place([(tea, 3), (cup, 1)]))
    return order_of(group, shop1)


def receipt_url(order, language="ja", group_uuid=None):
    with translation.override(language):
        return reverse(
            "shop:receipt",
            kwargs={"uuid": group_uuid or order.group.uuid, "order_id": order.pk},
        )


# -- the data ---------------------------------------------------------------------------


def test_receipt_states_what_the_invoice_rules_ask(paid_order):
    with translation.override("ja"):
        receipt = receipts.build(paid_order)
    assert receipt.seller_name == "株式会社まちかど"
    assert receipt.registration_number == REGISTRATION and receipt.qualified
    assert receipt.buyer_name == "観光 太郎"
    assert receipt.number == paid_order.number
    assert [(line.title, line.quantity, line.amount, line.reduced) for line in receipt.lines] == [
        ("ほうじ茶", 3, 3240, True),
        ("湯呑み", 1, 2200, False),
    ]
    assert receipt.shipping_fee == 800
    # 10%: cup + shipping = 3000 → 272; 8%: 3240 → 240 (each rounded once)
    assert [(r.rate, r.total, r.tax) for r in receipt.rates] == [(10, 3000, 272), (8, 3240, 240)]
    assert receipt.total == paid_order.total == 6240
    assert receipt.tax_total == 512


def test_many_small_lines_are_rounded_per_rate_not_per_line(shop1):
    items = [product(shop1, f"飴{i}", price=100, stock=5) for i in range(12)]
    group = mark_card_paid(place([(item, 1) for item in items]))
    receipt = receipts.build(order_of(group, shop1))
    reduced = [r for r in receipt.rates if r.rate == 8][0]
    assert (reduced.total, reduced.tax) == (1200, 88)  # per line: 12 × 7 = 84
    assert receipt.total == group.total


def test_receipt_after_partial_and_full_refund(localstripe, shop1, owner1):
    tea = product(shop1, "ほうじ茶", price=1080, tax_class="reduced")
    cup = product(shop1, "湯呑み", price=2200, tax_class="standard")
    order = order_of(pay_on_localstripe(place([(tea, 3), (cup, 1)])), shop1)
    tea_line = order.lines.get(title="ほうじ茶")
    fulfilment.cancel(order, owner1, {tea_line.pk: 1})
    order.refresh_from_db()
    receipt = receipts.build(order)
    assert [line.quantity for line in receipt.lines] == [2, 1]
    assert receipt.has_cancellations
    assert receipt.total == order.total - order.refunded_amount == 6240 - 1080
    fulfilment.cancel(order, owner1)
    order.refresh_from_db()
    receipt = receipts.build(order)
    assert receipt.total == 0 and receipt.rates == [] and receipt.shipping_fee == 0
    assert receipt.status_code == "refunded"
    page = Client().get(receipt_url(order, "en")).content.decode()
    assert "Refunded" in page


def test_receipts_exist_once_paid(shop1, owner1):
    pickup = product(shop1, "弁当", price=980, fulfilment=Order.PICKUP)
    store = order_of(
        place([(pickup, 1)], OrderGroup.PAY_AT_STORE, fulfilment={shop1.pk: Order.PICKUP}), shop1
    )
    bank = order_of(place([(product(shop1, "茶葉"), 1)], OrderGroup.BANK_TRANSFER), shop1)
    client = Client()
    assert client.get(receipt_url(store)).status_code == 404
    assert client.get(receipt_url(bank)).status_code == 404
    for step in ("preparing", "ready"):
        fulfilment.change_status(store, step, owner1)
        assert client.get(receipt_url(store)).status_code == 404
    fulfilment.change_status(store, "completed", owner1)
    assert client.get(receipt_url(store)).status_code == 200
    fulfilment.confirm_payment(bank, owner1)
    assert client.get(receipt_url(bank)).status_code == 200


# -- the public page --------------------------------------------------------------------


def test_public_receipt_in_japanese(paid_order):
    response = Client().get(receipt_url(paid_order, "ja"))
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "株式会社まちかど",
        REGISTRATION,
        "観光 太郎",
        "ほうじ茶 ※",
        "湯呑み",
        "¥3,240",
        "¥2,200",
        "¥800",
        "¥272",
        "¥240",
        "¥6,240",
        paid_order.number,
        "shop/css/receipt",
        "領収書",
        "軽減税率",
    ):
        assert text in page, text
    assert '<html lang="ja">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # The print layout lives in the receipt's stylesheet (no inline styles under the CSP).
    assert "@media print" in Path(finders.find("shop/css/receipt.css")).read_text()
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_public_receipt_in_english(paid_order):
    page = Client().get(receipt_url(paid_order, "en")).content.decode()
    for text in (
        "Receipt (qualified invoice)",
        "ほうじ茶 (en) ※",
        "Registration number",
        "8% (reduced rate ※)",
    ):
        assert text in page, text
    assert '<html lang="en">' in page


def test_wrong_pairs_are_404(paid_order, shop2):
    other = mark_card_paid(place([(product(shop2, "乾麺", price=550), 1)]))
    other_order = order_of(other, shop2)
    client = Client()
    assert client.get(receipt_url(paid_order, group_uuid=uuid.uuid4())).status_code == 404
    assert client.get(receipt_url(paid_order, group_uuid=other.uuid)).status_code == 404
    assert client.get(receipt_url(other_order, group_uuid=paid_order.group.uuid)).status_code == 404
    assert client.get(receipt_url(other_order)).status_code == 200
    assert client.post(receipt_url(paid_order)).status_code == 405


def test_seller_without_registration_number_is_not_a_qualified_invoice(shop2):
    order = order_of(mark_card_paid(place([(product(shop2, "乾麺", price=550), 2)])), shop2)
    with translation.override("en"):
        receipt = receipts.build(order)
        page = Client().get(receipt_url(order, "en")).content.decode()
    assert not receipt.qualified
    assert "not a qualified invoice" in page
    assert "Receipt (qualified invoice)" not in page


# -- the owner's copy -------------------------------------------------------------------------


def test_admin_receipt_in_either_language(paid_order, owner1, owner2, shop2):
    client = Client()
    client.force_login(owner1)
    address = reverse("shop_orders:receipt", args=[paid_order.pk])
    japanese = client.get(address + "?language=ja").content.decode()
    english = client.get(address + "?language=en").content.decode()
    assert "領収書" in japanese and "ほうじ茶 ※" in japanese
    assert "Receipt" in english and "ほうじ茶 (en) ※" in english
    assert reverse("shop_orders:detail", args=[paid_order.pk]) in english
    other = Client()
    other.force_login(owner2)
    assert other.get(address).status_code == 404
