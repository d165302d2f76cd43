"""The demo's tourism pages: attractions, events, model courses, area pages and
the tourism home, in five languages (the `demo` fixture of conftest.py)."""

import io
import math
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from businesses.models import BusinessPage
from machikado.demo import content, loader, tourism_loader
from machikado.demo import tourism_content as tc
from tourism.models import (
    Area,
    AreaPage,
    AttractionPage,
    EventOccurrence,
    EventPage,
    ModelCoursePage,
    TourismHomePage,
)

pytestmark = pytest.mark.django_db

EXTRA = ("zh-hans", "zh-hant", "ko")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def ja(model):
    return tourism_loader.demo_source_pages()[model].live()


def all_ja_pages():
    return [page for model in (AttractionPage, EventPage, ModelCoursePage, AreaPage)
            for page in ja(model)]  # fmt: skip


def km(lat1, lng1, lat2, lng2):
    dy = (float(lat1) - float(lat2)) * 111.0
    dx = (float(lng1) - float(lng2)) * 111.0 * math.cos(math.radians(float(lat1)))
    return math.hypot(dx, dy)


def counts():
    models = [Page, AttractionPage, EventPage, ModelCoursePage, AreaPage, Area,
              EventOccurrence, Translation, get_image_model()]  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


def test_counts_and_command_output(demo):
    attractions, events = ja(AttractionPage), ja(EventPage)
    assert attractions.count() >= 20
    assert events.count() >= 30
    assert events.exclude(repeat="").count() >= 5
    assert ja(ModelCoursePage).count() == 4
    assert ja(AreaPage).count() == 5
    assert len({a.category for a in attractions}) >= 8
    assert {"temple_shrine", "museum", "park", "onsen", "viewpoint", "nature"} <= {
        a.category for a in attractions
    }
    summary = tourism_loader.summary()
    assert f"Tourism: {summary.attractions} attractions, {summary.events} events" in demo


def test_attractions_are_near_their_area_with_visiting_details(demo):
    attractions = list(ja(AttractionPage).select_related("area", "hero_image"))
    assert len({a.area_id for a in attractions}) == 5
    for page in attractions:
        assert km(page.latitude, page.longitude, page.area.latitude, page.area.longitude) < 6
        assert page.postal_code[:3] in {"375", "370"} and page.city == "藤岡市", page.title
        assert page.access_car and page.parking and page.name_kana, page.title
        assert page.barrier_free_notes and page.summary and page.fee_details is not None
        assert page.hero_image and (page.hero_image.width, page.hero_image.height) == (1200, 800)
        assert page.best_seasons or page.category == "experience", page.title
    assert any(a.admission_fee == 0 for a in attractions)
    assert any(a.admission_fee and a.admission_fee > 0 for a in attractions)
    assert sum(1 for a in attractions if a.access_bus) >= 15
    assert sum(1 for a in attractions if "《" in a.title_ruby) >= 10
    winter_hours = [a for a in attractions if any(h.from_month > h.to_month for h in a.hours.all())]
    assert len(winter_hours) >= 3  # e.g. November to March, shorter hours
    reasons = {c.reason for a in attractions for c in a.closures.all()}
    assert {"年末年始休業", "冬期閉鎖（路面凍結のため）"} <= reasons
    assert any(a.step_free and a.accessible_toilet and a.wheelchair_rental for a in attractions)


def test_events_are_in_the_future_with_repeats_exceptions_and_statuses(demo):
    today = timezone.localdate()
    events = list(ja(EventPage))
    for event in events:
        assert event.start_date > today, event.title
        assert event.venue_page_id and event.organiser and event.area_id, event.title
        venue = event.venue_page.specific
        assert isinstance(venue, AttractionPage | BusinessPage), event.title
    by_slug = {e.slug: e for e in events}
    market = by_slug["saturday-morning-market"]
    assert market.repeat == "weekly" and market.start_date.weekday() == 5
    assert market.exceptions.exists()
    fair = by_slug["teshigoto-craft-fair"]
    assert fair.repeat == "monthly_weekday" and fair.start_date.weekday() == 6
    assert 8 <= fair.start_date.day <= 14  # the second Sunday
    lanterns = by_slug["sake-street-lanterns"]
    assert lanterns.repeat == "daily" and lanterns.exceptions.count() == 2
    assert (lanterns.repeat_until - lanterns.start_date).days >= 30
    statuses = [e.status for e in events]
    assert statuses.count("cancelled") == 1 and statuses.count("postponed") == 1
    assert any(e.price == 0 for e in events) and any(e.price and e.price > 0 for e in events)
    booked = [e for e in events if e.booking_url]
    assert len(booked) >= 5
    assert all(e.booking_url.startswith("https://yoyaku.example.jp/") for e in booked)
    months = {(e.start_date.year, e.start_date.month) for e in events}
    assert len(months) >= 6  # spread over the coming months
    assert sum(1 for e in events if (e.start_date - today).days <= 31) >= 10


def test_every_live_event_has_occurrences_without_its_exceptions(demo):
    """EventPage.save derives the occurrences (tourism/services/occurrences.py)."""
    events = EventPage.objects.filter(
        translation_key__in=ja(EventPage).values("translation_key")
    ).live()
    for event in events:
        occurrences = list(event.occurrences.all())
        assert occurrences, f"{event.title} ({event.locale.language_code}) has no occurrences"
        excluded = {e.date for e in event.exceptions.all()}
        days = {timezone.localtime(o.start).date() for o in occurrences}
        assert not days & excluded, event.title
    lanterns = ja(EventPage).get(slug="sake-street-lanterns")
    expected = (lanterns.repeat_until - lanterns.start_date).days + 1 - 2
    assert lanterns.occurrences.count() == expected


