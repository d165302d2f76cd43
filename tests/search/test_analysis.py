"""Text analysis shared by both engines: real Japanese, English, Chinese and
Korean cases, checked through the same matching rule the engines apply (a
word matches when all its terms are in the name or text terms, or all its
reading bigrams are in the reading terms)."""

from __future__ import annotations

import random
import threading
from functools import cache

import pytest

from search.analysis import (
    AnalyzedQuery,
    QueryWord,
    fold_reading,
    index_text,
    normalize,
    parse_query,
    reading_terms,
    suggest_key,
    suggest_keys,
    terms,
)
from search.documents import SearchDocument
from search.query import MAX_QUERY_LENGTH


@cache
def S(word: str) -> str:
    """The term of one Japanese dictionary word, read from Sudachi directly:
    its synonym group ("~" + id) when the dictionary puts it in one, else
    its normalised form."""
    from sudachipy import Dictionary, SplitMode

    (morpheme,) = Dictionary(dict="core").tokenizer(mode=SplitMode.A).tokenize(word)
    groups = morpheme.synonym_group_ids()
    return f"~{groups[0]}" if len(groups) == 1 else normalize(morpheme.normalized_form())


def doc(title, language="ja", **fields):
    return SearchDocument(
        id=f"shop-{abs(hash(title))}",
        kind="shop",
        language=language,
        group="shop-1",
        title=title,
        url="/",
        **fields,
    )


def word_matches(word: QueryWord, indexed) -> bool:
    words = set(indexed.name) | set(indexed.text)
    by_terms = bool(word.terms) and set(word.terms) <= words
    by_reading = bool(word.reading) and set(word.reading) <= set(indexed.reading)
    return by_terms or by_reading


def finds(query: str, document: SearchDocument, language: str | None = None) -> bool:
    analysed = parse_query(query, language or document.language)
    assert analysed.words, f"{query!r} gave no words"
    indexed = index_text(document)
    return all(word_matches(w, indexed) for w in analysed.words)


SAKURAYAMA = doc("桜山公園", title_kana="さくらやまこうえん", summary="冬桜の名所。")
SAKURAYAMA_NO_KANA = doc("桜山公園", summary="冬桜の名所。")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＣＡＦＥ　ＳＡＫＵＲＡ", "cafe sakura"),
        ("ｶﾌｪ", "カフェ"),
        ("Ｂｒｅｗｅｒｙ２０２４", "brewery2024"),
        ("STRASSE", "strasse"),
    ],
)
def test_normalize_folds_width_and_case(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # Sudachi's normalised form and synonym groups: the three spellings
        # of sakura meet, and so do そば and 蕎麦 (which the normalised form
        # keeps apart: そば may also mean 側), カフェ and 喫茶, 珈琲 and コーヒー.
        ("さくら", "ja", [S("桜")]),
        ("サクラ", "ja", [S("桜")]),
        ("桜", "ja", [S("桜")]),
        ("そば", "ja", [S("蕎麦")]),
        ("ソバ", "ja", [S("蕎麦")]),
        ("手打ち蕎麦", "ja", ["手打ち", S("そば")]),
        ("喫茶", "ja", [S("カフェ")]),
        ("珈琲", "ja", [S("コーヒー")]),
        ("桜山公園", "ja", ["桜山", S("公園")]),  # 桜山: in no group, normalised form
        # Particles, auxiliaries and punctuation are dropped; verbs in dictionary form.
        (
            "藤岡市の喫茶店でコーヒーを飲んだ。",
            "ja",
            ["藤岡", "市", S("喫茶"), S("店"), S("コーヒー"), "飲む"],
        ),
        ("ｶﾌｪ", "ja", [S("カフェ")]),
        # Latin inside Japanese is English-analysed; digits kept.
        ("ＣＡＦＥ　ＳＡＫＵＲＡで2024年", "ja", ["cafe", "sakura", "2024", S("年")]),
        ("cafe桜sakura", "ja", ["cafe", S("桜"), "sakura"]),
        # English: lower-cased, stemmed, stop words dropped, accents folded.
        ("Breweries near the Station", "en", ["breweri", "station"]),
        ("brewery", "en", ["breweri"]),
        ("Café O'Brien's", "en", ["cafe", "obrien"]),
        # Chinese and Korean: overlapping bigrams, a lone character stays.
        ("樱山公园", "zh-hans", ["樱山", "山公", "公园"]),
        ("櫻山公園", "zh-hant", ["櫻山", "山公", "公園"]),
        ("桜", "zh-hans", ["桜"]),
        ("벚꽃 공원에서", "ko", ["벚꽃", "공원", "원에", "에서"]),
        ("Seoul 공원", "ko", ["seoul", "공원"]),
        # Hangul inside a Japanese document is bigrammed too.
        ("韓国料理 비빔밥", "ja", [S("韓国"), S("料理"), "비빔", "빔밥"]),
        ("", "ja", []),
        ("!!! ・・・ 。", "ja", []),
    ],
)
def test_terms(text, language, expected):
    assert terms(text, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("さくらやま", ["サク", "クラ", "ラヤ", "ヤマ"]),
        ("サクラヤマ", ["サク", "クラ", "ラヤ", "ヤマ"]),
        # Kanji: Sudachi's reading; long vowels folded (コウエン → コエン).
        ("桜山公園", ["サク", "クラ", "ラヤ", "ヤマ", "マコ", "コエ", "エン"]),
        ("こーえん", ["コエ", "エン"]),
        ("桜", ["サク", "クラ"]),
        ("Sakurayama", []),
        ("", []),
    ],
)
def test_reading_terms(text, expected):
    assert reading_terms(text) == expected


