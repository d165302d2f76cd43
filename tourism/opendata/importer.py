"""Import 観光施設一覧 / イベント一覧 CSV files into attraction and event pages.

Every row is checked first; the report lists (row, column, problem) with row
numbers as a spreadsheet shows them (the header is row 1). When any row has a
problem nothing is written. Otherwise, in one transaction, each row creates or
updates the Japanese page with that ID (opendata_id; an ID this site
exported for a page without one, "A000012" / "E000034", finds that page),
under the Japanese listing, saved as a revision and published as the
importing user; 名称_英語 / 説明_英語 (イベント名_英語) update the English
translation's title and summary, creating the translation when missing.

Encodings: UTF-8 with or without BOM; Shift_JIS (CP932), which many
municipalities publish, is tried when the file is not UTF-8. Header names
may use either width of parentheses (料金(基本) / 料金（基本）).

Not imported (no field for them, or nothing safe to do): 法人番号, POIコード,
町字ID, 所在地_全国地方公共団体コード, 連絡先名称, 連絡先内線番号,
参加申込終了時間, アクセス方法 and 駐車場情報 of events (they come from the
venue), 画像 (the site never downloads files named in an upload; add photos in
the admin), 画像_ライセンス, 備考. New pages get the category "Other".
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from businesses.japan import PREFECTURES

from ..geo import point_in_japan
from . import formats as f
from .export import ATTRACTION_ID_PREFIX, EVENT_ID_PREFIX
from .spec import EVENTS, TOURISM_FACILITIES, Dataset, municipality_code_is_valid

ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,40}")


@dataclass
class Problem:
    row: int
    column: str
    message: str


@dataclass
class Plan:
    """What one valid row will do."""

    row: int
    record_id: str
    page: Page | None  # the existing Japanese page, or None to create one
    fields: dict
    children: dict  # relation name → list of field dicts
    english: dict  # title / summary for the English translation
    slug_hint: str = ""


@dataclass
class Report:
    dataset: Dataset
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    translations: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    def add(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(row, column, str(message)))

    def summary(self) -> str:
        if not self.ok:
            return _("%(problems)d problem(s) in %(rows)d row(s): nothing was imported.") % {
                "problems": len(self.problems),
                "rows": self.rows,
            }
        if self.dry_run:
            return _(
                "%(rows)d row(s) checked, no problems found. Nothing was written (dry run)."
            ) % {"rows": self.rows}
        return _(
            "%(rows)d row(s) imported: %(created)d created, %(updated)d updated, "
            "%(unchanged)d unchanged; %(translations)d English translation(s) written."
        ) % {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "translations": self.translations,
        }


# --- reading -------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Shift_JIS/CP932. UnicodeDecodeError if neither."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp932")


def _fold(name: str) -> str:
    return name.strip().replace("（", "(").replace("）", ")")


def read_rows(dataset: Dataset, data: bytes, report: Report) -> list[tuple[int, dict]] | None:
    """[(row number, {spec column: value})], or None after reporting a header problem."""
    try:
        content = decode(data)
    except UnicodeDecodeError:
        report.add(1, "", _("The file is neither UTF-8 nor Shift_JIS text."))
        return None
    records = list(csv.reader(io.StringIO(content, newline="")))
    if not records:
        report.add(1, "", _("The file is empty."))
        return None
    spec_by_folded = {_fold(column): column for column in dataset.columns}
    header = [spec_by_folded.get(_fold(name), name.strip()) for name in records[0]]
    missing = [column for column in dataset.columns if column not in header]
    extra = [name for name in header if name not in dataset.columns]
    for column in missing:
        report.add(
            1,
            column,
            _("This column of the %(dataset)s spec is missing.") % {"dataset": dataset.name},
        )
    for name in extra:
        report.add(
            1, name, _("This column is not in the %(dataset)s spec.") % {"dataset": dataset.name}
        )
    duplicates = {name for name in header if header.count(name) > 1}
    for name in sorted(duplicates):
        report.add(1, name, _("This column appears more than once."))
    if missing or extra or duplicates:
        return None
    if header != dataset.columns:
        report.add(1, "", _("The columns are not in the order the spec gives."))
        return None
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            report.add(
                number,
                "",
                _("This row has %(found)d cells; the header has %(expected)d.")
                % {"found": len(record), "expected": len(header)},
            )
            continue
        rows.append(
            (number, {column: cell.strip() for column, cell in zip(header, record, strict=True)})
        )
    report.rows = len(rows)
    return rows


# --- checking cells -----------------------------------------------------------------


class RowChecker:
    """Collects a row's problems while turning its cells into field values."""

    def __init__(self, report: Report, number: int, row: dict):
        self.report, self.number, self.row = report, number, row
        self.failed = False

    def problem(self, column: str, message) -> None:
        self.failed = True
        self.report.add(self.number, column, message)

    def required(self, column: str) -> str:
        value = self.row[column]
        if not value:
            self.problem(column, _("Required: this cell must not be empty."))
        return value

    def date(self, column: str):
        if not self.row[column]:
            return None
        try:
            return f.parse_date(self.row[column])
        except ValueError:
            self.problem(column, _("Write the date as YYYY-MM-DD, for example 2026-04-01."))
            return None

    def time(self, column: str):
        if not self.row[column]:
            return None
        try:
            return f.parse_time(self.row[column])
        except ValueError:
            self.problem(column, _("Write the time as hh:mm, for example 09:30."))
            return None

    def yen(self, column: str):
        try:
            return f.parse_yen(self.row[column])
        except ValueError:
            self.problem(
                column,
                _(
                    "Write 無料 or an amount in yen such as 500円 (details go in the detailed fee column)."
                ),
            )
            return None

    def kana(self, column: str) -> str:
        value = self.row[column]
        if value and not f.is_katakana(value):
            self.problem(
                column,
                _("Write the reading in full-width katakana, for example サクラヤマコウエン."),
            )
        return value

    def model_field(self, model, name: str, value, column: str):
        """Run the model field's own checks (length, choices, validators)."""
        try:
            return model._meta.get_field(name).clean(value, None)
        except ValidationError as error:
            for message in error.messages:
                self.problem(column, message)
            return value


