"""Live attractions and events as the 自治体標準オープンデータセット rows.

One row per Japanese page (the source language); 名称_英語 and 説明_英語 come
from the page's live English translation. The queries are a fixed number
whatever the number of rows: the pages with their hero image and child rows
prefetched, the English translations in one query, event venues in one query
per venue type, and the site root paths once.

CSV: UTF-8 with a byte-order mark, CRLF line ends, every field quoted only
when needed (RFC 4180), the header exactly the spec's column list. The BOM is
there because most people who open a city's CSV use Excel, which reads a
BOM-less file as Shift_JIS and shows mojibake; CSV libraries (pandas, Python's
"utf-8-sig", R's readr) skip it. Cells are written as they are: no "'" in
front of values starting with = + - @ (the usual spreadsheet formula guard),
because that would change the data every other consumer reads; the values
come from city staff's own pages, and people opening the file in a
spreadsheet should not enable formula evaluation for downloaded files.
"""

from __future__ import annotations

import csv
import io
import json
from types import SimpleNamespace
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils import timezone
from wagtail.models import PageLogEntry

from . import formats as f
from .spec import EVENTS, TOURISM_FACILITIES, Dataset

ATTRACTION_ID_PREFIX = "A"
EVENT_ID_PREFIX = "E"


def generated_id(prefix: str, page) -> str:
    """The ID of a page that has no opendata_id yet: stable as long as the page exists."""
    return f"{prefix}{page.pk:06d}"


def record_id(prefix: str, page) -> str:
    return page.opendata_id or generated_id(prefix, page)


class Context:
    """What every row needs: settings, the absolute base for media, a URL cache."""

    def __init__(self, base_url: str | None = None):
        self.code = settings.OPENDATA_MUNICIPALITY_CODE
        self.municipality = settings.OPENDATA_MUNICIPALITY_NAME
        self.image_license = settings.OPENDATA_IMAGE_LICENSE
        self.base_url = base_url or settings.WAGTAILADMIN_BASE_URL
        # Page.get_url_parts caches the site root paths on this object.
        self.url_cache = SimpleNamespace()

    def header(self, page_id: str) -> dict[str, str]:
        return {
            "全国地方公共団体コード": self.code,
            "法人番号": "",
            "ID": page_id,
            "地方公共団体名": self.municipality,
        }

    def page_url(self, page) -> str:
        return page.get_full_url(self.url_cache) or ""

    def image_url(self, image) -> str:
        if image is None:
            return ""
        return urljoin(self.base_url, image.file.url)

    def place_code(self, prefecture: str, city: str) -> str:
        """所在地_全国地方公共団体コード: ours when the place is in our municipality."""
        if prefecture and city and f"{prefecture}{city}".startswith(self.municipality):
            return self.code
        return ""


def address_columns(context: Context, place) -> dict[str, str]:
    """The 正式版 address block and coordinates of anything with Place fields."""
    prefecture, city = place.prefecture or "", place.city or ""
    street, building = place.street or "", place.building or ""
    town, number = f.split_street(street)
    has_address = bool(prefecture or city or street)
    return {
        "所在地_全国地方公共団体コード": context.place_code(prefecture, city),
        "町字ID": "",
        "所在地_連結表記": f.joined_address(prefecture, city, street, building)
        if has_address
        else "",
        "所在地_都道府県": prefecture,
        "所在地_市区町村": city,
        "所在地_町字": town,
        "所在地_番地以下": number,
        "建物名等(方書)": building,
        "緯度": f.coordinate_cell(place.latitude),
        "経度": f.coordinate_cell(place.longitude),
    }


def _english(model, pages) -> dict:
    """{translation_key: (title, summary)} of the live English translations."""
    keys = [page.translation_key for page in pages]
    if not keys:
        return {}
    rows = (
        model.objects.live()
        .filter(locale__language_code="en", translation_key__in=keys)
        .values_list("translation_key", "title", "summary")
    )
    return {key: (title, summary) for key, title, summary in rows}


# --- attractions ---------------------------------------------------------------


def attraction_pages():
    from tourism.models import AttractionPage

    return (
        AttractionPage.objects.live()
        .filter(locale__language_code="ja")
        .select_related("hero_image")
        .prefetch_related("hours", "closures")
        .order_by("path")
    )


