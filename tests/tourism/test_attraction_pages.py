"""The attraction page: JSON-LD, nearby shops, events and courses, languages,
and a query count that does not grow with photos or shops."""

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from tests import factories
from tests.tourism.factories import make_attraction, make_course, make_event, translate
from tourism.hours import TOKYO, now_in_tokyo
from tourism.models import AttractionImage, AttractionPage
from tourism.presenters.attractions import SCHEMA_TYPES, json_ld, schema_types

pytestmark = pytest.mark.django_db

T = dt.time
HERE = dict(latitude=Decimal("36.258000"), longitude=Decimal("139.075000"))


def json_ld_of(response):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_every_category_has_schema_types_starting_with_tourist_attraction():
    assert set(SCHEMA_TYPES) == {key for key, _label in AttractionPage.CATEGORIES}
    for category, types in SCHEMA_TYPES.items():
        assert types[0] == "TouristAttraction", category
    assert schema_types("temple_shrine") == ["TouristAttraction", "PlaceOfWorship"]
    assert schema_types("museum") == ["TouristAttraction", "Museum"]
    assert schema_types("park") == ["TouristAttraction", "Park"]
    assert schema_types("onsen") == "TouristAttraction"


def test_json_ld_shape(client):
    attraction = make_attraction(
        "藤岡歴史館",
        category="museum",
        name_kana="ふじおかれきしかん",
        postal_code="375-0024",
        street="藤岡1-1",
        admission_fee=0,
        website="https://museum.example.jp/",
        phone="0274-22-1111",
        step_free=True,
        hero_image=factories.make_image("外観", size=(1200, 630)),
        hours=[
            dict(from_month=4, to_month=10, days="daily", opens=T(9), closes=T(17)),
            dict(from_month=11, to_month=3, days="weekends", opens=T(10), closes=T(16)),
        ],
        closures=[dict(start_date=dt.date(2027, 12, 29), end_date=dt.date(2028, 1, 3))],
        **HERE,
    )
    data = json_ld_of(client.get(attraction.url))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == ["TouristAttraction", "Museum"]
    assert data["name"] == "藤岡歴史館"
    assert data["alternateName"] == "ふじおかれきしかん"
    assert data["url"].endswith(attraction.url)
    assert data["address"] == {
        "@type": "PostalAddress",
        "postalCode": "375-0024",
        "addressRegion": "群馬県",
        "addressLocality": "藤岡市",
        "streetAddress": "藤岡1-1",
        "addressCountry": "JP",
    }
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 36.258, "longitude": 139.075}
    assert data["isAccessibleForFree"] is True
    assert data["publicAccess"] is True
    assert data["sameAs"] == ["https://museum.example.jp/"]
    assert data["image"][0].startswith("http://testserver/")
    features = data["amenityFeature"]
    assert {f["@type"] for f in features} == {"LocationFeatureSpecification"}
    assert [f["value"] for f in features] == [True, False, False]  # step-free, toilet, wheelchairs

    # Opening hours: fixed "today" so the season dates are known.
    request = RequestFactory().get(attraction.url)
    spec = json.loads(json_ld(attraction, request, today=dt.date(2027, 1, 15)))[
        "openingHoursSpecification"
    ]
    summer, winter, closure = spec
    assert summer["dayOfWeek"] == [
        f"https://schema.org/{d}"
        for d in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    ]
    assert (summer["opens"], summer["closes"]) == ("09:00", "17:00")
    assert (summer["validFrom"], summer["validThrough"]) == ("2027-04-01", "2027-10-31")
    assert winter["dayOfWeek"] == [
        "https://schema.org/Saturday",
        "https://schema.org/Sunday",
        "https://schema.org/PublicHolidays",
    ]
    assert (winter["validFrom"], winter["validThrough"]) == ("2026-11-01", "2027-03-31")
    assert closure == {
        "@type": "OpeningHoursSpecification",
        "opens": "00:00",
        "closes": "00:00",
        "validFrom": "2027-12-29",
        "validThrough": "2028-01-03",
    }


def test_json_ld_all_year_hours_have_no_validity_and_unknown_fee_is_left_out(client):
    attraction = make_attraction(
        category="nature",
        hours=[dict(from_month=1, to_month=12, days="2", opens=T(9), closes=T(16))],
    )
    data = json_ld_of(client.get(attraction.url))
    assert data["@type"] == ["TouristAttraction", "Landform"]
    assert "isAccessibleForFree" not in data
    [spec] = data["openingHoursSpecification"]
    assert spec["dayOfWeek"] == ["https://schema.org/Wednesday"]
    assert "validFrom" not in spec and "validThrough" not in spec


