"""axe-core finds no serious or critical violation on an attraction page, the
attraction listing and the tourism home, in Japanese and English; the map's
no-JavaScript list and keyboard focus work in a real browser."""

import datetime as dt
from decimal import Decimal

from wagtail.models import Locale

from tests import factories
from tests.e2e.test_accessibility import check_pages
from tests.tourism.factories import listing, make_attraction, make_event, tourism_home, translate
from tourism.hours import now_in_tokyo
from tourism.models import AttractionImage, TourismFeature
from tourism.models.common import season_of

T = dt.time


def make_content(area):
    today = now_in_tokyo().date()
    season = season_of(today)
    factories.make_storefront(
        "喫茶まちかど",
        area=area,
        latitude=Decimal("36.2585"),
        longitude=Decimal("139.0755"),
    )
    temple = make_attraction(
        "桜山寺",
        title_ruby="桜山寺《さくらやまでら》",
        name_kana="さくらやまでら",
        category="temple_shrine",
        area=area,
        admission_fee=0,
        access_train="JR八高線 群馬藤岡駅から徒歩10分",
        parking="20台",
        step_free=True,
        barrier_free_notes="本堂まで段差なし。",
        phone="0274-22-1111",
        website="https://temple.example.jp/",
        hero_image=factories.make_image("山門", size=(1200, 500), color=(90, 60, 40)),
        latitude=Decimal("36.258"),
        longitude=Decimal("139.075"),
        hours=[
            dict(from_month=4, to_month=10, days="daily", opens=T(9), closes=T(17)),
            dict(from_month=11, to_month=3, days="weekends", opens=T(10), closes=T(16)),
        ],
        closures=[dict(start_date=dt.date(today.year + 1, 1, 1), reason="元日")],
        **{f"best_in_{season}": True},
    )
    AttractionImage.objects.create(
        page=temple, image=factories.make_image("本堂", size=(480, 360)), caption="本堂"
    )
    make_event("山門コンサート", venue_page=temple, start_date=today + dt.timedelta(days=3))
    translate(
        temple,
        "en",
        title="Sakurayama Temple",
        title_ruby="",
        summary="An old temple in the hills.",
        access_train="10 minutes' walk from Gunma-Fujioka Station (JR Hachiko Line)",
    )
    TourismFeature.objects.create(page=tourism_home(), featured=temple)
    return temple


def test_attraction_listing_and_home_in_japanese_and_english(page, axe_violations, area):
    temple = make_content(area)
    english = temple.get_translation(Locale.objects.get(language_code="en"))
    paths = [
        temple.url,
        english.url,
        listing("attractions").url,
        listing("attractions", "en").url + "?free=1&barrier_free=1",
        tourism_home().url,
        tourism_home("en").url,
    ]
    problems = check_pages(page, axe_violations, paths)
    assert not problems, "\n".join(problems)


def test_attraction_page_works_without_javascript_and_by_keyboard(new_page, area):
    temple = make_content(area)
    page = new_page(java_script_enabled=False)
    page.goto(temple.url)
    assert page.locator("h1 ruby rt").inner_text() == "さくらやまでら"
    # The map's list is the map without scripts: both points, with links.
    points = page.locator(".map-points li")
    assert points.count() == 2
    assert page.locator(".map-points a", has_text="喫茶まちかど").count() == 1
    nearby = page.locator("#nearby-heading + ul li")
    assert "喫茶まちかど" in nearby.first.inner_text()
    # The listing's filters are a plain GET form.
    page.goto(listing("attractions").url)
    page.check("#filter-free")
    page.select_option("#filter-category", "temple_shrine")
    page.click("form.filters button[type=submit]")
    assert "free=1" in page.url and "category=temple_shrine" in page.url
    assert page.locator(".card__title", has_text="桜山寺").count() == 1

    # Keyboard: tabbing reaches the first card link, with a visible focus outline.
    page = new_page()
    page.goto(listing("attractions").url)
    link = page.locator(".card__title a").first
    for _ in range(40):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("the card link is not reachable by keyboard")
    outline = link.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline not in ("", "none")
