"""An owner works an order in real Chromium: the list, the detail page, a status
step by its button, the printable receipt and packing slip; axe-core finds no
serious or critical violation on those pages.

Set MACHIKADO_SCREENSHOT_DIR to keep full-page screenshots (never inside the
repository)."""

import os
from pathlib import Path

from playwright.sync_api import expect

from shop.models import Order
from tests.shop.orders import mark_card_paid, open_shop, order_of, place, product

from .test_accessibility import SEVERE, describe
from .test_owner_approval import log_in


def screenshot(page, name):
    folder = os.environ.get("MACHIKADO_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def severe(page, axe_violations):
    return [v for v in axe_violations(page) if v["impact"] in SEVERE]


def test_owner_moves_an_order_and_prints_its_papers(new_page, axe_violations, owner1, storefront1):
    shop = storefront1.business
    open_shop(shop)
    tea = product(shop, "ほうじ茶", price=1080, tax_class="reduced")
    cup = product(shop, "湯呑み", price=2200, tax_class="standard")
    order = order_of(mark_card_paid(place([(tea, 2), (cup, 1)])), shop)

    page = new_page()
    log_in(page, owner1)
    page.goto("/admin/shop-orders/")
    screenshot(page, "orders-index")
    problems = [describe("index", found) for found in [severe(page, axe_violations)] if found]
    page.get_by_role("link", name=order.number).click()
    expect(page.get_by_role("heading", name="状態")).to_be_visible()
    screenshot(page, "orders-detail")
    if found := severe(page, axe_violations):
        problems.append(describe("detail", found))

    page.get_by_role("button", name="準備を始める").click()
    expect(page.locator(".messages")).to_contain_text("準備中")
    order.refresh_from_db()
    assert order.status == Order.PREPARING
    expect(page.get_by_label("追跡番号（任意）")).to_be_visible()

    for name, path in (
        ("receipt", f"/admin/shop-orders/{order.pk}/receipt/?language=ja"),
        ("packing-slip", f"/admin/shop-orders/{order.pk}/packing-slip/?language=en"),
        ("public-receipt", f"/en/orders/{order.group.uuid}/receipt/{order.pk}/"),
    ):
        page.goto(path)
        screenshot(page, name)
        if found := severe(page, axe_violations):
            problems.append(describe(name, found))
    # Printing hides the toolbar.
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.get_by_text("Receipt (qualified invoice)").first).to_be_visible()
    assert problems == [], "\n".join(problems)
