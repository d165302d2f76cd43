"""Text analysis shared by both engines (so their results agree).

Index side: `index_text(doc)` gives each document's analysed fields as lists
of terms. Engines store the terms space-separated and match whole terms only
(Elasticsearch with its `whitespace` analyzer, SQLite FTS5 and PostgreSQL's
`simple` configuration): every language rule lives here.

Query side: `parse_query(text, language)` gives the words a document must
match (all of them), each as terms for the name and text fields and, for
Japanese, reading bigrams for the reading field, plus quoted phrases and the
Latin words typo tolerance may expand.

STUB with the final signatures: the analysis helper replaces the internals
(SudachiPy, stemming, bigrams) and keeps the names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from search.documents import SearchDocument


def normalize(text: str) -> str:
    """NFKC (full-width Latin → half-width, half-width kana → full-width) and
    case folded."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def terms(text: str, language: str) -> list[str]:
    """Index/query terms of `text` written in `language` (ja, en, zh-hans,
    zh-hant, ko), in order (phrase positions)."""
    return re.findall(r"\w+", normalize(text))


def reading_terms(text: str) -> list[str]:
    """Bigrams of the katakana reading of Japanese text (kana or kanji), so a
    kana query finds a kanji name. [] for text with no Japanese."""
    return []


@dataclass
class IndexedText:
    name: list[str]  # title, kana reading (highest weight)
    text: list[str]  # summary, body, category, area, tags
    reading: list[str]  # reading bigrams of title, kana, category and area
    suggest: list[str]  # normalised keys autocomplete matches by prefix


def index_text(doc: SearchDocument) -> IndexedText:
    name = terms(f"{doc.title} {doc.title_kana}", doc.language)
    text = terms(
        " ".join([doc.summary, doc.body, doc.category_label, doc.area_label, *doc.tags]),
        doc.language,
    )
    return IndexedText(name=name, text=text, reading=[], suggest=[normalize(doc.title)])


@dataclass
class QueryWord:
    """One word of the query: a document matches it when all `terms` are in
    its name or text fields, or all `reading` bigrams are in its reading."""

    raw: str
    terms: list[str]
    reading: list[str] = field(default_factory=list)
    # Latin terms typo tolerance may replace by close index terms.
    fuzzy: bool = False


@dataclass
class AnalyzedQuery:
    words: list[QueryWord]
    phrases: list[list[str]]  # quoted phrases as term sequences (must match in order)

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases

    def all_terms(self) -> set[str]:
        found = {t for w in self.words for t in w.terms}
        return found | {t for p in self.phrases for t in p}


def parse_query(text: str, language: str) -> AnalyzedQuery:
    words = []
    phrases = []
    for quoted in re.findall(r'"([^"]+)"', text or ""):
        phrase = terms(quoted, language)
        if phrase:
            phrases.append(phrase)
    rest = re.sub(r'"[^"]*"', " ", text or "")
    for raw in rest.split():
        found = terms(raw, language)
        if found:
            words.append(QueryWord(raw=raw, terms=found, fuzzy=raw.isascii()))
    return AnalyzedQuery(words=words, phrases=phrases)


def suggest_key(prefix: str) -> list[str]:
    """Keys to look up an autocomplete prefix with (normalised text, and its
    reading for kana)."""
    return [normalize(prefix)]
