"""CSV and Excel files of the console's tables.

CSV: UTF-8 with a byte order mark, so Excel opens Japanese text correctly;
numbers unformatted (no ¥ or thousands separators), dates ISO 8601, times in
Japan time. Excel: one sheet per table, numbers as numbers, dates as dates.
File names carry the section, the table and the date range.
"""

import csv
import io
import re

from django.http import HttpResponse

from .tables import DATE, DATETIME, YEN, Section, Table

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"


def filename(section: Section, table: Table | None, filters, extension: str) -> str:
    parts = ["machikado", section.slug]
    if table is not None:
        parts.append(table.slug)
    parts.append(filters.period.slug)
    return f"{'-'.join(parts)}.{extension}"


def _attachment(response, name):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in table.export_rows():
        writer.writerow(["" if v is None else _csv_text(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def _csv_text(value):
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return value


def csv_response(section, table, filters) -> HttpResponse:
    response = HttpResponse(csv_bytes(table), content_type=CSV_TYPE)
    return _attachment(response, filename(section, table, filters, "csv"))


def _sheet_title(text: str, used: set) -> str:
    # Excel: at most 31 characters, none of []:*?/\ ; unique in the workbook.
    title = re.sub(r"[\[\]:*?/\\]", " ", text)[:31].strip() or "Sheet"
    base, n = title, 2
    while title in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title)
    return title


def workbook(section: Section, tables: list[Table]) -> bytes:
    # Imported here: openpyxl adds about 5 MB to every web worker that
    # loads it, and only staff's Excel downloads need it.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    used = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_title(str(table.title), used))
        for number, row in enumerate(table.export_rows(), start=1):
            sheet.append(row)
            if number == 1:
                for cell in sheet[1]:
                    cell.font = Font(bold=True)
        for index, column in enumerate(table.columns, start=1):
            letter = get_column_letter(index)
            fmt = {YEN: "¥#,##0", DATE: "yyyy-mm-dd", DATETIME: "yyyy-mm-dd hh:mm"}.get(column.kind)
            if fmt:
                for cell in sheet[letter][1:]:
                    cell.number_format = fmt
            sheet.column_dimensions[letter].width = max(12, min(40, len(str(column.label)) + 4))
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(section, table, filters) -> HttpResponse:
    tables = [table] if table is not None else section.tables
    response = HttpResponse(workbook(section, tables), content_type=XLSX_TYPE)
    return _attachment(response, filename(section, table, filters, "xlsx"))
