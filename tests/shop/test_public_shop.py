"""What a tourist sees of the catalogue: the product page (languages, prices,
availability, add-to-cart form, JSON-LD, OpenGraph, hreflang) and the
storefront's product list, each in a fixed number of queries."""

import html as html_lib
import json
import re

import pytest
from django.core.cache import cache

from shop.models import Product, ProductImage, Variant

from ..factories import make_image, make_product, make_storefront

pytestmark = pytest.mark.django_db

PRODUCT_QUERY_BUDGET = 20
STOREFRONT_QUERY_BUDGET = 35  # as tests/businesses/test_storefront.py


def json_ld_of(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def meta(html, prop):
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return html_lib.unescape(match.group(1)) if match else None


def product_url(product, language="ja"):
    return f"/{language}/products/{product.pk}/"


def with_images(product, count):
    for index in range(count):
        ProductImage.objects.create(
            product=product, image=make_image(f"{product.title}-{index}"), sort_order=index
        )
    return product


# -- product page ----------------------------------------------------------------


def test_product_page_in_japanese(client, storefront1):
    tea = make_product(
        storefront1.business,
        "ほうじ茶",
        price=1080,
        options=["100g", "200g"],
        description="<p>香ばしい<b>焙じ茶</b>です。</p>",
        pickup=True,
    )
    Variant.objects.filter(product=tea, name="200g").update(price=1980, stock=0)
    response = client.get(product_url(tea))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="product-title">ほうじ茶</h1>' in html
    assert "¥1,080" in html and "¥1,980" in html
    assert "税込" in html
    assert "売り切れ" in html  # the 200g option
    assert "<b>焙じ茶</b>" in html
    # The add-to-cart form: a plain POST with the options as radios, the sold-out one disabled.
    form = re.search(r'<form method="post" action="/ja/cart/add/".*?</form>', html, re.S).group(0)
    small, large = tea.variants.order_by("sort_order")
    assert f'value="{small.pk}" checked' in form
    assert re.search(rf'value="{large.pk}"[^>]*disabled', form)
    assert 'name="quantity"' in form and 'name="csrfmiddlewaretoken"' in form
    # Fulfilment, the storefront and the legal notice.
    assert "配送" in html and "店頭受け取り" in html
    assert f'href="{storefront1.url}"' in html
    assert f'href="/ja/shop/{storefront1.business_id}/legal/"' in html


def test_product_page_in_english_falls_back_to_japanese_with_a_notice(client, storefront1):
    translated = make_product(storefront1.business, "ほうじ茶", title_en="Roasted green tea")
    Product.objects.filter(pk=translated.pk).update(description_en="<p>Smoky tea.</p>")
    untranslated = make_product(
        storefront1.business, "乾麺", title_en="", description="<p>細めの蕎麦。</p>"
    )

    html = client.get(product_url(translated, "en")).content.decode()
    assert '<h1 id="product-title">Roasted green tea</h1>' in html
    assert "Smoky tea." in html
    assert "described in Japanese only" not in html
    assert '<html lang="en">' in html

    html = client.get(product_url(untranslated, "en")).content.decode()
    assert '<h1 id="product-title" lang="ja">乾麺</h1>' in html
    assert "This product is described in Japanese only." in html
    assert '<div lang="ja"><p>細めの蕎麦。</p></div>' in html
    assert "(tax incl.)" in html


@pytest.mark.parametrize(
    "setup",
    ["draft", "storefront_not_live", "missing"],
)
def test_product_page_is_404_unless_on_sale(client, owner1, area, setup):
    live = setup != "storefront_not_live"
    storefront = make_storefront("喫茶まちかど", owner=owner1, area=area, publish=live)
    product = make_product(storefront.business, "ほうじ茶", published=setup != "draft")
    pk = product.pk + 1000 if setup == "missing" else product.pk
    assert client.get(f"/ja/products/{pk}/").status_code == 404
    assert client.get(f"/en/products/{pk}/").status_code == 404


def test_product_json_ld_opengraph_and_hreflang(client, storefront1):
    tea = with_images(
        make_product(storefront1.business, "ほうじ茶", price=1080, options=["100g", "200g"]), 2
    )
    Variant.objects.filter(product=tea, name="200g").update(price=1980, stock=0, sku="HJ-200")
    html = client.get(product_url(tea, "en")).content.decode()

    (data,) = [block for block in json_ld_of(html) if block["@type"] == "Product"]
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "ほうじ茶 (en)"
    assert data["url"] == f"http://testserver/en/products/{tea.pk}/"
    assert len(data["image"]) == 2 and all("fill-1200x630" in url for url in data["image"])
    offers = {offer.get("name"): offer for offer in data["offers"]}
    assert offers["100g"]["price"] == 1080
    assert offers["100g"]["priceCurrency"] == "JPY"
    assert offers["100g"]["availability"] == "https://schema.org/InStock"
    assert offers["200g"]["availability"] == "https://schema.org/OutOfStock"
    assert offers["200g"]["sku"] == "HJ-200"
    assert offers["100g"]["priceSpecification"]["valueAddedTaxIncluded"] is True
    assert offers["100g"]["seller"]["name"] == storefront1.business.name

    assert meta(html, "og:type") == "product"
    assert meta(html, "og:title") == "ほうじ茶 (en)"
    assert meta(html, "og:url") == f"http://testserver/en/products/{tea.pk}/"
    assert "fill-1200x630" in meta(html, "og:image")
    assert meta(html, "product:price:currency") == "JPY"
    assert (
        f'<link rel="alternate" hreflang="ja" href="http://testserver/ja/products/{tea.pk}/">'
        in html
    )
    assert (
        f'<link rel="alternate" hreflang="en" href="http://testserver/en/products/{tea.pk}/">'
        in html
    )
    assert 'hreflang="ko"' not in html.split("</head>")[0]  # no Korean text to offer
    assert f'<link rel="canonical" href="http://testserver/en/products/{tea.pk}/">' in html
    # The main picture and the thumbnails come as renditions.
    assert len(re.findall(r"<img[^>]+fill-800x600", html)) == 1
    assert len(re.findall(r"<img[^>]+fill-200x150", html)) == 1


def test_json_ld_cannot_close_its_script_element(client, storefront1):
    product = make_product(storefront1.business, "</script><script>alert(1)</script>")
    html = client.get(product_url(product)).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld_of(html)[0]["name"] == "</script><script>alert(1)</script>"


def page_queries(client, url, django_assert_max_num_queries, budget):
    client.get(url)  # renditions made once
    cache.clear()
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_product_page_queries_do_not_grow_with_options_or_images(
    client, storefront1, django_assert_max_num_queries
):
    small = with_images(make_product(storefront1.business, "小", options=["a"]), 1)
    large = with_images(
        make_product(storefront1.business, "大", options=[f"o{i}" for i in range(8)]), 8
    )
    few = page_queries(
        client, product_url(small), django_assert_max_num_queries, PRODUCT_QUERY_BUDGET
    )
    many = page_queries(
        client, product_url(large), django_assert_max_num_queries, PRODUCT_QUERY_BUDGET
    )
    assert few == many


# -- storefront -------------------------------------------------------------------


def test_storefront_lists_its_products(client, storefront1, storefront2):
    tea = make_product(storefront1.business, "ほうじ茶", price=1080, options=["100g", "200g"])
    Variant.objects.filter(product=tea, name="200g").update(price=1980)
    sold_out = make_product(storefront1.business, "抹茶", price=2000, stock=0)
    make_product(storefront1.business, "下書きの品", published=False)
    make_product(storefront2.business, "乾麺")

    html = client.get(storefront1.url).content.decode()
    section = html[html.index('id="products-heading"') :]
    assert section.count('class="card product-card"') == 2
    assert f'href="/ja/products/{tea.pk}/"' in section
    assert "¥1,080から" in section  # the lowest price of the options
    assert f'href="/ja/products/{sold_out.pk}/"' in section
    assert "売り切れ" in section
    assert "下書きの品" not in html and "乾麺" not in html
    assert f'href="/ja/shop/{storefront1.business_id}/legal/"' in section

    html = client.get(storefront1.get_translations().get().url).content.decode()
    assert "from ¥1,080" in html and "ほうじ茶 (en)" in html


def test_storefront_without_products_has_no_shop_section(client, storefront1):
    html = client.get(storefront1.url).content.decode()
    assert 'id="products-heading"' not in html
    assert "/legal/" not in html


def test_storefront_product_list_is_one_query_for_any_number_of_products(
    client, storefront1, django_assert_max_num_queries
):
    with_images(make_product(storefront1.business, "品0", options=["a", "b"]), 1)
    one = page_queries(
        client, storefront1.url, django_assert_max_num_queries, STOREFRONT_QUERY_BUDGET
    )
    for index in range(1, 10):
        with_images(make_product(storefront1.business, f"品{index}", options=["a", "b"]), 2)
    ten = page_queries(
        client, storefront1.url, django_assert_max_num_queries, STOREFRONT_QUERY_BUDGET
    )
    assert one == ten
    html = client.get(storefront1.url).content.decode()
    assert html.count('class="card product-card"') == 10
    assert (
        len(re.findall(r'<img(?=[^>]*fill-480x320)(?=[^>]*class="card__image")[^>]*>', html)) == 10
    )


# -- the cart link in the header ---------------------------------------------------


def test_header_cart_link_costs_no_query_for_visitors_without_a_cart(
    client, storefront1, django_assert_max_num_queries
):
    client.get("/ja/")
    with django_assert_max_num_queries(50) as captured:
        html = client.get("/ja/").content.decode()
    tables = " ".join(query["sql"] for query in captured.captured_queries)
    assert "django_session" not in tables and "shop_cart" not in tables
    assert '<a href="/ja/cart/">カート</a>' in html


def test_header_shows_how_many_items_are_in_the_cart(client, storefront1):
    tea = make_product(storefront1.business, "ほうじ茶")
    client.post("/en/cart/add/", {"variant": tea.variants.get().pk, "quantity": 3})
    html = client.get("/en/").content.decode()
    assert '<a href="/en/cart/">Cart <span class="cart-count" aria-hidden="true">(3)</span>' in html
    assert '<span class="visually-hidden">, 3 items in your cart</span>' in html
