"""Snippets: the surface text of the matched words is marked, everything
else escaped, and the window sits around the first match."""

from __future__ import annotations

import pytest
from django.utils.safestring import SafeString

from search.analysis import parse_query
from search.highlight import snippet

PARK_EN = (
    "Sakurayama Park is famous for its winter cherry blossoms. Two local Breweries offer tours."
)
PARK_JA = "冬桜で知られる桜山公園。十一月から十二月にかけて約七千本の冬桜が咲きます。"


def marked(text, query, language, length=160):
    return str(snippet(text, parse_query(query, language), language, length))


@pytest.mark.parametrize(
    ("text", "query", "language", "expected"),
    [
        # Stemmed variants: the surface the visitor sees is marked.
        (PARK_EN, "brewery", "en", "local <mark>Breweries</mark> offer"),
        (PARK_EN, "blossom", "en", "cherry <mark>blossoms</mark>."),
        # A typo within the engines' tolerance marks the word it matched.
        (PARK_EN, "brewry", "en", "<mark>Breweries</mark>"),
        (PARK_EN, "sakurayma", "en", "<mark>Sakurayama</mark> Park"),
        # さくら / サクラ / 桜 meet; a kana query marks the kanji by its reading.
        (PARK_JA, "さくら", "ja", "冬<mark>桜</mark>で知られる"),
        (PARK_JA, "さくらやま", "ja", "知られる<mark>桜山</mark>公園"),
        (PARK_JA, "サクラヤマ", "ja", "知られる<mark>桜山</mark>公園"),
        (PARK_JA, "桜山公園", "ja", "知られる<mark>桜山公園</mark>。"),
        # Romaji of the reading.
        (PARK_JA, "sakurayama", "ja", "<mark>桜山</mark>公園"),
        # Width and case: the original full-width / half-width text is marked.
        (
            "ＣＡＦＥ　ＳＡＫＵＲＡでは手作りのケーキ",
            "cafe",
            "ja",
            "<mark>ＣＡＦＥ</mark> ＳＡＫＵＲＡ",
        ),
        ("ｶﾌｪ ひだまり", "カフェ", "ja", "<mark>ｶﾌｪ</mark> ひだまり"),
        # Bigrams: overlapping matches make one mark.
        ("樱山公园以冬樱闻名", "樱山公园", "zh-hans", "<mark>樱山公园</mark>以冬樱闻名"),
        ("樱山公园以冬樱闻名", "公园", "zh-hans", "樱山<mark>公园</mark>以"),
        ("벚꽃 공원에서 산책", "공원", "ko", "벚꽃 <mark>공원</mark>에서"),
        # Phrases are marked too.
        (PARK_EN, '"winter cherry"', "en", "<mark>winter</mark> <mark>cherry</mark>"),
    ],
)
def test_marks_matched_surface(text, query, language, expected):
    assert expected in marked(text, query, language)


def test_everything_else_is_escaped():
    html = marked('<script>alert("x")</script> Café & Bar <b>', "cafe", "en")
    assert "<script>" not in html and "<b>" not in html
    assert html == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Café</mark> &amp; Bar &lt;b&gt;"
    )


def test_matched_text_is_escaped_inside_the_mark():
    assert marked("Fish&amp;Chips", "chips", "en") == "Fish&amp;amp;<mark>Chips</mark>"


def test_returns_safe_string_without_query_or_match():
    result = snippet(PARK_EN, parse_query("", "en"), "en", 40)
    assert isinstance(result, SafeString)
    assert "<mark>" not in result
    assert result.startswith("Sakurayama Park is famous") and result.endswith("…")
    assert str(snippet(PARK_EN, None, "en", 40)) == str(result)
    assert str(snippet("", parse_query("cafe", "en"), "en")) == ""


def test_window_around_the_first_match():
    text = (
        "Lorem ipsum dolor sit amet. " * 20
        + "The old brewery is by the river. "
        + "Tail words here. " * 20
    )
    html = marked(text, "brewery", "en", length=80)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>brewery</mark>" in html
    visible = html.replace("<mark>", "").replace("</mark>", "").strip("…")
    assert len(visible) <= 80
    # The window starts at a word boundary, not inside a word.
    assert visible.split(" ")[0] in {"Lorem", "ipsum", "dolor", "sit", "amet.", "The"}


def test_window_in_japanese_text():
    text = (
        "藤岡市の観光案内です。" * 30
        + "桜山公園の冬桜は見事です。"
        + "ご来場をお待ちしています。" * 30
    )
    html = marked(text, "冬桜", "ja", length=60)
    assert "<mark>冬桜</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html.replace("<mark>", "").replace("</mark>", "")) <= 62


def test_short_text_is_whole_and_whitespace_collapsed():
    assert marked("Sakurayama\n\n  Park", "park", "en") == "Sakurayama <mark>Park</mark>"


def test_odd_input_never_breaks():
    for text in ["\x00\ud800🍣" * 50, "<" * 500, "桜" * 20000]:
        for query in ["🍣", "<", "さくら", "brewery"]:
            result = snippet(text, parse_query(query, "ja"), "ja", 30)
            assert isinstance(result, SafeString)
            assert "<" not in str(result).replace("<mark>", "").replace("</mark>", "")
