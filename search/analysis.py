"""Text analysis shared by both engines (so their results agree).

Index side: `index_text(doc)` gives each document's analysed fields as lists
of terms. Engines store the terms space-separated and match whole terms only
(Elasticsearch with its `whitespace` analyzer, SQLite FTS5 and PostgreSQL's
`simple` configuration): every language rule lives here.

Query side: `parse_query(text, language)` gives the words a document must
match (all of them), each as terms for the name and text fields and, for
Japanese, reading bigrams for the reading field, plus quoted phrases and the
Latin words typo tolerance may expand.

Rules:
- Everything is NFKC-normalised (full-width Latin and digits → ASCII,
  half-width katakana → full-width) and case folded.
- Text is split into runs by script first. Latin (and other alphabetic)
  words, in any language: folded accents, English stop words dropped, English
  snowball stems; digits are kept.
- Kana/kanji runs (every language but Chinese and Korean): SudachiPy with its
  core dictionary in split mode A, content morphemes only (particles,
  auxiliary verbs, symbols and spaces dropped), each as its synonym group
  when the dictionary puts it in exactly one ("~" + id), else its normalised
  form: さくら, サクラ and 桜 give one term, and so do そば and 蕎麦, カフェ
  and 喫茶, which the normalised form alone keeps apart.
- Chinese and Korean (and any Hangul run): overlapping character bigrams (a
  lone character stays a unigram).
- Readings: the katakana reading (the kana itself for kana text, Sudachi's
  reading for kanji), folded (long vowels, ヂ/ヅ...) and cut into bigrams, so a
  kana query finds a kanji name ("さくらやま" → 桜山公園). A Latin query word
  that Sudachi's dictionary knows as a loanword (coffee → コーヒー) carries
  its katakana reading too, so it finds Japanese names written in katakana.
- Japanese titles also get their romaji in the name field ("sakurayama",
  "kouen" and "koen"), so a visitor who cannot read kanji finds them.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import mmap
import re
import sys
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from search.documents import SearchDocument

logger = logging.getLogger(__name__)

# Languages whose CJK text is indexed as character bigrams (no Sudachi).
BIGRAM_LANGUAGES = frozenset({"zh-hans", "zh-hant", "zh", "ko"})

# English stop words dropped from Latin text in every language (short: the
# engines rank by term frequency, so the usual suspects would only add noise).
STOP_WORDS = frozenset(
    "a an and are as at be by for from in into is it its near of on or the to with".split()
)

# Terms standing for a Sudachi synonym group (see `_term`): "~" and the
# group's id in the dictionary (a dictionary upgrade means a rebuild, as any
# analysis change does).
SYNONYM_PREFIX = "~"

# Part-of-speech heads Sudachi gives to words that carry no meaning for search.
_DROP_POS = frozenset({"助詞", "助動詞", "補助記号", "空白", "記号", "接続詞", "感動詞", "接頭辞"})

# --- script classes -------------------------------------------------------

_KANA = "\u3041-\u309f\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HAN = "\u3005-\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uffa0-\uffdc"
_WORD = rf"[^\W_{_KANA}{_HAN}{_HANGUL}]"
_RUN = re.compile(
    rf"(?P<ja>[{_KANA}{_HAN}]+)"
    rf"|(?P<ko>[{_HANGUL}]+)"
    rf"|(?P<w>{_WORD}(?:{_WORD}|[\u0300-\u036f])*(?:['’＇]{_WORD}(?:{_WORD}|[\u0300-\u036f])*)*)"
)
_HAS_KANA = re.compile(f"[{_KANA}]")
_HAS_HAN = re.compile(f"[{_HAN}]")
_HAN_RUN = re.compile(f"[{_HAN}]+")
_KATAKANA_ONLY = re.compile("[\u30a1-\u30fa\u30fc]+")
_WORD_CHARS = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")

# Sudachi refuses inputs over 49,149 bytes; longer runs are cut (rare: a run
# is text between punctuation).
_SUDACHI_MAX_CHARS = 4000


def normalize(text: str) -> str:
    """NFKC (full-width Latin → half-width, half-width kana → full-width) and
    case folded."""
    return unicodedata.normalize("NFKC", text or "").casefold()


# --- Sudachi ---------------------------------------------------------------

_dictionary = None
_dictionary_lock = threading.Lock()
_local = threading.local()
_keep_pos: dict[int, bool] = {}


def _sudachi():
    """This thread's Sudachi tokenizer (split mode A) on the one shared
    dictionary, loaded on first use."""
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        global _dictionary
        with _dictionary_lock:
            if _dictionary is None:
                from sudachipy import Dictionary

                _dictionary = Dictionary(dict="core")
                _release_loader_pages()
        from sudachipy import SplitMode

        tokenizer = _local.tokenizer = _dictionary.tokenizer(
            mode=SplitMode.A,
            fields={"pos", "normalized_form", "reading_form", "synonym_group_ids"},
        )
        _local.out = None
    return tokenizer


def _release_loader_pages() -> None:
    """Unmap the dictionary pages Sudachi's loader read (about 80 MB of its
    200 MB file) and turn off read-ahead on the mapping, so that each web
    worker's resident memory holds only the pages its lookups touch.

    The file is mapped shared and read-only: the pages stay in the page
    cache, shared by every process, and a later lookup maps them back with a
    minor fault; nothing is re-read from disk and nothing can be lost.
    Linux only; elsewhere (or if anything is unexpected) this does nothing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        with open("/proc/self/maps") as maps:
            for line in maps:
                fields = line.split()
                # Only a shared read-only mapping of a Sudachi dictionary file.
                if len(fields) < 6 or fields[1] != "r--s" or not fields[5].endswith(".dic"):
                    continue
                start, end = (int(x, 16) for x in fields[0].split("-"))
                libc.madvise(start, end - start, mmap.MADV_DONTNEED)
                libc.madvise(start, end - start, mmap.MADV_RANDOM)
    except (OSError, AttributeError, ValueError):
        logger.debug("could not release Sudachi's loader pages", exc_info=True)


