"""Owners manage their products and shop settings in the real Wagtail admin;
products are published only under the publish rule."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from businesses.services.owner_access import add_member, create_business
from shop.models import Product, ProductImage, ShopProfile, Variant
from shop.services import catalogue
from tests import factories
from tests.factories import make_product, make_shop_profile

from .admin_forms import get_form, set_admin_language

pytestmark = pytest.mark.django_db

NEW = "/admin/products/"


def new_url():
    return "/admin/products/new/"


def edit_url(product):
    return f"/admin/products/edit/{product.pk}/"


def settings_url(business):
    return f"/admin/shop-settings/{business.pk}/"


def new_product_form(client, **changes):
    values = {
        "title": "ほうじ茶",
        "title_en": "Roasted green tea",
        "variants-0-price": "1080",
        "variants-0-stock": "12",
        "variants-0-track_stock": True,
        "ships": True,
        "tax_class": "reduced",
        "status": "draft",
    }
    values.update(changes)
    return get_form(client, new_url(), **values)


# -- creating and editing ------------------------------------------------------


def test_owner_creates_a_product_for_their_own_business(client, owner1, storefront1):
    client.force_login(owner1)
    page = client.get(new_url()).content.decode()
    assert 'name="business"' not in page, "an owner of one business has nothing to choose"
    response = client.post(new_url(), new_product_form(client))
    assert response.status_code == 302, response.content.decode()[:2000]
    product = Product.objects.get()
    assert product.business == storefront1.business
    assert (product.title, product.title_en, product.tax_class) == (
        "ほうじ茶",
        "Roasted green tea",
        "reduced",
    )
    variant = product.variants.get()
    assert (variant.price, variant.stock, variant.track_stock) == (1080, 12, True)
    assert product.status == Product.DRAFT


def test_an_owner_cannot_create_a_product_for_another_business(
    client, owner1, storefront1, storefront2
):
    client.force_login(owner1)
    data = new_product_form(client)
    data["business"] = str(storefront2.business.pk)  # not a field they have
    client.post(new_url(), data)
    assert list(Product.objects.values_list("business", flat=True)) == [storefront1.business.pk]


def test_owner_of_two_businesses_chooses_among_their_own_only(
    client, owner1, storefront1, storefront2
):
    second = create_business("藤岡茶房", "ふじおかさぼう")
    add_member(second, owner1)
    client.force_login(owner1)
    page = client.get(new_url()).content.decode()
    assert 'name="business"' in page
    assert "藤岡茶房" in page and storefront1.business.name in page
    assert storefront2.business.name not in page

    response = client.post(new_url(), new_product_form(client, business=storefront2.business.pk))
    assert response.status_code == 200
    assert not Product.objects.exists()

    response = client.post(new_url(), new_product_form(client, business=second.pk))
    assert response.status_code == 302
    assert Product.objects.get().business == second


def test_staff_choose_any_business(client, staff, storefront1, storefront2):
    client.force_login(staff)
    page = client.get(new_url()).content.decode()
    assert storefront1.business.name in page and storefront2.business.name in page
    response = client.post(new_url(), new_product_form(client, business=storefront2.business.pk))
    assert response.status_code == 302
    assert Product.objects.get().business == storefront2.business


def test_a_product_needs_at_least_one_option(client, owner1, storefront1):
    client.force_login(owner1)
    data = new_product_form(client)
    data["variants-0-DELETE"] = "1"
    response = client.post(new_url(), data)
    assert response.status_code == 200
    assert not Product.objects.exists()
    data = new_product_form(client)
    data["variants-TOTAL_FORMS"] = "0"
    for key in [key for key in data if key.startswith("variants-0-")]:
        del data[key]
    assert client.post(new_url(), data).status_code == 200
    assert not Product.objects.exists()


def test_owner_edits_options_and_deletes_their_product(client, owner1, storefront1):
    product = make_product(storefront1.business, "ほうじ茶", options=["S"], published=False)
    client.force_login(owner1)
    data = get_form(client, edit_url(product), **{"variants-0-price": "1200"})
    data["variants-TOTAL_FORMS"] = "2"
    data.update(
        {
            "variants-1-name": "L",
            "variants-1-name_en": "Large",
            "variants-1-sku": "TEA-L",
            "variants-1-price": "1800",
            "variants-1-stock": "0",
            "variants-1-id": "",
            "variants-1-ORDER": "2",
        }
    )
    response = client.post(edit_url(product), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert sorted(product.variants.values_list("name", "price", "track_stock")) == [
        ("L", 1800, False),
        ("S", 1200, True),
    ]
    response = client.post(f"/admin/products/delete/{product.pk}/")
    assert response.status_code == 302
    assert not Product.objects.exists() and not Variant.objects.exists()


def test_images_come_from_the_owners_own_collection(client, owner1, storefront1, storefront2):
    own = factories.make_image("own-photo", collection=storefront1.business.collection)
    foreign = factories.make_image("foreign-photo", collection=storefront2.business.collection)
    client.force_login(owner1)

    def post_with(image):
        data = new_product_form(client)
        data.update(
            {
                "images-TOTAL_FORMS": "1",
                "images-0-image": str(image.pk),
                "images-0-id": "",
                "images-0-ORDER": "1",
            }
        )
        return client.post(new_url(), data)

    assert post_with(foreign).status_code == 200
    assert not Product.objects.exists() and not ProductImage.objects.exists()
    assert post_with(own).status_code == 302
    assert list(ProductImage.objects.values_list("image", flat=True)) == [own.pk]


# -- the publish rule ------------------------------------------------------------

JA_NAMES = {
    "legal_name": "販売事業者名",
    "representative": "運営責任者",
    "legal_postal_code": "郵便番号",
    "legal_address": "所在地",
    "legal_phone": "電話番号",
    "legal_email": "連絡先メールアドレス",
    "delivery_time": "商品の引渡し時期",
    "returns_policy": "返品・キャンセル",
}
EN_NAMES = {
    "legal_name": "Seller (legal name)",
    "representative": "Responsible person",
    "legal_postal_code": "Postal code",
    "legal_address": "Address",
    "legal_phone": "Phone number",
    "legal_email": "Contact e-mail",
    "delivery_time": "When goods are delivered",
    "returns_policy": "Returns and cancellations",
}


def status_errors(response):
    """The error text attached to the status field."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content.decode(), "html.parser")
    field = soup.find(attrs={"name": "status"})
    assert field is not None
    wrapper = field.find_parent(attrs={"data-field-wrapper": True}) or field.find_parent("div")
    errors = wrapper.find_all(class_="error-message")
    return " ".join(error.get_text(" ", strip=True) for error in errors), wrapper


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("missing", list(JA_NAMES))
def test_publishing_names_each_missing_legal_field(client, owner1, storefront1, missing, language):
    product = make_product(storefront1.business, published=False)
    make_shop_profile(storefront1.business, **{missing: ""})
    set_admin_language(owner1, language)
    client.force_login(owner1)
    response = client.post(
        edit_url(product), get_form(client, edit_url(product), status="published")
    )
    assert response.status_code == 200
    text, wrapper = status_errors(response)
    names = JA_NAMES if language == "ja" else EN_NAMES
    assert names[missing].casefold() in text.casefold(), text
    for other, name in names.items():
        if other != missing and name not in names[missing] and names[missing] not in name:
            assert name.casefold() not in text.casefold(), f"{name} is not missing: {text}"
    link = wrapper.find("a", href=settings_url(storefront1.business))
    assert link is not None, "the error links to the shop settings"
    product.refresh_from_db()
    assert product.status == Product.DRAFT


