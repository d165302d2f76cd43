"""Indexing on change: Wagtail and model signals → after commit → task →
the database engine (search/signals.py, search/tasks.py)."""

import datetime as dt
import logging

import pytest
from wagtail.models import Locale, Page

from search import signals
from search.query import SearchQuery
from tests import factories
from tests.tourism import factories as tourism

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block schedules after commit, as a real commit would.

    The test's own transaction never commits: what was scheduled before the
    block (fixtures) stays pending, and the block starts a batch of its own,
    as it would after that earlier transaction's commit."""

    def block():
        signals.indexing.forget()
        return django_capture_on_commit_callbacks(execute=True)

    return block


def browse(engine, language="ja", **filters):
    results = engine.search(SearchQuery(language=language, page_size=50, **filters))
    return {hit.id: hit for hit in results.hits}


def english(page):
    return page.get_translation(Locale.objects.get(language_code="en"))


def test_a_published_storefront_is_found_and_unpublishing_removes_it(
    database_engine, committed, area
):
    with committed():
        page = factories.make_storefront("喫茶まちかど")
        product = factories.make_product(page.business, "ほうじ茶")
    en = english(page)
    ids = database_engine.document_ids()
    assert {f"shop-{page.pk}", f"shop-{en.pk}", f"product-{product.pk}-ja"} <= ids
    results = database_engine.search(SearchQuery(text="まちかど", language="ja"))
    # The shop by its name, then its product (the shop's name is one of its tags).
    assert [hit.id for hit in results.hits] == [f"shop-{page.pk}", f"product-{product.pk}-ja"]

    with committed():
        page.unpublish()
    ids = database_engine.document_ids()
    assert f"shop-{page.pk}" not in ids
    assert f"shop-{en.pk}" in ids  # the English storefront is still live
    assert f"product-{product.pk}-ja" in ids  # ... so its products are on sale

    with committed():
        en.unpublish()
    assert database_engine.document_ids() == set()


def test_nothing_is_indexed_before_commit_or_after_a_rollback(database_engine, committed, area):
    from django.db import transaction

    with committed():
        with pytest.raises(RuntimeError), transaction.atomic():
            factories.make_storefront("藤岡そば処")
            raise RuntimeError  # rolled back: its batch goes with it
    assert database_engine.document_ids() == set()
    factories.make_storefront()  # inside the test's transaction, never committed
    assert database_engine.document_ids() == set()


def test_renaming_a_storefront_updates_its_products(database_engine, committed, area):
    with committed():
        page = factories.make_storefront("喫茶まちかど")
        product = factories.make_product(page.business, "ほうじ茶")
    with committed():
        page.title = "珈琲ふじおか"
        page.save_revision().publish()
    results = database_engine.search(SearchQuery(text="ふじおか", kinds=["product"]))
    assert [hit.id for hit in results.hits] == [f"product-{product.pk}-ja"]
    assert database_engine.search(SearchQuery(text="まちかど", kinds=["product"])).total == 0


def test_a_category_rename_reaches_storefronts_and_products(database_engine, committed, area):
    with committed():
        page = factories.make_storefront()
        factories.make_product(page.business)
    category = factories.category()
    with committed():
        category.name = "喫茶・軽食"
        category.save()
    hits = browse(database_engine)
    assert {hit.category_label for hit in hits.values()} == {"喫茶・軽食"}


def test_publishing_a_translation_adds_its_document_and_ends_the_fallback(
    database_engine, committed, area
):
    with committed():
        attraction = tourism.make_attraction("桜山公園", area=area)
    hits = browse(database_engine, "en", kinds=["attraction"])
    assert list(hits) == [f"attraction-{attraction.pk}"]
    assert hits[f"attraction-{attraction.pk}"].fallback

    with committed():
        translated = tourism.translate(attraction, "en", title="Sakurayama Park")
    hits = browse(database_engine, "en", kinds=["attraction"])
    assert list(hits) == [f"attraction-{translated.pk}"]  # not the Japanese one any more
    assert not hits[f"attraction-{translated.pk}"].fallback
    assert hits[f"attraction-{translated.pk}"].title == "Sakurayama Park"
    assert hits[f"attraction-{translated.pk}"].url.startswith("/en/")

    with committed():
        translated.unpublish()
    hits = browse(database_engine, "en", kinds=["attraction"])
    assert list(hits) == [f"attraction-{attraction.pk}"]  # the fallback again


