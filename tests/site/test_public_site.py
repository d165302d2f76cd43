"""The public site in two languages: URL prefixes, the language switcher,
hreflang alternates, sitemap.xml, robots.txt and the read-only API."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page, PageViewRestriction

from businesses.models import BusinessDirectoryPage
from machikado.models import HomePage
from tests import factories

SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def switcher_links(page_soup):
    nav = page_soup.find("nav", class_="language-switcher")
    return {a["hreflang"]: a["href"] for a in nav.find_all("a")}


def alternates(page_soup):
    return {
        link["hreflang"]: link["href"]
        for link in page_soup.find_all("link", rel="alternate")
        if link.has_attr("hreflang")
    }


def english(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response, not untrusted input
    entries = {}
    for url in root.findall("sm:url", SITEMAP_NS):
        location = url.find("sm:loc", SITEMAP_NS).text
        entries[location] = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP_NS)
        }
    return entries


# -- language prefixes ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_root_redirects_to_japanese(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ja/"


@pytest.mark.django_db
def test_root_redirects_an_english_browser_to_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "language"),
    [
        ("/ja/", "ja"),
        ("/en/", "en"),
        ("/ja/shops/", "ja"),
        ("/en/shops/", "en"),
        ("/en/apply/", "en"),
    ],
)
def test_html_lang_follows_the_url_prefix(client, url, language):
    html = soup(client.get(url, HTTP_ACCEPT_LANGUAGE="ja"))
    assert html.html["lang"] == language


@pytest.mark.django_db
def test_english_home_has_english_interface_and_content(client):
    html = soup(client.get("/en/"))
    assert html.find("a", href="#main").get_text(strip=True) == "Skip to main content"
    home = HomePage.objects.get(locale__language_code="en")
    assert html.find("h1").get_text(strip=True) == home.headline


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, city",
    [
        ("/ja/", "藤岡市"),
        ("/zh-hant/", "藤岡市"),
        ("/en/", "Fujioka City"),
        ("/ko/", "Fujioka City"),
    ],
)
def test_the_city_is_named_for_the_reader(client, url, city):
    html = soup(client.get(url))
    assert html.title.get_text().split("|")[-1].strip().startswith(city)
    assert html.find(class_="site-header__tag").get_text(strip=True) == city
    assert city in html.find("footer").get_text()


@pytest.mark.django_db
def test_english_storefront_is_served_under_en(client, storefront1):
    page = english(storefront1)
    assert page.url.startswith("/en/shops/")
    html = soup(client.get(page.url))
    assert html.html["lang"] == "en"
    assert page.title in html.find("h1").get_text()


# -- language switcher and hreflang --------------------------------------------------------


def fallback_urls(page):
    """The Japanese page's address under the three prefixes it has no
    translation in (where it is served in Japanese with a notice)."""
    path = page.url.removeprefix("/ja/")
    return {code: f"/{code}/{path}" for code in ("zh-hans", "zh-hant", "ko")}


@pytest.mark.django_db
def test_switcher_and_alternates_point_to_the_translation(client, storefront1):
    page_en = english(storefront1)
    html = soup(client.get(storefront1.url))
    assert switcher_links(html) == {
        "ja": storefront1.url,
        "en": page_en.url,
        **fallback_urls(storefront1),
    }
    current = html.find("nav", class_="language-switcher").find("a", attrs={"aria-current": True})
    assert current["hreflang"] == "ja"
    assert alternates(html) == {
        "ja": f"http://testserver{storefront1.url}",
        "en": f"http://testserver{page_en.url}",
        "x-default": f"http://testserver{storefront1.url}",
    }

    html = soup(client.get(page_en.url))
    assert switcher_links(html) == {
        "ja": storefront1.url,
        "en": page_en.url,
        **fallback_urls(storefront1),
    }
    assert (
        html.find("nav", class_="language-switcher").find("a", attrs={"aria-current": True})[
            "hreflang"
        ]
        == "en"
    )


@pytest.mark.django_db
def test_switcher_links_the_japanese_page_without_a_live_translation(client, storefront1):
    """No live English version: the switcher leads to the same page under
    /en/, where the Japanese page is served with a notice."""
    english(storefront1).unpublish()
    html = soup(client.get(storefront1.url))
    en_url = storefront1.url.replace("/ja/", "/en/", 1)
    assert switcher_links(html) == {
        "ja": storefront1.url,
        "en": en_url,
        **fallback_urls(storefront1),
    }
    fallback = soup(client.get(en_url))
    assert fallback.find("main")["lang"] == "ja"
    assert "喫茶まちかど" in fallback.find("h1").get_text()
    # hreflang names only real translations.
    assert alternates(html) == {
        "ja": f"http://testserver{storefront1.url}",
        "x-default": f"http://testserver{storefront1.url}",
    }


@pytest.mark.django_db
def test_switcher_on_the_directory_and_on_django_views(client):
    languages = ["ja", "en", "zh-hans", "zh-hant", "ko"]
    html = soup(client.get("/en/shops/"))
    assert switcher_links(html) == {code: f"/{code}/shops/" for code in languages}
    html = soup(client.get("/ja/apply/"))
    assert switcher_links(html) == {code: f"/{code}/apply/" for code in languages}
    assert alternates(html)["en"] == "http://testserver/en/apply/"
    assert alternates(html)["x-default"] == "http://testserver/ja/apply/"


# -- sitemap.xml ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sitemap_lists_every_live_page_in_every_language(client, owner1, area):
    live = factories.make_storefront("喫茶まちかど", owner=owner1, area=area)
    draft = factories.make_storefront("準備中の店", area=area, publish=False)
    private = factories.make_storefront("会員制の店", area=area)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    entries = sitemap_entries(client)

    expected = [
        HomePage.objects.get(locale__language_code="ja"),
        HomePage.objects.get(locale__language_code="en"),
        BusinessDirectoryPage.objects.get(locale__language_code="ja"),
        BusinessDirectoryPage.objects.get(locale__language_code="en"),
        live,
        english(live),
    ]
    for page in expected:
        assert page.full_url in entries, page.url
    for page in (draft, english(draft), private):
        assert page.full_url not in entries
    live_pages = Page.objects.live().public().filter(depth__gt=1).exclude(pk=private.pk)
    assert len(entries) == live_pages.count()

    # Each page names its translations, and Japanese as the default.
    assert entries[live.full_url] == {
        "ja": live.full_url,
        "en": english(live).full_url,
        "x-default": live.full_url,
    }
    assert entries[english(live).full_url] == entries[live.full_url]


@pytest.mark.django_db
def test_sitemap_leaves_out_an_unpublished_translation(client, storefront1):
    page_en = english(storefront1)
    page_en.unpublish()
    entries = sitemap_entries(client)
    assert storefront1.full_url in entries
    assert page_en.full_url not in entries
    assert entries[storefront1.full_url] == {}


# -- robots.txt ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = [line.strip() for line in response.content.decode().splitlines()]
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# -- Wagtail API v2 ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_lists_live_pages_only(client, area):
    live = factories.make_storefront("喫茶まちかど", area=area)
    draft = factories.make_storefront("準備中の店", area=area, publish=False)
    response = client.get("/api/v2/pages/")
    assert response.status_code == 200
    data = response.json()
    ids = {item["id"] for item in data["items"]}
    assert {live.pk, english(live).pk} <= ids
    assert draft.pk not in ids and english(draft).pk not in ids
    assert data["meta"]["total_count"] == Page.objects.live().public().filter(depth__gt=1).count()

    detail = client.get(f"/api/v2/pages/{live.pk}/")
    assert detail.status_code == 200
    assert detail.json()["title"] == "喫茶まちかど"
    # A draft is not found. (LocaleMiddleware turns the API's 404 into a redirect
    # to /ja/api/v2/..., which Wagtail then answers with its 404 page.)
    missing = client.get(f"/api/v2/pages/{draft.pk}/", follow=True)
    assert missing.status_code == 404
    assert "準備中の店" not in missing.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v2/pages/{pk}/", "/api/v2/images/"])
def test_api_is_read_only(client, staff, storefront1, method, path):
    client.force_login(staff)  # even a signed-in editor cannot write through it
    url = path.format(pk=storefront1.pk)
    response = getattr(client, method)(
        url, data={"title": "乗っ取り"}, content_type="application/json"
    )
    assert response.status_code == 405
    storefront1.refresh_from_db()
    assert storefront1.title == "喫茶まちかど"


@pytest.mark.django_db
def test_sitemap_lists_products_on_sale_in_both_languages(client, storefront1, area):
    on_sale = factories.make_product(storefront1.business, "ほうじ茶")
    draft = factories.make_product(storefront1.business, "試作品", published=False)
    hidden_shop = factories.make_storefront("準備中の店", area=area, publish=False)
    unpublished_shop = factories.make_product(hidden_shop.business, "未公開店の品")

    entries = sitemap_entries(client)

    ja, en = (
        f"http://testserver/ja/products/{on_sale.pk}/",
        f"http://testserver/en/products/{on_sale.pk}/",
    )
    assert entries[ja] == {"ja": ja, "en": en, "x-default": ja}
    assert en in entries
    for product in (draft, unpublished_shop):
        assert f"http://testserver/ja/products/{product.pk}/" not in entries
