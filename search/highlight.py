"""Snippets with the query's matches marked, made from a document's stored
text (both engines use this, so snippets agree).

The text is analysed with offsets exactly as the index analyses it (Sudachi
morphemes, stemmed Latin words, CJK bigrams), so a match is marked on the
surface the visitor sees: "brewery" marks "Breweries", さくら marks 桜,
"sakurayama" and さくらやま mark 桜山, a typo ("brewey") marks the word it
matched."""

from __future__ import annotations

import logging

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.analysis import AnalyzedQuery, _latin, _tokens, fold_reading, romaji_variants

logger = logging.getLogger(__name__)

ELLIPSIS = "…"
# How far the window may move to start or end at a space rather than inside a word.
SNAP = 20
# A snippet looks for its first match in this much text at most.
MAX_SCAN = 5000


def _max_edits(word: str) -> int:
    """Typo tolerance of a query word (as the engines apply it): 1 edit for 4–6
    letters, 2 for longer."""
    return 1 if len(word) <= 6 else 2


def _within(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b ≤ limit, first letter fixed."""
    if not a or not b or a[0] != b[0] or abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _unbigram(bigrams: list[str]) -> str:
    if not bigrams:
        return ""
    return bigrams[0] + "".join(b[-1] for b in bigrams[1:])


class _Matcher:
    def __init__(self, query: AnalyzedQuery | None):
        self.terms: set[str] = set()
        self.fuzzy: list[tuple[str, int]] = []
        self.readings: list[str] = []
        self.latin = False
        if query is None:
            return
        self.terms = set(query.all_terms())
        for word in query.words:
            if word.fuzzy:
                self.fuzzy.extend((term, _max_edits(word.raw)) for term in word.terms)
            if word.reading:
                self.readings.append(_unbigram(word.reading))
        self.latin = any(term.isascii() for term in self.terms)

    @property
    def empty(self) -> bool:
        return not self.terms and not self.readings

    def _term(self, term: str) -> bool:
        if term in self.terms:
            return True
        return any(_within(term, wanted, limit) for wanted, limit in self.fuzzy)

    def matches(self, term: str, reading: str) -> bool:
        if self._term(term):
            return True
        if not reading or len(reading) < 2:
            return False
        if self.readings:
            folded = fold_reading(reading)
            if len(folded) >= 2 and any(folded in wanted for wanted in self.readings):
                return True
        if self.latin:  # "sakurayama" typed for 桜山
            for value in romaji_variants(reading):
                if any(self._term(t) for t in _latin(value)):
                    return True
        return False


def _spans(text: str, matcher: _Matcher, language: str, length: int) -> list[tuple[int, int]]:
    """Matched [start, end) spans up to one window past the first match (the
    rest of a long text is never analysed)."""
    found: list[tuple[int, int]] = []
    if matcher.empty:
        return found
    for term, start, end, reading in _tokens(text[:MAX_SCAN], language):
        if found and start > found[0][0] + length:
            break
        if matcher.matches(term, reading):
            found.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _window(text: str, spans: list[tuple[int, int]], length: int) -> tuple[int, int]:
    if len(text) <= length:
        return 0, len(text)
    if not spans:
        start = 0
    else:
        first_start, first_end = spans[0]
        start = max(0, first_start - length // 4)
        # Begin at a word boundary when one is near (Latin text).
        if start > 0 and not text[start - 1].isspace():
            space = text.find(" ", start, first_start)
            if 0 <= space < start + SNAP:
                start = space + 1
    end = min(len(text), start + length)
    if end - start < length:
        start = max(0, end - length)
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", max(start, end - SNAP), end)
        if space > start and (not spans or space >= spans[0][1]):
            end = space
    return start, end


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out = [ELLIPSIS] if start > 0 else []
    position = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        out.append(escape(text[position:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    out.append(escape(text[position:end]))
    if end < len(text):
        out.append(ELLIPSIS)
    return "".join(out)


def snippet(text: str, query: AnalyzedQuery, language: str, length: int = 160) -> SafeString:
    """An excerpt of `text` around the first match, at most `length`
    characters (plus "…" where cut), HTML-escaped, with matched words in
    <mark>. No match: the start of the text."""
    text = " ".join(str(text or "").split())
    length = max(int(length or 0), 20)
    try:
        spans = _spans(text, _Matcher(query), language, length)
        start, end = _window(text, spans, length)
        return mark_safe(_render(text, spans, start, end))  # noqa: S308 - escaped
    except Exception:  # pragma: no cover - a snippet must never break a result page
        logger.exception("Could not highlight a snippet")
        cut = text[:length]
        return mark_safe(escape(cut) + (ELLIPSIS if len(text) > length else ""))  # noqa: S308
