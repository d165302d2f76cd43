"""Area pages, model courses, their listings, and the storefront's links to them."""

import html as html_lib
import json
import re
from decimal import Decimal

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Locale

from tests import factories
from tests.tourism.factories import listing, make_attraction, make_course, make_event, translate
from tourism.models import AreaHighlight, AreaPage, CourseStop
from tourism.presenters.courses import format_duration, iso_duration

pytestmark = pytest.mark.django_db

LEAFLET_JS = "/static/tourism/vendor/leaflet/leaflet.js"
MAP_JS = "/static/tourism/js/map.js"
AREA_QUERY_BUDGET = 40
COURSE_QUERY_BUDGET = 40
LISTING_QUERY_BUDGET = 30


def make_area_page(area, title="鬼石のまち", *, highlights=(), publish=True, **fields):
    values = dict(title=title, slug=f"area-{area.slug}", summary="山と川の町。", area=area)
    values.update(fields)
    page = AreaPage(**values)
    for chosen in highlights:
        page.highlights.add(AreaHighlight(highlight=chosen))
    page.live = publish
    listing("areas").add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def json_ld_of(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def section(html, heading_id):
    """The HTML of the <section> labelled by this heading id."""
    match = re.search(rf'<section aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    assert match, heading_id
    return match.group(1)


def queries_for(client, url, django_assert_max_num_queries, budget):
    client.get(url)  # renditions made once
    cache.clear()
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


# -- areas -------------------------------------------------------------------------------------


@pytest.fixture
def other_area(db):
    return factories.make_area("藤岡", slug="fujioka", name_en="Fujioka")


def test_area_page_lists_its_attractions_and_shops_in_the_visitors_language(
    client, area, other_area
):
    temple = make_attraction("桜山寺", area=area, name_kana="さくらやまでら")
    translate(temple, "en", title="Sakurayama Temple")
    make_attraction("三波石峡", area=area, name_kana="さんばせききょう")  # Japanese only
    make_attraction("よその滝", area=other_area)
    factories.make_storefront("喫茶まちかど", area=area)
    factories.make_storefront("藤岡そば処", area=other_area)
    festival = make_event("鬼石夏祭り", area=area)
    page = make_area_page(area, highlights=[temple, festival], title_ruby="鬼石《おにし》のまち")
    english = translate(page, "en", title="Onishi town")

    response = client.get(english.url)
    assert response.status_code == 200
    html = response.content.decode()

    attractions = section(html, "attractions-heading")
    assert "Sakurayama Temple" in attractions and "桜山寺" not in attractions
    assert "三波石峡" in attractions  # not translated: shown in Japanese
    assert "よその滝" not in attractions
    shops = section(html, "shops-heading")
    assert "喫茶まちかど (en)" in shops
    assert "藤岡そば処" not in shops
    assert 'href="/en/shops/' in shops
    highlights = section(html, "highlights-heading")
    assert highlights.index("Sakurayama Temple") < highlights.index("鬼石夏祭り")

    japanese = client.get(page.url).content.decode()
    assert "<ruby>鬼石<rp>(</rp><rt>おにし</rt><rp>)</rp></ruby>のまち" in japanese
    assert "桜山寺" in section(japanese, "attractions-heading")
    assert "喫茶まちかど" in section(japanese, "shops-heading")


def test_area_map_works_without_javascript_and_loads_leaflet(client, area):
    make_attraction("桜山寺", area=area, latitude=Decimal("36.201"), longitude=Decimal("139.061"))
    page = make_area_page(area, map_zoom=12)

    html = client.get(page.url).content.decode()

    # The fallback: a list of the points with coordinates and map links.
    points = re.search(r'<ol class="map-points">(.*?)</ol>', html, re.S).group(1)
    assert "鬼石" in points and "桜山寺" in points
    assert "36.20100" in points and "139.06100" in points
    assert "https://www.openstreetmap.org/?mlat=36.201000&amp;mlon=139.061000" in points
    # The data Leaflet draws from: centred on the area at the page's zoom.
    data = json.loads(html_lib.unescape(re.search(r'data-map="([^"]*)"', html).group(1)))
    assert data["center"] == [36.2, 139.06] and data["zoom"] == 12
    assert [p["kind"] for p in data["points"]] == ["area", "attraction"]
    assert data["tiles"].startswith("https://") and "OpenStreetMap" in data["attribution"]
    # Leaflet and map.js from the project's static files, deferred, no inline script.
    assert f'<script src="{LEAFLET_JS}" defer></script>' in html
    assert html.index(LEAFLET_JS) < html.index(MAP_JS)
    assert "/static/tourism/vendor/leaflet/leaflet.css" in html
    assert not re.search(r"<script(?![^>]*(?:src=|application/ld\+json))[^>]*>", html)


def test_area_page_queries_do_not_grow_with_its_contents(
    client, area, other_area, django_assert_max_num_queries
):
    small = make_area_page(area, highlights=[make_attraction(area=area)])
    factories.make_storefront("店1", area=area)
    large = make_area_page(other_area, title="藤岡のまち")
    chosen = []
    for n in range(6):
        chosen.append(make_attraction(area=other_area))
        factories.make_storefront(f"藤岡の店{n}", area=other_area)
    large.highlights.add(AreaHighlight(highlight=chosen[0]))
    large.highlights.add(AreaHighlight(highlight=chosen[1]))
    large.save_revision().publish()

    small_count, _ = queries_for(
        client, small.url, django_assert_max_num_queries, AREA_QUERY_BUDGET
    )
    large_count, html = queries_for(
        client, large.url, django_assert_max_num_queries, AREA_QUERY_BUDGET
    )
    assert html.count('class="card"') == 6 + 6 + 2
    assert large_count == small_count


def test_area_listing_shows_the_areas_in_the_visitors_language(
    client, area, other_area, django_assert_max_num_queries
):
    onishi = make_area_page(area)
    translate(onishi, "en", title="Onishi town")
    make_area_page(other_area, title="藤岡のまち")

    count, html = queries_for(
        client, listing("areas", "en").url, django_assert_max_num_queries, LISTING_QUERY_BUDGET
    )
    assert "Onishi town" in html and "鬼石のまち" not in html
    assert "藤岡のまち" in html  # falls back to Japanese
    assert "Fujioka" in html  # the area's English name
    for n in range(4):
        make_area_page(factories.make_area(f"町{n}", slug=f"town-{n}", name_en=f"Town {n}"))
    more, _ = queries_for(
        client, listing("areas", "en").url, django_assert_max_num_queries, LISTING_QUERY_BUDGET
    )
    assert more == count


# -- model courses ---------------------------------------------------------------------------


@pytest.fixture
def course_stops(area):
    temple = make_attraction(
        "桜山寺", area=area, latitude=Decimal("36.201"), longitude=Decimal("139.061")
    )
    translate(temple, "en", title="Sakurayama Temple")
    shop = factories.make_storefront("喫茶まちかど", area=area)
    gorge = make_attraction("三波石峡", latitude=Decimal("36.18"), longitude=Decimal("139.05"))
    return temple, shop, gorge


def test_course_page_shows_stops_in_order_with_times(client, course_stops):
    temple, shop, gorge = course_stops
    course = make_course(
        "鬼石さんぽ",
        stops=[(temple, 45, 10, "walk"), (shop, 30, 20, "bus"), (gorge, 60, 99, "taxi")],
        season="spring",
        accessibility_notes="寺の参道に階段があります。",
    )
    english = translate(course, "en", title="A walk in Onishi")

    html = client.get(english.url).content.decode()

    stops = re.search(r'<ol class="course-stops">(.*?)</ol>', html, re.S).group(1)
    titles = re.findall(r'<h3 class="course-stop__title">(?:<a href="([^"]*)">)?([^<]*)', stops)
    assert [title for _url, title in titles] == [
        "Sakurayama Temple",
        "喫茶まちかど (en)",
        "三波石峡",
    ]
    assert titles[0][0].startswith("/en/visit/attractions/")
    assert titles[1][0].startswith("/en/shops/")
    # 45 + 30 + 60 minutes of stays, 10 + 20 of travel; the last stop's travel is not counted.
    assert '<time datetime="PT2H45M">2 hours 45 minutes</time>' in html
    assert "On foot, <time" in stops and "By bus, <time" in stops and "By taxi" not in stops
    assert stops.count("course-stop__travel") == 2
    assert "Spring" in html
    assert "寺の参道に階段があります。" in html
    # The route map: a line through the three stops, in order, and its text list.
    data = json.loads(html_lib.unescape(re.search(r'data-map="([^"]*)"', html).group(1)))
    assert data["route"] is True
    assert [p["label"] for p in data["points"]] == [
        "Sakurayama Temple",
        "喫茶まちかど (en)",
        "三波石峡",
    ]
    assert '<ol class="map-points map-points--route">' in html


def test_course_json_ld_is_a_tourist_trip_with_an_ordered_itinerary(client, course_stops):
    temple, shop, gorge = course_stops
    course = make_course(
        "鬼石さんぽ",
        title_ruby="鬼石《おにし》さんぽ",
        stops=[(temple, 45, 10, "walk"), (shop, 30, None, "")],
    )

    data = json_ld_of(client.get(course.url).content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "TouristTrip"
    assert data["name"] == "鬼石さんぽ"
    assert data["description"] == "半日の散歩。"
    assert data["url"].endswith(course.url)
    itinerary = data["itinerary"]
    assert itinerary["@type"] == "ItemList"
    assert itinerary["numberOfItems"] == 2
    first, second = itinerary["itemListElement"]
    assert (first["@type"], first["position"], second["position"]) == ("ListItem", 1, 2)
    assert first["item"]["@type"] == "TouristAttraction"
    assert first["item"]["name"] == "桜山寺"
    assert first["item"]["url"].endswith(temple.url)
    assert first["item"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 36.201,
        "longitude": 139.061,
    }
    assert second["item"]["@type"] == shop.category.schema_type
    assert second["item"]["address"]["addressCountry"] == "JP"
    assert "timeRequired" not in data  # not a property of Trip


def test_course_needs_two_stops_of_the_right_kind(course_stops):
    temple, shop, _gorge = course_stops
    with pytest.raises(ValidationError) as error:
        make_course("一か所だけ", stops=[(temple, 45, None, "")])
    assert "stops" in error.value.message_dict

    festival = make_event("祭り")
    with pytest.raises(ValidationError):
        make_course("祭りへ", stops=[(temple, 45, 10, "walk"), (festival, 30, None, "")])

    stop = CourseStop(stop=festival, stay_minutes=30)
    with pytest.raises(ValidationError) as error:
        stop.clean()
    assert "stop" in error.value.message_dict
    CourseStop(stop=shop, stay_minutes=30).clean()  # a storefront is fine


def test_course_listing_and_page_queries_do_not_grow(
    client, course_stops, django_assert_max_num_queries
):
    temple, shop, gorge = course_stops
    short = make_course("短いコース", stops=[(temple, 30, 5, "walk"), (shop, 30, None, "")])
    extra = [make_attraction() for _ in range(6)]
    long = make_course(
        "長いコース",
        stops=[(temple, 30, 5, "walk"), (shop, 30, 5, "walk"), (gorge, 30, 5, "walk")]
        + [(page, 20, 5, "walk") for page in extra],
    )

    short_count, _ = queries_for(
        client, short.url, django_assert_max_num_queries, COURSE_QUERY_BUDGET
    )
    long_count, html = queries_for(
        client, long.url, django_assert_max_num_queries, COURSE_QUERY_BUDGET
    )
    assert html.count('class="course-stop"') == 9
    assert long_count == short_count

    index = listing("courses", "en").url
    few, html = queries_for(client, index, django_assert_max_num_queries, LISTING_QUERY_BUDGET)
    assert "2 stops" in html and "1 hour 5 minutes" in html
    for _ in range(4):
        make_course(stops=[(temple, 30, 5, "walk"), (gorge, 30, None, "")])
    many, html = queries_for(client, index, django_assert_max_num_queries, LISTING_QUERY_BUDGET)
    assert html.count('class="card"') == 6
    assert many == few


def test_durations_read_as_hours_and_minutes():
    with translation.override("en"):
        assert format_duration(45) == "45 minutes"
        assert format_duration(60) == "1 hour"
        assert format_duration(61) == "1 hour 1 minute"
        assert format_duration(165) == "2 hours 45 minutes"
    assert (iso_duration(165), iso_duration(60), iso_duration(5)) == ("PT2H45M", "PT1H", "PT5M")


# -- storefront links ------------------------------------------------------------------------


def test_storefront_shows_nearby_attractions_and_its_courses(client, area):
    shop = factories.make_storefront(
        "喫茶まちかど", area=area, latitude=Decimal("36.258"), longitude=Decimal("139.075")
    )
    far = make_attraction("遠くの寺", latitude=Decimal("36.270"), longitude=Decimal("139.075"))
    near = make_attraction("近くの寺", latitude=Decimal("36.259"), longitude=Decimal("139.075"))
    translate(near, "en", title="The temple nearby")
    make_attraction("山の上", latitude=Decimal("36.5"), longitude=Decimal("139.2"))  # > 3 km
    course = make_course("まちかど散歩", stops=[(near, 30, 5, "walk"), (shop, 30, None, "")])
    translate(course, "en", title="Machikado walk")
    make_course("寺めぐり", stops=[(near, 30, 5, "walk"), (far, 30, None, "")])

    english = shop.get_translation(Locale.objects.get(language_code="en"))
    html = client.get(english.url).content.decode()

    nearby = section(html, "nearby-heading")
    assert nearby.index("The temple nearby") < nearby.index("遠くの寺")
    assert "近くの寺" not in nearby and "山の上" not in nearby
    assert "111 m" in nearby  # 0.001° of latitude
    assert "1.3 km" in nearby
    assert "about 2 minutes on foot" in nearby
    courses = section(html, "courses-heading")
    assert "Machikado walk" in courses and "寺めぐり" not in courses

    japanese = client.get(shop.url).content.decode()
    assert "近くの寺" in section(japanese, "nearby-heading")
    assert "まちかど散歩" in section(japanese, "courses-heading")


# -- static files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "tourism/vendor/leaflet/leaflet.js",
        "tourism/vendor/leaflet/leaflet.css",
        "tourism/vendor/leaflet/leaflet.js.map",
        "tourism/vendor/leaflet/images/layers.png",
        "tourism/vendor/leaflet/images/marker-icon.png",
        "tourism/js/map.js",
        "tourism/css/map.css",
        "tourism/css/places.css",
    ],
)
def test_map_assets_are_static_files(path):
    """Found by the staticfiles finders (so collectstatic collects them; the
    browser test loads them from the live server)."""
    found = finders.find(path)
    assert found, path
    with open(found, "rb") as file:
        body = file.read()
    assert body
    if path.endswith("leaflet.js"):
        assert b"Leaflet 1.9.4" in body[:200]


def test_route_numbers_follow_the_stops_when_one_has_no_point(client, course_stops):
    temple, _shop, gorge = course_stops
    unplaced = make_attraction("場所未定の寺", latitude=None, longitude=None)
    course = make_course(
        stops=[(temple, 30, 5, "walk"), (unplaced, 30, 5, "walk"), (gorge, 30, None, "")]
    )

    html = client.get(course.url).content.decode()

    data = json.loads(html_lib.unescape(re.search(r'data-map="([^"]*)"', html).group(1)))
    assert [(p["label"], p["number"]) for p in data["points"]] == [("桜山寺", 1), ("三波石峡", 3)]
    points = re.search(r'<ol class="map-points map-points--route">(.*?)</ol>', html, re.S).group(1)
    assert re.search(r'<li value="3">\s*<a href="[^"]+">三波石峡</a>', points)
    assert html.count('class="course-stop"') == 3