def _check_header_cells(check: RowChecker) -> str:
    row = check.row
    record_id = check.required("ID")
    if record_id and not ID_PATTERN.fullmatch(record_id):
        check.problem("ID", _("Use up to 40 letters, digits, hyphens or underscores."))
    code = row["全国地方公共団体コード"]
    if code and not municipality_code_is_valid(code):
        check.problem(
            "全国地方公共団体コード",
            _("Not a local government code: 6 digits including the check digit, like 102091."),
        )
    if row["法人番号"] and not re.fullmatch(r"\d{13}", row["法人番号"]):
        check.problem("法人番号", _("A corporate number has 13 digits."))
    return record_id


def _check_place(check: RowChecker, model) -> dict:
    """The address block and coordinates → Place fields."""
    row = check.row
    prefecture = row["所在地_都道府県"]
    city = row["所在地_市区町村"]
    street = row["所在地_町字"] + row["所在地_番地以下"]
    building = row["建物名等(方書)"]
    if not (prefecture or city or street or building) and row["所在地_連結表記"]:
        prefecture, city, street, building = f.split_joined_address(
            row["所在地_連結表記"], PREFECTURES
        )
    if prefecture and prefecture not in PREFECTURES:
        check.problem("所在地_都道府県", _("Not a prefecture name, such as 群馬県."))
    values = dict(
        prefecture=prefecture,
        city=check.model_field(model, "city", city, "所在地_市区町村"),
        street=check.model_field(model, "street", street, "所在地_町字"),
        building=check.model_field(model, "building", building, "建物名等(方書)"),
        latitude=None,
        longitude=None,
    )
    latitude, longitude = row["緯度"], row["経度"]
    if bool(latitude) != bool(longitude):
        check.problem(
            "緯度" if not latitude else "経度", _("Give both latitude and longitude, or neither.")
        )
    elif latitude:
        try:
            values["latitude"] = f.parse_coordinate(latitude)
            values["longitude"] = f.parse_coordinate(longitude)
        except ValueError:
            check.problem(
                "緯度",
                _("Write latitude and longitude as decimal degrees, like 36.258 and 139.075."),
            )
        else:
            if not point_in_japan(values["latitude"], values["longitude"]):
                check.problem("緯度", _("This point is not in Japan."))
    return values


