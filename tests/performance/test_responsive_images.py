"""Responsive pictures on the public pages: each is a <picture> with a WebP
<source> offering the widths machikado.renditions.RESPONSIVE lists (srcset
with width descriptors, and the use's sizes) and an <img> fallback in the
original format that keeps width/height, alt and loading; the WebP renditions
really are WebP; and once `generate_renditions` has run, viewing any of these
pages makes no rendition."""

import io
import re
from html import unescape

import pytest
from django.core.cache import caches
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.test import Client
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page

from businesses.models import BusinessGalleryImage
from machikado.renditions import RESPONSIVE, SPECS
from shop.models import ProductImage
from tests.factories import directory, make_image, make_product
from tests.tourism.factories import listing, make_attraction, make_course, make_event, tourism_home

pytestmark = pytest.mark.django_db

# Originals large enough for every width of their use.
HERO = (1800, 750)
CARD_OR_PRODUCT = (1200, 900)
FIGURE = (1600, 500)

PICTURE = re.compile(r"<picture>(<source\b[^>]*>)?(<img\b[^>]*>)</picture>")


@pytest.fixture(autouse=True)
def _fresh_rendition_cache():
    # Wagtail caches renditions by image id; ids come round again after rollback.
    caches["default"].clear()
    yield
    caches["default"].clear()


def attribute(tag, name):
    match = re.search(rf'\b{name}="([^"]*)"', tag)
    return unescape(match[1]) if match else None


def pictures(html):
    """[(source tag, img tag)] for every <picture>; no <img> outside one."""
    found = PICTURE.findall(html)
    assert len(re.findall(r"<img\b", html)) == len(found), "an <img> outside a <picture>"
    return found


def widths(source):
    return [int(candidate.split()[1][:-1]) for candidate in attribute(source, "srcset").split(", ")]


def check_picture(source, img, use, *, sizes=None):
    responsive = RESPONSIVE[use]
    assert attribute(source, "type") == "image/webp"
    assert attribute(source, "sizes") == (sizes or responsive.sizes)
    expected = sorted(int(re.search(r"(\d+)(?:x\d+)?$", spec)[1]) for spec in responsive.widths)
    assert widths(source) == expected, (use, source)
    assert all(".webp " in c + " " for c in attribute(source, "srcset").split(" ")[::2])
    # The fallback: the image's own format, with its size and the given attributes.
    assert attribute(img, "src").endswith(".png")
    assert attribute(img, "width") and attribute(img, "height")
    assert attribute(img, "alt") is not None


def get(url):
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_storefront_hero_gallery_blocks_and_products(storefront1):
    storefront1.hero_image = make_image("hero", size=HERO)
    storefront1.gallery_images.add(
        BusinessGalleryImage(image=make_image("g", size=CARD_OR_PRODUCT), caption="")
    )
    storefront1.body = [
        ("image", {"image": make_image("fig", size=FIGURE), "caption": ""}),
        ("gallery", {"heading": "", "images": [make_image("b", size=CARD_OR_PRODUCT)]}),
    ]
    storefront1.save_revision().publish()
    product = make_product(storefront1.business, "ほうじ茶")
    ProductImage.objects.create(product=product, image=make_image("tea", size=CARD_OR_PRODUCT))

    found = pictures(get(storefront1.url))
    uses = ["hero", "figure", "gallery", "gallery", "card"]
    assert len(found) == len(uses)
    for (source, img), use in zip(found, uses, strict=True):
        check_picture(source, img, use)
    hero = found[0][1]
    assert attribute(hero, "loading") == "eager" and attribute(hero, "fetchpriority") == "high"
    assert attribute(hero, "alt") == "hero"  # the image's alt text
    assert all(attribute(img, "loading") == "lazy" for _source, img in found[1:])
    assert 'class="storefront__hero"' in hero


def test_directory_cards(storefront1):
    storefront1.hero_image = make_image("card", size=CARD_OR_PRODUCT)
    storefront1.save_revision().publish()
    [(source, img)] = pictures(get(directory().url))
    check_picture(source, img, "card")
    assert attribute(img, "alt") == "" and attribute(img, "loading") == "lazy"


