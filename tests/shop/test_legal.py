"""The public 特定商取引法に基づく表記 page of each shop."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from shop.models import ShopProfile
from tests import factories
from tests.factories import make_shop_profile

pytestmark = pytest.mark.django_db

PROFILE = {
    **factories.LEGAL,
    "accepts_card": True,
    "accepts_pay_at_store": True,
    "accepts_bank_transfer": True,
    "bank_transfer_details": "群馬銀行 藤岡支店 普通 1234567",
    "shipping_fee": 880,
    "free_shipping_from": 10000,
    "extra_costs": "銀行振込手数料はお客様のご負担となります。",
    "registration_number": "T1234567890123",
}


def legal_url(business, language="ja"):
    with translation.override(language):
        return reverse("shop:legal", kwargs={"business_id": business.pk})


def table(response):
    """{row id: (label, text)} of the notice's table."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    rows = {}
    for row in soup.select("table.legal-notice__table tr"):
        header = row.find("th")
        assert header is not None and header.get("scope") == "row"
        rows[row["id"].removeprefix("legal-")] = (
            header.get_text(strip=True),
            row.find("td").get_text(" ", strip=True),
        )
    return soup, rows


def test_urls_per_language(storefront1):
    business = storefront1.business
    assert legal_url(business) == f"/ja/shop/{business.pk}/legal/"
    assert legal_url(business, "en") == f"/en/shop/{business.pk}/legal/"


def test_every_field_in_japanese(client, storefront1):
    make_shop_profile(storefront1.business, **PROFILE)
    response = client.get(legal_url(storefront1.business))
    assert response.status_code == 200
    soup, rows = table(response)
    assert soup.find("h1").get_text(strip=True) == "特定商取引法に基づく表記"
    assert soup.find("html")["lang"] == "ja"
    expected = {
        "seller": ("販売事業者", "株式会社まちかど"),
        "representative": ("運営責任者", "山田 花子"),
        "address": ("所在地", "〒370-0000 群馬県藤岡市中栗須1-1"),
        "phone": ("電話番号", "0274-00-0000"),
        "email": ("メールアドレス", "shop@example.jp"),
        "delivery": ("商品の引渡し時期", "ご入金確認後3営業日以内に発送"),
        "returns": ("返品・キャンセル", "商品到着後7日以内、未開封に限ります。"),
        "registration_number": ("適格請求書発行事業者登録番号", "T1234567890123"),
    }
    for key, (label, value) in expected.items():
        assert rows[key] == (label, value), key
    assert rows["prices"][0] == "販売価格"
    assert "税込" in rows["prices"][1]
    assert rows["shipping"][0] == "送料"
    assert "880円（税込）" in rows["shipping"][1] and "10,000円以上" in rows["shipping"][1]
    assert rows["extra_costs"] == ("商品代金以外の必要料金", PROFILE["extra_costs"])
    assert rows["payment"][0] == "支払方法・支払時期"
    payment = soup.select("#legal-payment li")
    assert len(payment) == 3
    assert "7日以内" in rows["payment"][1]
    # a link back to the storefront
    assert soup.find("a", href=storefront1.url)


def test_english_labels(client, storefront1):
    make_shop_profile(storefront1.business, **PROFILE)
    response = client.get(legal_url(storefront1.business, "en"))
    assert response.status_code == 200
    soup, rows = table(response)
    assert soup.find("html")["lang"] == "en"
    assert "Specified Commercial Transactions Act" in soup.find("h1").get_text()
    labels = {key: label for key, (label, _value) in rows.items()}
    assert labels == {
        "seller": "Seller",
        "representative": "Responsible person",
        "address": "Address",
        "phone": "Phone number",
        "email": "E-mail address",
        "prices": "Prices",
        "shipping": "Shipping fee",
        "extra_costs": "Other costs",
        "payment": "Payment methods and timing",
        "delivery": "Delivery time",
        "returns": "Returns and cancellations",
        "registration_number": "Invoice registration number",
    }
    assert "¥880 per order" in rows["shipping"][1]
    assert "Free for orders of ¥10,000 or more" in rows["shipping"][1]
    assert "within 7 days" in rows["payment"][1]
    english = storefront1.get_translation(factories.directory("en").locale)
    assert soup.find("a", href=english.url)


def test_optional_rows(client, storefront1):
    make_shop_profile(storefront1.business, registration_number="", extra_costs="", shipping_fee=0)
    with translation.override("en"):
        response = client.get(legal_url(storefront1.business, "en"))
    _soup, rows = table(response)
    assert "registration_number" not in rows
    assert rows["extra_costs"][1] == "None besides the shipping fee."
    assert rows["shipping"][1] == "Free shipping on every order."
    assert rows["payment"][1] == "Credit card: charged when the order is placed."


def test_hidden_unless_the_storefront_is_live(client, storefront1):
    make_shop_profile(storefront1.business, **PROFILE)
    storefront1.unpublish()
    english = storefront1.get_translation(factories.directory("en").locale)
    english.unpublish()
    assert client.get(legal_url(storefront1.business)).status_code == 404
    assert client.get(legal_url(storefront1.business, "en")).status_code == 404


def test_never_published_storefront_and_unknown_shops(client):
    page = factories.make_storefront("隠れ家ベーカリー", publish=False)
    make_shop_profile(page.business, **PROFILE)
    assert client.get(legal_url(page.business)).status_code == 404
    assert client.get("/ja/shop/999999/legal/").status_code == 404


def test_a_live_shop_without_settings_has_no_notice(client, storefront1):
    ShopProfile.objects.filter(business=storefront1.business).delete()
    assert client.get(legal_url(storefront1.business)).status_code == 404


def test_missing_fields_read_not_provided(client, storefront1):
    make_shop_profile(storefront1.business, representative="")
    _soup, rows = table(client.get(legal_url(storefront1.business, "en")))
    assert rows["representative"] == ("Responsible person", "Not provided")