def _note_lines(value: str) -> list[str]:
    return [line.strip() for line in value.replace("\r\n", "\n").split("\n") if line.strip()]


def _url_field(check: RowChecker, model, name: str, own_roots: list[str]) -> tuple[str | None, str]:
    """URL → (value for the field or None to keep it, slug of our own page it names)."""
    url = check.row["URL"]
    if not url:
        return "", ""
    if any(url.startswith(root) for root in own_roots):
        slug = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
        return None, slug
    return check.model_field(model, name, url, "URL"), ""


# --- attractions -------------------------------------------------------------------


def plan_attraction(check: RowChecker, existing, own_roots) -> Plan:
    from tourism.models import AttractionClosure, AttractionHours, AttractionPage

    row = check.row
    record_id = _check_header_cells(check)
    title = check.model_field(AttractionPage, "title", check.required("名称"), "名称")
    check.required("名称_カナ")
    kana = check.kana("名称_カナ")
    summary = check.model_field(AttractionPage, "summary", check.required("説明"), "説明")
    fields = dict(
        title=title, name_kana=kana, summary=summary, **_check_place(check, AttractionPage)
    )

    # Hours: the day and time columns are one period (all year unless a line says otherwise).
    hours, closures, notes = [], [], []
    for line in _note_lines(row["利用可能日時特記事項"]):
        period = f.parse_period_line(line)
        closure = f.parse_closure_line(line)
        if period:
            hours.append(period)
        elif closure:
            closures.append(closure)
        else:
            notes.append(line)
    opens, closes = check.time("開始時間"), check.time("終了時間")
    try:
        days, _holidays = f.parse_days(row["利用可能曜日"])
    except ValueError as error:
        check.problem(
            "利用可能曜日",
            _("Unknown day “%(word)s”: use 月曜日 … 日曜日 and 祝日, separated by ;.")
            % {"word": error},
        )
        days = frozenset()
    if bool(opens) != bool(closes):
        check.problem(
            "終了時間" if opens else "開始時間", _("Give both the opening and the closing time.")
        )
    elif opens and closes and closes <= opens:
        check.problem("終了時間", _("The closing time is not after the opening time."))
    elif opens:
        day_values = f.hours_days_for(days, False) if days else ["daily"]
        listed = {(h["days"], h["opens"], h["closes"]) for h in hours}
        if not all((value, opens, closes) in listed for value in day_values):
            hours = [
                dict(from_month=1, to_month=12, days=value, opens=opens, closes=closes)
                for value in day_values
            ] + hours
    elif days:
        check.problem("開始時間", _("Give the opening and closing times for the days listed."))
    for period in hours:
        if period["closes"] <= period["opens"]:
            check.problem(
                "利用可能日時特記事項", _("The closing time is not after the opening time.")
            )
    for closure in closures:
        if closure["end_date"] and closure["end_date"] < closure["start_date"]:
            check.problem("利用可能日時特記事項", _("A closure ends before it starts."))
    fields["hours_note"] = check.model_field(
        AttractionPage, "hours_note", " ".join(notes), "利用可能日時特記事項"
    )

    fields["admission_fee"] = check.yen("料金（基本）")
    fields["fee_details"] = row["料金（詳細）"]
    fields.update(f.parse_access(row["アクセス方法"]))
    fields["parking"] = row["駐車場情報"]
    flags, notes_text = f.parse_barrier_free(row["バリアフリー情報"])
    fields.update(flags, barrier_free_notes=notes_text)
    fields["phone"] = check.model_field(
        AttractionPage, "phone", row["連絡先電話番号"], "連絡先電話番号"
    )
    website, slug_hint = _url_field(check, AttractionPage, "website", own_roots)
    if website is not None:
        fields["website"] = website
    fields["opendata_id"] = record_id

    english = _english_values(check, existing, "名称_英語", "説明_英語", AttractionPage)
    return Plan(
        row=check.number,
        record_id=record_id,
        page=existing,
        fields=fields,
        children={
            "hours": [AttractionHours(**h) for h in hours],
            "closures": [AttractionClosure(**c) for c in closures],
        },
        english=english,
        slug_hint=slug_hint,
    )


