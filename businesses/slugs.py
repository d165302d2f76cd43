"""ASCII slugs for Japanese names, from their kana reading."""

from anyascii import anyascii
from django.utils.text import slugify

_SMALL_Y = set("ゃゅょャュョ")
_SOKUON = set("っッ")


def romaji(text: str) -> str:
    """Kana to Hepburn-like romaji: きっさ → kissa, しゅぞう → shuzou.

    anyascii reads kana one character at a time, so the small tsu and the
    small ya/yu/yo are joined to their neighbours here."""
    out: list[str] = []
    for i, char in enumerate(text):
        if char in _SOKUON and i + 1 < len(text):
            out.append(anyascii(text[i + 1])[:1])
        elif char in _SMALL_Y and out and out[-1].endswith("i"):
            previous = out.pop()
            small = anyascii(char)  # ya, yu, yo
            if previous in {"shi", "chi", "ji"}:
                out.append(previous[:-1] + small[1:])
            else:
                out.append(previous[:-1] + small)
        else:
            out.append(anyascii(char))
    return "".join(out)


def romaji_slug(*candidates: str, fallback: str = "shop") -> str:
    """An ASCII slug from the first candidate that yields one."""
    for text in candidates:
        slug = slugify(romaji(text or ""))[:80].strip("-")
        if slug:
            return slug
    return fallback


def unique_child_slug(parent, base: str) -> str:
    existing = set(
        parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in existing:
        slug, n = f"{base}-{n}", n + 1
    return slug