def test_publishing_without_shop_settings_lists_every_legal_field(client, owner1, storefront1):
    product = make_product(storefront1.business, published=False)
    ShopProfile.objects.all().delete()
    set_admin_language(owner1, "en")
    client.force_login(owner1)
    response = client.post(
        edit_url(product), get_form(client, edit_url(product), status="published")
    )
    text, _wrapper = status_errors(response)
    for name in EN_NAMES.values():
        assert name.casefold() in text.casefold()
    assert Product.objects.get().status == Product.DRAFT


def test_publishing_needs_a_way_to_receive_the_product(client, owner1, storefront1):
    product = make_product(storefront1.business, published=False)
    set_admin_language(owner1, "en")
    client.force_login(owner1)
    data = get_form(client, edit_url(product), status="published", ships=False)
    response = client.post(edit_url(product), data)
    text, _wrapper = status_errors(response)
    assert "shipping, store pickup or e-ticket" in text
    assert Product.objects.get().status == Product.DRAFT


def test_publishing_with_complete_settings_and_a_price(client, owner1, storefront1):
    product = make_product(storefront1.business, published=False)
    client.force_login(owner1)
    response = client.post(
        edit_url(product), get_form(client, edit_url(product), status="published")
    )
    assert response.status_code == 302
    assert Product.objects.get().status == Product.PUBLISHED


def test_a_new_product_can_be_published_at_once(client, owner1, storefront1):
    make_shop_profile(storefront1.business)
    client.force_login(owner1)
    response = client.post(new_url(), new_product_form(client, status="published"))
    assert response.status_code == 302
    assert Product.objects.get().status == Product.PUBLISHED


