"""The search page on the database engine: results, facets, paging, errors,
hostile input, the click counter, the analytics rows and where staff read them."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search.engines.base import SearchUnavailable
from search.models import SearchClick, SearchLog
from search.presenters import CLICK_SALT
from search.query import MAX_QUERY_LENGTH
from tests import factories
from tests.search.documents import many_documents, sample_documents

HOSTILE = [
    '"unbalanced',
    "soba AND OR NOT",
    "NEAR(soba noodles)",
    "name_terms: soba",
    "* ^ - + ( ) { } : ~",
    "'; DROP TABLE search_searchlog; --",
    "%_\\",
    "soba\x00noodles",
    "🍜🍣 ramen 🎌",
    "ｓｏｂａ　そば",
    "x" * 10_000,
    "そ" * 10_000,
    "<script>alert(1)</script>",
]


@pytest.fixture
def indexed(database_engine):
    database_engine.index(sample_documents())
    return database_engine


def get(client, path="/en/search/", **params):
    return client.get(path, params)


def test_the_page_renders_results_and_facets(client, indexed):
    response = get(client, q="soba")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert "Fujioka Soba House" in html
    assert re.search(r'role="status"[^>]*>\s*1 result', html)
    # a checkbox per kind with its count, in a fieldset
    assert re.search(
        r'name="kind" value="shop"[^>]*>\s*<label[^>]*>Shops <span class="facet__count">\(1\)', html
    )
    assert "<legend>Type</legend>" in html
    # the result links through the click counter
    assert reverse("search_click") + "?t=" in html


def test_language_switcher_keeps_the_search(client, indexed):
    html = get(client, q="soba", kind="shop").content.decode()
    # the switcher's link to Japanese is the same search under /ja/
    assert re.search(r'href="/ja/search/\?q=soba&amp;kind=shop"', html)


def test_fallback_hits_are_labelled_in_japanese(client, indexed):
    response = get(client, q="寺")
    html = response.content.decode()
    assert "冬桜の寺" in html
    assert 'lang="ja" hreflang="ja">冬桜の寺</a>' in html
    assert "In Japanese" in html


def test_japanese_page_and_no_fallback_label(client, indexed):
    response = get(client, "/ja/search/", q="そば")
    assert response.status_code == 200
    html = response.content.decode()
    assert "藤岡そば処" in html
    assert "Fujioka Soba House" not in html
    assert 'lang="ja" hreflang="ja">' not in html


def test_browse_with_filters_without_text(client, indexed):
    response = get(client, "/ja/search/", kind="event", when="weekend")
    html = response.content.decode()
    assert response.status_code == 200
    assert "桜山まつり" in html and "冬桜の寺" not in html
    assert 'name="kind" value="event" id="facet-kind-' in html
    # browsing is not logged, and links go straight to the pages
    assert SearchLog.objects.count() == 0
    assert 'href="/ja/event-4/"' in html


def test_empty_page_is_indexable_and_has_the_form(client, indexed):
    html = get(client).content.decode()
    assert 'content="noindex"' not in html
    assert 'role="search"' in html and 'name="q"' in html


def test_words_understood_are_shown(client, indexed):
    factories.make_area("桜山", "sakurayama", "Sakurayama")
    html = get(client, q="festival near sakurayama this weekend").content.decode()
    assert '<span class="chip">This weekend</span>' in html
    assert '<span class="chip">Near Sakurayama</span>' in html


def test_paging_with_rel_prev_and_next(client, database_engine):
    database_engine.index(many_documents(45))
    first = get(client, q="soba", kind="product")
    html = first.content.decode()
    assert "45 results" in html and "page 1 of 3" in html
    assert 'rel="prev"' not in html
    next_href = re.search(r'<a rel="next" href="([^"]+)"', html)[1].replace("&amp;", "&")
    assert parse_qs(urlsplit(next_href).query) == {
        "q": ["soba"],
        "kind": ["product"],
        "page": ["2"],
    }
    second = client.get("/en/search/" + next_href).content.decode()
    assert 'rel="prev"' in second and 'rel="next"' in second
    assert '<ol class="search-results__list" start="21">' in second
    last = get(client, q="soba", kind="product", page=3).content.decode()
    assert 'rel="next"' not in last
    beyond = get(client, q="soba", kind="product", page=9).content.decode()
    assert "There are no more results." in beyond


def test_parameter_errors_are_shown_per_field(client, indexed):
    response = get(
        client, q="soba", kind="hotel", radius="3", **{"from": "2026-02-30", "to": "2026-03-01"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert '<a href="#field-kind">Unknown kind: hotel.</a>' in html
    assert 'id="error-radius">Choose a place to search around first.</p>' in html
    assert 'aria-describedby="error-from"' in html and 'aria-invalid="true"' in html
    # the fieldset with an error points at its message
    assert 'id="field-kind" aria-describedby="error-kind"' in html
    # nothing searched
    assert "Fujioka Soba House" not in html
    assert SearchLog.objects.count() == 0


def test_query_at_the_cap_and_over_it(client, indexed):
    at_cap = get(client, q="s" * MAX_QUERY_LENGTH)
    assert at_cap.status_code == 200
    assert "only its first" not in at_cap.content.decode()
    over = get(client, q="soba " + "s" * MAX_QUERY_LENGTH)
    assert over.status_code == 200
    html = over.content.decode()
    assert f"only its first {MAX_QUERY_LENGTH} characters were used" in html


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_never_fails(client, indexed, text):
    for path in ("/en/search/", "/ja/search/"):
        response = client.get(path, {"q": text, "sort": "date"})
        assert response.status_code == 200, text
        html = response.content.decode()
        assert "Search is unavailable" not in html, text
        assert "<script>alert" not in html


def test_hostile_parameters_never_fail(client, indexed):
    cases = [
        {"kind": "\x00"},
        {"near": "🍜"},
        {"near": "1e309,1e309"},
        {"radius": "1e309", "near": "36.2,139.06"},
        {"page": "9" * 50},
        {"from": "9999-99-99", "to": "0000-00-00"},
        {"when": "\x00"},
        {"area": "x" * 10_000},
        {"price": ["free"] * 500},
    ]
    for params in cases:
        response = client.get("/en/search/", params)
        assert response.status_code in (200, 400), params
        assert b"error-summary" in response.content or response.status_code == 200


def test_an_unavailable_engine_gives_a_friendly_page(client, indexed, monkeypatch):
    def down(self, query):
        raise SearchUnavailable("node down")

    monkeypatch.setattr(type(indexed), "search", down)
    response = get(client, q="soba")
    assert response.status_code == 200
    assert "Search is unavailable right now" in response.content.decode()


def test_a_search_is_logged_once_without_personal_data(client, indexed):
    get(client, q="  Ｓｏｂａ   House ")
    get(client, q="  Ｓｏｂａ   House ", page=2)  # paging is the same search
    get(client, q="nothing-like-this", kind="shop")
    rows = list(SearchLog.objects.order_by("pk").values("query", "language", "results", "filtered"))
    assert rows == [
        {"query": "soba house", "language": "en", "results": 1, "filtered": False},
        {"query": "nothing-like-this", "language": "en", "results": 0, "filtered": True},
    ]
    # no cookie is set by searching
    response = get(client, q="soba")
    assert not response.cookies


def click_links(html):
    return [m.replace("&amp;", "&") for m in re.findall(r'href="(/search/click/\?t=[^"]+)"', html)]


def test_a_click_is_counted_and_redirects(client, indexed):
    html = get(client, "/ja/search/", q="冬桜").content.decode()
    links = click_links(html)
    assert links
    log = SearchLog.objects.get()
    response = client.get(links[0])
    assert response.status_code == 302
    assert response["Location"].startswith("/ja/")
    click = SearchClick.objects.get()
    assert (click.search_id, click.position) == (log.pk, 1)
    assert click.kind in {"attraction", "event"}


def test_unsigned_or_tampered_click_tokens_are_refused(client, indexed):
    html = get(client, q="soba").content.decode()
    link = click_links(html)[0]
    token = parse_qs(urlsplit(link).query)["t"][0]
    forged = signing.dumps(
        {"s": None, "k": "shop", "p": 1, "u": "https://evil.example/"}, salt="other"
    )
    foreign = signing.dumps(
        {"s": None, "k": "shop", "p": 1, "u": "https://evil.example/"}, salt=CLICK_SALT
    )
    slashes = signing.dumps(
        {"s": None, "k": "shop", "p": 1, "u": "//evil.example/"}, salt=CLICK_SALT
    )
    for bad in ("", "abc", token[:-2] + "xx", token + "x", forged, foreign, slashes):
        response = client.get(reverse("search_click"), {"t": bad})
        assert response.status_code == 400, bad
    assert SearchClick.objects.count() == 0


def test_query_count_of_the_page_is_bounded(client, database_engine):
    database_engine.index(many_documents(45))
    get(client, q="soba")  # warm caches (site root, locales)
    with CaptureQueriesContext(connection) as small:
        get(client, q="soba", kind="product")
    database_engine.index(many_documents(45, language="ja"))
    with CaptureQueriesContext(connection) as large:
        get(client, q="soba", kind="product", area="onishi", price="free")
    assert len(small) <= 25, [q["sql"] for q in small.captured_queries]
    assert len(large) <= len(small) + 2


# -- analytics for staff: the City console's Search section ---------------------------


def test_searches_reach_the_console_from_the_reports_menu(client, indexed, staff):
    for _ in range(3):
        get(client, q="soba")
    get(client, q="nothing-like-this")
    client.force_login(staff)
    console_url = reverse("city_console:section", args=["search"])
    assert console_url in client.get(reverse("wagtailadmin_home")).content.decode()
    html = client.get(console_url).content.decode()
    top = re.search(r'<table class="listing" id="[^"]*top-queries".*?</table>', html, re.S)[0]
    assert re.search(r"soba</th>\s*<td[^>]*>3<", top)
    empty = re.search(r'<table class="listing" id="[^"]*no-results".*?</table>', html, re.S)[0]
    assert "nothing-like-this" in empty and "soba" not in empty


def test_owners_get_no_search_analytics(client, owner1, storefront1):
    client.force_login(owner1)
    console_url = reverse("city_console:section", args=["search"])
    assert console_url not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(console_url).status_code in (302, 403)


def test_logged_text_has_no_control_characters(client, indexed):
    get(client, q="so\x00ba\x07 ")
    assert SearchLog.objects.get().query == "soba"
