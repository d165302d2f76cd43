"""Load the tourism demo (tourism_content.py), or take it out again.

City staff ("staff") make the Japanese pages the way the admin does (add,
save a revision, publish). Translations go through wagtail-localize, as in
the admin's "Translate" action: the page's TranslationSource, a Translation
for the target locale, the translated strings in translation memory, then
create_or_update_translation. So the admin shows them as wagtail-localize
translations (progress, "sync" when the Japanese page changes).

Child rows that are not translatable models (closure reasons, exception
notes, photo captions) are synchronised by wagtail-localize, i.e. copied in
Japanese; the demo writes them in the page's language afterwards. A later
"sync translated pages" copies the Japanese ones back (a wagtail-localize
limitation the models would need TranslatableMixin children to lift).

Runs inside loader.load()'s transaction, after the storefronts exist.
"""

import copy
import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from businesses.models import BusinessPage
from tourism.models import (
    Area,
    AreaHighlight,
    AreaIndexPage,
    AreaPage,
    AttractionClosure,
    AttractionHours,
    AttractionImage,
    AttractionIndexPage,
    AttractionPage,
    CourseIndexPage,
    CourseStop,
    EventException,
    EventIndexPage,
    EventPage,
    ModelCoursePage,
    TourismFeature,
    TourismHomePage,
)

from . import content
from . import tourism_content as tc
from .pictures import picture

COLLECTION = "Demo: tourism photos"
EDITOR = "staff"  # city staff write the tourism pages
PREFECTURE, CITY = "群馬県", "藤岡市"
BLOCK_IDS = uuid.UUID("6d1f0c36-9a55-4d3e-8d0e-6f7c2f1a4b21")  # namespace for StreamField ids


@dataclass(frozen=True)
class TourismSummary:
    attractions: int
    events: int
    repeating: int
    courses: int
    area_pages: int
    translations: int  # live pages in other languages than Japanese


# -- what is there ------------------------------------------------------------------


def _ja_pages():
    return {
        AttractionPage: [s.slug for s in tc.ATTRACTIONS],
        EventPage: [s.slug for s in tc.EVENTS],
        ModelCoursePage: [s.slug for s in tc.COURSES],
        AreaPage: [s.area for s in tc.AREA_PAGES],
    }


def demo_source_pages():
    """The demo's Japanese pages (specific querysets per model)."""
    return {
        model: model.objects.filter(locale__language_code="ja", slug__in=slugs)
        for model, slugs in _ja_pages().items()
    }


def demo_pages():
    """Every language version of the demo's tourism pages."""
    keys = [
        key
        for queryset in demo_source_pages().values()
        for key in queryset.values_list("translation_key", flat=True)
    ]
    return Page.objects.filter(translation_key__in=keys)


def is_loaded() -> bool:
    return AttractionPage.objects.filter(
        locale__language_code="ja", slug__in=[s.slug for s in tc.ATTRACTIONS]
    ).exists()


def summary() -> TourismSummary:
    pages = demo_source_pages()
    events = pages[EventPage]
    return TourismSummary(
        attractions=pages[AttractionPage].live().count(),
        events=events.live().count(),
        repeating=events.live().exclude(repeat="").count(),
        courses=pages[ModelCoursePage].live().count(),
        area_pages=pages[AreaPage].live().count(),
        translations=demo_pages().live().exclude(locale__language_code="ja").count(),
    )


def _collection(create=False):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION).first()
    if existing or not create:
        return existing
    return root.add_child(name=COLLECTION)


def demo_objects():
    """What the loader indexes for search and references once it is done."""
    yield from (page.specific for page in demo_pages())
    yield from TourismHomePage.objects.all()
    yield from Area.objects.filter(slug__in=[a.slug for a in content.AREAS])
    collection = _collection()
    if collection is not None:
        yield from get_image_model().objects.filter(collection=collection)


# -- dates ----------------------------------------------------------------------------