def test_saving_a_draft_needs_no_legal_notice(client, owner1, storefront1):
    client.force_login(owner1)
    assert client.post(new_url(), new_product_form(client)).status_code == 302
    assert not ShopProfile.objects.exists()


@pytest.mark.parametrize(
    "setup, codes",
    [
        ("complete", []),
        ("no profile", [catalogue.LEGAL_FIELDS]),
        ("no options", [catalogue.NO_PRICE]),
        ("nothing to receive", [catalogue.NO_FULFILMENT]),
        ("everything wrong", [catalogue.LEGAL_FIELDS, catalogue.NO_PRICE, catalogue.NO_FULFILMENT]),
    ],
)
def test_publish_service_is_the_one_rule(storefront1, setup, codes):
    product = make_product(storefront1.business, published=False)
    if setup in ("no profile", "everything wrong"):
        ShopProfile.objects.all().delete()
    if setup in ("no options", "everything wrong"):
        product.variants.all().delete()
    if setup in ("nothing to receive", "everything wrong"):
        Product.objects.filter(pk=product.pk).update(ships=False)
    product = Product.objects.select_related("business").get(pk=product.pk)
    assert [problem.code for problem in catalogue.publish_problems(product)] == codes
    if codes:
        with pytest.raises(catalogue.CannotPublish):
            catalogue.publish(product)
        assert Product.objects.get(pk=product.pk).status == Product.DRAFT
    else:
        catalogue.publish(product)
        assert Product.objects.get(pk=product.pk).status == Product.PUBLISHED


# -- the listing -------------------------------------------------------------------


def test_listing_shows_stock_prices_and_filters_by_status(client, owner1, storefront1):
    business = storefront1.business
    make_product(business, "煎茶", price=800, stock=7, published=True)
    make_product(business, "茶器", price=3000, stock=0, published=False)
    make_product(business, "お茶体験", price=2500, track_stock=False, eticket=True, ships=False)
    sizes = make_product(business, "抹茶", price=1500, stock=4, options=["S", "L"])
    Variant.objects.filter(product=sizes, name="L").update(price=2800)
    client.force_login(owner1)
    page = client.get(NEW).content.decode()
    for text in ("煎茶", "茶器", "お茶体験", "抹茶", "¥800", "¥1,500–¥2,800", ">8<"):
        assert text in page.replace("\n", "").replace(" ", ""), text
    published = client.get(NEW, {"status": "published"}).content.decode()
    assert "煎茶" in published and "茶器" not in published
    drafts = client.get(NEW, {"status": "draft"}).content.decode()
    assert "茶器" in drafts and "煎茶" not in drafts


def test_listing_searches_japanese_and_english_titles(client, owner1, storefront1):
    make_product(storefront1.business, "煎茶", title_en="Sencha")
    make_product(storefront1.business, "茶器", title_en="Teapot")
    client.force_login(owner1)
    found = client.get(NEW, {"q": "sencha"}).content.decode()
    assert "煎茶" in found and "茶器" not in found
    found = client.get(NEW, {"q": "茶器"}).content.decode()
    assert "茶器" in found and "煎茶" not in found


def test_stock_column_texts(client, owner1, storefront1):
    from shop.admin_catalogue import stock_summary

    make_product(storefront1.business, "無制限", track_stock=False)
    make_product(storefront1.business, "売切れ", stock=0)
    mixed = make_product(storefront1.business, "混在", stock=3, options=["A", "B"])
    Variant.objects.filter(product=mixed, name="B").update(track_stock=False)
    from shop.admin_catalogue import ProductIndexView

    view = ProductIndexView()
    view.request = type("R", (), {"user": owner1})()
    with translation.override("en"):
        rows = {p.title: stock_summary(p) for p in view.get_base_queryset()}
    assert rows == {"無制限": "Unlimited", "売切れ": "Sold out", "混在": "3 + unlimited"}


def listing_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(NEW)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["owner", "staff"])
def test_listing_queries_do_not_grow_with_products(
    client, owner1, staff, storefront1, django_assert_max_num_queries, role
):
    business = storefront1.business
    for n in range(3):
        make_product(business, f"商品{n:02d}", options=["S", "M"])
    client.force_login(owner1 if role == "owner" else staff)
    listing_queries(client)  # warm caches (content types, site)
    few = listing_queries(client)
    for n in range(3, 30):
        make_product(business, f"商品{n:02d}", options=["S", "M"])
    with django_assert_max_num_queries(few):
        response = client.get(NEW)
    assert response.content.decode().count("商品") >= 30


# -- shop settings ------------------------------------------------------------------