def test_courses_mix_attractions_and_storefronts(demo):
    for course in ja(ModelCoursePage):
        stops = [stop for stop in course.stops.all()]
        assert 3 <= len(stops) <= 6, course.title
        kinds = {type(stop.stop.specific) for stop in stops}
        assert kinds == {AttractionPage, BusinessPage}, course.title
        assert all(stop.stay_minutes for stop in stops)
        assert all(stop.travel_minutes and stop.travel_mode for stop in stops[:-1])
        assert course.accessibility_notes and course.summary
    seasons = {course.season for course in ja(ModelCoursePage)}
    assert "" in seasons and len(seasons) >= 2


def test_area_pages_one_per_demo_area_with_highlights(demo):
    pages = list(ja(AreaPage).select_related("area"))
    assert {page.area.slug for page in pages} == {a.slug for a in content.AREAS}
    for page in pages:
        assert page.highlights.count() >= 3
        kinds = {type(h.highlight.specific) for h in page.highlights.all()}
        assert AttractionPage in kinds and BusinessPage in kinds, page.title


def test_every_tourism_page_has_a_live_english_translation(demo):
    en = Locale.objects.get(language_code="en")
    for page in all_ja_pages():
        english = page.get_translation_or_none(en)
        assert english is not None and english.live, page.title
        english = english.specific
        assert english.title != page.title and english.summary != page.summary, page.title
        assert english.body.raw_data != page.body.raw_data
        assert not JAPANESE.search(english.title + english.summary), english.title
    attraction = ja(AttractionPage).get(slug="fujioka-history-museum")
    english = attraction.get_translation(en).specific
    assert english.access_train.startswith("8 minutes' walk from Gunma-Fujioka Station")
    assert english.fee_details.startswith("Adults ¥200; children up to 15 free.")
    assert {c.reason for c in english.closures.all()} == {
        "Closed for the New Year holidays",
        "Closed for maintenance",
    }


@pytest.mark.parametrize("language", EXTRA)
def test_some_pages_in_chinese_and_korean_through_wagtail_localize(demo, language):
    locale = Locale.objects.get(language_code=language)
    minimum = {AttractionPage: 5, ModelCoursePage: 2, EventPage: 3, AreaPage: 5}
    for model, count in minimum.items():
        translated = [
            t for page in ja(model) if (t := page.get_translation_or_none(locale)) and t.live
        ]
        assert len(translated) >= count, model.__name__
        for page in translated:
            source = page.get_translation(Locale.objects.get(language_code="ja"))
            assert page.specific.summary != source.specific.summary, page.title
            if model is not EventPage:  # see tourism_loader.localizable
                assert Translation.objects.filter(
                    source__object_id=page.translation_key, target_locale=locale, enabled=True
                ).exists(), page.title
    park = ja(AttractionPage).get(slug="sakurayama-park").get_translation(locale).specific
    spec = next(s for s in tc.ATTRACTIONS if s.slug == "sakurayama-park")
    assert park.title == spec.name[language]
    assert park.area.locale == locale  # wagtail-localize points it at the translated area
    for area in Area.objects.filter(locale__language_code="ja", slug__in=tc.AREA_NAMES):
        assert area.get_translation(locale).name == tc.AREA_NAMES[area.slug][language]
    home = TourismHomePage.objects.get(locale=locale)
    assert home.intro == tc.TOURISM_HOME[language]


def test_tourism_home_features_in_every_language(demo):
    for code in tc.LANGUAGES:
        home = TourismHomePage.objects.get(locale__language_code=code)
        featured = [f.featured.specific for f in home.features.all()]
        assert {type(p) for p in featured} == {AttractionPage, EventPage, ModelCoursePage}
        assert all(p.locale.language_code == code for p in featured), code
        assert home.hero_image is not None


@pytest.mark.parametrize("language", ["ja", "en"])
def test_tourism_pages_render(demo, client, language):
    locale = Locale.objects.get(language_code=language)
    pages = [
        ja(AttractionPage).get(slug="sakurayama-park"),
        ja(EventPage).get(slug="saturday-morning-market"),
        ja(ModelCoursePage).get(slug="winter-cherries-and-sanba-stone"),
        ja(AreaPage).get(slug="onishi"),
        TourismHomePage.objects.get(locale__language_code="ja"),
    ]
    for page in pages:
        version = page.get_translation(locale).specific
        response = client.get(version.url)
        assert response.status_code == 200, version.url
        assert version.title.split()[0] in response.content.decode(), version.url


def test_a_second_run_changes_nothing(demo):
    before = counts()
    out = io.StringIO()
    call_command("load_demo_data", "--force", stdout=out)
    assert counts() == before
    assert "already loaded" in out.getvalue()


def test_removal_takes_the_tourism_pages_out(demo):
    # --reset reloads through the same remove(); the full reload is tested
    # once, in test_demo_data.py::test_reset_replaces_the_demo.
    loader.remove()
    assert not tourism_loader.demo_pages().exists()
    assert not AttractionPage.objects.exists() and not EventOccurrence.objects.exists()
    assert tourism_loader._collection() is None
    for home in TourismHomePage.objects.all():
        assert not home.features.exists()


def test_tourism_is_added_to_a_demo_loaded_before_it(demo):
    tourism_loader.remove()
    assert not tourism_loader.is_loaded() and loader.is_loaded()
    out = io.StringIO()
    call_command("load_demo_data", "--force", stdout=out)
    assert "Tourism: 22 attractions" in out.getvalue()
    assert tourism_loader.is_loaded()
