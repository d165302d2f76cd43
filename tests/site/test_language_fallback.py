"""Untranslated pages are served in Japanese under every other language's
prefix, with a notice in the visitor's language; the language switcher and
the hreflang alternates."""

import re
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from tests.tourism.factories import make_attraction, translate

pytestmark = pytest.mark.django_db

NOTICES = {
    "en": "This page is not yet available in English; it is shown in Japanese.",
}
OTHER_LANGUAGES = ["en", "zh-hans", "zh-hant", "ko"]


def notice_in(html):
    match = re.search(r'<p class="notice notice--fallback" lang="([\w-]+)">([^<]+)</p>', html)
    return match and (match.group(1), match.group(2))


def main_lang(html):
    return re.search(r'<main id="main" tabindex="-1"(?: lang="([\w-]+)")?>', html).group(1)


def html_lang(html):
    return re.search(r'<html lang="([\w-]+)"', html).group(1)


def canonical(html):
    """The canonical address's path (its host is the Wagtail site's)."""
    return urlsplit(re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)).path


def alternates(html):
    return dict(
        (code, href)
        for code, href in re.findall(
            r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html
        )
    )


def switcher(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return dict(
        (code, href) for href, code in re.findall(r'<a href="([^"]+)" lang="([\w-]+)"', nav)
    )


@pytest.fixture
def temple():
    return make_attraction("金鑚神社", slug="kanasana")


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_untranslated_page_falls_back_to_japanese(client, temple, language):
    response = client.get(f"/{language}/visit/attractions/kanasana/")

    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["page"].pk == temple.pk  # the Japanese page itself
    assert "金鑚神社" in html
    # The interface speaks the visitor's language; the content is marked Japanese.
    assert html_lang(html) == language
    assert main_lang(html) == "ja"
    notice_lang, notice = notice_in(html)
    assert notice_lang == language
    assert notice == NOTICES.get(language, notice)
    # One address for search engines: the Japanese original.
    assert canonical(html) == "/ja/visit/attractions/kanasana/"


def test_notice_is_in_the_visitors_language(client, temple, settings):
    """Each language's notice is its own text (from its catalogue) naming that
    language; checked on what differs, whatever the catalogues' wording."""
    notices = {
        language: notice_in(
            client.get(f"/{language}/visit/attractions/kanasana/").content.decode()
        )[1]
        for language in OTHER_LANGUAGES
    }
    assert notices["en"] == NOTICES["en"]
    assert len(set(notices.values())) == len(OTHER_LANGUAGES)


def test_japanese_and_translated_pages_have_no_notice(client, temple):
    translate(temple, "ko", title="가나사나 신사")

    ja = client.get("/ja/visit/attractions/kanasana/").content.decode()
    ko = client.get("/ko/visit/attractions/kanasana/").content.decode()

    assert notice_in(ja) is None and main_lang(ja) is None
    assert notice_in(ko) is None and main_lang(ko) is None
    assert "가나사나 신사" in ko
    assert canonical(ko) == "/ko/visit/attractions/kanasana/"


def test_draft_translation_falls_back_too(client, temple):
    translate(temple, "en", title="Kanasana Shrine", publish=False)

    html = client.get("/en/visit/attractions/kanasana/").content.decode()

    assert "Kanasana Shrine" not in html
    assert notice_in(html)[1] == NOTICES["en"]


def test_translation_under_another_slug_is_where_the_japanese_path_leads(client, temple):
    translate(temple, "en", title="Kanasana Shrine", slug="kanasana-shrine")

    response = client.get("/en/visit/attractions/kanasana/")

    assert response.status_code == 302
    assert response["Location"] == "/en/visit/attractions/kanasana-shrine/"


def test_a_path_that_exists_in_no_tree_is_a_404(client, temple):
    for language in ["ja", *OTHER_LANGUAGES]:
        assert client.get(f"/{language}/visit/attractions/nowhere/").status_code == 404
        assert client.get(f"/{language}/no-such-section/").status_code == 404


def test_unpublished_japanese_page_is_a_404_everywhere(client):
    make_attraction("非公開の寺", slug="hidden", publish=False)
    for language in ["ja", *OTHER_LANGUAGES]:
        assert client.get(f"/{language}/visit/attractions/hidden/").status_code == 404


def test_a_wagtail_redirect_wins_over_the_fallback(client, temple):
    Redirect.objects.create(
        old_path="/en/visit/attractions/kanasana",
        site=Site.objects.get(is_default_site=True),
        redirect_link="/en/visit/",
    )
    response = client.get("/en/visit/attractions/kanasana/")

    assert response.status_code == 301
    assert response["Location"] == "/en/visit/"


def test_private_japanese_page_stays_private_in_fallback(client, temple):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=temple, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/en/visit/attractions/kanasana/")

    assert response.status_code == 302
    assert "/_util/login/" in response["Location"] or "login" in response["Location"]


def test_switcher_links_every_language_to_the_same_page(client, temple):
    translate(temple, "en", title="Kanasana Shrine")

    for language in ["ja", *OTHER_LANGUAGES]:
        html = client.get(f"/{language}/visit/attractions/kanasana/").content.decode()
        assert switcher(html) == {
            "ja": "/ja/visit/attractions/kanasana/",
            "en": "/en/visit/attractions/kanasana/",
            "zh-hans": "/zh-hans/visit/attractions/kanasana/",
            "zh-hant": "/zh-hant/visit/attractions/kanasana/",
            "ko": "/ko/visit/attractions/kanasana/",
        }, language


def test_hreflang_lists_only_live_translations_and_x_default(client, temple):
    translate(temple, "ko", title="가나사나 신사")
    translate(temple, "en", title="Kanasana Shrine", publish=False)

    for path in [
        "/ja/visit/attractions/kanasana/",
        "/ko/visit/attractions/kanasana/",
        "/zh-hans/visit/attractions/kanasana/",  # a fallback page
    ]:
        html = client.get(path).content.decode()
        assert alternates(html) == {
            "ja": "http://testserver/ja/visit/attractions/kanasana/",
            "ko": "http://testserver/ko/visit/attractions/kanasana/",
            "x-default": "http://testserver/ja/visit/attractions/kanasana/",
        }, path


def test_home_pages_have_all_five_alternates(client):
    html = client.get("/zh-hant/").content.decode()

    assert alternates(html) == {
        "ja": "http://testserver/ja/",
        "en": "http://testserver/en/",
        "zh-hans": "http://testserver/zh-hans/",
        "zh-hant": "http://testserver/zh-hant/",
        "ko": "http://testserver/ko/",
        "x-default": "http://testserver/ja/",
    }
    assert notice_in(html) is None


def test_switcher_on_other_views_keeps_the_view(client):
    html = client.get("/ko/apply/").content.decode()
    assert switcher(html) == {code: f"/{code}/apply/" for code in ["ja", *OTHER_LANGUAGES]}


def test_query_counts_do_not_depend_on_translations(client, temple):
    """The switcher costs one query whatever the number of translations, and
    the fallback costs the same whichever languages the page has."""

    def queries(path):
        client.get(path)  # warm caches (site root paths)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    untranslated = queries("/ja/visit/attractions/kanasana/")
    fallback = queries("/zh-hans/visit/attractions/kanasana/")
    for language in ["en", "zh-hant", "ko"]:
        translate(temple, language, title=f"Kanasana {language}")

    assert queries("/ja/visit/attractions/kanasana/") == untranslated
    assert queries("/zh-hans/visit/attractions/kanasana/") == fallback


def test_visitor_pageurl_keeps_visitors_in_their_language(rf, temple):
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{% load machikado_tags %}{% visitor_pageurl page %}")
    request = rf.get("/")
    korean = translate(temple, "ko", title="가나사나 신사")
    for language, page, expected in [
        ("ja", temple, "/ja/visit/attractions/kanasana/"),
        ("en", temple, "/en/visit/attractions/kanasana/"),
        ("zh-hant", temple, "/zh-hant/visit/attractions/kanasana/"),
        ("en", korean, "/ko/visit/attractions/kanasana/"),
    ]:
        with translation.override(language):
            rendered = template.render(Context({"page": page, "request": request}))
        assert rendered == expected, language


def test_views_can_name_the_languages_their_content_is_written_in(rf):
    from django.template import Context, Template
    from django.utils import translation

    template = Template(
        "{% load machikado_tags %}{% language_versions as versions %}"
        "{% for v in versions %}{{ v.code }}={{ v.url }}:{{ v.exact }};{% endfor %}"
    )
    with translation.override("ko"):
        request = rf.get("/ko/products/1/")
        rendered = template.render(
            Context({"request": request, "hreflang_languages": ["ja", "en"]})
        )
    assert rendered == (
        "ja=/ja/products/1/:True;en=/en/products/1/:True;zh-hans=/zh-hans/products/1/:False;"
        "zh-hant=/zh-hant/products/1/:False;ko=/ko/products/1/:False;"
    )
