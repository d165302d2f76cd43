"""Furigana from editors' readings: 桜山《さくらやま》公園 → <ruby>桜山<rt>さくらやま</rt></ruby>公園.

The notation is Aozora Bunko's: the reading in 《》 belongs to the kanji run
just before it, or to the text after a ｜ (full-width bar) when the base is
not all kanji (｜Machikado《まちかど》).
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

KANJI = r"[\u3005\u3006\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff々〆ヶ]"
RUBY = re.compile(rf"(?:[｜|](?P<marked>[^｜|《》]+)|(?P<kanji>{KANJI}+))《(?P<reading>[^《》]+)》")


def ruby_html(text: str) -> str:
    """Escaped HTML with <ruby> for every reading; plain text stays as it is."""
    out, last = [], 0
    for match in RUBY.finditer(text or ""):
        base = match.group("marked") or match.group("kanji")
        out.append(escape(text[last : match.start()]))
        out.append(
            f"<ruby>{escape(base)}<rp>(</rp><rt>{escape(match.group('reading'))}</rt><rp>)</rp></ruby>"
        )
        last = match.end()
    out.append(escape((text or "")[last:]))
    return mark_safe("".join(out))  # noqa: S308 every piece above is escaped


def strip_readings(text: str) -> str:
    """The text without readings, for <title>, JSON-LD and search."""
    return RUBY.sub(lambda m: m.group("marked") or m.group("kanji"), text or "")