def _keeps(pos_id: int) -> bool:
    keep = _keep_pos.get(pos_id)
    if keep is None:
        keep = _keep_pos[pos_id] = _dictionary.pos_of(pos_id)[0] not in _DROP_POS
    return keep


# (term or None for a dropped morpheme, katakana reading, begin, end)
Morpheme = tuple[str | None, str, int, int]

# Terms of dictionary words (by word id; unknown words are never cached).
_term_of_word: dict[int, str] = {}


def _term(m) -> str:
    """The term of a kept morpheme: its synonym group when the dictionary puts
    it in exactly one (SYNONYM_PREFIX + id), else its normalised form.

    Sudachi's dictionary groups the spellings of one word that its
    normalised form keeps apart: そば/ソバ with 蕎麦 (the kana may also mean
    側, so it is not normalised), カフェ with 喫茶, はし with 箸. One term
    for the group lets a query in either spelling find the other, in names,
    text and phrases alike. A word in several groups (ambiguous) keeps its
    normalised form."""
    if m.is_oov():
        return normalize(m.normalized_form())
    word = m.word_id()
    term = _term_of_word.get(word)
    if term is None:
        groups = m.synonym_group_ids()
        if len(groups) == 1:
            term = f"{SYNONYM_PREFIX}{groups[0]}"
        else:
            term = normalize(m.normalized_form())
        if len(_term_of_word) > 100_000:
            _term_of_word.clear()
        _term_of_word[word] = term
    return term


def _tokenize(run: str) -> list[Morpheme]:
    tokenizer = _sudachi()
    found: list[Morpheme] = []
    for offset in range(0, len(run), _SUDACHI_MAX_CHARS):
        part = run[offset : offset + _SUDACHI_MAX_CHARS]
        try:
            _local.out = morphemes = tokenizer.tokenize(part, out=_local.out)
        except Exception:  # never let one odd run break indexing or a query
            logger.warning("Sudachi failed on %r", part[:40], exc_info=True)
            _local.out = None
            found.extend((term, "", offset + b, offset + e) for term, b, e in _bigrams(part, 0))
            continue
        for m in morphemes:
            term = None
            if _keeps(m.part_of_speech_id()):
                term = _term(m) or None
            found.append((term, m.reading_form(), offset + m.begin(), offset + m.end()))
    return found


