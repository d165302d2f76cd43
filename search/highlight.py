"""Snippets with the query's matches marked, made from a document's stored
text (both engines use this, so snippets agree).

STUB: the analysis helper implements it with analysis offsets."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.analysis import AnalyzedQuery


def snippet(text: str, query: AnalyzedQuery, language: str, length: int = 160) -> SafeString:
    """An excerpt of `text` around the first match, at most `length`
    characters, HTML-escaped, with matched words in <mark>."""
    return mark_safe(escape((text or "")[:length]))  # noqa: S308 - escaped