def _english_values(check: RowChecker, existing, title_column, summary_column, model) -> dict:
    values = {}
    title = check.row[title_column]
    summary = check.row[summary_column] if summary_column else ""
    if title:
        values["title"] = check.model_field(model, "title", title, title_column)
    if summary:
        values["summary"] = check.model_field(model, "summary", summary, summary_column)
    if summary and not title:
        has_translation = (
            existing is not None
            and existing.get_translations().filter(locale__language_code="en").exists()
        )
        if not has_translation:
            check.problem(
                title_column, _("Give the English name too: there is no English page yet.")
            )
    return values


# --- events ----------------------------------------------------------------------------


def plan_event(check: RowChecker, existing, own_roots, venues: dict) -> Plan:
    from tourism.models import EventException, EventPage

    row = check.row
    record_id = _check_header_cells(check)
    fields = dict(
        title=check.model_field(EventPage, "title", check.required("イベント名"), "イベント名"),
        name_kana=check.required("イベント名_カナ") and check.kana("イベント名_カナ"),
        summary=check.model_field(EventPage, "summary", check.required("説明"), "説明"),
        start_date=check.date("開始日") if check.required("開始日") else None,
        start_time=check.time("開始時間"),
        end_time=check.time("終了時間"),
        status=EventPage.SCHEDULED,
        repeat="",
        repeat_interval=1,
        repeat_weekdays=[],
        repeat_until=None,
        end_date=None,
    )
    end = check.date("終了日")
    exceptions, notes = [], []
    statuses = {word: status for status, word in f.STATUS_WORDS.items()}
    for line in _note_lines(row["開始日時特記事項"]):
        if line in statuses:
            fields["status"] = statuses[line]
        elif line.startswith(f.REPEAT_PREFIX):
            try:
                fields.update(f.parse_repeat_line(line))
            except ValueError:
                check.problem(
                    "開始日時特記事項",
                    _("This repeat rule is not understood: %(line)s") % {"line": line},
                )
        elif line.startswith(f.EXCEPTIONS_PREFIX):
            try:
                exceptions = f.parse_exceptions_line(line)
            except ValueError:
                check.problem(
                    "開始日時特記事項", _("Write the excluded dates as YYYY-MM-DD separated by ;.")
                )
        else:
            notes.append(line)
    fields["date_note"] = check.model_field(
        EventPage, "date_note", " ".join(notes), "開始日時特記事項"
    )
    start = fields["start_date"]
    if fields["repeat"]:
        fields["repeat_until"] = end
    else:
        fields["end_date"] = end
    if start and end and end < start:
        check.problem("終了日", _("The end date is before the start date."))
    start_time, end_time = fields["start_time"], fields["end_time"]
    same_day = not end or end == start or fields["repeat"]
    if start_time and end_time and end_time <= start_time and same_day:
        check.problem("終了時間", _("The end time is not after the start time."))
    if end_time and not start_time:
        check.problem("開始時間", _("Give the start time too."))

    fields["price"] = check.yen("料金(基本)")
    fields["price_details"] = row["料金(詳細)"]
    fields["contact_phone"] = check.model_field(
        EventPage, "contact_phone", row["連絡先電話番号"], "連絡先電話番号"
    )
    fields["organiser"] = check.model_field(EventPage, "organiser", row["主催者"], "主催者")
    capacity = row["定員"]
    fields["capacity"] = None
    if capacity:
        if capacity.isascii() and capacity.isdigit():
            fields["capacity"] = int(capacity)
        else:
            check.problem("定員", _("Write the capacity as a whole number, like 50."))
    fields["booking_deadline"] = check.date("参加申込終了日")
    check.time("参加申込終了時間")
    fields["booking_method"] = check.model_field(
        EventPage, "booking_method", row["参加申込方法"], "参加申込方法"
    )
    booking_url, slug_hint = _url_field(check, EventPage, "booking_url", own_roots)
    if booking_url is not None:
        fields["booking_url"] = booking_url

    # The venue: a page of ours with that name, else a name and the row's address.
    place = _check_place(check, EventPage)
    venue = venues.get(row["場所名称"]) if row["場所名称"] else None
    if venue is not None and _same_place(place, venue):
        # The row's address is the venue's: the page keeps none of its own.
        place = {name: None if name in ("latitude", "longitude") else "" for name in place}
    fields.update(place)
    fields["venue_page"] = venue
    fields["venue_name"] = (
        ""
        if venue is not None
        else check.model_field(EventPage, "venue_name", row["場所名称"], "場所名称")
    )
    fields["opendata_id"] = record_id
    return Plan(
        row=check.number,
        record_id=record_id,
        page=existing,
        fields=fields,
        children={"exceptions": [EventException(date=day) for day in exceptions]},
        english=_english_values(check, existing, "イベント名_英語", "", EventPage),
        slug_hint=slug_hint,
    )


