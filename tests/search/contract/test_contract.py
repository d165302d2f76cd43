"""The engine contract: the same queries give the same results on every
engine (`engine` runs each test on the database engine and on
Elasticsearch).

The corpus and the hand-worked table every expectation comes from are in
corpus.py. Cases that depend on the Japanese analysis (SudachiPy readings,
normalised forms) are in TestThroughAnalysis, so a failure there points at
search.analysis as much as at an engine.
"""

from __future__ import annotations

import dataclasses

import pytest

from search.params import date_preset, date_range
from search.query import Point, SearchQuery

from .corpus import (
    ALL_IDS,
    EN_VISIBLE,
    KM_P1_P3,
    KM_P1_P4,
    NOW,
    P1,
    at,
    corpus,
)


@pytest.fixture
def indexed(db, engine):
    assert engine.index(corpus()) == len(ALL_IDS)
    return engine


def search(engine, text="", language="en", **fields):
    fields.setdefault("now", NOW)
    fields.setdefault("page_size", 50)
    return engine.search(SearchQuery(text=text, language=language, **fields))


def ids(results):
    return [hit.id for hit in results.hits]


def id_set(results):
    found = ids(results)
    assert len(found) == len(set(found)), f"duplicate hits: {found}"
    assert results.total == len(found), (results.total, found)
    return set(found)


def facet(results, name):
    """[(value, count, selected)] of one facet, in the engine's order."""
    return [(v.value, v.count, v.selected) for v in results.facets[name]]


def labels(results, name):
    return {v.value: v.label for v in results.facets[name]}


# -- full text ---------------------------------------------------------------------


class TestFullText:
    def test_every_word_must_match(self, indexed):
        # beer: shop-120 (summary) and event-131 ("Beers" → beer); only the
        # brewery's summary also says garden.
        assert id_set(search(indexed, "beer")) == {"shop-120", "event-131"}
        assert id_set(search(indexed, "beer garden")) == {"shop-120"}
        assert id_set(search(indexed, "beer taiko")) == set()

    def test_name_matches_rank_first(self, indexed):
        # brewery: the shop and the tour ticket have it in their names, the
        # beer festival only in its summary.
        found = ids(search(indexed, "brewery"))
        assert set(found[:2]) == {"shop-120", "product-6-en"}
        assert found[2:] == ["event-131"]

    def test_typo_tolerance_for_latin_words(self, indexed):
        # brewry → brewery (one edit), sakurayma → sakurayama (one edit).
        found = ids(search(indexed, "brewry"))
        assert set(found) == {"shop-120", "product-6-en", "event-131"}
        assert found[-1] == "event-131"
        assert id_set(search(indexed, "sakurayma", kinds=["attraction"])) == {"attraction-101"}

    def test_short_words_are_not_fuzzy_and_the_first_letter_is_fixed(self, indexed):
        # "beir" is one edit from "beer" (4 letters: one edit allowed) ...
        assert id_set(search(indexed, "beir")) == {"shop-120", "event-131"}
        # ... but "ber" (3 letters) must match exactly, and "veer" changes
        # the first letter.
        assert id_set(search(indexed, "ber")) == set()
        assert id_set(search(indexed, "veer")) == set()

    def test_phrase_matches_terms_in_order(self, indexed):
        assert id_set(search(indexed, '"beer garden"')) == {"shop-120"}
        assert id_set(search(indexed, '"garden beer"')) == set()
        # A phrase and a word together: both must match.
        assert id_set(search(indexed, '"food stalls" drums')) == {"event-130"}

    def test_snippet_marks_the_match(self, indexed):
        hit = search(indexed, "garden").hits[0]
        assert hit.id == "shop-120"
        assert "<mark>garden</mark>" in hit.snippet

    def test_odd_text_never_fails(self, indexed):
        for text in ['"', '""', "*", "NEAR(", "a -b", "title:x", "^beer", "(beer", "beer)", "'"]:
            search(indexed, text)


# -- languages -----------------------------------------------------------------------