def test_product_photo_and_thumbnails(storefront1):
    product = make_product(storefront1.business, "ほうじ茶")
    for n in range(2):
        ProductImage.objects.create(
            product=product, image=make_image(f"tea{n}", size=CARD_OR_PRODUCT), sort_order=n
        )
    (main_source, main), (thumb_source, thumb) = pictures(get(product.get_absolute_url()))
    check_picture(main_source, main, "product")
    check_picture(thumb_source, thumb, "thumbnail")
    assert attribute(main, "fetchpriority") == "high"
    assert attribute(thumb, "loading") == "lazy"


def test_tourism_pages_and_listings():
    hero = make_image("castle", size=HERO)
    card = make_image("castle card", size=CARD_OR_PRODUCT)
    attraction = make_attraction("金山城跡", hero_image=hero)
    attraction.gallery_images.add(attraction.gallery_images.model(image=card))
    attraction.save_revision().publish()
    event = make_event("秋祭り", hero_image=hero)
    second = make_attraction("鬼石神社")
    course = make_course(
        "城下町の散歩",
        hero_image=hero,
        stops=[(attraction, 30, 10, "walk"), (second, 20, None, "walk")],
    )

    (source, img), (gallery_source, gallery_img) = pictures(get(attraction.url))
    check_picture(source, img, "hero")
    check_picture(gallery_source, gallery_img, "gallery")
    for page in (event, course):
        source, img = pictures(get(page.url))[0]
        check_picture(source, img, "hero")
        assert attribute(img, "fetchpriority") == "high"
    for kind in ("attractions", "courses"):
        found = pictures(get(listing(kind).url))
        assert found, kind
        for source, img in found:
            check_picture(source, img, "card")


def test_home_heroes_are_full_width():
    for page in (Page.objects.get(url_path="/home/").specific, tourism_home()):
        page.hero_image = make_image("town", size=HERO)
        page.save_revision().publish()
        source, img = pictures(get(page.url))[0]
        check_picture(source, img, "hero", sizes="100vw")
        assert attribute(img, "fetchpriority") == "high"


def test_webp_renditions_are_webp_and_fallbacks_keep_the_format():
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 900), (30, 120, 200)).save(buffer, format="JPEG")
    image = get_image_model()(title="photo", file=ImageFile(buffer, name="photo.jpg"))
    image.save()
    call_command("generate_renditions", stdout=io.StringIO())
    renditions = {r.filter_spec: r for r in image.renditions.all()}
    assert set(renditions) == set(SPECS)
    for spec, rendition in renditions.items():
        with rendition.file.open("rb") as file, PILImage.open(file) as picture:
            expected = "WEBP" if spec.endswith("|format-webp") else "JPEG"
            assert picture.format == expected, spec
            assert picture.size == (rendition.width, rendition.height)
    assert renditions["fill-720x480|format-webp"].width == 720


def test_no_page_view_makes_a_rendition(storefront1):
    """Every spec the pictures ask for is among those made ahead of time."""
    storefront1.hero_image = make_image("hero", size=(400, 300))
    storefront1.body = [
        ("image", {"image": make_image("fig", size=(400, 300)), "caption": ""}),
        ("gallery", {"heading": "", "images": [make_image("b", size=(400, 300))]}),
    ]
    storefront1.save_revision().publish()
    product = make_product(storefront1.business, "ほうじ茶")
    for n in range(2):
        ProductImage.objects.create(product=product, image=make_image(f"tea{n}", size=(400, 300)))
    attraction = make_attraction("金山城跡", hero_image=make_image("castle", size=(400, 300)))
    home = tourism_home()
    home.hero_image = attraction.hero_image
    home.save_revision().publish()
    call_command("generate_renditions", stdout=io.StringIO())
    caches["default"].clear()

    rendition_model = get_image_model().get_rendition_model()
    count = rendition_model.objects.count()
    urls = [
        storefront1.url,
        directory().url,
        product.get_absolute_url(),
        attraction.url,
        listing("attractions").url,
        home.url,
    ]
    for url in urls:
        assert pictures(get(url)), url
        assert rendition_model.objects.count() == count, url
