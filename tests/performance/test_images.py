"""Images on rendered public pages: every <img> has its width and height (no
layout shift while it loads), the page's main picture (hero or product
photo, the likely Largest Contentful Paint) loads at once with high
priority, and every other picture loads lazily."""

import re

import pytest
from django.test import Client

from businesses.models import BusinessGalleryImage
from shop.models import ProductImage
from tests.factories import directory, make_image, make_product
from tests.tourism.factories import make_attraction

pytestmark = pytest.mark.django_db


def img_tags(html):
    return re.findall(r"<img\b[^>]*>", html)


def attribute(tag, name):
    match = re.search(rf'\b{name}="([^"]*)"', tag)
    return match[1] if match else None


def check(html, *, main_image):
    tags = img_tags(html)
    assert tags
    for tag in tags:
        assert attribute(tag, "width") and attribute(tag, "height"), tag
    eager = [tag for tag in tags if attribute(tag, "loading") != "lazy"]
    if main_image:
        assert len(eager) == 1, eager
        assert attribute(eager[0], "loading") == "eager"
        assert attribute(eager[0], "fetchpriority") == "high"
        assert tags.index(eager[0]) == 0  # the first picture on the page
    else:
        assert eager == [], eager
    return tags


def test_storefront_hero_first_gallery_lazy(storefront1):
    storefront1.hero_image = make_image("hero", size=(1600, 900))
    for n in range(3):
        storefront1.gallery_images.add(BusinessGalleryImage(image=make_image(f"g{n}")))
    storefront1.save_revision().publish()
    tags = check(Client().get(storefront1.url).content.decode(), main_image=True)
    assert len(tags) == 4


def test_attraction_hero_first_gallery_lazy():
    page = make_attraction("金山城跡", hero_image=make_image("castle", size=(1600, 900)))
    page.gallery_images.add(page.gallery_images.model(image=make_image("wall")))
    page.save_revision().publish()
    tags = check(Client().get(page.url).content.decode(), main_image=True)
    assert len(tags) == 2


def test_product_photo_first_thumbnails_lazy(storefront1):
    product = make_product(storefront1.business, "ほうじ茶")
    for n in range(3):
        ProductImage.objects.create(product=product, image=make_image(f"tea{n}"), sort_order=n)
    tags = check(Client().get(product.get_absolute_url()).content.decode(), main_image=True)
    assert len(tags) == 3


def test_listing_cards_are_all_lazy(storefront1):
    storefront1.hero_image = make_image("card")
    storefront1.save_revision().publish()
    check(Client().get(directory().url).content.decode(), main_image=False)
