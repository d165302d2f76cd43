"""The easy-reading mode: a header switch that works without JavaScript,
remembered in a cookie, shown as a class on <html>."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

pytestmark = pytest.mark.django_db

LANGUAGES = ["ja", "en", "zh-hans", "zh-hant", "ko"]


def toggle(html):
    """(action, next, value sent, button's aria-pressed, button label) of the header form."""
    form = re.search(r'<form class="easy-reading-toggle".*?</form>', html, re.S).group(0)
    return (
        re.search(r'action="([^"]+)"', form).group(1),
        re.search(r'name="next" value="([^"]*)"', form).group(1),
        re.search(r'name="easy_reading" value="([01])"', form).group(1),
        re.search(r'<button type="submit"[^>]*aria-pressed="(true|false)"', form).group(1),
        re.search(r"<button[^>]*>([^<]+)</button>", form).group(1),
    )


def html_class(html):
    match = re.search(r"<html [^>]*class=\"([^\"]*)\"", html)
    return match.group(1) if match else ""


def test_off_by_default_with_a_switch_to_turn_it_on(client):
    response = client.get("/en/")
    html = response.content.decode()

    assert "easy-reading" not in html_class(html)
    action, next_url, value, pressed, label = toggle(html)
    assert (action, next_url, value, pressed, label) == (
        "/easy-reading/",
        "/en/",
        "1",
        "false",
        "Easy reading",
    )
    assert "Cookie" in response["Vary"]


def test_turning_it_on_sets_a_cookie_for_a_year_and_goes_back(client):
    response = client.post("/easy-reading/", {"easy_reading": "1", "next": "/en/shops/?page=2"})

    assert response.status_code == 302
    assert response["Location"] == "/en/shops/?page=2"
    cookie = response.cookies["easy_reading"]
    assert cookie.value == "1"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]
    assert cookie["path"] == "/"


def test_pages_remember_it_and_the_switch_turns_it_off(client):
    client.post("/easy-reading/", {"easy_reading": "1", "next": "/ja/"})

    response = client.get("/ja/shops/")
    html = response.content.decode()
    assert html_class(html) == "easy-reading"
    _action, next_url, value, pressed, _label = toggle(html)
    assert (next_url, value, pressed) == ("/ja/shops/", "0", "true")
    assert "Cookie" in response["Vary"]

    response = client.post("/easy-reading/", {"easy_reading": "0", "next": "/ja/shops/"})
    assert response["Location"] == "/ja/shops/"
    assert response.cookies["easy_reading"].value == ""  # deleted
    assert response.cookies["easy_reading"]["max-age"] == 0
    assert "easy-reading" not in html_class(client.get("/ja/shops/").content.decode())


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/path",
        "http://evil.example/ja/",
        "javascript:alert(1)",
        "",
    ],
)
def test_only_same_site_addresses_are_followed(client, next_url):
    response = client.post("/easy-reading/", {"easy_reading": "1", "next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["easy_reading"].value == "1"


def test_same_host_absolute_address_is_followed(client):
    response = client.post(
        "/easy-reading/", {"easy_reading": "1", "next": "http://testserver/ko/visit/"}
    )
    assert response["Location"] == "http://testserver/ko/visit/"


def test_the_switch_takes_post_only(client):
    assert client.get("/easy-reading/?easy_reading=1&next=/ja/").status_code == 405


def test_works_with_csrf_checks_on(client):
    """The form carries no token (pages stay cacheable); the view is a
    display preference only."""
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/easy-reading/", {"easy_reading": "1", "next": "/en/"})
    assert response.status_code == 302


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switch_is_in_every_language(client, language):
    html = client.get(f"/{language}/").content.decode()
    with translation.override(language):
        expected = translation.gettext("Easy reading")
    assert toggle(html)[4] == expected


def test_the_switch_costs_no_queries(client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/ja/shops/").status_code == 200
        return len(captured)

    client.get("/ja/shops/")
    off = queries()
    client.cookies["easy_reading"] = "1"
    on = queries()

    assert on == off


def test_styles_exist_for_the_mode():
    from django.contrib.staticfiles import finders

    css = open(finders.find("machikado/css/site.css"), encoding="utf-8").read()
    block = css[css.index(".easy-reading {") :]
    assert "font-size: 125%" in block
    assert "line-height: 1.9" in block
    assert ".easy-reading a { text-decoration: underline" in block
    assert ".easy-reading :focus-visible { outline: 5px solid" in block


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_reach_wcag_aaa_in_the_mode():
    from django.contrib.staticfiles import finders

    css = open(finders.find("machikado/css/site.css"), encoding="utf-8").read()
    root = css[css.index(":root {") :]
    root = root[: root.index("}")]
    mode = css[css.index(".easy-reading {") :]
    mode = mode[: mode.index("}")]

    def colour(block, name):
        return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", block).group(1)

    backgrounds = [colour(root, "paper"), colour(root, "wash")]
    for name in ["ink", "muted", "accent", "ok", "warn"]:
        for background in backgrounds:
            assert contrast(colour(mode, name), background) >= 7, (name, background)