def _same_place(place: dict, venue) -> bool:
    def norm(value):
        return (
            ""
            if value is None
            else str(f.coordinate_cell(value) if not isinstance(value, str) else value)
        )

    return all(
        norm(place[name]) == norm(getattr(venue, name))
        for name in ("prefecture", "city", "street", "building", "latitude", "longitude")
    )


# --- finding pages --------------------------------------------------------------------


def _existing_pages(model, prefix: str, ids: list[str]) -> dict:
    """{ID: the Japanese page} by opendata_id, else by the ID this site generates."""
    pages = model.objects.filter(locale__language_code="ja")
    found = {page.opendata_id: page for page in pages.filter(opendata_id__in=ids)}
    generated = {}
    for record_id in ids:
        match = re.fullmatch(rf"{prefix}(\d+)", record_id)
        if record_id not in found and match:
            generated[int(match.group(1))] = record_id
    if generated:
        for page in pages.filter(pk__in=generated, opendata_id=""):
            found[generated[page.pk]] = page
    return found


def _venues_by_title() -> dict:
    from businesses.models import BusinessPage
    from tourism.models import AttractionPage

    venues = {}
    for model in (BusinessPage, AttractionPage):
        for page in model.objects.live().filter(locale__language_code="ja"):
            venues.setdefault(page.title, page)
    return venues


def _own_roots() -> list[str]:
    return [site.root_url for site in Site.objects.all()]


# --- the import ---------------------------------------------------------------------------


def check_file(dataset: Dataset, data: bytes, report: Report) -> list[Plan]:
    from tourism.models import AttractionPage, EventPage

    rows = read_rows(dataset, data, report)
    if rows is None:
        return []
    model, prefix = (
        (AttractionPage, ATTRACTION_ID_PREFIX)
        if dataset is TOURISM_FACILITIES
        else (EventPage, EVENT_ID_PREFIX)
    )
    ids = [row["ID"] for _number, row in rows if row["ID"]]
    existing = _existing_pages(model, prefix, ids)
    own_roots = _own_roots()
    venues = _venues_by_title() if dataset is EVENTS else {}
    plans, seen = [], {}
    for number, row in rows:
        check = RowChecker(report, number, row)
        if row["ID"] in seen:
            check.problem("ID", _("The same ID is on row %(row)d.") % {"row": seen[row["ID"]]})
        seen.setdefault(row["ID"], number)
        page = existing.get(row["ID"])
        if dataset is TOURISM_FACILITIES:
            plan = plan_attraction(check, page, own_roots)
        else:
            plan = plan_event(check, page, own_roots, venues)
        if not check.failed:
            plans.append(plan)
    return plans


