"""The Content Security Policy in Chromium: the public pages (home, directory,
storefront with JSON-LD, attraction and event with their maps, model course,
search with autocomplete, product, cart, checkout and the card payment with
localstripe's Stripe.js, receipt) and the Wagtail admin (dashboard, page
editor with a chooser and the preview, image upload) report no violation, and
their scripts work under it: the map draws its tiles, autocomplete suggests,
the card form appears and pays, the receipt's Print button shows, the admin's
chooser opens and an image uploads.

Violations are collected from the `securitypolicyviolation` event in every
frame and from Chromium's console messages. A first test shows the harness
sees a blocked inline script, so the empty lists later mean something."""

import datetime as dt
import logging
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from search.documents import SearchDocument
from search.engines import get_engine
from tests.shop.conftest import localstripe, localstripe_server  # noqa: F401 (fixtures)
from tests.tourism.factories import make_attraction, make_course, make_event
from tourism.hours import now_in_tokyo

from .test_owner_approval import admin_in_english, log_in
from .test_shop_checkout import VISA, add_to_cart, fill_checkout, pay_with, products, webhook  # noqa: F401

TILES = "http://tiles.machikado.test"
LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation({
    directive: event.effectiveDirective, blocked: event.blockedURI,
    source: event.sourceFile, line: event.lineNumber, page: event.documentURI,
  });
}, true);
"""


def watch(page):
    """Collect CSP violations and uncaught script errors of this page's context."""
    found = []
    page.context.expose_binding("__cspViolation", lambda _source, report: found.append(report))
    page.context.add_init_script(LISTENER)
    page.on(
        "console",
        lambda message: (
            found.append({"console": message.text})
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: found.append({"error": str(error)}))
    return found


def test_the_harness_sees_a_blocked_inline_script(page, caplog):
    found = watch(page)
    page.goto("/ja/")
    with caplog.at_level(logging.WARNING, logger="machikado.csp"):
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.ran = true'; document.body.append(s); }"
        )
        page.wait_for_timeout(300)
        assert page.evaluate("window.ran") is None
        assert any(v.get("directive") == "script-src-elem" for v in found), found
        # Chromium also sends the report to the policy's report-uri, which logs it.
        for _ in range(30):
            reports = [r.getMessage() for r in caplog.records if r.name == "machikado.csp"]
            if reports:
                break
            page.wait_for_timeout(100)
    assert reports and reports[0].startswith("CSP violation: script-src-elem blocked inline on"), (
        reports
    )


@pytest.fixture
def public_content(settings, area, products, storefront1):  # noqa: F811
    settings.MAP_TILE_URL = TILES + "/{z}/{x}/{y}.png"
    settings.SEARCH_ENGINE = "database"
    storefront1.latitude, storefront1.longitude = Decimal("36.2585"), Decimal("139.0755")
    storefront1.save_revision().publish()
    temple = make_attraction(
        "桜山寺", area=area, latitude=Decimal("36.258"), longitude=Decimal("139.075")
    )
    today = now_in_tokyo().date()
    event = make_event("山門コンサート", venue_page=temple, start_date=today + dt.timedelta(days=3))
    course = make_course(
        "寺と喫茶の散歩", stops=[(temple, 60, 10, "walk"), (storefront1, 30, 0, "walk")]
    )
    engine = get_engine()
    engine.clear()
    engine.index(
        [
            SearchDocument(
                id=f"shop-{storefront1.pk}",
                kind="shop",
                language="ja",
                group=f"shop-{storefront1.translation_key}",
                title="喫茶まちかど",
                url=storefront1.url,
                title_kana="きっさまちかど",
                summary="駅前の小さな喫茶店。",
            )
        ]
    )
    return temple, event, course