def _ja_terms_uncached(run: str) -> list[str]:
    """Terms of a kana/kanji run, without offsets or readings (the indexing
    hot path: the same as the terms of `_tokenize`)."""
    tokenizer = _sudachi()
    found: list[str] = []
    append = found.append
    keep_pos = _keep_pos
    for offset in range(0, len(run), _SUDACHI_MAX_CHARS):
        part = run[offset : offset + _SUDACHI_MAX_CHARS]
        try:
            _local.out = morphemes = tokenizer.tokenize(part, out=_local.out)
        except Exception:
            _local.out = None
            found.extend(term for term, _, _, _ in _tokenize(part))
            continue
        for m in morphemes:
            pos_id = m.part_of_speech_id()
            keep = keep_pos.get(pos_id)
            if keep is None:
                keep = _keeps(pos_id)
            if keep:
                term = _term(m)
                if term:
                    append(term)
    return found


@lru_cache(maxsize=16384)
def _cached_ja_terms(run: str) -> tuple[str, ...]:
    return tuple(_ja_terms_uncached(run))


def _lone_hiragana(run: str) -> bool:
    """One hiragana between other scripts (cafeで2024) is a particle."""
    return len(run) == 1 and "\u3041" <= run <= "\u309f"


def _ja_terms(run: str) -> list[str] | tuple[str, ...]:
    if _lone_hiragana(run):
        return ()
    if len(run) <= 24:
        return _cached_ja_terms(run)
    return _ja_terms_uncached(run)


@lru_cache(maxsize=16384)
def _cached_morphemes(run: str) -> tuple[Morpheme, ...]:
    return tuple(_tokenize(run))


def _morphemes(run: str) -> list[Morpheme] | tuple[Morpheme, ...]:
    """Sudachi's morphemes of a kana/kanji run (offsets within the run)."""
    if _lone_hiragana(run):
        return ((None, katakana(run), 0, 1),)
    if len(run) <= 24:  # names, labels and short phrases repeat a lot
        return _cached_morphemes(run)
    return _tokenize(run)


# --- Latin words -----------------------------------------------------------

_stems: dict[str, tuple[str, ...]] = {}
_stemmer = None


def _fold_word(word: str) -> str:
    """A Latin word normalised, accents and apostrophes dropped (café → cafe,
    O'Brien's → obrien)."""
    folded = normalize(word)
    if not folded.isascii():
        folded = "".join(
            c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
        )
    return _POSSESSIVE.sub("", folded).replace("'", "").replace("’", "")


_POSSESSIVE = re.compile(r"['’]s$")


def _latin(word: str) -> tuple[str, ...]:
    """Terms of one Latin-script word as the regex found it (cached)."""
    found = _stems.get(word)
    if found is not None:
        return found
    global _stemmer
    if _stemmer is None:
        import snowballstemmer

        _stemmer = snowballstemmer.stemmer("english")
    folded = _fold_word(word)
    out = []
    for part in _WORD_CHARS.findall(folded):
        if part in STOP_WORDS:
            continue
        out.append(part if part.isdigit() else _stemmer.stemWord(part))
    found = tuple(out)
    if len(_stems) > 50_000:
        _stems.clear()
    _stems[word] = found
    return found


# --- bigrams ---------------------------------------------------------------


def _bigrams(run: str, start: int) -> Iterator[tuple[str, int, int]]:
    """Overlapping character bigrams of a CJK run with offsets (a lone
    character stays a unigram)."""
    norm = normalize(run)
    if len(norm) == len(run):
        units = list(norm)
    else:  # a character NFKC changes in length: keep one unit per source character
        units = [normalize(c) for c in run]
    if len(units) == 1:
        yield units[0], start, start + 1
        return
    for i in range(len(units) - 1):
        yield units[i] + units[i + 1], start + i, start + i + 2


