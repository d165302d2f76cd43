"""Chromium picks the WebP candidate that `sizes` and the screen call for:
the storefront hero (drawn at 100vw - 2rem on a phone) comes as the 600 px
WebP at 1x and the 1200 px one at 2x; a directory card as the 360 px one."""

from tests import factories


def hero_source(page):
    hero = page.locator("img.storefront__hero")
    hero.wait_for()
    page.wait_for_function(
        "document.querySelector('img.storefront__hero').complete"
        " && document.querySelector('img.storefront__hero').naturalWidth > 0"
    )
    # (naturalWidth is density-corrected, so the file name tells the width)
    return hero.evaluate("img => img.currentSrc")


def test_the_browser_loads_the_webp_width_it_needs(new_page, storefront1):
    storefront1.hero_image = factories.make_image("外観", size=(1800, 750))
    storefront1.save_revision().publish()

    def phone(scale):
        page = new_page(device_scale_factor=scale, is_mobile=True)
        page.set_viewport_size({"width": 375, "height": 800})
        return page

    page = phone(1)
    page.goto(storefront1.url)
    src = hero_source(page)
    assert ".fill-600x250.format-webp." in src and src.endswith(".webp"), src

    page = phone(2)
    page.goto(storefront1.url)
    src = hero_source(page)
    assert ".fill-1200x500.format-webp." in src, src

    page = phone(1)
    page.goto(factories.directory().url)
    card = page.locator("img.card__image").first
    card.scroll_into_view_if_needed()  # loading="lazy"
    page.wait_for_function("document.querySelector('img.card__image').naturalWidth > 0")
    src = card.evaluate("img => img.currentSrc")
    assert ".fill-360x240.format-webp." in src, src
