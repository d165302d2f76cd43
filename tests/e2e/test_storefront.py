"""A tourist finds a storefront from the shop directory, by keyboard, reads
it, and switches it to English."""

import datetime as dt
import re

from django.utils import translation
from wagtail.models import Locale

from businesses.models import OpeningPeriod
from tests import factories

NAME = "喫茶まちかど"


def open_all_day():
    """Every day 00:00-12:00 and 12:00-24:00, so "open now" holds whenever the test runs."""
    periods = []
    for weekday in range(7):
        periods.append(OpeningPeriod(weekday=weekday, opens=dt.time(0), closes=dt.time(12)))
        periods.append(OpeningPeriod(weekday=weekday, opens=dt.time(12), closes=dt.time(0)))
    return periods


def translated(language, message):
    with translation.override(language):
        return translation.gettext(message)


def test_storefront_by_keyboard_then_in_english(page, owner1):
    storefront = factories.make_storefront(NAME, owner=owner1, opening_periods=open_all_day())
    english = storefront.get_translation(Locale.objects.get(language_code="en"))

    page.goto("/ja/shops/")
    assert page.locator("html").get_attribute("lang") == "ja"

    # Tab through the page until the storefront's card link has the focus, then follow it.
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => [document.activeElement.tagName, document.activeElement.textContent.trim()]"
        )
        if focused == ["A", NAME]:
            break
    else:
        raise AssertionError("the storefront link was not reached with the Tab key")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(storefront.url)

    heading = page.get_by_role("heading", level=1)
    assert NAME in heading.inner_text()
    assert page.locator(".lead").first.inner_text() == storefront.summary

    status = page.locator(".open-status")
    assert status.inner_text() == translated("ja", "Open now")
    assert "open-status--open" in status.get_attribute("class")

    hours = page.get_by_role("table")
    rows = hours.locator("tbody tr")
    assert rows.count() == 7
    for index in range(7):
        # The second period ends at midnight, shown as 24:00.
        cell = rows.nth(index).locator("td").inner_text()
        assert cell.startswith("00:00–12:00, 12:00–24:00"), cell
    today = rows.first.locator("th").inner_text()
    assert translated("ja", "today") in today

    address = page.locator("address").inner_text()
    for part in ("375-0024", "群馬県", "藤岡市", "藤岡1-2-3", "0274-22-1211"):
        assert part in address

    # The language switcher leads to the English version of the same storefront.
    switcher = page.get_by_role("navigation", name=translated("ja", "Language"))
    with page.expect_navigation():
        switcher.get_by_role("link", name="English").click()
    assert page.url.endswith(english.url)
    assert re.fullmatch(r"/en/shops/[a-z0-9-]+/", english.url)
    assert page.locator("html").get_attribute("lang") == "en"
    assert english.title in page.get_by_role("heading", level=1).inner_text()
    assert page.locator(".open-status").inner_text() == translated("en", "Open now")
    assert page.get_by_role("table").locator("tbody tr").count() == 7