def _year_end(day: dt.date) -> bool:
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def _add_months(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _nth_weekday(year: int, month: int, n: int, weekday: int) -> dt.date | None:
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return day if day.month == month else None


def event_start(when: tuple, today: dt.date) -> tuple[dt.date, dt.date | None]:
    """(start date, end date or None) of an EventSpec.when, after today."""
    kind = when[0]
    length = 1
    if kind == "days":
        _, offset, length = when
        start = today + dt.timedelta(days=offset)
    elif kind == "yearly":
        _, month, day, length = when
        if month == 0:  # the next such day of any month
            start = today.replace(day=day)
            if start <= today:
                start = dt.date(*_add_months(today, 1), day)
        else:
            start = dt.date(today.year, month, day)
            if start <= today:
                start = start.replace(year=today.year + 1)
    elif kind == "weekday":
        _, offset, weekday = when
        start = today + dt.timedelta(days=offset)
        start += dt.timedelta(days=(weekday - start.weekday()) % 7)
    elif kind == "nth":
        _, n, weekday = when
        start = _nth_weekday(today.year, today.month, n, weekday)
        if start is None or start <= today:
            start = _nth_weekday(*_add_months(today, 1), n, weekday)
    else:
        raise ValueError(f"Unknown event date rule {when!r}")
    end = start + dt.timedelta(days=length - 1) if length > 1 else None
    return start, end


def occurrence_dates(spec: tc.EventSpec, start: dt.date, until: dt.date) -> list[dt.date]:
    """The days a repeating spec takes place (to pick its exception dates from)."""
    days = []
    if spec.repeat == "daily":
        day = start
        while day <= until:
            days.append(day)
            day += dt.timedelta(days=spec.repeat_interval)
    elif spec.repeat == "weekly":
        weekdays = set(spec.repeat_weekdays or (start.weekday(),))
        monday = start - dt.timedelta(days=start.weekday())
        day = start
        while day <= until:
            week = (day - monday).days // 7
            if day.weekday() in weekdays and week % spec.repeat_interval == 0:
                days.append(day)
            day += dt.timedelta(days=1)
    elif spec.repeat in ("monthly_date", "monthly_weekday"):
        n, months = (start.day - 1) // 7 + 1, 0
        while True:
            year, month = _add_months(start.replace(day=1), months)
            if spec.repeat == "monthly_date":
                try:
                    day = dt.date(year, month, start.day)
                except ValueError:
                    day = None
            else:
                day = _nth_weekday(year, month, n, start.weekday())
            if dt.date(year, month, 1) > until:
                break
            if day and day <= until:
                days.append(day)
            months += spec.repeat_interval
    return days


# -- texts ------------------------------------------------------------------------------


def _t(texts: dict, language: str) -> str:
    """A text in a language; a page translated into it must have it."""
    if not texts:
        return ""
    if language not in texts:
        raise KeyError(f"{language} missing in {texts.get('ja') or texts}")
    return texts[language]


def _phrase(key: str, language: str, **values) -> str:
    return tc.PHRASES[key][language].format(**values)


def _spaced(language: str, *parts: str) -> str:
    """Sentences in a row: Japanese and Chinese without spaces, others with."""
    parts = [p for p in parts if p]
    return ("" if language in ("ja", "zh-hans", "zh-hant") else " ").join(parts)


def _body(slug: str, paragraphs: list[str], heading: str = ""):
    """StreamField data with ids fixed per page, the same in every language (so
    wagtail-localize matches each block with its translation)."""
    blocks = []
    if heading:
        blocks.append({"type": "heading", "value": heading, "id": _block_id(slug, "heading")})
    blocks.append(
        {
            "type": "paragraph",
            "value": "".join(f"<p>{escape(p)}</p>" for p in paragraphs),
            "id": _block_id(slug, "text"),
        }
    )
    return blocks


def _block_id(slug: str, name: str) -> str:
    return str(uuid.uuid5(BLOCK_IDS, f"{slug}/{name}"))


# -- loading ----------------------------------------------------------------------------


class _TourismLoader:
    def __init__(self, today: dt.date):
        self.today = today
        self.user = get_user_model().objects.filter(username=EDITOR).first()
        self.locales = {
            locale.language_code: locale
            for locale in Locale.objects.filter(language_code__in=tc.LANGUAGES)
        }
        self.ja = self.locales["ja"]
        self.listings = {
            model: model.objects.get(locale=self.ja)
            for model in (AttractionIndexPage, EventIndexPage, CourseIndexPage, AreaIndexPage)
        }
        self.areas = {
            area.slug: area
            for area in Area.objects.filter(
                locale=self.ja, slug__in=[a.slug for a in content.AREAS]
            )
        }
        self.area_specs = {a.slug: a for a in content.AREAS}
        self.shop_specs = {b.slug: b for b in content.BUSINESSES}
        self.shops = {
            page.slug: page
            for page in BusinessPage.objects.filter(locale=self.ja, slug__in=list(self.shop_specs))
        }
        self.attraction_specs = {s.slug: s for s in tc.ATTRACTIONS}
        self.attractions: dict[str, AttractionPage] = {}
        self.events: dict[str, EventPage] = {}
        self.courses: dict[str, ModelCoursePage] = {}
        self.collection = _collection(create=True)
        self.extractable: dict[type, bool] = {}
        self.closure_reasons = {reasons["ja"]: reasons for reasons in tc.CLOSURE_REASONS.values()}

    def run(self):
        self.translate_areas()
        for spec in tc.ATTRACTIONS:
            self.attractions[spec.slug] = self.attraction(spec)
        for spec in tc.EVENTS:
            self.events[spec.slug] = self.event(spec)
        for spec in tc.COURSES:
            self.courses[spec.slug] = self.course(spec)
        for spec in tc.AREA_PAGES:
            self.area_page(spec)
        self.tourism_home()

    # Areas -------------------------------------------------------------------------

    def translate_areas(self):
        for slug, names in tc.AREA_NAMES.items():
            area = self.areas[slug]
            for code, name in names.items():
                locale = self.locales.get(code)
                if locale is None:
                    continue
                translated = Area.objects.filter(
                    translation_key=area.translation_key, locale=locale
                ).first() or area.copy_for_translation(locale)
                translated.name, translated.name_kana, translated.slug = name, "", area.slug
                translated.latitude, translated.longitude = area.latitude, area.longitude
                translated.save()

    # Pictures ----------------------------------------------------------------------

    def image(self, title_ja: str, title_en: str, subject_en: str, palette: str, seed: str):
        data = picture(title_en, subject_en, palette, seed)
        image = get_image_model()(
            title=title_ja,
            description=f"{title_ja}のイメージ画像（デモ用）",
            collection=self.collection,
            uploaded_by_user=self.user,
            file=ContentFile(data, name=f"{seed}.jpg"),
        )
        image.save()
        return image

    # Publishing and translating ----------------------------------------------------

    def publish_new(self, parent, page):
        page.live = False
        with translation.override("ja"):
            parent.add_child(instance=page)
            page.save_revision(user=self.user).publish(user=self.user)
        return type(page).objects.get(pk=page.pk)

    def translate(self, page, language: str, values: dict, adjust=None):
        """The page's translation into `language` through wagtail-localize: every
        string of its source gets the translation `values` give it (fields left out
        keep the Japanese text, as a translator copying it would), then the page
        is made and published."""
        locale = self.locales.get(language)
        if locale is None:
            return None
        if not self.localizable(page):
            return self.copy_translation(page, locale, values, adjust)
        source, _ = TranslationSource.get_or_create_from_instance(page)
        shadow = copy.copy(page)
        for name, value in values.items():
            setattr(shadow, name, value)
        wanted = defaultdict(list)
        for segment in extract_segments(shadow):
            if isinstance(segment, StringSegmentValue):
                wanted[segment.path].append(segment.string.data)
        rows, seen = {}, defaultdict(int)
        segments = StringSegment.objects.filter(source=source).select_related("context")
        for segment in segments.order_by("order"):
            path = segment.context.path
            index = seen[path]
            seen[path] += 1
            if index >= len(wanted[path]):
                raise ValueError(f"{page.slug} ({language}): no translation for {path}")
            rows[(segment.string_id, segment.context_id)] = StringTranslation(
                translation_of_id=segment.string_id,
                context_id=segment.context_id,
                locale=locale,
                data=wanted[path][index],
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                last_translated_by=self.user,
            )
        StringTranslation.objects.bulk_create(rows.values(), ignore_conflicts=True)
        Translation.objects.get_or_create(source=source, target_locale=locale)
        with translation.override(language):
            translated, _ = source.create_or_update_translation(
                locale, user=self.user, publish=False, fallback=False
            )
            if adjust is not None:
                adjust(translated)
                revision = translated.save_revision(user=self.user)
            else:
                revision = translated.get_latest_revision()
            revision.publish(user=self.user)
        return translated

    def localizable(self, page) -> bool:
        """Can wagtail-localize extract this kind of page? EventPage's repeat_weekdays
        (a CharField holding a list) is taken for a translatable text field unless
        the model declares it synchronised (override_translatable_fields)."""
        model = type(page)
        if model not in self.extractable:
            try:
                extract_segments(page)
                self.extractable[model] = True
            except TypeError:
                self.extractable[model] = False
        return self.extractable[model]

    def copy_translation(self, page, locale, values: dict, adjust=None):
        """The plain Wagtail way: copy the page into the locale, set its texts, publish."""
        with translation.override(locale.language_code):
            translated = page.copy_for_translation(locale)
            for name, value in values.items():
                setattr(translated, name, value)
            if adjust is not None:
                adjust(translated)
            translated.save_revision(user=self.user).publish(user=self.user)
        return translated

    def common_values(self, slug, name, language, summary, paragraphs, heading=None):
        title = _t(name, language)
        return {
            "title": title,
            "title_ruby": title,
            "summary": _t(summary, language),
            "body": _body(slug, _t(paragraphs, language), _t(heading or {}, language)),
        }

    # Attractions ---------------------------------------------------------------------

    def attraction_values(self, spec: tc.AttractionSpec, language: str) -> dict:
        lang = language
        if spec.fee == 0:
            fee = _spaced(lang, _phrase("free", lang), _t(spec.fee_note, lang))
        elif spec.fee:
            key = "fee" if spec.child_fee else "fee_children_free"
            fee = _spaced(
                lang,
                _phrase(key, lang, adult=f"{spec.fee:,}", child=f"{spec.child_fee:,}"),
                _t(spec.fee_note, lang),
                _phrase("fee_disability", lang),
            )
        else:
            fee = ""
        if spec.closed_day is not None:
            day = tc.WEEKDAY_NAMES[lang][spec.closed_day]
            hours_note = _phrase("closed_day", lang, day=day)
        elif not spec.seasons_hours:
            hours_note = _phrase("always_open", lang)
        else:
            hours_note = ""
        hours_note = _spaced(lang, hours_note, _t(spec.hours_note, lang))
        if spec.station_walk:
            train = _phrase("station_walk", lang, walk=spec.station_walk)
        else:
            train = _phrase("station_bus", lang)
        bus = ""
        if spec.bus_stop:
            stop = spec.bus_stop[1] if lang == "en" else spec.bus_stop[0]
            route = tc.BUS_ROUTES[spec.area][lang]
            bus = _phrase("bus", lang, route=route, stop=stop, walk=spec.bus_walk)
        if spec.parking is None:
            parking = _phrase("parking_none", lang)
        elif spec.parking[1]:
            parking = _phrase(
                "parking_paid", lang, spaces=spec.parking[0], fee=f"{spec.parking[1]:,}"
            )
        else:
            parking = _phrase("parking_free", lang, spaces=spec.parking[0])
        values = self.common_values(
            spec.slug, spec.name, lang, spec.summary, spec.body, spec.heading
        )
        if lang == "ja":
            values["title_ruby"] = spec.ruby
        values.update(
            fee_details=fee,
            hours_note=hours_note,
            access_train=train,
            access_bus=bus,
            access_car=_phrase("car", lang, minutes=spec.car_minutes),
            parking=parking,
            barrier_free_notes=_t(spec.barrier_free, lang),
        )
        return values

    def closures(self, spec: tc.AttractionSpec):
        today, rows = self.today, []
        for kind in spec.closures:
            if kind == "year_end":
                year = today.year - 1 if today <= dt.date(today.year, 1, 3) else today.year
                start, end = dt.date(year, 12, 29), dt.date(year + 1, 1, 3)
            elif kind == "winter":
                start, end = dt.date(today.year, 1, 10), dt.date(today.year, 2, 28)
                if end < today:
                    start, end = (
                        start.replace(year=today.year + 1),
                        end.replace(year=today.year + 1),
                    )
            else:  # maintenance
                start = today + dt.timedelta(days=40)
                end = start + dt.timedelta(days=2)
            reason = tc.CLOSURE_REASONS[kind]["ja"]
            rows.append(AttractionClosure(start_date=start, end_date=end, reason=reason))
        return sorted(rows, key=lambda row: row.start_date)

    def attraction(self, spec: tc.AttractionSpec) -> AttractionPage:
        area = self.area_specs[spec.area]
        palette = tc.PALETTES[spec.category]
        name_en = spec.name["en"]
        hero = self.image(spec.name["ja"], name_en, area.name_en, palette, f"tourism-{spec.slug}")
        page = AttractionPage(
            slug=spec.slug,
            name_kana=spec.kana,
            category=spec.category,
            area=self.areas[spec.area],
            hero_image=hero,
            postal_code=spec.postal_code,
            prefecture=PREFECTURE,
            city=CITY,
            street=spec.street,
            latitude=Decimal(spec.latitude),
            longitude=Decimal(spec.longitude),
            admission_fee=spec.fee,
            step_free=spec.step_free,
            accessible_toilet=spec.accessible_toilet,
            wheelchair_rental=spec.wheelchair_rental,
            phone=spec.phone,
            website=spec.website,
            **{f"best_in_{season}": True for season in spec.best.split()},
            **self.attraction_values(spec, "ja"),
        )
        days = ["daily"]
        if spec.closed_day is not None:
            days = [str(d) for d in range(5) if d != spec.closed_day] + ["weekends"]
        page.hours = [
            AttractionHours(
                from_month=from_month,
                to_month=to_month,
                days=day,
                opens=dt.time.fromisoformat(opens),
                closes=dt.time.fromisoformat(closes),
            )
            for from_month, to_month, opens, closes in spec.seasons_hours
            for day in days
        ]
        page.closures = self.closures(spec)
        if spec.gallery:
            image = self.image(
                f"{spec.name['ja']} {spec.gallery['ja']}",
                name_en,
                spec.gallery["en"],
                palette,
                f"tourism-{spec.slug}-2",
            )
            page.gallery_images = [AttractionImage(image=image, caption=spec.gallery["ja"])]
        page = self.publish_new(self.listings[AttractionIndexPage], page)

        for language in spec.languages[1:]:

            def adjust(translated, language=language):
                closures = list(translated.closures.all())
                for closure in closures:
                    closure.reason = self.closure_reasons[closure.reason][language]
                images = list(translated.gallery_images.all())
                for item in images:
                    item.caption = _t(spec.gallery, language)
                translated.closures, translated.gallery_images = closures, images

            self.translate(page, language, self.attraction_values(spec, language), adjust)
        return page

    # Events ----------------------------------------------------------------------------

    def venue(self, ref):
        kind, slug = ref
        if kind == "attraction":
            return self.attractions[slug]
        return self.shops[slug]

    def venue_name(self, ref, language):
        kind, slug = ref
        if kind == "attraction":
            names = self.attraction_specs[slug].name
        else:
            shop = self.shop_specs[slug]
            names = {"ja": shop.name, "en": shop.name_en}
        return names.get(language) or names["ja"]

    def event_values(self, spec: tc.EventSpec, language: str) -> dict:
        lang = language
        values = self.common_values(spec.slug, spec.name, lang, spec.summary, spec.body)
        if lang == "ja":
            values["title_ruby"] = spec.ruby
        if spec.organiser == "venue":
            organiser = self.venue_name(spec.venue, lang)
        else:
            organiser = _t(tc.ORGANISERS[spec.organiser], lang)
        if spec.price_details:
            price = _t(spec.price_details, lang)
        elif spec.price == 0:
            free = "free" if spec.category in ("market", "festival", "seasonal") else "price_free"
            price = _phrase(free, lang)
        elif spec.price:
            price = _phrase("price", lang, price=f"{spec.price:,}")
        else:
            price = ""
        booking = {"online": "book_online", "phone": "book_phone", "": "no_booking"}
        values.update(
            date_note=_t(spec.date_note, lang),
            organiser=organiser,
            price_details=price,
            booking_method=_phrase(booking[spec.booking], lang),
        )
        return values

    def event(self, spec: tc.EventSpec) -> EventPage:
        venue = self.venue(spec.venue)
        start, end = event_start(spec.when, self.today)
        until = start + dt.timedelta(days=spec.repeat_days) if spec.repeat else None
        phone = tc.ORGANISER_PHONES.get(spec.organiser) or venue.phone or ""
        area = self.area_specs[venue.area.slug]
        hero = self.image(
            spec.name["ja"], spec.name["en"], area.name_en, tc.PALETTES[spec.category],
            f"tourism-event-{spec.slug}",
        )  # fmt: skip
        page = EventPage(
            slug=spec.slug,
            name_kana=spec.kana,
            category=spec.category,
            status=spec.status,
            area=venue.area,
            hero_image=hero,
            start_date=start,
            end_date=end,
            start_time=dt.time.fromisoformat(spec.start_time) if spec.start_time else None,
            end_time=dt.time.fromisoformat(spec.end_time) if spec.end_time else None,
            repeat=spec.repeat,
            repeat_interval=spec.repeat_interval,
            repeat_weekdays=list(spec.repeat_weekdays),
            repeat_until=until,
            venue_page=venue,
            postal_code=venue.postal_code,
            prefecture=venue.prefecture,
            city=venue.city,
            street=venue.street,
            latitude=venue.latitude,
            longitude=venue.longitude,
            contact_phone=phone,
            price=spec.price,
            booking_url=(
                f"https://yoyaku.example.jp/fujioka/{spec.slug}/"
                if spec.booking == "online"
                else ""
            ),
            booking_deadline=(
                max(self.today, start - dt.timedelta(days=3)) if spec.booking else None
            ),
            capacity=spec.capacity,
            **self.event_values(spec, "ja"),
        )
        if spec.repeat:
            dates = occurrence_dates(spec, start, until)
            skipped = set()
            for rule in spec.exceptions:
                if rule == "year_end":
                    skipped.update(day for day in dates if _year_end(day))
                elif rule < len(dates):
                    skipped.add(dates[rule])
            page.exceptions = [
                EventException(date=day, note=_t(spec.exception_note, "ja"))
                for day in sorted(skipped)
            ]
        page = self.publish_new(self.listings[EventIndexPage], page)
        for language in spec.languages[1:]:

            def adjust(translated, language=language):
                exceptions = list(translated.exceptions.all())
                for exception in exceptions:
                    exception.note = _t(spec.exception_note, language)
                translated.exceptions = exceptions

            self.translate(page, language, self.event_values(spec, language), adjust)
        return page

    # Courses ------------------------------------------------------------------------------

    def stop_page(self, ref):
        kind, slug = ref
        return {
            "attraction": self.attractions,
            "shop": self.shops,
            "event": self.events,
            "course": self.courses,
        }[kind][slug]

    def course_values(self, spec: tc.CourseSpec, language: str) -> dict:
        values = self.common_values(spec.slug, spec.name, language, spec.summary, spec.body)
        if language == "ja":
            values["title_ruby"] = spec.ruby
        values["accessibility_notes"] = _t(spec.accessibility, language)
        return values

    def course(self, spec: tc.CourseSpec) -> ModelCoursePage:
        hero = self.image(
            spec.name["ja"], spec.name["en"], "Model course", "home", f"tourism-course-{spec.slug}"
        )
        page = ModelCoursePage(
            slug=spec.slug,
            name_kana=spec.kana,
            area=self.areas[spec.area],
            season=spec.season,
            hero_image=hero,
            **self.course_values(spec, "ja"),
        )
        page.stops = [
            CourseStop(stop=self.stop_page(ref), stay_minutes=stay, travel_minutes=travel,
                       travel_mode=mode)
            for ref, stay, travel, mode in spec.stops
        ]  # fmt: skip
        page = self.publish_new(self.listings[CourseIndexPage], page)
        for language in spec.languages[1:]:
            self.translate(page, language, self.course_values(spec, language))
        return page

    # Area pages ---------------------------------------------------------------------------

    def area_name(self, slug, language):
        area = self.area_specs[slug]
        names = {"ja": area.name, "en": area.name_en, **tc.AREA_NAMES[slug]}
        return names[language]

    def area_page_values(self, spec: tc.AreaPageSpec, language: str) -> dict:
        name = self.area_name(spec.area, language)
        values = self.common_values(spec.area, {language: name}, language, spec.summary, spec.body)
        if language == "ja":
            values["title_ruby"] = spec.ruby
        return values

    def area_page(self, spec: tc.AreaPageSpec) -> AreaPage:
        area = self.area_specs[spec.area]
        hero = self.image(
            area.name, area.name_en, "Fujioka, Gunma", "home", f"tourism-area-{spec.area}"
        )
        page = AreaPage(
            slug=spec.area,
            name_kana=area.kana,
            area=self.areas[spec.area],
            map_zoom=spec.zoom,
            hero_image=hero,
            **self.area_page_values(spec, "ja"),
        )
        page.highlights = [AreaHighlight(highlight=self.stop_page(ref)) for ref in spec.highlights]
        page = self.publish_new(self.listings[AreaIndexPage], page)
        for language in tc.LANGUAGES[1:]:
            self.translate(page, language, self.area_page_values(spec, language))
        return page

    # The tourism home -----------------------------------------------------------------

    def tourism_home(self):
        hero = self.image(
            "藤岡の見どころ", "Visit Fujioka", "Sakurayama, Onishi, Sanbaseki", "home",
            "tourism-home",
        )  # fmt: skip
        features = [self.stop_page(ref) for ref in tc.FEATURES]
        for code, intro in tc.TOURISM_HOME.items():
            locale = self.locales.get(code)
            home = TourismHomePage.objects.filter(locale=locale).first() if locale else None
            if home is None:
                continue
            home = home.get_latest_revision_as_object()
            home.intro, home.hero_image = intro, hero
            home.features = [
                TourismFeature(featured=page.get_translation_or_none(locale) or page)
                for page in features
            ]
            with translation.override(code):
                home.save_revision(user=self.user).publish(user=self.user)


def load(today: dt.date) -> TourismSummary:
    """Add the tourism demo. The caller holds the transaction and has loaded the
    storefronts (loader.load or loader.load_tourism)."""
    _TourismLoader(today).run()
    return summary()


# -- removal -------------------------------------------------------------------------------


def remove() -> None:
    """Take the demo's tourism pages and pictures out (before the storefronts and
    areas they point at). The tourism homes keep their text until the next load."""
    pages = demo_pages()
    page_ids = set(pages.values_list("pk", flat=True))
    collection = _collection()
    images = (
        get_image_model().objects.filter(collection=collection)
        if collection
        else get_image_model().objects.none()
    )
    image_ids = set(images.values_list("pk", flat=True))
    for home in TourismHomePage.objects.all():
        latest = home.get_latest_revision_as_object()
        features = list(latest.features.all())
        kept = [f for f in features if f.featured_id not in page_ids]
        if len(kept) == len(features) and latest.hero_image_id not in image_ids:
            continue
        latest.features = kept
        if latest.hero_image_id in image_ids:
            latest.hero_image = None
        latest.save_revision().publish()
    # One query set: treebeard fixes the listings' child counts once, Django's
    # collector still sends every delete signal (references, wagtail-localize).
    Page.objects.filter(pk__in=page_ids).delete()
    for image in images:
        image.delete()
    if collection is not None:
        collection.delete()
