"""Fragments every page shares (the header's brand and menu, the footer) are
rendered once per page cache generation and reused by the responses the
whole-page cache cannot keep: search, the cart, signed-in visitors."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from .test_page_cache import browser, page_cache  # noqa: F401 (fixture)


def home(language):
    return Page.objects.get(depth=2, locale__language_code=language)


@pytest.fixture
def menu_pages(db):
    """The shops directory in the menu, in every language (the setup leaves
    the menu empty)."""
    Page.objects.filter(depth=3, slug="shops").update(show_in_menus=True)
    cache.clear()


def menu(response):
    """(url, aria-current, title) of the menu's pages (not the fixed links after them)."""
    html = response.content.decode()
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.DOTALL).group(0)
    items = re.findall(r'<li><a href="([^"]+)"( aria-current="page")?>([^<]+)</a></li>', nav)
    return [item for item in items if not item[0].endswith(("/apply/", "/cart/"))]


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return response, len(captured.captured_queries)


def test_uncached_pages_reuse_the_fragments(page_cache, menu_pages):  # noqa: F811
    client = browser()
    first, first_count = queries(client, "/ja/search/")
    second, second_count = queries(client, "/ja/search/")
    assert first.get("X-Page-Cache") is None  # search is never cached whole
    assert (
        second.content.split(b"<main")[0].split(b"<header")[1]
        == (first.content.split(b"<main")[0].split(b"<header")[1])
    )
    # the home page, its menu children and the site identity are not read again
    assert second_count <= first_count - 3, (first_count, second_count)
    assert menu(second) == menu(first) and menu(first)


def test_a_page_put_in_the_menu_shows_at_once_and_leaves_when_unpublished(page_cache, menu_pages):  # noqa: F811
    client = browser()
    before = menu(client.get("/ja/search/"))
    visit = home("ja").get_children().get(slug="visit").specific
    visit.show_in_menus = True
    visit.save_revision().publish()
    after = menu(client.get("/ja/search/"))
    assert [title for _u, _c, title in after] == [
        *(title for _u, _c, title in before),
        visit.title,
    ]
    visit.unpublish()
    assert menu(client.get("/ja/search/")) == before


def test_each_language_and_page_gets_its_own_menu(page_cache, menu_pages):  # noqa: F811
    client = browser()
    ja, en = menu(client.get("/ja/search/")), menu(client.get("/en/search/"))
    assert ja and en and ja != en
    assert all(url.startswith("/ja/") for url, _c, _t in ja)
    assert all(url.startswith("/en/") for url, _c, _t in en)
    # a menu page marks itself as the current one, and only on its own page
    url, _current, title = ja[0]
    on_it = menu(client.get(url))
    assert (url, ' aria-current="page"', title) in on_it
    assert not any(current for _u, current, _t in menu(client.get("/ja/search/")))


def test_without_the_page_cache_fragments_render_every_time(settings, menu_pages):
    settings.PAGE_CACHE_ENABLED = False
    client = browser()
    shops = home("ja").get_children().live().in_menu().get()
    assert menu(client.get("/ja/search/"))
    Page.objects.filter(pk=shops.pk).update(title="改名した")  # no signal: only a render sees it
    assert [title for _u, _c, title in menu(client.get("/ja/search/"))] == ["改名した"]
