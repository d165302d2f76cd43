"""How page fields are written in the open-data cells, and read back.

Export and import share these, so a file this site wrote imports back to the
same pages: structured details that the spec has no column for (seasonal
hours, closed dates, repeat rules, excluded dates, status) are written as
lines of fixed Japanese wording in the free-text columns (利用可能日時特記事項,
開始日時特記事項) and recognised again on import; any other line is the note.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .spec import DATE_FORMAT, DAY_WORDS, HOLIDAY_WORD, TIME_FORMAT, VALUE_SEPARATOR

ALL_DAYS = frozenset(range(7))
WEEKDAY_SET = frozenset(range(5))
WEEKEND_SET = frozenset({5, 6})


# --- plain values -----------------------------------------------------------


def text(value) -> str:
    return "" if value is None else str(value).strip()


def date_cell(value: dt.date | None) -> str:
    return value.strftime(DATE_FORMAT) if value else ""


def time_cell(value: dt.time | None) -> str:
    return value.strftime(TIME_FORMAT) if value else ""


def parse_date(value: str) -> dt.date:
    """YYYY-MM-DD (also YYYY/MM/DD, which spreadsheets write). ValueError if not a date."""
    value = unicodedata.normalize("NFKC", value).strip()
    match = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", value)
    if not match:
        raise ValueError(value)
    return dt.date(*(int(part) for part in match.groups()))


def parse_time(value: str) -> dt.time:
    """hh:mm (one-digit hours too). ValueError if not a time of day."""
    value = unicodedata.normalize("NFKC", value).strip()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", value)
    if not match:
        raise ValueError(value)
    return dt.time(int(match.group(1)), int(match.group(2)))


def coordinate_cell(value) -> str:
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f")


def parse_coordinate(value: str) -> Decimal:
    try:
        number = Decimal(unicodedata.normalize("NFKC", value).strip())
    except InvalidOperation as error:
        raise ValueError(value) from error
    if not number.is_finite():
        raise ValueError(value)
    return number.quantize(Decimal("0.000001"))


def yen_cell(value: int | None) -> str:
    if value is None:
        return ""
    return "無料" if value == 0 else f"{value}円"


def parse_yen(value: str) -> int | None:
    """ "無料" → 0, "500円" / "500" / "1,200円" → the amount; "" → None; ValueError otherwise."""
    value = unicodedata.normalize("NFKC", value).strip()
    if not value:
        return None
    if value == "無料":
        return 0
    match = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+)\s*円?", value)
    if not match:
        raise ValueError(value)
    return int(match.group(1).replace(",", ""))


# --- names ------------------------------------------------------------------


def to_katakana(value: str) -> str:
    """A reading as full-width katakana (全角カナ): hiragana and half-width kana converted."""
    folded = unicodedata.normalize("NFKC", value or "").strip()
    converted = "".join(
        chr(ord(char) + 0x60) if "\u3041" <= char <= "\u3096" else char for char in folded
    )
    return converted.replace(" ", "\u3000")


def is_katakana(value: str) -> bool:
    """Full-width katakana, the prolonged sound mark, middle dot and spaces only."""
    return bool(re.fullmatch(r"[\u30a1-\u30fa\u30fc\u30fb\u30fd\u30fe\u3000 ]+", value))


# --- address ----------------------------------------------------------------


def split_street(street: str) -> tuple[str, str]:
    """ "鬼石123-4" → ("鬼石", "123-4"): 町字 up to the first digit, 番地以下 from it."""
    match = re.match(r"^(.*?)([0-9０-９].*)$", street or "")
    if not match:
        return street or "", ""
    return match.group(1), match.group(2)


def joined_address(prefecture: str, city: str, street: str, building: str) -> str:
    """所在地_連結表記: 都道府県 to 建物名, the building after a full-width space."""
    address = f"{prefecture}{city}{street}"
    return f"{address}\u3000{building}" if building else address


def split_joined_address(address: str, prefectures: list[str]) -> tuple[str, str, str, str]:
    """Best effort reading of 所在地_連結表記 when the split columns are empty."""
    address = (address or "").strip()
    building = ""
    if "\u3000" in address:
        address, building = (part.strip() for part in address.split("\u3000", 1))
    prefecture = next((name for name in prefectures if address.startswith(name)), "")
    rest = address[len(prefecture) :]
    match = re.match(r"^(.+?郡.+?[町村]|.+?市.+?区|.+?[市区町村])(.*)$", rest)
    city, street = (match.group(1), match.group(2)) if match else ("", rest)
    return prefecture, city, street, building


# --- days and hours ----------------------------------------------------------

DAY_SETS = {
    "daily": (ALL_DAYS, True),
    "weekdays": (WEEKDAY_SET, False),
    "weekends": (WEEKEND_SET, True),
    **{str(day): (frozenset({day}), False) for day in range(7)},
}
SHORT_DAYS = "月火水木金土日"
PERIOD_DAY_LABELS = {"daily": "毎日", "weekdays": "平日", "weekends": "土日祝"}


def days_cell(days: str) -> str:
    """An AttractionHours.days value as 利用可能曜日 ("月曜日;火曜日;...;祝日")."""
    day_set, holidays = DAY_SETS[days]
    words = [DAY_WORDS[day] for day in sorted(day_set)]
    if holidays:
        words.append(HOLIDAY_WORD)
    return VALUE_SEPARATOR.join(words)


def parse_days(value: str) -> tuple[frozenset[int], bool]:
    """利用可能曜日 → (weekdays, public holidays included). ValueError on an unknown word.

    Accepts the day words, their short forms (月, 月曜), 毎日, 平日, 土日祝, and ";", ",",
    "、" or spaces between them.
    """
    days: set[int] = set()
    holidays = False
    for token in re.split(r"[;；,，、・\s]+", unicodedata.normalize("NFKC", value).strip()):
        if not token:
            continue
        if token in ("毎日", "全日"):
            days |= ALL_DAYS
            holidays = True
        elif token == "平日":  # noqa: S105 (a day word)
            days |= WEEKDAY_SET
        elif token in ("土日祝", "土日祝日"):
            days |= WEEKEND_SET
            holidays = True
        elif token in ("祝", "祝日", "祝祭日"):
            holidays = True
        else:
            match = re.fullmatch(r"([月火水木金土日])(?:曜日?)?", token)
            if not match:
                raise ValueError(token)
            days.add(SHORT_DAYS.index(match.group(1)))
    return frozenset(days), holidays


def hours_days_for(days: frozenset[int], holidays: bool) -> list[str]:
    """Weekdays as AttractionHours.days values: one row if a named set fits, else one per day."""
    if days == ALL_DAYS:
        return ["daily"]
    if days == WEEKDAY_SET:
        return ["weekdays"]
    if days == WEEKEND_SET:
        return ["weekends"]
    return [str(day) for day in sorted(days)]


def period_line(from_month: int, to_month: int, days: str, opens, closes) -> str:
    label = PERIOD_DAY_LABELS.get(days) or DAY_WORDS[int(days)]
    return f"{from_month}月〜{to_month}月 {label} {time_cell(opens)}〜{time_cell(closes)}"


_PERIOD = re.compile(
    r"(\d{1,2})月〜(\d{1,2})月 (毎日|平日|土日祝|[月火水木金土日]曜日) (\d{1,2}:\d{2})〜(\d{1,2}:\d{2})"
)


def parse_period_line(line: str) -> dict | None:
    """A line period_line wrote → AttractionHours fields, or None."""
    match = _PERIOD.fullmatch(line.strip())
    if not match:
        return None
    from_month, to_month, label, opens, closes = match.groups()
    if not (1 <= int(from_month) <= 12 and 1 <= int(to_month) <= 12):
        return None
    labels = {value: key for key, value in PERIOD_DAY_LABELS.items()}
    days = labels.get(label) or str(DAY_WORDS.index(label))
    try:
        return dict(
            from_month=int(from_month),
            to_month=int(to_month),
            days=days,
            opens=parse_time(opens),
            closes=parse_time(closes),
        )
    except ValueError:
        return None


def closure_line(start: dt.date, end: dt.date | None, reason: str) -> str:
    line = f"休業日 {date_cell(start)}"
    if end and end != start:
        line += f"〜{date_cell(end)}"
    return f"{line}（{reason}）" if reason else line


_CLOSURE = re.compile(r"休業日 (\d{4}-\d{2}-\d{2})(?:〜(\d{4}-\d{2}-\d{2}))?(?:（(.*)）)?")


def parse_closure_line(line: str) -> dict | None:
    match = _CLOSURE.fullmatch(line.strip())
    if not match:
        return None
    start, end, reason = match.groups()
    try:
        return dict(
            start_date=parse_date(start),
            end_date=parse_date(end) if end else None,
            reason=reason or "",
        )
    except ValueError:
        return None


def months_in(from_month: int, to_month: int) -> int:
    return to_month - from_month + 1 if from_month <= to_month else 12 - from_month + to_month + 1


# --- events -------------------------------------------------------------------

STATUS_WORDS = {"cancelled": "中止", "postponed": "延期（日程未定）", "rescheduled": "日程変更"}
REPEAT_PREFIX = "繰り返し："
EXCEPTIONS_PREFIX = "除外日："
_REPEAT_UNITS = {"daily": "日", "weekly": "週", "monthly_date": "か月", "monthly_weekday": "か月"}


def repeat_line(repeat: str, interval: int, weekdays: list[int], start: dt.date) -> str:
    """A repeat rule in words, e.g. "繰り返し：毎週 土曜日・日曜日", "繰り返し：2か月ごと 第2日曜日"."""
    interval = interval or 1
    if repeat == "yearly":
        every = "毎年" if interval == 1 else f"{interval}年ごと"
        return f"{REPEAT_PREFIX}{every}"
    unit = _REPEAT_UNITS[repeat]
    every = (
        {"日": "毎日", "週": "毎週", "か月": "毎月"}[unit]
        if interval == 1
        else f"{interval}{unit}ごと"
    )
    if repeat == "daily":
        detail = ""
    elif repeat == "weekly":
        detail = "・".join(DAY_WORDS[day] for day in (weekdays or [start.weekday()]))
    elif repeat == "monthly_date":
        detail = f"{start.day}日"
    else:
        detail = f"第{(start.day - 1) // 7 + 1}{DAY_WORDS[start.weekday()]}"
    return f"{REPEAT_PREFIX}{every} {detail}".rstrip()


_REPEAT = re.compile(r"(毎日|毎週|毎月|毎年|(\d+)(日|週|か月|年)ごと)(?: (.+))?")


def parse_repeat_line(line: str) -> dict:
    """The words after 繰り返し： → repeat fields. ValueError when they are not understood."""
    match = _REPEAT.fullmatch(line.removeprefix(REPEAT_PREFIX).strip())
    if not match:
        raise ValueError(line)
    every, count, unit, detail = match.groups()
    unit = unit or {"毎日": "日", "毎週": "週", "毎月": "か月", "毎年": "年"}[every]
    interval = int(count) if count else 1
    if interval < 1:
        raise ValueError(line)
    weekdays: list[int] = []
    if unit == "日":
        repeat = "daily"
    elif unit == "年":
        repeat = "yearly"
    elif unit == "週":
        repeat = "weekly"
        if detail:
            days, _holidays = parse_days(detail)
            weekdays = sorted(days)
    elif detail and detail.startswith("第"):
        repeat = "monthly_weekday"
    else:
        repeat = "monthly_date"
    return dict(repeat=repeat, repeat_interval=interval, repeat_weekdays=weekdays)


def exceptions_line(dates: list[dt.date]) -> str:
    return EXCEPTIONS_PREFIX + VALUE_SEPARATOR.join(date_cell(day) for day in sorted(dates))


def parse_exceptions_line(line: str) -> list[dt.date]:
    parts = re.split(r"[;；,、\s]+", line.removeprefix(EXCEPTIONS_PREFIX).strip())
    return [parse_date(part) for part in parts if part]


# --- access and barrier-free ----------------------------------------------------

ACCESS_LABELS = [("access_train", "電車"), ("access_bus", "バス"), ("access_car", "車")]


def access_cell(values: dict[str, str]) -> str:
    return "\n".join(
        f"【{label}】{values[field].strip()}"
        for field, label in ACCESS_LABELS
        if values.get(field, "").strip()
    )


def parse_access(value: str) -> dict[str, str]:
    """ "【電車】…【バス】…" → the access fields; text without labels is access by train."""
    result = {field: "" for field, _label in ACCESS_LABELS}
    labels = {label: field for field, label in ACCESS_LABELS}
    parts = re.split(r"【(電車|バス|車)】", value.strip())
    if len(parts) == 1:
        result["access_train"] = value.strip()
        return result
    if parts[0].strip():
        result["access_train"] = parts[0].strip()
    for label, content in zip(parts[1::2], parts[2::2], strict=True):
        field = labels[label]
        result[field] = "\n".join(filter(None, [result[field], content.strip()]))
    return result


BARRIER_FREE_FLAGS = [
    ("step_free", "段差なし"),
    ("accessible_toilet", "バリアフリートイレあり"),
    ("wheelchair_rental", "車椅子の貸出あり"),
]


def barrier_free_cell(flags: dict[str, bool], notes: str) -> str:
    words = [word for field, word in BARRIER_FREE_FLAGS if flags.get(field)]
    lines = [VALUE_SEPARATOR.join(words)] if words else []
    if notes.strip():
        lines.append(notes.strip())
    return "\n".join(lines)


def parse_barrier_free(value: str) -> tuple[dict[str, bool], str]:
    """First line of flag words (if it is one) → flags; the rest → notes."""
    flags = {field: False for field, _word in BARRIER_FREE_FLAGS}
    lines = value.strip().split("\n")
    words = {word: field for field, word in BARRIER_FREE_FLAGS}
    first = [part.strip() for part in re.split(r"[;；、]", lines[0]) if part.strip()]
    if first and all(part in words for part in first):
        for part in first:
            flags[words[part]] = True
        lines = lines[1:]
    return flags, "\n".join(lines).strip()
