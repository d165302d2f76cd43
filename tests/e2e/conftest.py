"""Browser tests: real Chromium (Debian's package) driven by Playwright against
pytest-django's live server, with axe-core injected for accessibility checks.

Chromium comes from `apt-get install chromium` and axe-core from
`npm install --prefix tests/e2e` (the Makefile's test target does that).
Playwright's own browser download is never used. Without either, the tests
skip, or fail when MACHIKADO_REQUIRE_SERVICES=1 (CI).
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.conftest import skip_or_fail

CHROMIUM = Path(os.environ.get("MACHIKADO_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TIMEOUT_MS = 20_000
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the browser tests of this package.

    Playwright's sync API keeps an asyncio event loop running in the main
    thread, and Django refuses ORM calls from a thread with a running loop.
    The tests' own ORM calls (fixtures, assertions) are ordinary synchronous
    code, so Django's guard is lifted while, and only while, the browser runs.
    """
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a test dependency
        skip_or_fail("playwright is not installed (pip install -e '.[dev]')")

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser, live_server):
    """Open a fresh browser context (own cookies) on the live server:
    ``new_page(locale="en-US")`` returns a Playwright page."""
    # The database is flushed between live-server tests and the platform set up
    # again, so cached site root paths from a previous test would be stale.
    cache.clear()
    contexts = []

    def open_page(locale="ja-JP", **options):
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            timezone_id="Asia/Tokyo",
            viewport={"width": 1280, "height": 900},
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def axe_violations():
    """``axe_violations(page)``: axe-core's violations on the loaded page."""
    if not AXE_JS.exists():
        skip_or_fail(
            f"axe-core not found at {AXE_JS} (npm install --no-save --no-package-lock --prefix tests/e2e)"
        )

    def run(page):
        # Evaluated, not added as a <script> element: the Content Security
        # Policy blocks inline scripts, and the pages are tested under it.
        page.evaluate(AXE_JS.read_text())
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return result["violations"]

    return run