# --- tokens with offsets (index, query and highlight share this) -----------


def _tokens(text: str, language: str) -> Iterator[tuple[str, int, int, str]]:
    """(term, start, end, folded reading or '') of `text`, in order; offsets
    are in `text`."""
    bigram_cjk = language in BIGRAM_LANGUAGES
    for m in _RUN.finditer(text or ""):
        kind, start, run = m.lastgroup, m.start(), m.group()
        if kind == "w":
            for term in _latin(run):
                yield term, start, m.end(), ""
        elif kind == "ja" and not bigram_cjk:
            for term, reading, b, e in _morphemes(run):
                if term:
                    yield term, start + b, start + e, reading
        else:
            for term, b, e in _bigrams(run, start):
                yield term, b, e, ""


def _term_list(text: str, language: str) -> list[str]:
    """`_tokens` without offsets, as a plain loop (the indexing hot path)."""
    out: list[str] = []
    extend = out.extend
    bigram_cjk = language in BIGRAM_LANGUAGES
    for m in _RUN.finditer(text):
        kind = m.lastgroup
        if kind == "w":
            extend(_latin(m.group()))
        elif kind == "ja" and not bigram_cjk:
            extend(_ja_terms(m.group()))
        else:
            extend([term for term, _, _ in _bigrams(m.group(), 0)])
    return out


@lru_cache(maxsize=8192)
def _cached_terms(text: str, language: str) -> tuple[str, ...]:
    return tuple(_term_list(text, language))


def terms(text: str, language: str) -> list[str]:
    """Index/query terms of `text` written in `language` (ja, en, zh-hans,
    zh-hant, ko), in order (phrase positions)."""
    if not text:
        return []
    if len(text) <= 40:
        return list(_cached_terms(text, language))
    return _term_list(text, language)


# --- readings ----------------------------------------------------------------

_TO_KATAKANA = {c: c + 0x60 for c in range(0x3041, 0x3097)}
_TO_KATAKANA.update({0x309D: 0x30FD, 0x309E: 0x30FE})
_FOLD_KANA = str.maketrans(
    {"ヂ": "ジ", "ヅ": "ズ", "ヲ": "オ", "ヰ": "イ", "ヱ": "エ", "ヮ": "ワ", "ヵ": "カ", "ヶ": "ケ"}
)
_VOWEL = {}
for _vowel, _chars in (
    ("a", "アァカガサザタダナハバパマヤャラワヮヵ"),
    ("i", "イィキギシジチヂニヒビピミリヰ"),
    ("u", "ウゥクグスズツヅヌフブプムユュルヴ"),
    ("e", "エェケゲセゼテデネヘベペメレヱヶ"),
    ("o", "オォコゴソゾトドノホボポモヨョロヲ"),
):
    for _c in _chars:
        _VOWEL[_c] = _vowel
# A vowel that only lengthens the one before it: トウ = トオ = トー.
_LENGTHENS = {
    ("a", "ア"),
    ("i", "イ"),
    ("u", "ウ"),
    ("e", "イ"),
    ("e", "エ"),
    ("o", "ウ"),
    ("o", "オ"),
}


def katakana(text: str) -> str:
    """NFKC text with hiragana turned into katakana."""
    return unicodedata.normalize("NFKC", text or "").translate(_TO_KATAKANA)


@lru_cache(maxsize=65536)
def fold_reading(reading: str) -> str:
    """A katakana reading with the spelling differences people make dropped:
    long vowels (ー, トウ/トオ → ト, エイ → エ, アア → ア), ヂ/ヅ → ジ/ズ, ヲ → オ.
    Prefix-stable: the fold of a prefix is a prefix of the fold."""
    out = []
    previous = None
    for c in reading.translate(_FOLD_KANA):
        if c == "ー":
            continue
        if previous and (previous, c) in _LENGTHENS:
            continue
        out.append(c)
        previous = _VOWEL.get(c)
    return "".join(out)


