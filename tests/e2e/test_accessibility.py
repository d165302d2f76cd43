"""axe-core finds no serious or critical accessibility violation on the public
pages a tourist sees first.

Set MACHIKADO_SCREENSHOT_DIR to a folder to keep a full-page screenshot of
each page checked (for looking at the design; never inside the repository).
"""

import datetime as dt
import os
from pathlib import Path

from wagtail.models import Locale

from businesses.models import BusinessGalleryImage, OpeningPeriod
from tests import factories

SEVERE = {"serious", "critical"}


def describe(path, violations):
    lines = [path]
    for violation in violations:
        lines.append(f"  {violation['impact']}: {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary']}")
    return "\n".join(lines)


def check_pages(page, axe_violations, paths):
    """Load each path, run axe, and return a report of the severe violations."""
    screenshots = os.environ.get("MACHIKADO_SCREENSHOT_DIR")
    problems = []
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("main").count() == 1
        if screenshots:
            name = path.strip("/").replace("/", "_") or "root"
            page.screenshot(path=str(Path(screenshots) / f"{name}.png"), full_page=True)
        found = [v for v in axe_violations(page) if v["impact"] in SEVERE]
        if found:
            problems.append(describe(path, found))
    return problems


def test_axe_reports_what_it_should(page, axe_violations):
    """The harness itself can fail: an image without alternative text is critical."""
    page.set_content('<html lang="en"><body><main><img src="data:,"></main></body></html>')
    ids = {v["id"] for v in axe_violations(page) if v["impact"] in SEVERE}
    assert "image-alt" in ids


def test_home_directory_and_storefront(page, axe_violations, owner1, area):
    business_photo = factories.make_image("店内の様子", size=(480, 360))
    storefront = factories.make_storefront(
        "喫茶まちかど",
        owner=owner1,
        area=area,
        hero_image=factories.make_image("外観", size=(1200, 500), color=(60, 90, 120)),
        opening_periods=[
            OpeningPeriod(weekday=day, opens=dt.time(9), closes=dt.time(18)) for day in range(6)
        ],
        gallery_images=[BusinessGalleryImage(image=business_photo, caption="カウンター席")],
        website="https://kissa.example.jp/",
    )
    english = storefront.get_translation(Locale.objects.get(language_code="en"))
    paths = ["/ja/", "/en/", "/ja/shops/", "/en/shops/", storefront.url, english.url]
    problems = check_pages(page, axe_violations, paths)
    assert not problems, "\n".join(problems)
