"""The whole-page cache for anonymous visitors (machikado/page_cache.py), through
the full middleware stack with the Django test client and a real database."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from machikado import visitors
from machikado.models import SiteIdentity
from shop.models import Variant
from shop.services.checkout import restock
from tests.factories import make_product

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


@pytest.fixture
def page_cache(db, settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_PROXY_SECONDS = 0
    SiteIdentity.load()  # created on first use; its creation would drop the cache
    cache.clear()
    visitors.buffer.clear()
    yield
    cache.clear()
    visitors.buffer.clear()


def browser():
    return Client(HTTP_USER_AGENT=BROWSER)


def state(response):
    return response.get("X-Page-Cache")


@pytest.fixture
def url(storefront1):
    return storefront1.url


def test_second_anonymous_get_comes_from_the_cache_without_queries(
    page_cache, url, django_assert_num_queries
):
    client = browser()
    first = client.get(url)
    assert first.status_code == 200 and state(first) == "miss"
    with django_assert_num_queries(0):
        second = browser().get(url)
    assert state(second) == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "s-maxage" not in second["Cache-Control"]
    assert "Cookie" in second["Vary"]  # the easy-reading variant, for a shared cache
    head = browser().head(url)
    assert head.status_code == 200 and state(head) == "hit"


def test_the_proxy_may_keep_pages_when_configured(page_cache, settings, url):
    settings.PAGE_CACHE_PROXY_SECONDS = 30
    response = browser().get(url)
    assert "s-maxage=30" in response["Cache-Control"] and "public" in response["Cache-Control"]


def test_cache_off_means_no_cache(settings, url):
    settings.PAGE_CACHE_ENABLED = False
    cache.clear()
    browser().get(url)
    response = browser().get(url)
    assert state(response) is None
    assert "private" in response["Cache-Control"]


def test_signed_in_visitors_never_get_or_leave_a_cached_page(page_cache, url, owner1):
    anonymous = browser().get(url)
    assert state(anonymous) == "miss"
    member = browser()
    member.force_login(owner1)
    own = member.get(url)
    assert own.status_code == 200 and state(own) is None
    assert "private" in own["Cache-Control"]
    assert b"wagtail-userbar" in own.content  # personal: the owner's editing bar
    assert b"wagtail-userbar" not in anonymous.content
    again = browser().get(url)
    assert state(again) == "hit" and b"wagtail-userbar" not in again.content


def test_a_signed_in_page_is_never_served_to_anonymous_visitors(page_cache, url, owner1):
    member = browser()
    member.force_login(owner1)
    member.get(url)
    anonymous = browser().get(url)
    assert state(anonymous) == "miss" and b"wagtail-userbar" not in anonymous.content


def test_a_visitor_with_a_cart_sees_their_own_header(page_cache, url, storefront1):
    product = make_product(storefront1.business, "ほうじ茶", stock=5)
    browser().get(url)  # cached for everyone
    shopper = browser()
    added = shopper.post(
        "/ja/cart/add/", {"variant": product.variants.get().pk, "quantity": "2", "next": url}
    )
    assert added.status_code in (302, 303)
    mine = shopper.get(url)
    assert state(mine) is None
    assert b"cart-count" in mine.content
    other = browser().get(url)
    assert state(other) == "hit" and b"cart-count" not in other.content


def test_publishing_shows_at_once(page_cache, url, storefront1):
    browser().get(url)
    assert state(browser().get(url)) == "hit"
    storefront1.summary = "新しいメニューができました。"
    storefront1.save_revision().publish()
    response = browser().get(url)
    assert state(response) == "miss"
    assert "新しいメニューができました。" in response.content.decode()


def test_unpublishing_removes_the_page(page_cache, url, storefront1):
    browser().get(url)
    storefront1.unpublish()
    assert browser().get(url).status_code == 404


def test_snippet_and_settings_changes_show_at_once(page_cache, url, storefront1):
    browser().get(url)
    area = storefront1.area
    area.name = "鬼石町"
    area.save()
    assert "鬼石町" in browser().get(url).content.decode()
    identity = SiteIdentity.load()
    identity.municipality_name = "まちかど市"
    identity.save()
    assert "まちかど市" in browser().get(url).content.decode()


def test_stock_changes_show_on_the_product_page(page_cache, storefront1):
    product = make_product(storefront1.business, "ほうじ茶", stock=0)
    product_url = product.get_absolute_url()
    sold_out = browser().get(product_url)
    assert sold_out.status_code == 200 and b"add-to-cart" not in sold_out.content
    assert state(browser().get(product_url)) == "hit"  # no form: cacheable
    variant = product.variants.get()
    restock([(variant.pk, 3, 0)])  # a cancelled order's stock comes back (stock_changed)
    back = browser().get(product_url)
    assert state(back) == "miss" and b"add-to-cart" in back.content
    Variant.objects.filter(pk=variant.pk).update(stock=0)
    variant.refresh_from_db()
    variant.save()  # the admin saves an option: post_save
    assert b"add-to-cart" not in browser().get(product_url).content


def test_pages_with_a_form_get_each_visitor_their_own_csrf_token(page_cache, storefront1):
    product = make_product(storefront1.business, "ほうじ茶", stock=5)
    product_url = product.get_absolute_url()
    variant = product.variants.get().pk
    returning = Client(HTTP_USER_AGENT=BROWSER, enforce_csrf_checks=True)
    returning.get(storefront1.url)
    returning.cookies["csrftoken"] = "a" * 32  # a secret from an earlier visit
    states, tokens = [], set()
    for client in (
        Client(HTTP_USER_AGENT=BROWSER, enforce_csrf_checks=True),
        Client(HTTP_USER_AGENT=BROWSER, enforce_csrf_checks=True),
        returning,
    ):
        response = client.get(product_url)
        states.append(state(response))
        assert "private" in response["Cache-Control"]  # it sets the visitor's cookie
        assert b"machikado-csrf-token" not in response.content
        found = re.findall(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.content)
        assert len(found) == 1
        tokens.add(found[0])
        # the token works for the visitor who got it, with the cookie they got or had
        added = client.post(
            "/ja/cart/add/",
            {
                "csrfmiddlewaretoken": found[0].decode(),
                "variant": variant,
                "quantity": "1",
                "next": product_url,
            },
        )
        assert added.status_code in (302, 303)
    assert states == ["miss", "hit", "hit"]
    assert len(tokens) == 3
    assert returning.cookies["csrftoken"].value == "a" * 32
    # another visitor's token is refused
    stranger = Client(HTTP_USER_AGENT=BROWSER, enforce_csrf_checks=True)
    stranger.get(product_url)
    refused = stranger.post(
        "/ja/cart/add/",
        {"csrfmiddlewaretoken": tokens.pop().decode(), "variant": variant, "quantity": "1"},
    )
    assert refused.status_code == 403
    apply_page = browser().get("/ja/apply/")  # never_cache: not kept at all
    assert state(apply_page) is None and "private" in apply_page["Cache-Control"]


def test_posts_are_never_answered_from_the_cache(page_cache, url):
    browser().get(url)
    posted = browser().post(url, {"anything": "1"})
    assert state(posted) is None


def test_cart_and_checkout_are_not_for_shared_caches(page_cache):
    for path in ("/ja/cart/", "/ja/cart/"):
        response = browser().get(path)
        assert response.status_code == 200 and state(response) is None
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_languages_and_easy_reading_are_not_mixed(page_cache, storefront1):
    english = storefront1.get_translation(
        storefront1.locale.__class__.objects.get(language_code="en")
    )
    for _ in range(2):
        ja = browser().get(storefront1.url)
        en = browser().get(english.url)
        assert b'<html lang="ja"' in ja.content and b'<html lang="en"' in en.content
    assert state(ja) == "hit" and state(en) == "hit"
    easy = browser()
    easy.cookies["easy_reading"] = "1"
    for _ in range(2):
        response = easy.get(storefront1.url)
        assert b'class="easy-reading"' in response.content
    assert state(response) == "hit"
    assert b'class="easy-reading"' not in browser().get(storefront1.url).content


def test_cached_hits_are_counted_as_page_views(page_cache, storefront1):
    for _ in range(3):
        browser().get(storefront1.url)
    Client().get(storefront1.url)  # no User-Agent: not a person, not counted
    views = {key[1:]: count for key, count in visitors.pending().items()}
    assert views == {("shop", storefront1.pk, "ja"): 3}


def test_search_is_not_cached(page_cache, storefront1):
    browser().get("/ja/search/?q=喫茶")
    response = browser().get("/ja/search/?q=喫茶")
    assert state(response) is None


def test_models_the_cache_does_not_watch_keep_fast_deletes(db, django_assert_num_queries):
    """The cache listens to the models that can show on a page, one by one:
    sessions and search analytics keep Django's one-query bulk delete (a
    receiver for every sender would make Django fetch each row first)."""
    from django.contrib.sessions.models import Session
    from django.db.models.deletion import Collector

    from search.models import SearchClick

    collector = Collector(using="default")
    assert collector.can_fast_delete(Session.objects.all())
    assert collector.can_fast_delete(SearchClick.objects.all())
    SearchClick.objects.bulk_create(SearchClick(kind="shop", position=i) for i in range(5))
    with django_assert_num_queries(1):
        assert SearchClick.objects.all().delete() == (5, {"search.SearchClick": 5})