def _bigram_list(value: str) -> list[str]:
    if len(value) <= 2:
        return [value] if value else []
    return [value[i : i + 2] for i in range(len(value) - 1)]


def _run_reading(run: str) -> str:
    """Katakana reading of one kana/kanji run: the kana itself when it has no
    kanji, Sudachi's reading otherwise."""
    if not _HAS_HAN.search(run):
        return katakana(run)
    return "".join(reading for _, reading, _, _ in _morphemes(run))


def reading(text: str) -> str:
    """The katakana reading of the Japanese runs of `text`, joined (a name's
    reading is one string: 「カフェ・さくら」 → カフェサクラ)."""
    return "".join(
        _run_reading(m.group()) for m in _RUN.finditer(text or "") if m.lastgroup == "ja"
    )


@lru_cache(maxsize=8192)
def _cached_reading_terms(text: str) -> tuple[str, ...]:
    return tuple(_bigram_list(fold_reading(reading(text))))


def reading_terms(text: str) -> list[str]:
    """Bigrams of the folded katakana reading of Japanese text (kana or
    kanji), so a kana query finds a kanji name. [] for text with no Japanese."""
    if not text:
        return []
    if len(text) <= 60:
        return list(_cached_reading_terms(text))
    return _bigram_list(fold_reading(reading(text)))


@lru_cache(maxsize=8192)
def _loanword_reading(word: str) -> tuple[str, ...]:
    folded = _fold_word(word)
    if len(folded) < 3 or not folded.isascii() or not folded.isalpha():
        return ()
    morphemes = _morphemes_of_latin(folded)
    if len(morphemes) != 1:
        return ()
    common_noun, reading_ = morphemes[0]
    if not common_noun or not _KATAKANA_ONLY.fullmatch(reading_):
        return ()
    folded_reading = fold_reading(reading_)
    if len(folded_reading) < 2:  # bar → バ: too short to mean anything
        return ()
    return tuple(_bigram_list(folded_reading))


def _morphemes_of_latin(word: str) -> list[tuple[bool, str]]:
    """(a dictionary common noun?, reading) of each of Sudachi's morphemes."""
    try:
        return [
            (not m.is_oov() and m.part_of_speech()[:2] == ("名詞", "普通名詞"), m.reading_form())
            for m in _sudachi().tokenize(word)
        ]
    except Exception:  # never let one odd word break a query
        return []


def loanword_reading(word: str) -> list[str]:
    """Reading bigrams of a Latin word Sudachi's dictionary knows as a
    Japanese loanword, a common noun (coffee → コーヒー, cafe → カフェ,
    museum → ミュージアム; not romaji such as "soba", which it does not
    know, nor proper nouns such as "sakura", which romaji in the names
    already find), so an
    English query word also finds Japanese names written in katakana (an
    untranslated page shown as a fallback, or a search in Japanese), as a
    kana query does. [] for anything else."""
    if not word or word.casefold() in STOP_WORDS:
        return []
    return list(_loanword_reading(word))


def _kana_reading(kana: str) -> str:
    """A kana field (title_kana) as one katakana string, separators dropped."""
    return "".join(_KATAKANA_ONLY.findall(katakana(kana)))


def romaji_variants(reading_: str) -> list[str]:
    """Hepburn-like romaji of a katakana reading, as written (kouen) and
    with long vowels folded (koen, tokyo); [] unless it is all katakana."""
    return list(_romaji_variants(reading_))


@lru_cache(maxsize=16384)
def _romaji_variants(reading_: str) -> tuple[str, ...]:
    """Hepburn-like romaji of a katakana reading, as written (kouen) and
    with long vowels folded (koen, tokyo)."""
    if not reading_ or not _KATAKANA_ONLY.fullmatch(reading_):
        return ()
    from businesses.slugs import romaji

    found = [romaji(reading_)]
    folded = romaji(fold_reading(reading_))
    if folded != found[0]:
        found.append(folded)
    return tuple(value for value in found if value)