def hours_columns(page) -> dict[str, str]:
    """The main period (the one covering most months) in the day and time columns;
    the other periods, closed dates and the note as lines of 利用可能日時特記事項."""
    hours = list(page.hours.all())
    main = max(hours, key=lambda row: f.months_in(row.from_month, row.to_month), default=None)
    lines = [
        f.period_line(row.from_month, row.to_month, row.days, row.opens, row.closes)
        for row in hours
        if row is not main
    ]
    if main is not None and (main.from_month, main.to_month) != (1, 12):
        lines.insert(
            0, f.period_line(main.from_month, main.to_month, main.days, main.opens, main.closes)
        )
    lines += [f.closure_line(c.start_date, c.end_date, c.reason) for c in page.closures.all()]
    if page.hours_note:
        lines.append(page.hours_note.strip())
    return {
        "利用可能曜日": f.days_cell(main.days) if main else "",
        "開始時間": f.time_cell(main.opens) if main else "",
        "終了時間": f.time_cell(main.closes) if main else "",
        "利用可能日時特記事項": "\n".join(lines),
    }


def attraction_row(context: Context, page, english: tuple[str, str] | None) -> dict[str, str]:
    title_en, summary_en = english or ("", "")
    row = {
        **context.header(record_id(ATTRACTION_ID_PREFIX, page)),
        "名称": page.title,
        "名称_カナ": f.to_katakana(page.name_kana),
        "名称_英語": title_en,
        "POIコード": "",
        **address_columns(context, page),
        **hours_columns(page),
        "料金（基本）": f.yen_cell(page.admission_fee),
        "料金（詳細）": page.fee_details.strip(),
        "説明": page.summary,
        "説明_英語": summary_en,
        "アクセス方法": f.access_cell(
            {name: getattr(page, name) for name, _label in f.ACCESS_LABELS}
        ),
        "駐車場情報": page.parking.strip(),
        "バリアフリー情報": f.barrier_free_cell(
            {name: getattr(page, name) for name, _word in f.BARRIER_FREE_FLAGS},
            page.barrier_free_notes,
        ),
        "連絡先名称": "",
        "連絡先電話番号": page.phone,
        "連絡先内線番号": "",
        "画像": context.image_url(page.hero_image),
        "画像_ライセンス": context.image_license if page.hero_image_id else "",
        "URL": page.website or context.page_url(page),
        "備考": "",
    }
    return {column: row[column] for column in TOURISM_FACILITIES.columns}


def attraction_rows(context: Context | None = None) -> list[dict[str, str]]:
    from tourism.models import AttractionPage

    context = context or Context()
    pages = list(attraction_pages())
    english = _english(AttractionPage, pages)
    return [attraction_row(context, page, english.get(page.translation_key)) for page in pages]


# --- events ----------------------------------------------------------------------


def event_pages():
    from tourism.models import EventPage

    return (
        EventPage.objects.live()
        .filter(locale__language_code="ja")
        .select_related("hero_image")
        .prefetch_related("exceptions")
        .order_by("path")
    )


def venues_for(pages) -> dict:
    """{page id: specific venue page} for the events' venue pages (attractions, storefronts)."""
    from businesses.models import BusinessPage
    from tourism.models import AttractionPage

    ids = {page.venue_page_id for page in pages if page.venue_page_id}
    if not ids:
        return {}
    venues = {venue.pk: venue for venue in AttractionPage.objects.filter(pk__in=ids)}
    venues.update({venue.pk: venue for venue in BusinessPage.objects.filter(pk__in=ids)})
    return venues


def event_place(page, venue):
    """Where the address comes from: the event's own address, else its venue's."""
    if (page.prefecture or page.city or page.street or page.has_point) or venue is None:
        return page
    return venue


def date_lines(page) -> list[str]:
    lines = []
    if page.status in f.STATUS_WORDS:
        lines.append(f.STATUS_WORDS[page.status])
    if page.repeat:
        lines.append(
            f.repeat_line(page.repeat, page.repeat_interval, page.repeat_weekdays, page.start_date)
        )
        exceptions = [row.date for row in page.exceptions.all()]
        if exceptions:
            lines.append(f.exceptions_line(exceptions))
    if page.date_note:
        lines.append(page.date_note.strip())
    return lines