@pytest.mark.parametrize(
    ("spelling", "folded"),
    [
        ("トウキョウ", "トキョ"),
        ("トーキョー", "トキョ"),
        ("コーヒー", "コヒ"),
        ("エイガ", "エガ"),
        ("ヂヅ", "ジズ"),
    ],
)
def test_fold_reading_meets_long_vowel_spellings(spelling, folded):
    assert fold_reading(spelling) == folded


@pytest.mark.parametrize(
    ("query", "document", "language", "found"),
    [
        ("さくら", doc("桜の名所"), "ja", True),
        ("サクラ", doc("さくら茶屋"), "ja", True),
        ("桜", doc("サクラ食堂"), "ja", True),
        # Sudachi splits さくらやま into 桜 + 山: the reading finds 桜山.
        ("さくらやま", SAKURAYAMA, "ja", True),
        ("サクラヤマ", SAKURAYAMA, "ja", True),
        ("さくらやま", SAKURAYAMA_NO_KANA, "ja", True),
        ("さくらやま こうえん", SAKURAYAMA, "ja", True),
        ("さくらやまこうえん", SAKURAYAMA_NO_KANA, "ja", True),
        ("桜山", SAKURAYAMA, "ja", True),
        ("ふゆざくら", SAKURAYAMA, "ja", True),  # Sudachi: 冬 + 桜, both in the summary
        ("もみじ", SAKURAYAMA, "ja", False),
        ("冬桜", SAKURAYAMA, "ja", True),
        ("やまさくら", SAKURAYAMA, "ja", False),
        # Width and case folding.
        ("cafe", doc("ＣＡＦＥ　ＳＡＫＵＲＡ"), "ja", True),
        ("ＣＡＦＥ", doc("Cafe Sakura", "en"), "en", True),
        ("カフェ", doc("ｶﾌｪ ひだまり"), "ja", True),
        ("ｶﾌｪ", doc("カフェ ひだまり"), "ja", True),
        # Spellings Sudachi's normalised form keeps apart but its synonym
        # groups join: そば/ソバ and 蕎麦, カフェ and 喫茶, 珈琲 and コーヒー.
        ("蕎麦", doc("手打ちそば 三波"), "ja", True),
        ("そば", doc("蕎麦処 さんば"), "ja", True),
        ("ソバ", doc("Shop", summary="十割蕎麦の店。"), "ja", True),
        ("手打ち蕎麦", doc("手打ちそば 三波"), "ja", True),
        ("カフェ", doc("喫茶 ひだまり"), "ja", True),
        ("喫茶", doc("ブックカフェ 栞"), "ja", True),
        ("珈琲", doc("Shop", summary="自家焙煎のコーヒー。"), "ja", True),
        # ... and keep different words apart: はし is grouped with 箸, not 橋
        # (a kana query still finds 橋 by reading, as any kana query does).
        ("橋", doc("Shop", summary="塗りの箸。"), "ja", False),
        ("箸", doc("Shop", summary="塗りのはし。"), "ja", True),
        ("はし", doc("めがね橋"), "ja", True),
        # A Latin word Sudachi knows as a loanword also reads as its katakana:
        # an English visitor's query finds a Japanese name (an untranslated
        # page shown as a fallback).
        ("coffee", doc("コーヒー豆の店 まめ"), "en", True),
        ("Museum", doc("藤岡ミュージアム"), "en", True),
        ("coffee", doc("紅茶の店"), "en", False),
        # English stems.
        ("brewery", doc("Fujioka Breweries", "en"), "en", True),
        ("Breweries", doc("Fujioka Brewery", "en"), "en", True),
        ("cherry blossoms", doc("Park", "en", summary="Famous for its cherry blossom"), "en", True),
        ("Sakurayama Park", doc("Sakurayama Park", "en"), "en", True),
        ("park", doc("Sakurayama Park", "en"), "en", True),
        ("temple", doc("Sakurayama Park", "en"), "en", False),
        # Romaji of the Japanese reading, in any language.
        ("sakurayama", SAKURAYAMA, "en", True),
        ("Sakurayama", SAKURAYAMA_NO_KANA, "ja", True),
        ("sakurayama koen", SAKURAYAMA, "en", True),
        ("sakurayama kouen", SAKURAYAMA, "en", True),
        ("tokyo", doc("東京スカイツリー"), "en", True),
        ("onishi", doc("鬼石夏祭り", title_kana="おにしなつまつり"), "en", True),
        ("fujioka", doc("ひだまり", area_label="藤岡"), "en", True),
        # Chinese and Korean bigrams.
        ("公园", doc("樱山公园", "zh-hans"), "zh-hans", True),
        ("樱山", doc("樱山公园", "zh-hans"), "zh-hans", True),
        ("山樱", doc("樱山公园", "zh-hans"), "zh-hans", False),
        ("공원", doc("벚꽃 공원", "ko"), "ko", True),
        ("벚꽃공원", doc("벚꽃 공원", "ko"), "ko", False),
        # A Traditional Chinese reader's query on a Japanese fallback document.
        ("山公園", SAKURAYAMA, "zh-hant", True),
    ],
)
def test_query_finds_document(query, document, language, found):
    assert finds(query, document, language) is found


