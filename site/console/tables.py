"""Report tables: columns with a kind (how to show and export a value) and
rows of plain data. The pages and the exports use the same tables."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _

TEXT, INT, YEN, PERCENT, DECIMAL = "text", "int", "yen", "percent", "decimal"
CHANGE = "change"  # a growth in percent, shown with its sign
ROW = "row"  # the kind is the row's own "kind" (yen and counts in one column)
DATE, DATETIME, MONTH, BOOL = "date", "datetime", "month", "bool"
NUMERIC = {INT, YEN, PERCENT, DECIMAL, CHANGE}


@dataclass
class Column:
    key: str
    label: str
    kind: str = TEXT
    link: str = ""  # key of the row's URL for this cell (HTML only)

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC or self.kind == ROW

    def kind_for(self, row) -> str:
        return row.get("kind", TEXT) if self.kind == ROW else self.kind


@dataclass
class Table:
    slug: str
    title: str
    columns: list[Column]
    rows: list[dict]
    description: str = ""  # what the figures mean
    query: str = ""  # the documented query (the report function's docstring)
    chart: object = None  # charts.Chart
    total_rows: int | None = None  # when the page shows fewer rows than the export
    empty: str = ""

    @property
    def id(self) -> str:
        return f"table-{self.slug}"

    def cells(self):
        """Rows for the template: [(text, url, numeric)]."""
        for row in self.rows:
            yield [
                (
                    display(row.get(c.key), c.kind_for(row)),
                    row.get(c.link) if c.link else "",
                    c.numeric,
                )
                for c in self.columns
            ]

    def export_rows(self):
        """Header, then rows of raw values (numbers as numbers, dates as dates)."""
        yield [str(c.label) for c in self.columns]
        for row in self.rows:
            yield [export_value(row.get(c.key), c.kind_for(row)) for c in self.columns]


@dataclass
class Figure:
    """A headline number (KPI) at the top of a section."""

    label: str
    value: object
    kind: str = INT
    note: str = ""

    @property
    def text(self) -> str:
        return display(self.value, self.kind)


@dataclass
class Section:
    slug: str
    title: str
    intro: str = ""
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    area_applies: bool = True
    period_applies: bool = True

    def table(self, slug) -> Table | None:
        return next((t for t in self.tables if t.slug == slug), None)


def display(value, kind) -> str:
    if value is None or value == "":
        return "—"
    if kind == YEN:
        return f"¥{int(value):,}"
    if kind == INT:
        return f"{int(value):,}"
    if kind == PERCENT:
        return f"{float(value):,.1f}%"
    if kind == CHANGE:
        return f"{float(value):+,.1f}%"
    if kind == DECIMAL:
        return f"{float(value):,.1f}"
    if kind == MONTH:
        return value.strftime("%Y-%m")
    if kind == DATE:
        return formats.date_format(value, "Y-m-d")
    if kind == DATETIME:
        return formats.date_format(timezone.localtime(value), "Y-m-d H:i")
    if kind == BOOL:
        return _("yes") if value else _("no")
    return str(value)


def export_value(value, kind):
    if value is None:
        return None
    if kind == MONTH:
        return value.strftime("%Y-%m")
    if kind == DATETIME:
        # Excel has no time zones: the city's local time, without offset.
        return timezone.localtime(value).replace(tzinfo=None)
    if kind == BOOL:
        return _("yes") if value else _("no")
    if kind in (DATE,) and isinstance(value, dt.datetime):
        return value.date()
    if kind in NUMERIC or kind == DATE:
        return value
    return str(value)