def test_page_shows_hours_status_fees_access_and_facts(client):
    attraction = make_attraction(
        "桜山公園",
        title_ruby="桜山《さくらやま》公園",
        category="park",
        admission_fee=300,
        fee_details="中学生以下無料",
        access_train="JR八高線 群馬藤岡駅から徒歩15分",
        access_bus="市内循環バス「桜山」下車",
        access_car="上信越道 藤岡ICから20分",
        parking="無料駐車場 50台",
        accessible_toilet=True,
        barrier_free_notes="園路は一部砂利道です。",
        best_in_spring=True,
        best_in_autumn=True,
        hours=[dict(from_month=1, to_month=12, days="daily", opens=T(0), closes=T(0))],
        closures=[dict(start_date=dt.date(2099, 1, 1), reason="点検")],
    )
    html = client.get(attraction.url).content.decode()
    assert "<ruby>桜山<rp>(</rp><rt>さくらやま</rt>" in html
    for text in [
        "中学生以下無料",
        "群馬藤岡駅から徒歩15分",
        "市内循環バス",
        "藤岡ICから20分",
        "無料駐車場 50台",
        "園路は一部砂利道です。",
        "点検",
        "¥300",
    ]:
        assert text in html, text
    assert 'class="open-status open-status--open"' in html  # open 00:00 to 24:00 every day
    assert html.count('<dl class="facts') >= 3


def test_closed_today_shows_closed_now(client):
    today = now_in_tokyo().date()
    attraction = make_attraction(
        hours=[dict(from_month=1, to_month=12, days="daily", opens=T(0), closes=T(0))],
        closures=[
            dict(start_date=today - dt.timedelta(days=1), end_date=today + dt.timedelta(days=1))
        ],
    )
    html = client.get(attraction.url).content.decode()
    assert "open-status--closed" in html


def test_nearby_shops_nearest_first_with_distance_and_walking_time(client, owner1, area):
    near = factories.make_storefront(
        "近い喫茶",
        owner=owner1,
        area=area,
        latitude=Decimal("36.259"),
        longitude=Decimal("139.075"),
    )
    nearer = factories.make_storefront(
        "もっと近いそば", area=area, latitude=Decimal("36.2582"), longitude=Decimal("139.0751")
    )
    factories.make_storefront(  # 40 km away: not nearby
        "遠い店", area=area, latitude=Decimal("36.6"), longitude=Decimal("139.2")
    )
    attraction = make_attraction(**HERE)
    html = client.get(attraction.url).content.decode()
    section = html.split('id="nearby-heading"')[1].split("</section>")[0]
    assert section.index("もっと近いそば") < section.index("近い喫茶")
    assert "遠い店" not in section
    assert f'href="{nearer.url}"' in section and f'href="{near.url}"' in section
    # The English page: English source strings for distance and walking time.
    english = translate(attraction, "en", title="Temple")
    section = client.get(english.url).content.decode().split('id="nearby-heading"')[1]
    assert "111 m · 2 minutes on foot" in section  # 0.001° of latitude is about 111 m


def test_nearby_shops_link_to_the_visitors_language_or_fall_back_to_japanese(client, area):
    translated = factories.make_storefront(
        "英語もある店", area=area, latitude=Decimal("36.2582"), longitude=Decimal("139.0751")
    )
    japanese_only = factories.make_storefront(
        "日本語だけの店", area=area, latitude=Decimal("36.259"), longitude=Decimal("139.075")
    )
    en = Locale.objects.get(language_code="en")
    japanese_only.get_translation(en).unpublish()
    attraction = make_attraction(**HERE)
    english = translate(attraction, "en", title="Sakurayama Temple")
    html = client.get(english.url).content.decode()
    section = html.split('id="nearby-heading"')[1].split("</section>")[0]
    assert f'href="{translated.get_translation(en).url}"' in section
    assert "英語もある店 (en)" in section
    assert f'href="{japanese_only.url}" hreflang="ja" lang="ja"' in section
    assert section.count("<li>") == 2