def _title_readings(title: str, kana: str) -> tuple[str, list[str]]:
    """The title's reading (title_kana when given) and the readings of its
    content morphemes (only when they agree with title_kana)."""
    pieces: list[str] = []
    sudachi_reading = []
    for m in _RUN.finditer(title or ""):
        if m.lastgroup != "ja":
            continue
        for term, morpheme_reading, _, _ in _morphemes(m.group()):
            sudachi_reading.append(morpheme_reading)
            if term and len(morpheme_reading) >= 2:
                pieces.append(morpheme_reading)
    whole = _kana_reading(kana) if kana else ""
    if not whole:
        whole = "".join(sudachi_reading)
    elif fold_reading("".join(sudachi_reading)) != fold_reading(whole):
        pieces = []  # Sudachi read the name differently: trust the kana only
    return whole, pieces


# --- documents ---------------------------------------------------------------


@dataclass
class IndexedText:
    name: list[str]  # title, kana reading, romaji (highest weight)
    text: list[str]  # summary, body, category, area, tags
    reading: list[str]  # reading bigrams of title (or title_kana), category and area
    suggest: list[str]  # normalised keys autocomplete matches by prefix


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", normalize(text)).strip()


def index_text(doc: SearchDocument) -> IndexedText:
    language = doc.language
    # The kana reading goes to `reading` and, as romaji, to `name`: Sudachi's
    # terms of a long kana string are guesses (おにし → 御 + 西) that would
    # only add noise to the name.
    name = terms(doc.title, language)
    reading_key = ""
    romaji_keys: list[str] = []
    reading_bigrams: list[str] = []
    if language == "ja" or doc.title_kana:
        whole, pieces = _title_readings(
            doc.title if language not in BIGRAM_LANGUAGES else "", doc.title_kana
        )
        reading_key = whole
        reading_bigrams = _bigram_list(fold_reading(whole))
        romaji_keys = romaji_variants(whole)
        for value in [*romaji_keys, *(r for p in pieces for r in romaji_variants(p))]:
            name.extend(_latin(value))
        if language == "ja":
            # Kanji bigrams too, so a Chinese reader's query (公園) can meet a
            # Japanese document shown as a fallback.
            for m in _HAN_RUN.finditer(doc.title):
                if len(m.group()) > 1:
                    name.extend(t for t, _, _ in _bigrams(m.group(), 0))

    text = terms(doc.summary, language) + terms(doc.body, language)
    labels = [doc.category_label, doc.area_label]
    for value in [*labels, *doc.tags]:
        text += terms(value, language)
    if language == "ja":
        for label in labels:
            text += [t for r in romaji_variants(reading(label)) for t in _latin(r)]
            reading_bigrams += reading_terms(label)
    elif language not in BIGRAM_LANGUAGES:
        for label in labels:
            reading_bigrams += reading_terms(label)

    return IndexedText(
        name=name,
        text=text,
        reading=reading_bigrams,
        suggest=_suggest_keys(doc.title, reading_key, romaji_keys, language),
    )


# --- autocomplete ------------------------------------------------------------

MAX_SUFFIX_KEYS = 6


def _suggest_keys(title: str, reading_: str, romaji_keys: list[str], language: str) -> list[str]:
    keys = [_collapse(title)]
    if reading_:
        keys += [reading_, fold_reading(reading_)]
    keys += romaji_keys
    # Each later word of the title too, so "park" finds "Sakurayama Park"
    # and 公園 finds 桜山公園.
    starts = sorted({start for _, start, _, _ in _tokens(title, language) if start > 0})
    for start in starts[:MAX_SUFFIX_KEYS]:
        keys.append(_collapse(title[start:]))
    found = []
    for key in keys:
        if key and key not in found:
            found.append(key)
    return found


def suggest_keys(text: str, language: str, kana: str = "") -> list[str]:
    """Autocomplete keys of any name (a title, a category or area label), as
    `index_text` makes them for titles: normalised text, its katakana
    reading (from `kana` when given) and romaji, and its later words."""
    reading_key, romaji_keys = "", []
    if language == "ja" or kana:
        reading_key, _ = _title_readings(text if language not in BIGRAM_LANGUAGES else "", kana)
        romaji_keys = romaji_variants(reading_key)
    return _suggest_keys(text, reading_key, romaji_keys, language)


