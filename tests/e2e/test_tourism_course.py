"""A model course and an area page in a real browser, in Japanese and English:
Leaflet draws the map from the project's static files (markers, the route
line), the keyboard reaches the markers and their popups, axe-core finds no
serious or critical violation, and the page asks nothing of any other host
except the map tiles (answered here with an empty 204: no network in tests).
"""

from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests import factories
from tests.e2e.test_accessibility import SEVERE, describe
from tests.tourism.factories import listing, make_attraction, make_course, translate
from tourism.models import AreaHighlight, AreaPage

TILE_HOST = urlsplit(settings.MAP_TILE_URL).netloc


@pytest.fixture
def tourism_pages(area):
    temple = make_attraction(
        "桜山寺", area=area, latitude=Decimal("36.201"), longitude=Decimal("139.061")
    )
    translate(temple, "en", title="Sakurayama Temple")
    gorge = make_attraction(
        "三波石峡", area=area, latitude=Decimal("36.185"), longitude=Decimal("139.050")
    )
    shop = factories.make_storefront(
        "喫茶まちかど", area=area, latitude=Decimal("36.205"), longitude=Decimal("139.065")
    )
    course = make_course(
        "鬼石さんぽ",
        title_ruby="鬼石《おにし》さんぽ",
        stops=[(temple, 45, 10, "walk"), (shop, 30, 15, "bus"), (gorge, 60, None, "")],
        season="autumn",
        accessibility_notes="寺の参道に階段があります。",
    )
    english_course = translate(course, "en", title="A walk in Onishi", title_ruby="")
    area_page = AreaPage(
        title="鬼石のまち", slug="onishi", summary="山と川の町。", area=area, map_zoom=13
    )
    area_page.highlights.add(AreaHighlight(highlight=temple))
    listing("areas").add_child(instance=area_page)
    area_page.save_revision().publish()
    area_page.refresh_from_db()
    english_area = translate(area_page, "en", title="Onishi town")
    return {
        "course": (course.url, english_course.url),
        "area": (area_page.url, english_area.url),
    }


def guard_requests(page, live_server_url):
    """Tiles get an empty 204; any other foreign host is refused and recorded."""
    foreign = []
    own = urlsplit(live_server_url).netloc

    def handle(route):
        host = urlsplit(route.request.url).netloc
        if host == own or route.request.url.startswith("data:"):
            route.continue_()
        elif host == TILE_HOST:
            route.fulfill(status=204, body="")
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    return foreign


def check_map(page, *, markers, route, linked_marker=0):
    page.wait_for_selector(".map.leaflet-container")
    assert page.locator(".map.map--ready").count() == 1
    assert page.locator(".leaflet-marker-icon").count() == markers
    assert page.locator("path.map-route").count() == (1 if route else 0)
    # The list under the map stays: it is the map's text alternative.
    assert page.locator(".map-points li").count() == markers
    # Markers are buttons with names; Enter opens the popup and focuses its link.
    marker = page.locator(".leaflet-marker-icon").nth(linked_marker)
    assert marker.get_attribute("role") == "button"
    assert marker.get_attribute("aria-label")
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-popup a.map-popup__title")
    assert page.evaluate("document.activeElement.classList.contains('map-popup__title')")
    page.keyboard.press("Escape")
    page.wait_for_selector(".leaflet-popup", state="detached")
    assert page.evaluate("document.activeElement.classList.contains('leaflet-marker-icon')")


@pytest.mark.parametrize("language", ["ja", "en"])
def test_course_and_area_pages_draw_maps_and_pass_axe(
    new_page, live_server, axe_violations, tourism_pages, language
):
    index = 0 if language == "ja" else 1
    page = new_page(locale="ja-JP" if language == "ja" else "en-US")
    foreign = guard_requests(page, live_server.url)
    loaded = []
    page.on("response", lambda response: loaded.append((response.url, response.status)))
    problems = []

    response = page.goto(tourism_pages["course"][index])
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    check_map(page, markers=3, route=True)
    assert page.locator("ol.course-stops > li").count() == 3
    if language == "en":
        assert page.locator(".course-stop__title").first.inner_text() == "Sakurayama Temple"
        assert "2 hours 40 minutes" in page.locator(".course-facts").inner_text()
    found = [v for v in axe_violations(page) if v["impact"] in SEVERE]
    if found:
        problems.append(describe(page.url, found))

    response = page.goto(tourism_pages["area"][index])
    assert response.status == 200
    # The area's centre (no page to link to), two attractions and the shop.
    check_map(page, markers=4, route=False, linked_marker=1)
    found = [v for v in axe_violations(page) if v["impact"] in SEVERE]
    if found:
        problems.append(describe(page.url, found))

    assert not problems, "\n".join(problems)
    assert not foreign, foreign
    static = [(url, status) for url, status in loaded if "/static/tourism/" in url]
    assert {url.rsplit("/", 1)[1] for url, _ in static} >= {"leaflet.js", "leaflet.css", "map.js"}
    assert all(status == 200 for _, status in static), static


def test_without_javascript_the_list_is_the_map(new_page, tourism_pages):
    page = new_page(java_script_enabled=False)
    page.goto(tourism_pages["course"][0])
    assert not page.locator(".map").is_visible()
    points = page.locator(".map-points li")
    assert points.count() == 3
    first = points.first.inner_text()
    assert "36.20100" in first and "139.06100" in first
    assert points.first.locator("a[href^='https://www.openstreetmap.org/']").count() == 1
