"""sitemap.xml in five languages: every language's pages, alternates that
name only real translations, products in the languages they are written in."""

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from wagtail.models import Page

from machikado.models import HomePage
from tests import factories
from tests.tourism.factories import make_attraction, translate

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    entries = {}
    for url in root.findall("sm:url", NS):
        location = url.find("sm:loc", NS).text
        assert location not in entries, f"listed twice: {location}"
        entries[location] = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
    return entries


def test_five_languages_exist():
    assert LANGUAGES == ["ja", "en", "zh-hans", "zh-hant", "ko"]


def test_every_home_page_is_listed_with_all_alternates(client):
    entries = sitemap(client)

    homes = {code: f"http://localhost/{code}/" for code in LANGUAGES}
    for code, home in homes.items():
        assert HomePage.objects.get(locale__language_code=code).full_url == home
        assert entries[home] == {**homes, "x-default": homes["ja"]}


def test_a_page_translated_to_korean_only(client):
    temple = make_attraction("金鑚神社", slug="kanasana")
    korean = translate(temple, "ko", title="가나사나 신사")

    entries = sitemap(client)

    pair = {"ja": temple.full_url, "ko": korean.full_url, "x-default": temple.full_url}
    assert korean.full_url == "http://localhost/ko/visit/attractions/kanasana/"
    assert entries[temple.full_url] == pair
    assert entries[korean.full_url] == pair
    # The fallback addresses (/en/…, /zh-hans/…) are not pages of their own.
    for code in ["en", "zh-hans", "zh-hant"]:
        assert f"http://localhost/{code}/visit/attractions/kanasana/" not in entries


def test_an_untranslated_page_has_no_alternates(client):
    temple = make_attraction("金鑚神社", slug="kanasana")
    assert sitemap(client)[temple.full_url] == {}


def test_every_live_page_of_every_tree_is_listed(client):
    make_attraction("金鑚神社", slug="kanasana")
    entries = sitemap(client)
    live = Page.objects.live().public().filter(depth__gt=1)
    assert {page.full_url for page in live} == set(entries) - {
        url for url in entries if "/products/" in url
    }
    for code in LANGUAGES:
        assert f"http://localhost/{code}/visit/events/" in entries


def test_products_are_listed_in_japanese_and_english_only(client, storefront1):
    product = factories.make_product(storefront1.business, "ほうじ茶")

    entries = sitemap(client)

    urls = {code: f"http://testserver/{code}/products/{product.pk}/" for code in LANGUAGES}
    pair = {"ja": urls["ja"], "en": urls["en"], "x-default": urls["ja"]}
    assert entries[urls["ja"]] == pair
    assert entries[urls["en"]] == pair
    for code in ["zh-hans", "zh-hant", "ko"]:
        assert urls[code] not in entries