class TestLanguages:
    def test_english_sees_its_documents_and_untranslated_japanese_ones(self, indexed):
        results = search(indexed)
        assert id_set(results) == EN_VISIBLE
        fallbacks = {hit.id for hit in results.hits if hit.fallback}
        assert fallbacks == {"attraction-2", "event-32", "course-40"}
        assert all(hit.language == "ja" for hit in results.hits if hit.fallback)

    def test_a_translated_document_is_not_found_twice(self, indexed):
        # The Japanese park (translated to en) never shows beside the English one.
        assert id_set(search(indexed, "park", kinds=["attraction"])) == {"attraction-101"}

    def test_japanese_sees_only_japanese(self, indexed):
        results = search(indexed, language="ja")
        assert id_set(results) == {
            "attraction-1",
            "attraction-2",
            "shop-10",
            "shop-20",
            "product-5-ja",
            "product-6-ja",
            "event-30",
            "event-31",
            "event-32",
            "course-40",
        }
        assert not any(hit.fallback for hit in results.hits)

    def test_chinese_falls_back_per_group(self, indexed):
        results = search(indexed, language="zh-hans", kinds=["course", "shop"])
        # course and brewery have zh-hans versions; the cafe does not.
        assert id_set(results) == {"course-240", "shop-220", "shop-10"}
        assert {hit.id: hit.fallback for hit in results.hits} == {
            "course-240": False,
            "shop-220": False,
            "shop-10": True,
        }


# -- filters ---------------------------------------------------------------------------


class TestFilters:
    @pytest.mark.parametrize(
        "fields, expected",
        [
            ({"kinds": ["event"]}, {"event-130", "event-131", "event-32"}),
            (
                {"kinds": ["shop", "product"]},
                {"shop-110", "shop-120", "product-5-en", "product-6-en"},
            ),
            ({"categories": ["festival"]}, {"event-130", "event-131"}),
            (
                {"areas": ["ekimae"]},
                {"attraction-2", "shop-110", "product-5-en", "event-131", "event-32"},
            ),
            ({"price_bands": ["free"]}, {"attraction-101", "event-130"}),
            (
                {"price_bands": ["under-1000", "1000-3000"]},
                {"attraction-2", "shop-110", "product-5-en", "shop-120", "event-131"},
            ),
            ({"barrier_free": True}, {"attraction-101", "shop-110", "event-130"}),
            ({"takes_cards": True}, {"shop-110", "shop-120", "product-6-en"}),
            ({"open_now": True}, {"attraction-101", "attraction-2", "shop-110"}),
        ],
        ids=lambda value: str(sorted(value) if isinstance(value, set) else value)[:40],
    )
    def test_each_filter_alone(self, indexed, fields, expected):
        assert id_set(search(indexed, **fields)) == expected

    def test_filters_combine(self, indexed):
        assert id_set(search(indexed, areas=["sakurayama"], takes_cards=True)) == {
            "shop-120",
            "product-6-en",
        }
        assert id_set(search(indexed, areas=["sakurayama"], takes_cards=True, kinds=["shop"])) == {
            "shop-120"
        }
        assert id_set(search(indexed, "tour", areas=["sakurayama"], takes_cards=True)) == {
            "product-6-en"
        }
        assert id_set(search(indexed, "beer", areas=["ekimae"])) == {"event-131"}

    @pytest.mark.parametrize(
        "now, expected",
        [
            (at(5, 13, 10, 30), {"attraction-101", "attraction-2", "shop-110"}),
            # The park closes at 17:00 (exclusive); the brewery opened at 16:00.
            (at(5, 13, 17, 0), {"shop-110", "shop-120"}),
            (at(5, 13, 20, 0), {"shop-120"}),
            (at(5, 13, 23, 0), set()),
            (at(5, 20, 12, 0), set()),  # beyond the opening hours indexed
        ],
    )
    def test_open_now_at_fixed_times(self, indexed, now, expected):
        assert id_set(search(indexed, open_now=True, now=now)) == expected

    @pytest.mark.parametrize(
        "key, expected",
        [
            ("today", {"event-130"}),  # on now (10:00–16:00), even though it started
            ("weekend", {"event-130"}),  # Saturday 16 May
            ("month", {"event-130", "event-131"}),  # 16 and 23 May; event-32 is past
        ],
    )
    def test_when_presets(self, indexed, key, expected):
        assert id_set(search(indexed, when=date_preset(key, NOW))) == expected

    def test_when_range(self, indexed):
        assert id_set(search(indexed, when=date_range(at(5, 23).date(), at(5, 23).date()))) == {
            "event-131"
        }
        assert id_set(search(indexed, when=date_range(at(5, 24).date(), at(5, 30).date()))) == set()
        # The days between the festival's two dates.
        assert id_set(search(indexed, when=date_range(at(5, 14).date(), at(5, 15).date()))) == set()

    def test_next_start_is_the_first_start_from_now(self, indexed):
        hits = {hit.id: hit for hit in search(indexed, kinds=["event"]).hits}
        # event-130 began at 10:00 today (before NOW): its next start is Saturday.
        assert hits["event-130"].next_start == at(5, 16, 10)
        assert hits["event-131"].next_start == at(5, 23, 17)
        assert hits["event-32"].next_start is None

    def test_near_with_radius_and_distance_sort(self, indexed):
        results = search(indexed, near=Point(*P1), radius_km=1.5, sort="distance")
        found = ids(results)
        assert results.total == 5
        assert set(found[:2]) == {"attraction-101", "event-130"}
        assert set(found[2:4]) == {"shop-110", "event-131"}
        assert found[4] == "shop-120"
        km = {hit.id: hit.distance_km for hit in results.hits}
        assert km["attraction-101"] == pytest.approx(0, abs=0.001)
        assert km["shop-110"] == pytest.approx(KM_P1_P3, abs=0.002)
        assert km["shop-120"] == pytest.approx(KM_P1_P4, abs=0.002)

    def test_radius_is_a_great_circle(self, indexed):
        # 1.1 km keeps P3 (0.714 km) and leaves P4 (1.143 km) out.
        assert id_set(search(indexed, near=Point(*P1), radius_km=1.1)) == {
            "attraction-101",
            "event-130",
            "shop-110",
            "event-131",
        }

    def test_distance_sort_without_radius_puts_documents_without_a_point_last(self, indexed):
        results = search(indexed, near=Point(*P1), sort="distance")
        found = ids(results)
        assert len(found) == 10
        assert set(found[-3:]) == {"product-5-en", "product-6-en", "course-40"}
        assert found[-4] == "event-32"  # 26 km away, the farthest with a point
        assert all(hit.distance_km is None for hit in results.hits[-3:])
        # Without sort=distance the distance is still shown.
        (hit,) = search(indexed, "coffee", near=Point(*P1)).hits
        assert hit.id == "shop-110"
        assert hit.distance_km == pytest.approx(KM_P1_P3, abs=0.002)