def test_upcoming_events_here_listed_and_past_ones_not(client):
    attraction = make_attraction()
    today = now_in_tokyo().date()
    make_event("桜まつり", venue_page=attraction, start_date=today + dt.timedelta(days=20))
    make_event("去年の祭り", venue_page=attraction, start_date=today - dt.timedelta(days=30))
    make_event("よその催し", start_date=today + dt.timedelta(days=5))
    html = client.get(attraction.url).content.decode()
    section = html.split('id="events-heading"')[1].split("</section>")[0]
    assert "桜まつり" in section
    assert "去年の祭り" not in section
    assert "よその催し" not in section


def test_english_page_lists_events_here_in_english_or_else_in_japanese(client):
    attraction = make_attraction()
    english = translate(attraction, "en", title="Temple")
    today = now_in_tokyo().date()
    translated = make_event(
        "英語もある催し", venue_page=attraction, start_date=today + dt.timedelta(days=3)
    )
    translate(translated, "en", title="Concert at the gate")
    make_event("日本語だけの催し", venue_page=attraction, start_date=today + dt.timedelta(days=5))
    html = client.get(english.url).content.decode()
    section = html.split('id="events-heading"')[1].split("</section>")[0]
    assert "Concert at the gate" in section and "英語もある催し" not in section
    assert "日本語だけの催し" in section
    assert section.index("Concert at the gate") < section.index("日本語だけの催し")


def test_courses_that_include_it(client):
    attraction = make_attraction("桜山寺")
    other = make_attraction("別の寺")
    make_course("桜山さんぽ", stops=[(attraction, 45, 10, "walk"), (other, 30, None, "")])
    make_course("別ルート", stops=[(other, 45, 5, "walk"), (other, 30, None, "")])
    html = client.get(attraction.url).content.decode()
    section = html.split('id="courses-heading"')[1].split("</section>")[0]
    assert "桜山さんぽ" in section and "別ルート" not in section


def test_english_page_shows_the_english_translation(client):
    attraction = make_attraction(
        "桜山寺", summary="山あいの古い寺。", access_train="群馬藤岡駅から徒歩10分", admission_fee=0
    )
    english = translate(
        attraction,
        "en",
        title="Sakurayama Temple",
        title_ruby="",
        summary="An old temple in the hills.",
        access_train="10 minutes' walk from Gunma-Fujioka Station",
    )
    response = client.get(english.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Sakurayama Temple" in html and "An old temple in the hills." in html
    assert "Gunma-Fujioka Station" in html
    assert "山あいの古い寺。" not in html
    assert "Free admission" in html
    assert 'content="en_US"' in html
    assert json_ld_of(response)["name"] == "Sakurayama Temple"


def _page_queries(client, url):
    client.get(url)  # renditions are made on first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_photos_shops_or_events(client, area):
    def attraction_with(n, slug):
        attraction = make_attraction(
            slug=slug,
            hero_image=factories.make_image(f"hero-{slug}", size=(120, 60)),
            hours=[dict(from_month=4, to_month=10, days="daily", opens=T(9), closes=T(17))],
            closures=[dict(start_date=dt.date(2099, 1, 1))],
            **HERE,
        )
        for i in range(n):
            AttractionImage.objects.create(
                page=attraction, image=factories.make_image(f"{slug}-{i}"), caption=f"写真{i}"
            )
        return attraction

    small = attraction_with(1, "small")
    for i in range(1):
        factories.make_storefront(f"店{i}", area=area, **HERE)
    small_count = _page_queries(client, small.url)

    big = attraction_with(8, "big")
    for i in range(1, 5):
        factories.make_storefront(f"店{i}", area=area, **HERE)
    today = now_in_tokyo().date()
    for i in range(4):
        make_event(venue_page=big, start_date=today + dt.timedelta(days=10 + i))
    assert _page_queries(client, big.url) <= small_count


def test_presenter_today_status_uses_tokyo_time(rf):
    from tourism.presenters.attractions import attraction_context

    attraction = make_attraction(
        hours=[dict(from_month=1, to_month=12, days="daily", opens=T(9), closes=T(17))]
    )
    request = rf.get(attraction.url)
    with translation.override("ja"):
        # 00:30 UTC is 09:30 in Tokyo.
        utc = dt.datetime(2027, 6, 2, 0, 30, tzinfo=dt.UTC)
        assert attraction_context(attraction, request, now=utc)["open_now"] is True
        late = dt.datetime(2027, 6, 2, 17, 0, tzinfo=TOKYO)
        context = attraction_context(attraction, request, now=late)
    assert context["open_now"] is False
    assert context["week"][0].date == dt.date(2027, 6, 2)