def test_index_text_fields():
    indexed = index_text(
        doc(
            "鬼石の喫茶店 カフェ・さくら",
            title_kana="おにしのきっさてん かふぇ・さくら",
            summary="自家焙煎の珈琲。",
            body="モーニングもあります。",
            category_label="カフェ",
            area_label="鬼石",
            tags=["カード"],
        )
    )
    assert {"鬼石", S("喫茶"), S("カフェ"), S("桜"), "onishi", "kissa", "sakura"} <= set(
        indexed.name
    )
    # The kana reading gives no Sudachi guesses (おにし → 御 + 西) in the name.
    assert "西" not in indexed.name
    # 珈琲 is normalised to コーヒー, so either spelling finds it.
    assert {S("自家"), S("焙煎"), S("コーヒー"), S("モーニング"), S("カード")} <= set(indexed.text)
    assert {"オニ", "ニシ", "キッ", "サク", "カフ"} <= set(indexed.reading)
    assert indexed.suggest[:2] == ["鬼石の喫茶店 カフェ・さくら", "オニシノキッサテンカフェサクラ"]


def test_title_kana_wins_over_sudachis_guess():
    # Sudachi reads 三波石峡 ミナミイシキョウ; the place's own kana is さんばせききょう.
    guessed = index_text(doc("三波石峡"))
    assert "ミナ" in guessed.reading
    indexed = index_text(doc("三波石峡", title_kana="さんばせききょう"))
    assert {"サン", "ンバ", "バセ", "セキ", "キキ", "キョ"} == set(indexed.reading)
    assert "sanbasekikyou" in indexed.name and "sanbasekikyo" in indexed.name
    assert "minami" not in indexed.name  # Sudachi's pieces are not trusted here
    assert finds("さんばせききょう", doc("三波石峡", title_kana="さんばせききょう"))