def event_row(context: Context, page, english, venue) -> dict[str, str]:
    title_en = english[0] if english else ""
    place = event_place(page, venue)
    access = ""
    parking = ""
    if venue is not None and place is venue and hasattr(venue, "access_train"):
        access = f.access_cell({name: getattr(venue, name) for name, _label in f.ACCESS_LABELS})
        parking = venue.parking.strip()
    row = {
        **context.header(record_id(EVENT_ID_PREFIX, page)),
        "イベント名": page.title,
        "イベント名_カナ": f.to_katakana(page.name_kana),
        "イベント名_英語": title_en,
        "開始日": f.date_cell(page.start_date),
        "終了日": f.date_cell(page.repeat_until if page.repeat else page.end_date),
        "開始時間": f.time_cell(page.start_time),
        "終了時間": f.time_cell(page.end_time),
        "開始日時特記事項": "\n".join(date_lines(page)),
        "説明": page.summary,
        "料金(基本)": f.yen_cell(page.price),
        "料金(詳細)": page.price_details.strip(),
        "連絡先名称": "",
        "連絡先電話番号": page.contact_phone,
        "連絡先内線番号": "",
        "主催者": page.organiser,
        "場所名称": venue.title if venue is not None else page.venue_name,
        **address_columns(context, place),
        "アクセス方法": access,
        "駐車場情報": parking,
        "定員": "" if page.capacity is None else str(page.capacity),
        "参加申込終了日": f.date_cell(page.booking_deadline),
        "参加申込終了時間": "",
        "参加申込方法": page.booking_method,
        "URL": page.booking_url or context.page_url(page),
        "画像": context.image_url(page.hero_image),
        "画像_ライセンス": context.image_license if page.hero_image_id else "",
        "備考": "",
    }
    return {column: row[column] for column in EVENTS.columns}


def event_rows(context: Context | None = None) -> list[dict[str, str]]:
    from tourism.models import EventPage

    context = context or Context()
    pages = list(event_pages())
    english = _english(EventPage, pages)
    venues = venues_for(pages)
    return [
        event_row(context, page, english.get(page.translation_key), venues.get(page.venue_page_id))
        for page in pages
    ]


# --- files -------------------------------------------------------------------------

ROWS = {TOURISM_FACILITIES.slug: attraction_rows, EVENTS.slug: event_rows}


def rows_for(dataset: Dataset, context: Context | None = None) -> list[dict[str, str]]:
    return ROWS[dataset.slug](context)


def count_for(dataset: Dataset) -> int:
    pages = attraction_pages() if dataset is TOURISM_FACILITIES else event_pages()
    return pages.count()


def to_csv(dataset: Dataset, rows: list[dict[str, str]], bom: bool = True) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(dataset.columns)
    for row in rows:
        writer.writerow([row[column] for column in dataset.columns])
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def to_json(dataset: Dataset, rows: list[dict[str, str]], generated_at=None) -> bytes:
    document = {
        "dataset": dataset.name,
        "dataset_id": dataset.slug,
        "standard": "自治体標準オープンデータセット（正式版）",
        "license": {"name": settings.OPENDATA_LICENSE_NAME, "url": settings.OPENDATA_LICENSE_URL},
        "municipality": {
            "code": settings.OPENDATA_MUNICIPALITY_CODE,
            "name": settings.OPENDATA_MUNICIPALITY_NAME,
        },
        "generated_at": (generated_at or timezone.now()).isoformat(timespec="seconds"),
        "columns": dataset.columns,
        "items": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def last_modified(dataset: Dataset):
    """The latest change to any page the dataset reads (publish, unpublish, delete, move ...),
    in any language (English names) and, for events, venues; None when there is none."""
    from businesses.models import BusinessPage
    from tourism.models import AttractionPage, EventPage

    models = (
        [AttractionPage]
        if dataset is TOURISM_FACILITIES
        else [EventPage, AttractionPage, BusinessPage]
    )
    types = ContentType.objects.get_for_models(*models).values()
    return PageLogEntry.objects.filter(content_type__in=types).aggregate(latest=Max("timestamp"))[
        "latest"
    ]