# -- facets -------------------------------------------------------------------------------


class TestFacets:
    def test_browsing_with_every_facet(self, indexed):
        results = search(indexed)
        assert results.total == 10
        assert facet(results, "kind") == [
            ("event", 3, False),
            ("attraction", 2, False),
            ("product", 2, False),
            ("shop", 2, False),
            ("course", 1, False),
        ]
        assert facet(results, "category") == [
            ("festival", 2, False),
            ("brewery", 1, False),
            ("cafe", 1, False),
            ("food", 1, False),
            ("half-day", 1, False),
            ("history", 1, False),
            ("market", 1, False),
            ("park", 1, False),
            ("ticket", 1, False),
        ]
        assert facet(results, "area") == [("ekimae", 5, False), ("sakurayama", 5, False)]
        assert facet(results, "price_band") == [
            ("under-1000", 3, False),
            ("1000-3000", 2, False),
            ("free", 2, False),
            ("3000-10000", 1, False),
        ]
        assert facet(results, "when") == [
            ("today", 1, False),
            ("weekend", 1, False),
            ("month", 2, False),
        ]
        assert facet(results, "open_now") == [("true", 3, False)]
        assert facet(results, "barrier_free") == [("true", 3, False)]
        assert facet(results, "takes_cards") == [("true", 3, False)]

    def test_labels_come_from_the_documents_in_the_visitors_language(self, indexed):
        results = search(indexed)
        category = labels(results, "category")
        assert category["festival"] == "Festival"
        assert category["cafe"] == "Cafe"
        assert category["history"] == "史跡"  # only the Japanese fallback has it
        assert labels(results, "area") == {"ekimae": "Station Area", "sakurayama": "Sakurayama"}

    def test_each_facet_applies_the_other_filters_but_not_its_own(self, indexed):
        results = search(indexed, kinds=["shop", "product"], price_bands=["under-1000"])
        assert id_set(results) == {"shop-110", "product-5-en"}
        # kind: the under-1000 documents of every kind.
        assert facet(results, "kind") == [
            ("attraction", 1, False),
            ("product", 1, True),
            ("shop", 1, True),
        ]
        # price band: every band of the shops and products.
        assert facet(results, "price_band") == [
            ("under-1000", 2, True),
            ("1000-3000", 1, False),
            ("3000-10000", 1, False),
        ]
        assert facet(results, "category") == [("cafe", 1, False), ("food", 1, False)]
        assert facet(results, "area") == [("ekimae", 2, False)]
        assert facet(results, "when") == [
            ("today", 0, False),
            ("weekend", 0, False),
            ("month", 0, False),
        ]
        assert facet(results, "open_now") == [("true", 1, False)]
        assert facet(results, "barrier_free") == [("true", 1, False)]
        assert facet(results, "takes_cards") == [("true", 1, False)]

    def test_flag_facets_with_a_flag_on(self, indexed):
        results = search(indexed, barrier_free=True, categories=["park", "cafe"])
        assert id_set(results) == {"attraction-101", "shop-110"}
        assert facet(results, "category") == [
            ("cafe", 1, True),
            ("festival", 1, False),
            ("park", 1, True),
        ]
        assert facet(results, "barrier_free") == [("true", 2, True)]
        assert facet(results, "kind") == [("attraction", 1, False), ("shop", 1, False)]
        assert facet(results, "open_now") == [("true", 2, False)]

    def test_selected_values_without_documents_stay_listed(self, indexed):
        results = search(indexed, categories=["history"], kinds=["shop"])
        assert results.total == 0 and results.hits == []
        assert facet(results, "category") == [
            ("brewery", 1, False),
            ("cafe", 1, False),
            ("history", 0, True),
        ]
        assert facet(results, "kind") == [("attraction", 1, False), ("shop", 0, True)]

    def test_when_facet_and_filter(self, indexed):
        results = search(indexed, when=date_preset("weekend", NOW))
        assert id_set(results) == {"event-130"}
        assert facet(results, "when") == [
            ("today", 1, False),
            ("weekend", 1, True),
            ("month", 2, False),
        ]
        assert facet(results, "kind") == [("event", 1, False)]

    def test_facets_follow_the_text(self, indexed):
        results = search(indexed, "festival")
        assert id_set(results) == {"event-130", "event-131"}
        assert facet(results, "kind") == [("event", 2, False)]
        assert facet(results, "area") == [("ekimae", 1, False), ("sakurayama", 1, False)]
        assert facet(results, "when") == [
            ("today", 1, False),
            ("weekend", 1, False),
            ("month", 2, False),
        ]

    def test_near_radius_applies_to_facets(self, indexed):
        results = search(indexed, near=Point(*P1), radius_km=1.1)
        assert facet(results, "kind") == [
            ("event", 2, False),
            ("attraction", 1, False),
            ("shop", 1, False),
        ]