def test_english_document_has_no_reading_or_romaji_unless_given_kana():
    plain = index_text(doc("Sakurayama Park", "en", area_label="Fujioka"))
    assert plain.reading == []
    assert plain.name == ["sakurayama", "park"]
    with_kana = index_text(doc("Sakurayama Park", "en", title_kana="さくらやまこうえん"))
    assert {"サク", "ヤマ"} <= set(with_kana.reading)


@pytest.mark.parametrize(
    ("query", "words", "phrases"),
    [
        ('"cherry blossoms" park', [["park"]], [["cherri", "blossom"]]),
        ("「冬桜」 公園", [[S("公園")]], [[S("冬"), S("桜")]]),
        ("“Sakurayama Park”", [], [["sakurayama", "park"]]),
        ('unbalanced "quote', [["unbalanc"], ["quot"]], []),
        ("the of and", [], []),
        ("!!! ??? 。。", [], []),
        ("cafe cafe CAFE", [["cafe"]], []),
        ("cafe桜", [["cafe"], [S("桜")]], []),
        ("", [], []),
    ],
)
def test_parse_query_words_and_phrases(query, words, phrases):
    analysed = parse_query(query, "ja")
    assert [w.terms for w in analysed.words] == words
    assert analysed.phrases == phrases


@pytest.mark.parametrize(
    ("query", "fuzzy"),
    [
        ("brewery", True),
        ("café", True),
        ("park", True),
        ("bar", False),
        ("2024", False),
        ("r2d2", False),
        ("桜山", False),
        ("さくら", False),
    ],
)
def test_fuzzy_only_for_latin_words_of_four_letters(query, fuzzy):
    (word,) = parse_query(query, "en").words
    assert word.fuzzy is fuzzy


def test_query_reading_only_for_kana_and_loanwords():
    kana, kanji, latin = parse_query("さくらやま 桜山 sakura", "ja").words
    assert kana.reading == ["サク", "クラ", "ラヤ", "ヤマ"]
    assert kanji.reading == []  # kanji terms are precise: 佐倉山 must not match 桜山
    assert latin.reading == []  # romaji: the names' own romaji terms find it
    # Common nouns Sudachi's dictionary knows as loanwords, folded as readings are.
    coffee, cafe, soba, bar = parse_query("Coffee café soba bar", "en").words
    assert coffee.reading == ["コヒ"] and coffee.terms == ["coffe"]
    assert cafe.reading == ["カフ", "フェ"]
    assert soba.reading == []  # romaji Sudachi does not know
    assert bar.reading == []  # バー folds to one kana: too short to match on


def test_synonym_group_terms_are_one_token_for_both_engines():
    # "~" + the group id: whitespace-separated (Elasticsearch) and made FTS5-safe
    # by the database engine like any other term.
    (term,) = terms("蕎麦", "ja")
    assert term == S("そば") and term.startswith("~") and term[1:].isdigit()
    assert S("そば") != S("橋") and S("はし") == S("箸")


