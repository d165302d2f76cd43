"""The attraction listing (filters without JavaScript, shareable URLs, query
budget) and the tourism home (featured, seasonal picks, what's on)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests import factories
from tests.tourism.factories import listing, make_attraction, make_event, tourism_home, translate
from tourism.hours import TOKYO, now_in_tokyo
from tourism.models import TourismFeature
from tourism.models.common import season_of
from tourism.presenters.home import first_of_next_month, home_context

pytestmark = pytest.mark.django_db

T = dt.time
ALWAYS_OPEN = [dict(from_month=1, to_month=12, days="daily", opens=T(0), closes=T(0))]


def titles(response):
    return [a.title for a in response.context["attractions"]]


def test_filters_category_area_free_barrier_free_and_season(client):
    other_area = factories.make_area("三波川", "sanbagawa", "Sanbagawa")
    area = factories.make_area("鬼石", "onishi", "Onishi")
    make_attraction("寺", category="temple_shrine", area=area, admission_fee=0)
    make_attraction("美術館", category="museum", area=other_area, admission_fee=500, step_free=True)
    make_attraction("公園", category="park", area=area, best_in_spring=True, step_free=True)
    url = listing("attractions").url

    assert sorted(titles(client.get(url))) == ["公園", "寺", "美術館"]
    assert titles(client.get(url, {"category": "museum"})) == ["美術館"]
    assert sorted(titles(client.get(url, {"area": "onishi"}))) == ["公園", "寺"]
    assert titles(client.get(url, {"free": "1"})) == ["寺"]
    assert sorted(titles(client.get(url, {"barrier_free": "1"}))) == ["公園", "美術館"]
    assert titles(client.get(url, {"season": "spring"})) == ["公園"]
    assert titles(client.get(url, {"area": "onishi", "season": "spring", "barrier_free": "1"})) == [
        "公園"
    ]
    # The form shows the choices made, so the URL is the whole state (shareable).
    html = client.get(url, {"category": "museum", "free": "1"}).content.decode()
    assert '<option value="museum" selected>' in html
    assert 'id="filter-free" name="free" value="1" checked' in html


def test_english_listing_filters_by_area_in_english(client):
    area = factories.make_area("鬼石", "onishi", "Onishi")
    temple = make_attraction("寺", area=area)
    translate(temple, "en", title="Temple")
    response = client.get(listing("attractions", "en").url, {"area": "onishi"})
    assert titles(response) == ["Temple"]
    assert "Onishi" in response.content.decode()


def test_area_filter_falls_back_to_japanese_area_names(client):
    area = factories.make_area("鬼石", "onishi", "Onishi")  # no Korean translation
    temple = make_attraction("寺", area=area)
    translate(temple, "ko", title="절")
    response = client.get(listing("attractions", "ko").url, {"area": "onishi"})
    assert titles(response) == ["절"]
    assert [a.slug for a in response.context["areas"]] == ["onishi"]
    assert response.context["attractions"][0].area_label == "鬼石"


def test_open_now_filter(client):
    today = now_in_tokyo().date()
    make_attraction("いつも開いている", hours=ALWAYS_OPEN)
    make_attraction(
        "休館中",
        hours=ALWAYS_OPEN,
        closures=[
            dict(start_date=today - dt.timedelta(days=1), end_date=today + dt.timedelta(days=1))
        ],
    )
    make_attraction("時間不明")
    url = listing("attractions").url
    assert titles(client.get(url, {"open": "1"})) == ["いつも開いている"]
    assert len(titles(client.get(url))) == 3


@pytest.mark.parametrize(
    "query",
    [
        {"category": "volcano"},
        {"area": "atlantis"},
        {"season": "monsoon"},
        {"free": "yes"},
        {"open": "maybe"},
        {"page": "abc"},
        {"page": "9999"},
        {"page": "-1"},
        {"category": ["museum", "x"], "area": ""},
        {"season": "spring\x00"},
    ],
)
def test_invalid_filter_values_are_ignored_never_an_error(client, query):
    make_attraction("寺", category="museum")
    response = client.get(listing("attractions").url, query)
    assert response.status_code == 200
    assert len(response.context["attractions"]) == 1


def test_pagination_keeps_the_filters(client):
    for i in range(25):
        make_attraction(f"寺{i:02d}", admission_fee=0)
    make_attraction("有料の寺", admission_fee=100)
    url = listing("attractions").url
    first = client.get(url, {"free": "1"})
    assert len(first.context["attractions"]) == 24
    html = first.content.decode()
    assert 'href="?free=1&amp;page=2"' in html
    second = client.get(url, {"free": "1", "page": "2"})
    assert titles(second) == ["寺24"]


def _queries(client, url, params=None):
    client.get(url, params)  # renditions are made on first view
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured), response


def test_listing_query_count_independent_of_the_number_of_attractions(
    client, django_assert_max_num_queries
):
    area = factories.make_area("鬼石", "onishi", "Onishi")

    def add(n, start):
        for i in range(start, start + n):
            make_attraction(
                f"見どころ{i:02d}",
                area=area,
                admission_fee=0,
                best_in_spring=True,
                hero_image=factories.make_image(f"card-{i}", size=(96, 64)),
                hours=ALWAYS_OPEN,
                closures=[dict(start_date=dt.date(2099, 1, 1))],
            )

    url = listing("attractions").url
    add(3, 0)
    few, response = _queries(client, url)
    few_open, _ = _queries(client, url, {"open": "1", "free": "1"})
    assert len(response.context["attractions"]) == 3
    add(27, 3)
    client.get(url)
    client.get(url, {"open": "1", "free": "1"})
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert len(response.context["attractions"]) == 24
    with django_assert_max_num_queries(few_open):
        response = client.get(url, {"open": "1", "free": "1"})
    assert response.context["page_obj"].paginator.count == 30


def test_home_links_sections_and_renders_in_both_languages(client):
    for language in ("ja", "en"):
        response = client.get(tourism_home(language).url)
        assert response.status_code == 200
        html = response.content.decode()
        for kind in ("areas", "attractions", "events", "courses"):
            assert f'href="{listing(kind, language).url}"' in html


def test_home_seasonal_picks_follow_the_season_in_tokyo(client):
    season = season_of(now_in_tokyo().date())
    other = {"spring": "autumn", "summer": "winter", "autumn": "spring", "winter": "summer"}[season]
    make_attraction("今が見頃", **{f"best_in_{season}": True})
    make_attraction("季節外れ", **{f"best_in_{other}": True})
    html = client.get(tourism_home().url).content.decode()
    section = html.split('id="season-heading"')[1].split("</section>")[0]
    assert "今が見頃" in section and "季節外れ" not in section


def test_season_boundaries_use_tokyo_dates():
    # 31 May 15:30 UTC is 1 June 00:30 in Tokyo: summer.
    moment = dt.datetime(2027, 5, 31, 15, 30, tzinfo=dt.UTC).astimezone(TOKYO)
    assert season_of(moment.date()) == "summer"
    assert first_of_next_month(dt.date(2027, 12, 31)) == dt.date(2028, 1, 1)
    assert first_of_next_month(dt.date(2028, 2, 29)) == dt.date(2028, 3, 1)


def test_featured_skips_unpublished_pages_and_past_events(client):
    today = now_in_tokyo().date()
    home = tourism_home()
    shown = make_attraction("見せる寺")
    hidden = make_attraction("下書きの寺")
    coming = make_event("これからの祭り", start_date=today + dt.timedelta(days=10))
    past = make_event("終わった祭り", start_date=today - dt.timedelta(days=10))
    for page in (shown, hidden, coming, past):
        TourismFeature.objects.create(page=home, featured=page)
    hidden.unpublish()
    html = client.get(home.url).content.decode()
    section = html.split('id="featured-heading"')[1].split("</section>")[0]
    assert "見せる寺" in section and "これからの祭り" in section
    assert "下書きの寺" not in section and "終わった祭り" not in section


def test_whats_on_this_month(rf):
    # "Now" is 08:00 on the 1st of next month (the occurrences are real rows).
    month = first_of_next_month(now_in_tokyo().date())
    now = dt.datetime.combine(month, T(8), TOKYO)
    make_event("今月の市", start_date=month + dt.timedelta(days=9))
    make_event("朝の体操", start_date=month, start_time=T(6), end_time=T(7))  # over by 8:00
    make_event("来月の祭り", start_date=first_of_next_month(month) + dt.timedelta(days=4))
    home = tourism_home()
    with translation.override("ja"):
        context = home_context(home, rf.get(home.url), now=now)
    assert [o.event.title for o in context["whats_on"]] == ["今月の市"]


def test_home_query_count_independent_of_content_size(client):
    today = now_in_tokyo().date()
    season = season_of(today)
    home = tourism_home()

    def add(n, start):
        for i in range(start, start + n):
            attraction = make_attraction(
                f"見どころ{i}",
                hero_image=factories.make_image(f"home-{i}", size=(96, 64)),
                latitude=Decimal("36.2"),
                longitude=Decimal("139.06"),
                **{f"best_in_{season}": True},
            )
            event = make_event(f"催し{i}", start_date=today + dt.timedelta(days=1))
            TourismFeature.objects.create(page=home, featured=attraction)
            TourismFeature.objects.create(page=home, featured=event)

    add(1, 0)
    few, _ = _queries(client, home.url)
    add(5, 1)
    many, response = _queries(client, home.url)
    assert len(response.context["featured"]) == 12
    assert len(response.context["seasonal_picks"]) == 6
    assert many <= few