@functools.lru_cache(maxsize=4096)  # a city has a few hundred category and area labels
def label_keys(label: str) -> tuple[str, ...]:
    """Autocomplete keys of a category or area label (both engines): its
    normalised text and the keys its own text would be looked up with."""
    if not label:
        return ()
    keys = [normalize(label), *suggest_key(label)]
    return tuple(sorted({k.strip()[:200] for k in keys if k and k.strip()}))


def suggest_key(prefix: str) -> list[str]:
    """Keys to look up an autocomplete prefix with: a suggestion matches when
    one of its `IndexedText.suggest` keys starts with one of these
    (normalised text; its katakana reading for kana; Latin without spaces
    for romaji)."""
    try:
        base = _collapse(str(prefix or "")[:200])
    except Exception:  # pragma: no cover - defensive: never fail autocomplete
        return []
    if not base:
        return []
    keys = [base]
    if _HAS_KANA.search(base):
        # An IME still composing leaves Latin letters at the end (さくらy).
        kana_part = re.sub(r"[a-z]+$", "", base)
        for value in (base, kana_part):
            kata = katakana(value).replace(" ", "")
            keys.append(kata)
            if len(kata) >= 3:
                keys.append(fold_reading(kata))
    elif base.isascii() and " " in base:
        keys.append(base.replace(" ", ""))
    found = []
    for key in keys:
        if key and key not in found:
            found.append(key)
    return found


# --- queries -----------------------------------------------------------------


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


_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»「」『』＂〝〞"})
_PHRASE = re.compile(r'"([^"]*)"')


def _query_words(chunk: str, language: str) -> Iterator[QueryWord]:
    """The words of one whitespace-free chunk: one per script run (Latin words
    separately, so each can be typo tolerant)."""
    bigram_cjk = language in BIGRAM_LANGUAGES
    for m in _RUN.finditer(chunk):
        kind, run = m.lastgroup, m.group()
        if kind == "w":
            found = list(_latin(run))
            if not found:
                continue
            folded = _fold_word(run)
            fuzzy = len(found) == 1 and folded.isascii() and folded.isalpha() and len(folded) >= 4
            yield QueryWord(raw=run, terms=found, reading=loanword_reading(run), fuzzy=fuzzy)
        elif kind == "ja" and not bigram_cjk:
            found = list(_ja_terms(run))
            if not found:
                continue
            readings = reading_terms(run) if _HAS_KANA.search(run) else []
            yield QueryWord(raw=run, terms=found, reading=readings)
        else:
            found = [t for t, _, _ in _bigrams(run, 0)]
            if found:
                yield QueryWord(raw=run, terms=found)


def _parse_query(text: str, language: str) -> AnalyzedQuery:
    from search.query import MAX_QUERY_LENGTH

    text = str(text or "")[:MAX_QUERY_LENGTH].translate(_QUOTES)
    phrases = []
    for quoted in _PHRASE.findall(text):
        phrase = terms(quoted, language)
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    rest = _PHRASE.sub(" ", text).replace('"', " ")
    words: list[QueryWord] = []
    seen = set()
    for chunk in rest.split():
        for word in _query_words(chunk, language):
            key = tuple(word.terms)
            if key not in seen:
                seen.add(key)
                words.append(word)
    return AnalyzedQuery(words=words, phrases=phrases)


def parse_query(text: str, language: str) -> AnalyzedQuery:
    """The query's words (whitespace-separated, then split by script) and its
    quoted phrases ("…", “…”, 「…」). Never raises: odd input gives fewer
    words, at worst none."""
    try:
        return _parse_query(text, language)
    except Exception:  # pragma: no cover - a bug here must not break the search page
        logger.exception("Could not analyse the query %r", str(text)[:80])
        return AnalyzedQuery(words=[], phrases=[])