def test_query_is_capped():
    analysed = parse_query("cafe " * 1000, "en")
    assert analysed.words == [
        QueryWord(raw="cafe", terms=["cafe"], reading=["カフ", "フェ"], fuzzy=True)
    ]
    analysed = parse_query("x" * (MAX_QUERY_LENGTH - 1) + " brewery", "en")
    assert [w.raw for w in analysed.words] == ["x" * (MAX_QUERY_LENGTH - 1)]


def test_parse_query_never_raises_and_never_yields_empty_words():
    rng = random.Random(5)
    ranges = [(0, 0x80), (0x80, 0x3000), (0x3000, 0x3100), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF)]
    ranges += [
        (0xFF00, 0xFFEF),
        (0x1F300, 0x1FAFF),
        (0xD800, 0xDFFF),
        (0, 0x110000),
        (0x300, 0x370),
    ]
    samples = [
        "\x00\x1b[31m\u200b\ufeff",
        "🍣🍺" * 50,
        "\ud800cafe",
        "桜" * 20000,
        '"' * 7,
        "「「」",
    ]
    for _ in range(150):
        low, high = rng.choice(ranges)
        samples.append(
            "".join(chr(rng.randrange(low, high)) for _ in range(rng.choice([1, 5, 40])))
        )
    for text in samples:
        for language in ("ja", "en", "zh-hans", "ko"):
            analysed = parse_query(text, language)
            assert isinstance(analysed, AnalyzedQuery)
            assert all(w.terms and all(w.terms) for w in analysed.words)
            assert all(p and all(p) for p in analysed.phrases)
            suggest_key(text)
            index_text(doc(text[:50], language, summary=text, title_kana=text[:10]))
    assert parse_query(None, "ja").empty


def test_very_long_japanese_text_is_analysed():
    # Sudachi refuses inputs over 49,149 bytes; the analysis cuts long runs.
    assert terms("桜山公園" * 20000, "ja")[:2] == ["桜山", S("公園")]


def test_analysis_from_threads():
    results = []

    def run():
        results.append(terms("藤岡市の喫茶店でコーヒーを飲んだ", "ja"))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and all(r == results[0] for r in results)


def autocompletes(prefix: str, document: SearchDocument) -> bool:
    keys = index_text(document).suggest
    return any(key.startswith(wanted) for key in keys for wanted in suggest_key(prefix))


@pytest.mark.parametrize(
    ("prefix", "document", "found"),
    [
        ("桜山", SAKURAYAMA, True),
        ("さくらや", SAKURAYAMA, True),
        ("サクラヤマコウ", SAKURAYAMA, True),
        ("さくらやまこー", SAKURAYAMA, True),  # ー typed for う
        ("sakuray", SAKURAYAMA, True),
        ("Sakurayama K", SAKURAYAMA, True),
        ("ＳＡＫＵ", SAKURAYAMA, True),
        ("さくらy", SAKURAYAMA, True),  # an IME still composing
        ("公園", SAKURAYAMA, True),  # a later word of the title
        ("さくらやま", SAKURAYAMA_NO_KANA, True),  # Sudachi's reading
        ("tokyo", doc("東京スカイツリー"), True),
        ("caf", doc("Café Sakura", "en"), True),
        ("sakura", doc("Café Sakura", "en"), True),
        ("やまさ", SAKURAYAMA, False),
        ("park", SAKURAYAMA, False),
    ],
)
def test_suggest_keys_match_prefixes(prefix, document, found):
    assert autocompletes(prefix, document) is found


def test_suggest_keys_of_labels_match_the_title_keys():
    assert suggest_keys("桜山公園", "ja", "さくらやまこうえん") == index_text(SAKURAYAMA).suggest
    keys = suggest_keys("藤岡", "ja")
    assert keys == ["藤岡", "フジオカ", "fujioka"]
    assert suggest_keys("Central Fujioka", "en") == ["central fujioka", "fujioka"]


def test_suggest_key_of_nothing():
    assert suggest_key("") == []
    assert suggest_key("   ") == []
