"""Tourism pages for tests, made the way editors make them (add, revise, publish)."""

import datetime as dt
import itertools
from decimal import Decimal

from wagtail.models import Locale

from tourism.models import (
    AreaIndexPage,
    AttractionIndexPage,
    AttractionPage,
    CourseIndexPage,
    CourseStop,
    EventIndexPage,
    EventPage,
    ModelCoursePage,
    TourismHomePage,
)

_counter = itertools.count(1)
LISTINGS = {
    "areas": AreaIndexPage,
    "attractions": AttractionIndexPage,
    "events": EventIndexPage,
    "courses": CourseIndexPage,
}


def listing(kind, language="ja"):
    """The listing page of a kind ("attractions", "events", ...) in a language."""
    return LISTINGS[kind].objects.get(locale__language_code=language)


def tourism_home(language="ja"):
    return TourismHomePage.objects.get(locale__language_code=language)


def _publish(parent, page, publish):
    page.live = publish
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def make_attraction(title=None, *, publish=True, hours=(), closures=(), **fields):
    """An attraction in Japanese. hours: [AttractionHours kwargs]; closures likewise."""
    n = next(_counter)
    values = dict(
        title=title or f"見どころ{n}",
        slug=f"attraction-{n}",
        category="temple_shrine",
        summary="山あいの古い寺。",
        prefecture="群馬県",
        city="藤岡市",
        street=f"鬼石{n}",
        latitude=Decimal("36.2"),
        longitude=Decimal("139.06"),
    )
    values.update(fields)
    page = AttractionPage(**values)
    for row in hours:
        page.hours.add(page.hours.model(**row))
    for row in closures:
        page.closures.add(page.closures.model(**row))
    return _publish(listing("attractions"), page, publish)


def make_event(title=None, *, publish=True, exceptions=(), **fields):
    """An event in Japanese; exceptions: dates it does not take place."""
    n = next(_counter)
    values = dict(
        title=title or f"イベント{n}",
        slug=f"event-{n}",
        category="festival",
        summary="町の祭り。",
        start_date=dt.date(2026, 12, 5),
        start_time=dt.time(10, 0),
        end_time=dt.time(15, 0),
    )
    values.update(fields)
    page = EventPage(**values)
    for day in exceptions:
        page.exceptions.add(page.exceptions.model(date=day))
    return _publish(listing("events"), page, publish)


def make_course(title=None, *, stops=(), publish=True, **fields):
    """A model course through stops: [(page, stay_minutes, travel_minutes, travel_mode)]."""
    n = next(_counter)
    values = dict(title=title or f"モデルコース{n}", slug=f"course-{n}", summary="半日の散歩。")
    values.update(fields)
    page = ModelCoursePage(**values)
    for stop, stay, travel, mode in stops:
        page.stops.add(
            CourseStop(stop=stop, stay_minutes=stay, travel_minutes=travel, travel_mode=mode)
        )
    return _publish(listing("courses"), page, publish)


def translate(page, language="en", *, publish=True, **fields):
    """The page's translation into a language (parents are translated already)."""
    translated = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(translated, name, value)
    revision = translated.save_revision()
    if publish:
        revision.publish()
        translated.refresh_from_db()
    return translated