# -- ordering and paging -------------------------------------------------------------------


class TestOrder:
    BROWSE = [
        # Events by their next start from NOW ...
        "event-130",  # Sat 16 May
        "event-131",  # Sat 23 May
        # ... then everything by title (code point order).
        "product-6-en",  # Brewery tour ticket
        "product-5-en",  # Cherry blossom anpan
        "shop-120",  # Hillside Brewery
        "shop-110",  # Machikado Coffee
        "attraction-101",  # Sakurayama Park
        "attraction-2",  # 古代の森 (U+53E4)
        "event-32",  # 春の植木市 (U+6625; its only date is past)
        "course-40",  # 桜山さんぽコース (U+685C)
    ]

    def test_browsing_order(self, indexed):
        assert ids(search(indexed)) == self.BROWSE

    def test_pages_are_disjoint_and_the_total_stable(self, indexed):
        pages = [search(indexed, page=n, page_size=4) for n in (1, 2, 3)]
        assert [r.total for r in pages] == [10, 10, 10]
        assert [r.pages for r in pages] == [3, 3, 3]
        assert [ids(r) for r in pages] == [self.BROWSE[:4], self.BROWSE[4:8], self.BROWSE[8:]]
        assert search(indexed, page=4, page_size=4).hits == []

    def test_sort_by_date(self, indexed):
        found = ids(search(indexed, "festival", sort="date"))
        assert found == ["event-130", "event-131"]
        found = ids(search(indexed, sort="date", kinds=["event"]))
        assert found == ["event-130", "event-131", "event-32"]


# -- writing ------------------------------------------------------------------------------------


