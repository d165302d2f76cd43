"""In a real browser: a page shown in Japanese to a Korean visitor, and the
easy-reading switch (a plain form: no JavaScript needed), both without
serious or critical axe-core violations."""

from tests.tourism.factories import make_attraction

from .test_accessibility import SEVERE, describe


def test_fallback_page_and_easy_reading_mode(page, axe_violations):
    make_attraction("金鑚神社", slug="kanasana", summary="古い神社。")
    path = "/ko/visit/attractions/kanasana/"

    response = page.goto(path)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator("main").get_attribute("lang") == "ja"
    assert page.locator(".notice--fallback").get_attribute("lang") == "ko"
    found = [v for v in axe_violations(page) if v["impact"] in SEVERE]
    assert not found, describe(path, found)

    toggle = page.locator(".easy-reading-toggle__button")
    assert toggle.get_attribute("aria-pressed") == "false"
    size_before = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    toggle.click()
    page.wait_for_load_state()

    assert page.url.endswith(path)  # back where the visitor was
    assert "easy-reading" in (page.locator("html").get_attribute("class") or "")
    toggle = page.locator(".easy-reading-toggle__button")
    assert toggle.get_attribute("aria-pressed") == "true"
    size_after = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert float(size_after.removesuffix("px")) == 1.25 * float(size_before.removesuffix("px"))
    line_height = page.evaluate("getComputedStyle(document.body).lineHeight")
    assert (
        abs(float(line_height.removesuffix("px")) / float(size_after.removesuffix("px")) - 1.9)
        < 0.01
    )
    found = [v for v in axe_violations(page) if v["impact"] in SEVERE]
    assert not found, describe(path, found)

    # Remembered on the next page.
    page.goto("/ko/")
    assert "easy-reading" in (page.locator("html").get_attribute("class") or "")
