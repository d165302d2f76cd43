"""The search page in a real browser: axe-core finds no serious or critical
violation in ja and en (results, facets, errors), the header autocomplete
works with the keyboard (type, arrow down, Enter opens the result), and the
filters work without JavaScript."""

import re

import pytest
from wagtail.models import Locale

from search.documents import SearchDocument
from search.engines import get_engine
from tests import factories
from tests.e2e.test_accessibility import SEVERE, check_pages, describe


@pytest.fixture
def search_content(settings, transactional_db):
    settings.SEARCH_ENGINE = "database"
    engine = get_engine()
    engine.clear()
    area = factories.make_area()
    storefront = factories.make_storefront("喫茶まちかど", area=area)
    english = storefront.get_translation(Locale.objects.get(language_code="en"))
    common = dict(
        category="cafe",
        area="onishi",
        latitude=36.2,
        longitude=139.06,
        takes_cards=True,
        price=500,
    )
    engine.index(
        [
            SearchDocument(
                id=f"shop-{storefront.pk}",
                kind="shop",
                language="ja",
                group=f"shop-{storefront.translation_key}",
                title="喫茶まちかど",
                url=storefront.url,
                title_kana="きっさまちかど",
                summary="駅前の小さな喫茶店。自家焙煎のコーヒー。",
                category_label="喫茶店",
                area_label="鬼石",
                translated_to=["en"],
                **common,
            ),
            SearchDocument(
                id=f"shop-{english.pk}",
                kind="shop",
                language="en",
                group=f"shop-{storefront.translation_key}",
                title="Kissa Machikado",
                url=english.url,
                summary="A small coffee shop by the station, roasting its own coffee.",
                category_label="Café",
                area_label="Onishi",
                **common,
            ),
            SearchDocument(
                id="attraction-900",
                kind="attraction",
                language="ja",
                group="attraction-900",
                title="冬桜の寺",
                url="/ja/visit/attractions/",
                summary="冬に咲く桜とコーヒーの茶屋。",
                category="temple_shrine",
                category_label="寺社",
                area="onishi",
                area_label="鬼石",
                price=0,
                latitude=36.18,
                longitude=139.08,
                barrier_free=True,
            ),
        ]
    )
    return storefront, english


def test_search_pages_have_no_serious_violations(page, axe_violations, search_content):
    paths = [
        "/ja/search/",
        "/ja/search/?q=コーヒー",
        "/en/search/?q=coffee",
        "/en/search/?q=coffee&kind=shop&near=onishi&radius=5&sort=distance",
        "/ja/search/?q=存在しない言葉",
    ]
    problems = check_pages(page, axe_violations, paths)
    assert not problems, "\n".join(problems)
    # parameters with errors: a 400 page with the messages, just as accessible
    errors = "/en/search/?kind=hotel&from=2026-02-30&to=x&radius=3"
    assert page.goto(errors).status == 400
    assert page.get_by_role("alert").count() == 1
    found = [v for v in axe_violations(page) if v["impact"] in SEVERE]
    assert not found, describe(errors, found)


def test_header_autocomplete_with_the_keyboard(new_page, search_content):
    storefront, english = search_content
    page = new_page(locale="en-US")
    page.goto("/en/")
    box = page.get_by_role("combobox", name="Search shops, products, sights and events")
    assert box.get_attribute("aria-expanded") == "false"
    box.press_sequentially("Kiss", delay=40)
    listbox = page.get_by_role("listbox")
    listbox.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    option = page.get_by_role("option", name=re.compile("Kissa Machikado"))
    assert option.count() == 1
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    assert "Kissa Machikado" in page.locator(f"#{active}").inner_text()
    box.press("Enter")
    page.wait_for_url(f"**{english.url}")
    assert page.url.endswith(english.url)


def test_escape_closes_and_enter_searches(new_page, search_content):
    page = new_page(locale="ja-JP")
    page.goto("/ja/")
    box = page.locator("#site-search-q")
    box.press_sequentially("喫茶", delay=40)
    page.get_by_role("listbox").wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert page.get_by_role("listbox").is_hidden()
    box.press("Enter")  # nothing chosen: the form searches for the text
    page.wait_for_url("**/ja/search/?q=*")
    assert "喫茶まちかど" in page.locator(".search-results").inner_text()


def test_filters_work_without_javascript(new_page, search_content):
    page = new_page(locale="ja-JP", java_script_enabled=False)
    page.goto("/ja/search/?q=コーヒー")
    results = page.locator(".search-results")
    assert "喫茶まちかど" in results.inner_text()
    assert "冬桜の寺" in results.inner_text()
    page.locator("input[name=kind][value=attraction]").check()
    page.locator(".search-filters__actions button").click()
    page.wait_for_url("**kind=attraction**")
    text = page.locator(".search-results").inner_text()
    assert "冬桜の寺" in text and "喫茶まちかど" not in text
    assert page.locator("input[name=kind][value=attraction]").is_checked()
    # the query survives the filter form (inputs tied to the search form)
    assert page.locator("#search-q").input_value() == "コーヒー"
    # the no-JS "near" list and distance sort
    page.select_option("#search-near", "onishi")
    page.select_option("#search-sort", "distance")
    page.locator("input[name=kind][value=attraction]").uncheck()
    page.locator(".search-filters__actions button").click()
    page.wait_for_url("**sort=distance**")
    items = page.locator(".search-result__title").all_inner_texts()
    assert items[0] == "喫茶まちかど"  # 0 km from the area's point
    assert "km" in page.locator(".search-result__meta").first.inner_text()
