"""Helpers shared by the reports."""

import datetime as dt

from django.conf import settings
from django.db.models import DateField
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import translation

from ..period import TOKYO


def month_of(field: str):
    """The Asia/Tokyo calendar month of a datetime column, as a date (day 1)."""
    return TruncMonth(field, output_field=DateField(), tzinfo=TOKYO)


def day_of(field: str):
    return TruncDate(field, tzinfo=TOKYO)


def fill_months(rows: dict, months: list[dt.date], empty) -> list:
    """One row per month of the period, ``empty(month)`` where the database had none."""
    return [rows.get(month) or empty(month) for month in months]


def names_by_key(model, keys) -> dict:
    """{translation_key: name} of translatable snippets (areas, categories) in
    the active language, or in the source language where untranslated: one query."""
    keys = {key for key in keys if key is not None}
    if not keys:
        return {}
    language = translation.get_language() or settings.LANGUAGE_CODE
    wanted = {language, settings.LANGUAGE_CODE}
    names = {}
    rows = model.objects.filter(
        translation_key__in=keys, locale__language_code__in=wanted
    ).values_list("translation_key", "locale__language_code", "name")
    for key, code, name in rows:
        if code == language or key not in names:
            names[key] = name
    return names


def percent(part, whole) -> float | None:
    """part / whole × 100 rounded to one decimal; None when whole is 0."""
    if not whole:
        return None
    return round(part * 100 / whole, 1)


def change(now, before) -> float | None:
    """Growth in percent from ``before`` to ``now``; None when before is 0."""
    if not before:
        return None
    return round((now - before) * 100 / before, 1)
