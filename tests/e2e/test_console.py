"""The City console in Chromium: every section with data, axe-core finds no
serious or critical violation, and each chart is an image named by its title
and description with its table next to it.

MACHIKADO_SCREENSHOT_DIR keeps a screenshot of each section (see test_accessibility.py).
"""

import os
from pathlib import Path

from machikado.console.sections import SECTIONS
from tests.console.data import Shops, commerce_orders
from tests.factories import PASSWORD, make_image

from .test_accessibility import SEVERE, describe

PERIOD = "start=2026-03-01&end=2026-04-30"


def test_console_sections_are_accessible(page, axe_violations, staff):
    commerce_orders(Shops())
    make_image("説明のない写真")
    page.goto("/admin/login/")
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    screenshots = os.environ.get("MACHIKADO_SCREENSHOT_DIR")
    problems = []
    for path in ["/admin/city/"] + [f"/admin/city/{e.slug}/" for e in SECTIONS]:
        response = page.goto(f"{path}?{PERIOD}")
        assert response.status == 200, path
        if screenshots:
            name = "console_" + (path.strip("/").split("/")[-1] or "index")
            page.screenshot(path=str(Path(screenshots) / f"{name}.png"), full_page=True)
        for chart in page.locator("svg.console-chart").all():
            assert chart.get_attribute("role") == "img"
            title_id, desc_id = chart.get_attribute("aria-labelledby").split()
            assert page.locator(f"#{title_id}").text_content()
            assert page.locator(f"#{desc_id}").text_content()
            # the figure's table sits in the same report, after the chart
            report = chart.locator("xpath=ancestor::section[1]")
            assert report.locator("table caption").count() == 1
        found = [v for v in axe_violations(page) if v["impact"] in SEVERE]
        if found:
            problems.append(describe(path, found))
    assert not problems, "\n".join(problems)
    # the overview offers the console in the menu
    assert page.locator('a[href="/admin/city/"]').count() >= 1