def test_moving_a_section_changes_the_urls_under_it(database_engine, committed, area):
    with committed():
        attraction = tourism.make_attraction("桜山公園", slug="sakurayama")
    assert browse(database_engine)[f"attraction-{attraction.pk}"].url == (
        "/ja/visit/attractions/sakurayama/"
    )
    home = Page.objects.get(pk=tourism.tourism_home("ja").get_parent().pk)
    guide = home.add_child(instance=Page(title="ガイド", slug="guide"))
    with committed():
        tourism.listing("attractions").move(guide, pos="last-child")
    assert browse(database_engine)[f"attraction-{attraction.pk}"].url == (
        "/ja/guide/attractions/sakurayama/"
    )

    listing = tourism.listing("attractions")
    listing.slug = "sights"
    with committed():
        listing.save_revision().publish()
    assert browse(database_engine)[f"attraction-{attraction.pk}"].url == (
        "/ja/guide/sights/sakurayama/"
    )


def test_deleting_a_venue_reindexes_its_events(database_engine, committed, area):
    with committed():
        venue = tourism.make_attraction("桜山公園", area=area)
        event = tourism.make_event("冬桜まつり", venue_page=venue, latitude=None, longitude=None)
    assert browse(database_engine)[f"event-{event.pk}"].latitude == 36.2  # the venue's point
    with committed():
        Page.objects.get(pk=venue.pk).delete()
    hits = browse(database_engine)
    assert f"attraction-{venue.pk}" not in hits
    assert hits[f"event-{event.pk}"].latitude is None


def test_product_changes_show_up(database_engine, committed, area):
    with committed():
        page = factories.make_storefront()
        product = factories.make_product(page.business, "ほうじ茶", price=1000)
    assert browse(database_engine)[f"product-{product.pk}-ja"].price == 1000

    variant = product.variants.get()
    with committed():
        variant.price = 1500
        variant.save()
    assert browse(database_engine)[f"product-{product.pk}-ja"].price == 1500

    with committed():
        product.title_en = ""
        product.save()
    assert f"product-{product.pk}-en" not in database_engine.document_ids()

    with committed():
        product.status = product.DRAFT
        product.save()
    assert not any(i.startswith("product-") for i in database_engine.document_ids())

    with committed():
        product.status = product.PUBLISHED
        product.save()
    with committed():
        product.delete()
    assert not any(i.startswith("product-") for i in database_engine.document_ids())


def test_a_shop_profile_change_updates_takes_cards(database_engine, committed, area):
    with committed():
        page = factories.make_storefront()
        product = factories.make_product(page.business)
    assert f"product-{product.pk}-ja" in browse(database_engine, takes_cards=True)
    with committed():
        factories.make_shop_profile(page.business, accepts_card=False)
    assert f"product-{product.pk}-ja" not in browse(database_engine, takes_cards=True)


def test_paused_indexes_nothing(database_engine, committed, area):
    with committed(), signals.paused():
        factories.make_storefront()
    assert database_engine.document_ids() == set()


def test_an_engine_error_does_not_break_publishing(
    database_engine, committed, area, settings, caplog, client
):
    page = factories.make_storefront("喫茶まちかど", publish=False)
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    admin = factories.make_user(superuser=True)
    client.force_login(admin)
    caplog.set_level(logging.ERROR, logger="search.indexing")
    with committed():
        response = client.post(
            f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", {"include_descendants": ""}
        )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert "rebuild_search_index" in caplog.text
    settings.SEARCH_ENGINE = "database"
    assert database_engine.document_ids() == set()  # the drift a rebuild repairs


def test_a_task_error_is_logged_and_does_not_escape(database_engine, committed, area, caplog):
    from search.tasks import update_documents

    caplog.set_level(logging.ERROR, logger="search.indexing")
    result = update_documents.enqueue([["subtree", "not-a-number"]])
    assert result.status == "FAILED"
    assert "rebuild_search_index" in caplog.text


def test_dates_come_from_the_stored_occurrences(database_engine, committed, area):
    with committed():
        event = tourism.make_event(start_date=dt.date(2030, 5, 3))
    hit = browse(database_engine, kinds=["event"])[f"event-{event.pk}"]
    assert hit.next_start.date() == dt.date(2030, 5, 3)
