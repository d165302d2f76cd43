"""GET parameters → SearchQuery: every error, the date presets in Asia/Tokyo and
the words the query text understands."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.utils import translation

from search.params import MAX_PAGE, date_preset, parse
from search.query import MAX_PAGE_SIZE, MAX_QUERY_LENGTH, DateRange, Point
from tests import factories
from tests.tourism.factories import make_attraction, translate

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def at(*args):
    return dt.datetime(*args, tzinfo=TOKYO)


def run(query_string, language="en", api=False, now=None):
    with translation.override(language):
        return parse(
            QueryDict(query_string), language=language, api=api, now=now or at(2026, 5, 13, 15)
        )


# -- presets ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "key", "start", "end"),
    [
        # Wednesday 13 May 2026, 15:00
        (at(2026, 5, 13, 15), "today", at(2026, 5, 13), at(2026, 5, 14)),
        (at(2026, 5, 13, 15), "weekend", at(2026, 5, 16), at(2026, 5, 18)),
        (at(2026, 5, 13, 15), "month", at(2026, 5, 13), at(2026, 6, 1)),
        # Saturday: the whole weekend from this morning
        (at(2026, 5, 16, 22), "weekend", at(2026, 5, 16), at(2026, 5, 18)),
        # Sunday: what is left of it
        (at(2026, 5, 17, 9), "weekend", at(2026, 5, 17), at(2026, 5, 18)),
        # Monday: the coming weekend
        (at(2026, 5, 18, 0, 30), "weekend", at(2026, 5, 23), at(2026, 5, 25)),
        # month end, and year end
        (at(2026, 1, 31, 23, 59), "month", at(2026, 1, 31), at(2026, 2, 1)),
        (at(2026, 12, 31, 12), "today", at(2026, 12, 31), at(2027, 1, 1)),
        (at(2026, 12, 31, 12), "month", at(2026, 12, 31), at(2027, 1, 1)),
        (at(2028, 2, 29, 8), "month", at(2028, 2, 29), at(2028, 3, 1)),
    ],
)
def test_date_presets(now, key, start, end):
    assert date_preset(key, now) == DateRange(key, start, end)


def test_presets_are_taken_in_tokyo_even_from_a_utc_now():
    # 2026-05-16 16:00 UTC is Sunday 01:00 in Tokyo
    now = dt.datetime(2026, 5, 16, 16, tzinfo=dt.UTC)
    weekend = date_preset("weekend", now)
    assert (weekend.start, weekend.end) == (at(2026, 5, 17), at(2026, 5, 18))
    today = date_preset("today", now)
    assert today.start == at(2026, 5, 17)


# -- valid parameters ---------------------------------------------------------------


@pytest.mark.django_db
def test_a_full_valid_query():
    parsed = run(
        "q=+soba++&kind=shop&kind=event&category=restaurant&area=onishi&price=free"
        "&price=1000-3000&when=range&from=2026-05-01&to=2026-05-31&open_now=1&barrier_free=true"
        "&cards=on&near=36.2,139.06&radius=2.5&sort=distance&page=3"
    )
    assert parsed.valid, parsed.errors
    q = parsed.query
    assert q.text == "soba"
    assert q.language == "en"
    assert q.kinds == ["shop", "event"]
    assert q.categories == ["restaurant"]
    assert q.areas == ["onishi"]
    assert q.price_bands == ["free", "1000-3000"]
    assert q.when == DateRange("range", at(2026, 5, 1), at(2026, 6, 1))
    assert (q.open_now, q.barrier_free, q.takes_cards) == (True, True, True)
    assert q.near == Point(36.2, 139.06)
    assert q.radius_km == 2.5
    assert q.sort == "distance"
    assert q.page == 3
    assert parsed.filtered


def test_empty_parameters_browse_everything():
    parsed = run("")
    assert parsed.valid
    assert parsed.query.text == ""
    assert not parsed.filtered
    assert parsed.query.page == 1


def test_from_and_to_without_when_are_a_range_and_off_values_are_off():
    parsed = run("from=2026-05-01&to=2026-05-01&open_now=0&cards=false&barrier_free=")
    assert parsed.valid
    assert parsed.query.when == DateRange("range", at(2026, 5, 1), at(2026, 5, 2))
    assert not parsed.query.open_now and not parsed.query.takes_cards


def test_page_size_only_for_the_api():
    assert run("page_size=5").query.page_size == 20
    assert run("page_size=5", api=True).query.page_size == 5


# -- errors -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query_string", "field", "message"),
    [
        ("kind=hotel", "kind", "Unknown kind: hotel."),
        ("category=<script>", "category", "Not a valid choice: <script>."),
        ("area=a b", "area", "Not a valid choice: a b."),
        ("price=cheap", "price", "Unknown price band: cheap."),
        ("when=tomorrow", "when", "Choose today, this weekend, this month or dates."),
        ("when=range&to=2026-05-02", "from", "Enter a date."),
        ("when=range&from=2026-05-02", "to", "Enter a date."),
        ("from=2026-13-01&to=2026-05-02", "from", "Enter a date as YYYY-MM-DD."),
        ("from=1.5.2026&to=2026-05-02", "from", "Enter a date as YYYY-MM-DD."),
        ("from=2026-05-02&to=2026-05-01", "to", "The end date must not be before the start date."),
        ("from=2026-01-01&to=2027-01-02", "to", "Choose a range of at most one year."),
        ("open_now=maybe", "open_now", "Use 1 or true to turn this filter on."),
        ("barrier_free=2", "barrier_free", "Use 1 or true to turn this filter on."),
        ("cards=yes please", "cards", "Use 1 or true to turn this filter on."),
        ("near=atlantis", "near", "Choose a place from the list or share your location."),
        ("near=91,139", "near", "Choose a place from the list or share your location."),
        ("near=page-999999", "near", "Choose a place from the list or share your location."),
        ("radius=3", "radius", "Choose a place to search around first."),
        ("near=36.2,139&radius=0", "radius", "Enter a distance over 0 and up to 50 km."),
        ("near=36.2,139&radius=51", "radius", "Enter a distance over 0 and up to 50 km."),
        ("near=36.2,139&radius=nan", "radius", "Enter a distance over 0 and up to 50 km."),
        ("near=36.2,139&radius=far", "radius", "Enter a distance over 0 and up to 50 km."),
        ("sort=price", "sort", "Sort by relevance, distance or date."),
        ("sort=distance", "sort", "Choose a place to sort by distance."),
        ("page=0", "page", f"Enter a whole number from 1 to {MAX_PAGE}."),
        ("page=-1", "page", f"Enter a whole number from 1 to {MAX_PAGE}."),
        (f"page={MAX_PAGE + 1}", "page", f"Enter a whole number from 1 to {MAX_PAGE}."),
        ("page=two", "page", f"Enter a whole number from 1 to {MAX_PAGE}."),
        ("kind=" + "&kind=".join(["shop"] * 21), "kind", "Choose at most 20 values."),
    ],
)
def test_each_error_names_its_field(query_string, field, message):
    parsed = run(query_string)
    assert not parsed.valid
    assert parsed.errors == {field: [message]}


def test_page_size_errors_in_the_api():
    for value in ("0", str(MAX_PAGE_SIZE + 1), "x"):
        parsed = run(f"page_size={value}", api=True)
        assert parsed.errors == {"page_size": [f"Enter a whole number from 1 to {MAX_PAGE_SIZE}."]}


@pytest.mark.django_db
def test_errors_are_in_the_visitors_language():
    parsed = run("kind=hotel&from=x&to=2026-01-01", language="ja")
    assert set(parsed.errors) == {"kind", "from"}
    # Japanese text when the catalogue has it; never an exception either way
    assert all(isinstance(m, str) and m for ms in parsed.errors.values() for m in ms)


# -- the text ------------------------------------------------------------------------


def test_text_at_the_cap_is_kept_whole():
    text = "あ" * MAX_QUERY_LENGTH
    parsed = run(f"q={text}")
    assert parsed.valid and parsed.query.text == text and not parsed.truncated
    assert run(f"q={text}", api=True).valid


def test_text_over_the_cap_is_cut_on_the_page_and_refused_by_the_api():
    text = "a" * (MAX_QUERY_LENGTH + 1)
    page = run(f"q={text}")
    assert page.valid and page.truncated
    assert page.query.text == "a" * MAX_QUERY_LENGTH
    api = run(f"q={text}", api=True)
    assert api.errors == {
        "q": [f"The search text is too long: at most {MAX_QUERY_LENGTH} characters."]
    }


def test_control_characters_and_null_bytes_are_dropped():
    parsed = run("q=so%00ba%07%0Anoodles")
    assert parsed.valid
    assert parsed.query.text == "soba\nnoodles"


@pytest.mark.parametrize(
    ("text", "language", "rest", "when", "understood"),
    [
        ("festival today", "en", "festival", "today", ["Today"]),
        ("今日 祭り", "ja", "祭り", "today", None),
        ("concerts this weekend", "en", "concerts", "weekend", ["This weekend"]),
        ("今週末のイベント", "ja", "のイベント", "weekend", None),
        ("週末 花火", "ja", "花火", "weekend", None),
        ("markets This Month", "en", "markets", "month", ["This month"]),
        ("今月 桜", "ja", "桜", "month", None),
    ],
)
def test_date_words(text, language, rest, when, understood):
    parsed = run(f"q={text}", language=language)
    assert parsed.query.text == rest
    assert parsed.query.when == date_preset(when, at(2026, 5, 13, 15))
    assert parsed.values["when"] == when
    if understood:
        assert parsed.understood == understood
    else:
        assert len(parsed.understood) == 1


def test_a_when_parameter_wins_over_the_words():
    parsed = run("q=festival today&when=month")
    assert parsed.query.when.key == "month"
    assert parsed.query.text == "festival today"
    assert parsed.understood == []


def test_words_inside_other_words_are_not_understood():
    parsed = run("q=todays menu")
    assert parsed.query.text == "todays menu" and parsed.query.when is None


@pytest.mark.parametrize(
    ("text", "language", "rest"),
    [("cafe open now", "en", "cafe"), ("営業中 カフェ", "ja", "カフェ"), ("OPEN NOW", "en", "")],
)
def test_open_now_words(text, language, rest):
    parsed = run(f"q={text}", language=language)
    assert parsed.query.open_now
    assert parsed.query.text == rest
    assert len(parsed.understood) == 1


@pytest.fixture
def sakurayama(db):
    area = factories.make_area("桜山", "sakurayama", "Sakurayama")
    area.name_kana = "さくらやま"
    area.save()
    return area


@pytest.fixture
def shrine(db):
    page = make_attraction(
        "冬桜の寺",
        name_kana="ふゆざくらのてら",
        latitude=Decimal("36.180000"),
        longitude=Decimal("139.080000"),
    )
    page.english = translate(page, "en", title="Winter Cherry Temple")
    return page


@pytest.mark.parametrize(
    ("text", "language", "rest", "label"),
    [
        ("cafe near Sakurayama", "en", "cafe", "Near Sakurayama"),
        ("near sakurayama soba", "en", "soba", "Near Sakurayama"),
        ("桜山の近くのカフェ", "ja", "のカフェ", None),
        ("桜山周辺 そば", "ja", "そば", None),
        ("サクラヤマ周辺", "ja", "", None),
        ("さくらやまの近く", "en", "", "Near Sakurayama"),
    ],
)
def test_near_an_area_in_the_text(sakurayama, text, language, rest, label):
    parsed = run(f"q={text}", language=language)
    assert parsed.query.near == Point(36.2, 139.06)
    assert parsed.query.text == rest
    assert parsed.place.value == "sakurayama"
    assert len(parsed.understood) == 1
    if label:
        assert parsed.understood == [label]
    else:
        assert "桜山" in parsed.understood[0]


@pytest.mark.parametrize(
    ("text", "language", "rest", "label"),
    [
        ("soba near winter cherry temple", "en", "soba", "Near Winter Cherry Temple"),
        ("冬桜の寺の近く そば", "ja", "そば", None),
        ("ふゆざくらのてら周辺 そば", "en", "そば", "Near Winter Cherry Temple"),
    ],
)
def test_near_an_attraction_in_the_text(shrine, text, language, rest, label):
    parsed = run(f"q={text}", language=language)
    assert parsed.query.near == Point(36.18, 139.08)
    assert parsed.query.text == rest
    # the page in the visitor's language
    expected = shrine.english if language == "en" else shrine
    assert parsed.place.value == f"page-{expected.pk}"
    assert len(parsed.understood) == 1
    if label:
        assert parsed.understood == [label]
    else:
        assert "冬桜の寺" in parsed.understood[0]


def test_near_an_unknown_place_stays_text(db, sakurayama):
    parsed = run("q=cafe near the station")
    assert parsed.query.near is None
    assert parsed.query.text == "cafe near the station"
    assert parsed.understood == []


def test_near_parameter_by_slug_and_by_page(sakurayama, shrine):
    by_slug = run("near=sakurayama&radius=3")
    assert by_slug.valid and by_slug.query.near == Point(36.2, 139.06)
    assert by_slug.place.label == "Sakurayama"
    by_page = run(f"near=page-{shrine.pk}")
    assert by_page.valid and by_page.query.near == Point(36.18, 139.08)
    assert by_page.place.label == "Winter Cherry Temple"
    assert by_page.place.value == f"page-{shrine.english.pk}"
    # an explicit near wins over words in the text
    both = run(f"q=near sakurayama&near=page-{shrine.pk}")
    assert both.query.near == Point(36.18, 139.08)
    assert both.query.text == "near sakurayama"


def test_several_words_at_once(sakurayama):
    parsed = run("q=soba near sakurayama open now today")
    assert parsed.query.text == "soba"
    assert parsed.query.open_now and parsed.query.when.key == "today"
    assert parsed.query.near == Point(36.2, 139.06)
    assert parsed.understood == ["Today", "Open now", "Near Sakurayama"]


def test_no_database_query_without_a_near_word(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        run("q=soba today open now")