def import_file(dataset: Dataset, data: bytes, *, user=None, dry_run: bool = False) -> Report:
    """Check the whole file; if every row is valid (and not a dry run) write it all."""
    report = Report(dataset=dataset, dry_run=dry_run)
    plans = check_file(dataset, data, report)
    if not report.ok or dry_run:
        return report
    try:
        with transaction.atomic():
            for plan in plans:
                write(plan, dataset, user, report)
    except RowFailed as failure:
        # Something the checks did not foresee: report it, nothing stays written.
        report.created = report.updated = report.unchanged = report.translations = 0
        for column, message in failure.problems:
            report.add(failure.row, column, message)
    return report


class RowFailed(Exception):
    def __init__(self, row: int, problems: list[tuple[str, str]]):
        super().__init__(row)
        self.row, self.problems = row, problems


def _listing(dataset: Dataset):
    from tourism.models import AttractionIndexPage, EventIndexPage

    model = AttractionIndexPage if dataset is TOURISM_FACILITIES else EventIndexPage
    return model.objects.get(locale__language_code="ja")


def _child_values(objects) -> list[tuple]:
    names = None
    values = []
    for obj in objects:
        names = names or [
            field.name
            for field in obj._meta.concrete_fields
            if field.name not in ("id", "page", "sort_order")
        ]
        values.append(tuple(getattr(obj, name) for name in names))
    return sorted(values, key=repr)


def _changed(page, plan: Plan) -> bool:
    for name, value in plan.fields.items():
        if name == "venue_page":
            if (value.pk if value else None) != page.venue_page_id:
                return True
        elif getattr(page, name) != value:
            return True
    return any(
        _child_values(getattr(page, relation).all()) != _child_values(objects)
        for relation, objects in plan.children.items()
    )


def _unique_slug(parent, wanted: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = wanted, 2
    while slug in taken:
        slug, n = f"{wanted}-{n}", n + 1
    return slug


def write(plan: Plan, dataset: Dataset, user, report: Report) -> None:
    from tourism.models import AttractionPage, EventPage

    model = AttractionPage if dataset is TOURISM_FACILITIES else EventPage
    page = plan.page.specific if plan.page is not None else None
    try:
        if page is None:
            parent = _listing(dataset)
            base = (
                plan.slug_hint or slugify(plan.english.get("title", "")) or plan.record_id.lower()
            )
            page = model(
                slug=_unique_slug(parent, slugify(base) or plan.record_id.lower()),
                category="other",
                live=False,
                owner=user,
                **plan.fields,
            )
            for relation, objects in plan.children.items():
                setattr(page, relation, objects)
            parent.add_child(instance=page)
            report.created += 1
            changed = True
        else:
            changed = _changed(page, plan)
            if changed:
                for name, value in plan.fields.items():
                    setattr(page, name, value)
                for relation, objects in plan.children.items():
                    setattr(page, relation, objects)
                report.updated += 1
            else:
                report.unchanged += 1
        if changed or not page.live:
            page.save_revision(user=user, log_action=True).publish(user=user)
        if plan.english:
            _write_english(page, plan.english, user, report)
    except ValidationError as error:
        raise RowFailed(plan.row, _problems_from(error, dataset)) from error


def _write_english(page, values: dict, user, report: Report) -> None:
    english_locale = Locale.objects.get(language_code="en")
    translation = page.get_translations().filter(locale=english_locale).first()
    if translation is None:
        translation = page.copy_for_translation(english_locale)
    else:
        translation = translation.specific
        if (
            all(getattr(translation, name) == value for name, value in values.items())
            and translation.live
        ):
            return
    for name, value in values.items():
        setattr(translation, name, value)
    translation.save_revision(user=user, log_action=True).publish(user=user)
    report.translations += 1


FIELD_COLUMNS = {
    "title": "名称",
    "summary": "説明",
    "slug": "ID",
    "latitude": "緯度",
    "longitude": "経度",
    "end_date": "終了日",
    "end_time": "終了時間",
    "repeat_until": "終了日",
}


def _problems_from(error: ValidationError, dataset: Dataset) -> list[tuple[str, str]]:
    if not hasattr(error, "error_dict"):
        return [("", message) for message in error.messages]
    columns = {**FIELD_COLUMNS, "title": dataset.name_column}
    return [
        (columns.get(name, name), message)
        for name, errors in error.message_dict.items()
        for message in errors
    ]