def test_public_pages_and_card_payment_under_the_policy(
    new_page,
    localstripe,  # noqa: F811
    webhook,  # noqa: F811
    public_content,
    products,  # noqa: F811
    storefront1,
):
    temple, event, course = public_content
    tea, _towel = products
    page = new_page(locale="ja-JP")
    found = watch(page)
    # Every map tile answered here: nothing leaves the machine.
    tile = _png(256, 256)
    page.route(f"{TILES}/**", lambda route: route.fulfill(body=tile, content_type="image/png"))

    for path in ["/ja/", "/en/", "/ja/shops/", course.url]:
        assert page.goto(path).status == 200, path

    # Storefront: the JSON-LD data block is there and parses in the page.
    assert page.goto(storefront1.url).status == 200
    assert page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )

    # Maps: Leaflet (our static files) draws tiles from MAP_TILE_URL's host.
    for url in [temple.url, event.url]:
        assert page.goto(url).status == 200, url
        expect(page.locator(".leaflet-container").first).to_be_visible()
        expect(page.locator("img.leaflet-tile-loaded").first).to_be_attached()

    # Search page and the header's autocomplete.
    assert page.goto("/ja/search/?q=喫茶").status == 200
    page.goto("/ja/")
    page.locator("#site-search-q").press_sequentially("喫茶", delay=40)
    expect(page.get_by_role("option", name=re.compile("喫茶まちかど"))).to_be_visible()

    # Product, cart, checkout and the card payment through localstripe's Stripe.js.
    add_to_cart(page, tea, "ja", lambda _page: [])
    with page.expect_navigation():
        page.get_by_role("link", name="ご注文手続きへ").click()
    fill_checkout(page, "ja")
    page.get_by_label("カード", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="注文を確定する").click()
    assert re.search(r"/ja/checkout/[0-9a-f-]+/pay/$", page.url)
    expect(page.locator("#card-form")).to_be_visible()
    expect(page.locator("#card-needs-js")).to_be_hidden()
    pay_with(page, VISA)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "ご注文ありがとうございます", timeout=30_000
    )

    # The receipt: its stylesheet applies and print.js shows the Print button.
    with page.expect_navigation():
        page.locator('a[href*="/receipt/"]').first.click()
    expect(page.get_by_role("button", name="印刷")).to_be_visible()
    assert (
        page.evaluate("getComputedStyle(document.querySelector('main.sheet')).maxWidth") != "none"
    )

    assert found == [], found


def test_admin_under_its_policy(new_page, staff, owner1, storefront1, tmp_path):
    admin_in_english(staff)
    admin_in_english(owner1)
    page = new_page(locale="en-US")
    found = watch(page)
    log_in(page, staff)
    assert page.goto("/admin/").status == 200

    # The page editor: Wagtail's inline widget scripts run (the chooser opens).
    assert page.goto(f"/admin/pages/{storefront1.pk}/edit/").status == 200
    page.locator("button[data-chooser-action-choose]:visible").first.click()
    expect(page.locator(".modal-content:visible").first).to_be_visible()
    page.goto(f"/admin/pages/{storefront1.pk}/edit/")

    # The preview panel frames the preview (frame-src and frame-ancestors 'self').
    page.get_by_role("button", name="Toggle preview").click()
    frame = page.frame_locator("#w-preview-iframe")
    expect(frame.locator("main h1")).to_be_attached(timeout=20_000)

    # Image upload: the multiple upload page sends the file and shows its edit form.
    image = tmp_path / "shop.png"
    image.write_bytes(_png(40, 30))
    assert page.goto("/admin/images/multiple/add/").status == 200
    page.locator("input[type=file]").first.set_input_files(str(image))
    expect(page.locator(".upload-success").first).to_be_visible()
    page.close()  # its editing-session pings stop before the next sign-in

    # An owner's dashboard (their own panel with charts and its stylesheet).
    owner = new_page(locale="en-US")
    found_owner = watch(owner)
    log_in(owner, owner1)
    assert owner.goto("/admin/").status == 200

    assert found == [], found
    assert found_owner == [], found_owner


def _png(width, height):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()