class TestWriting:
    def test_document_ids(self, indexed):
        assert indexed.document_ids() == ALL_IDS

    def test_delete(self, indexed):
        indexed.delete(["shop-120", "no-such-document"])
        assert indexed.document_ids() == ALL_IDS - {"shop-120"}
        assert id_set(search(indexed, "brewery")) == {"product-6-en", "event-131"}
        assert facet(search(indexed, kinds=["shop"]), "kind")[-1] == ("shop", 1, True)

    def test_index_replaces_a_document(self, indexed):
        doc = next(d for d in corpus() if d.id == "shop-120")
        changed = dataclasses.replace(
            doc, title="Hilltop Taproom", summary="Craft beer on tap.", price=None, opening=[]
        )
        assert indexed.index([changed]) == 1
        assert indexed.document_ids() == ALL_IDS
        assert id_set(search(indexed, "taproom")) == {"shop-120"}
        # The old name and summary are gone: "garden" no longer finds it,
        # "hillside" only finds the two that mention the brewery.
        assert id_set(search(indexed, "garden")) == set()
        assert id_set(search(indexed, "hillside")) == {"product-6-en", "event-131"}
        assert id_set(search(indexed, open_now=True, now=at(5, 13, 20))) == set()
        assert facet(search(indexed, kinds=["shop"]), "price_band") == [("under-1000", 1, False)]

    def test_rebuild_replaces_everything(self, indexed):
        keep = [d for d in corpus() if d.id in {"shop-110", "event-131"}]
        seen = []
        assert indexed.rebuild(iter(keep), progress=seen.append) == 2
        assert seen and seen[-1] == 2
        assert indexed.document_ids() == {"shop-110", "event-131"}
        assert id_set(search(indexed)) == {"event-131", "shop-110"}
        assert id_set(search(indexed, "brewery")) == {"event-131"}

    def test_clear(self, indexed):
        indexed.clear()
        assert indexed.document_ids() == set()
        assert search(indexed).total == 0


# -- autocomplete ---------------------------------------------------------------------------------


class TestSuggest:
    def test_title_prefix(self, indexed):
        found = indexed.suggest("Mach", "en")
        assert [(s.text, s.kind, s.url) for s in found] == [
            ("Machikado Coffee", "shop", "/en/shop-110/")
        ]

    def test_labels(self, indexed):
        assert [(s.text, s.kind) for s in indexed.suggest("stat", "en")] == [
            ("Station Area", "area")
        ]
        assert [(s.text, s.kind) for s in indexed.suggest("caf", "en")] == [("Cafe", "category")]

    def test_suggestions_follow_the_language(self, indexed):
        # English has its own version of the cafe: its Japanese name is not offered ...
        assert [s.text for s in indexed.suggest("まちかど", "en")] == []
        assert [s.text for s in indexed.suggest("まちかど", "ja")] == ["まちかど珈琲"]
        # ... but an untranslated Japanese name is.
        assert [s.text for s in indexed.suggest("古代", "en")] == ["古代の森"]

    def test_limit_and_nothing_for_an_empty_prefix(self, indexed):
        assert indexed.suggest("", "en") == []
        assert indexed.suggest("   ", "en") == []
        assert len(indexed.suggest("s", "en", limit=1)) == 1


class TestThroughAnalysis:
    """Cases that rely on the Japanese analysis (SudachiPy readings and
    normalised forms, search.analysis) as much as on the engines."""

    def test_kana_query_finds_the_kanji_name(self, indexed):
        hiragana = search(indexed, "さくらやま", language="ja")
        katakana = search(indexed, "サクラヤマ", language="ja")
        assert "attraction-1" in ids(hiragana)
        assert id_set(hiragana) == id_set(katakana)

    def test_japanese_name_match_ranks_first(self, indexed):
        found = ids(search(indexed, "ビール", language="ja"))
        # クラフトビール祭 has it in its name; the brewery only in its summary.
        assert found[0] == "event-31"
        assert "shop-20" in found

    def test_kana_prefix_suggests_kanji_names(self, indexed):
        texts = [s.text for s in indexed.suggest("さくら", "ja")]
        assert {"桜山公園", "桜まつり", "桜あんぱん", "桜山さんぽコース"} <= set(texts)

    def test_later_words_and_romaji_suggest_names_before_labels(self, indexed):
        # Later words of a title are keys too ("festival"); shortest names
        # first, then the labels.
        assert [(s.text, s.kind) for s in indexed.suggest("festi", "en")] == [
            ("Summer Beer Festival", "event"),
            ("Cherry Blossom Festival", "event"),
            ("Festival", "category"),
        ]
        # Romaji of a Japanese title: the untranslated course (8 characters)
        # before the English park (15), then the area.
        assert [(s.text, s.kind) for s in indexed.suggest("sak", "en")] == [
            ("桜山さんぽコース", "course"),
            ("Sakurayama Park", "attraction"),
            ("Sakurayama", "area"),
        ]
        assert [s.text for s in indexed.suggest("machi", "ja")] == ["まちかど珈琲"]

    def test_english_visitor_finds_an_untranslated_japanese_place(self, indexed):
        results = search(indexed, "古代")
        assert ids(results) == ["attraction-2"]
        assert results.hits[0].fallback is True