def test_shop_settings_are_created_on_first_visit_with_suggestions(client, owner1, storefront1):
    client.force_login(owner1)
    response = client.get("/admin/shop-settings/", follow=True)
    assert response.redirect_chain[-1][0] == settings_url(storefront1.business)
    profile = ShopProfile.objects.get(business=storefront1.business)
    assert profile.missing_legal_fields(), "nothing is filled in until the owner saves"
    page = response.content.decode()
    # suggestions from the storefront, saved only with the form
    assert 'value="375-0024"' in page and "群馬県藤岡市藤岡1-2-3" in page


def test_owner_saves_shop_settings(client, owner1, storefront1):
    client.force_login(owner1)
    url = settings_url(storefront1.business)
    data = get_form(
        client,
        url,
        accepts_bank_transfer=True,
        bank_transfer_details="群馬銀行 藤岡支店 普通 1234567 カ）マチカド",
        shipping_fee="900",
        free_shipping_from="8000",
        registration_number="T1234567890123",
        **{k: v for k, v in factories.LEGAL.items()},
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    profile = ShopProfile.objects.get(business=storefront1.business)
    assert profile.missing_legal_fields() == []
    assert (profile.shipping_fee, profile.free_shipping_from) == (900, 8000)
    assert profile.payment_methods() == ["card", "bank"]
    assert profile.registration_number == "T1234567890123"


def test_bank_transfer_needs_the_account_and_some_method_is_needed(client, owner1, storefront1):
    client.force_login(owner1)
    url = settings_url(storefront1.business)
    response = client.post(url, get_form(client, url, accepts_bank_transfer=True))
    assert response.status_code == 200
    assert not ShopProfile.objects.get().accepts_bank_transfer
    response = client.post(url, get_form(client, url, accepts_card=False))
    assert response.status_code == 200
    assert ShopProfile.objects.get().accepts_card


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("T1234567890123", "T1234567890123"),
        ("Ｔ１２３４５６７８９０１２３", "T1234567890123"),  # full width: folded
        ("t1234567890123", "T1234567890123"),
        ("T 1234-5678-9012-3", "T1234567890123"),
        ("", ""),  # optional: shops that are not invoice issuers
        ("X1234567890123", None),  # wrong prefix
        ("1234567890123", None),  # no prefix
        ("T123456789012", None),  # 12 digits
        ("T12345678901234", None),  # 14 digits
        ("T12345678901ab", None),
        ("TT234567890123", None),
    ],
)
def test_registration_number_format(client, owner1, storefront1, typed, stored):
    make_shop_profile(storefront1.business, registration_number="T9999999999999")
    set_admin_language(owner1, "en")
    client.force_login(owner1)
    url = settings_url(storefront1.business)
    response = client.post(url, get_form(client, url, registration_number=typed or ""))
    profile = ShopProfile.objects.get()
    if stored is None:
        assert response.status_code == 200
        assert "followed by 13 digits" in response.content.decode()
        assert profile.registration_number == "T9999999999999"
    else:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert profile.registration_number == stored


def test_legal_fields_stay_filled_while_products_are_published(client, owner1, storefront1):
    make_product(storefront1.business, published=True)  # with complete settings
    set_admin_language(owner1, "en")
    client.force_login(owner1)
    url = settings_url(storefront1.business)
    response = client.post(url, get_form(client, url, representative=""))
    assert response.status_code == 200
    assert "Required while the shop has published products." in response.content.decode()
    assert ShopProfile.objects.get().representative == factories.LEGAL["representative"]
    Product.objects.update(status=Product.DRAFT)
    assert client.post(url, get_form(client, url, representative="")).status_code == 302
    assert ShopProfile.objects.get().representative == ""


@pytest.mark.parametrize(
    "language, label", [("en", "Description (Japanese)"), ("ja", "説明（日本語）")]
)
def test_rich_text_editors_are_named_by_their_label(client, owner1, storefront1, language, label):
    """Draftail's editable area is not the input the <label> names: the label
    goes to the editor as its aria-label (axe: aria-input-field-name)."""
    import json

    from bs4 import BeautifulSoup

    set_admin_language(owner1, language)
    client.force_login(owner1)
    page = BeautifulSoup(client.get(new_url()).content, "html.parser")
    names = {}
    for field in ("description", "description_en"):
        options = json.loads(page.find(id=f"id_{field}")["data-w-init-detail-value"])
        names[field] = options["ariaLabel"]
        label_text = page.find("label", attrs={"for": f"id_{field}"}).get_text(" ", strip=True)
        assert label_text.startswith(options["ariaLabel"])
    assert names["description"] == label
