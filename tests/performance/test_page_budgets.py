"""Page weight budgets for the public pages: under 500 KB in all and under 100 KB
of JavaScript, counted as a browser downloads them from this site.

Each page is rendered through the full stack with photo-like JPEG uploads
(1600×1067, as from a phone) on every image field the page shows, then the
HTML, the stylesheets and scripts it links (and the files those stylesheets
point at with url()), and the images it shows (each <img>'s src, or the
largest candidate of its srcset / <picture> sources) are resolved from the
static finders and the media folder and summed. Text (HTML, CSS, JS) counts
gzip-compressed, as whitenoise and the proxy serve it (brotli is smaller
still); images count as stored. Map tiles come from the tile server, not from
this site, and are not counted. The raw sizes are printed too (pytest -s).
"""

import gzip
import io
import re
from decimal import Decimal
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PILImage
from PIL import ImageFilter
from wagtail.images import get_image_model

from shop.models import ProductImage
from tests.factories import make_product
from tests.tourism.factories import make_attraction, make_course, make_event

TOTAL_BUDGET = 500 * 1024
JS_BUDGET = 100 * 1024

pytestmark = pytest.mark.django_db


def photo(title):
    """A 1600×1067 JPEG with a photo's detail (gradients and grain)."""
    width, height = 1600, 1067
    red = PILImage.linear_gradient("L").resize((width, height))
    green = PILImage.effect_noise((width, height), 40).filter(ImageFilter.GaussianBlur(1.2))
    blue = PILImage.radial_gradient("L").resize((width, height))
    buffer = io.BytesIO()
    PILImage.merge("RGB", (red, green, blue)).save(buffer, format="JPEG", quality=88)
    buffer.seek(0)
    image = get_image_model()(title=title, file=ImageFile(buffer, name=f"{title}.jpg"))
    image.save()
    return image


@pytest.fixture
def site_pages(storefront1):
    storefront1.hero_image = photo("storefront")
    storefront1.save_revision().publish()
    product = make_product(storefront1.business, "ほうじ茶", stock=5)
    for position, title in enumerate(("tea-1", "tea-2", "tea-3")):
        ProductImage.objects.create(product=product, image=photo(title), sort_order=position)
    attraction = make_attraction(
        "金山城跡",
        hero_image=photo("castle"),
        latitude=Decimal("36.25"),
        longitude=Decimal("139.07"),
        postal_code="375-0024",
    )
    event = make_event("藤岡まつり", hero_image=photo("festival"), venue_page=attraction)
    course = make_course(
        "城と喫茶の半日",
        hero_image=photo("course"),
        stops=[(attraction, 60, 15, "walk"), (storefront1, 45, 0, "walk")],
    )
    return {
        "home": "/ja/",
        "storefront": storefront1.url,
        "attraction": attraction.url,
        "event": event.url,
        "course": course.url,
        "search": "/ja/search/?q=%E5%96%AB%E8%8C%B6",  # 喫茶
        "product": product.get_absolute_url(),
        "cart": "/ja/cart/",
        "_variant": product.variants.get().pk,
    }


def local_file(url):
    """The file on disk behind a URL of this site, or None (another site's)."""
    parts = urlsplit(url)
    if parts.netloc and parts.netloc != "testserver":
        return None
    path = unquote(parts.path)
    if path.startswith(settings.STATIC_URL):
        return finders.find(path[len(settings.STATIC_URL) :])
    if path.startswith(settings.MEDIA_URL):
        return str(settings.MEDIA_ROOT / path[len(settings.MEDIA_URL) :])
    return None


def largest_candidate(srcset):
    candidates = []
    for item in srcset.split(","):
        bits = item.strip().split()
        if bits:
            size = int(bits[1][:-1]) if len(bits) > 1 and bits[1].endswith("w") else 0
            candidates.append((size, bits[0]))
    return max(candidates)[1] if candidates else None


def assets(html):
    """(kind, url) of what the page makes the browser download from this site."""
    found = set()
    for tag in re.findall(r"<link\b[^>]*>", html):
        if re.search(r'rel="stylesheet"', tag):
            found.add(("css", re.search(r'href="([^"]+)"', tag)[1]))
    for src in re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', html):
        found.add(("js", src))
    for tag in re.findall(r"<img\b[^>]*>", html):
        srcset = re.search(r'\bsrcset="([^"]+)"', tag)
        src = largest_candidate(srcset[1]) if srcset else re.search(r'\bsrc="([^"]+)"', tag)[1]
        found.add(("image", src))
    for srcset in re.findall(r'<source\b[^>]*\bsrcset="([^"]+)"', html):
        found.add(("image", largest_candidate(srcset)))
    return found


def weigh(html):
    sizes = {"html": 0, "css": 0, "js": 0, "image": 0}
    raw = dict(sizes)
    raw["html"] = len(html.encode())
    sizes["html"] = len(gzip.compress(html.encode(), 9))
    seen = set()
    queue = sorted(assets(html))
    missing = []
    while queue:
        kind, url = queue.pop()
        url = url.replace("&amp;", "&")
        path = local_file(url)
        if path is None or path in seen:
            if path is None and not urlsplit(url).netloc:
                missing.append(url)
            continue
        seen.add(path)
        with open(path, "rb") as file:
            data = file.read()
        raw[kind] += len(data)
        sizes[kind] += len(data) if kind == "image" else len(gzip.compress(data, 9))
        if kind == "css":
            base = url.rsplit("/", 1)[0] + "/"
            for ref in re.findall(rb"url\(['\"]?([^'\")]+)['\"]?\)", data):
                ref = ref.decode()
                if ref.startswith(("data:", "#")):  # inline data, IE's behavior: url(#default#VML)
                    continue
                absolute = ref if ref.startswith("/") else base + ref
                queue.append(("image", absolute))
    assert not missing, f"the page links files that do not exist: {missing}"
    return sizes, raw


def test_public_pages_stay_within_their_budgets(site_pages):
    client = Client(HTTP_USER_AGENT="Mozilla/5.0")
    client.post("/ja/cart/add/", {"variant": site_pages.pop("_variant"), "quantity": "1"})
    report = []
    for name, url in site_pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        html = response.content.decode()
        if name in ("attraction", "course"):
            assert "leaflet.js" in html  # the map pages carry Leaflet: the heaviest case
        sizes, raw = weigh(html)
        total = sum(sizes.values())
        report.append(
            f"{name:11} total {total / 1024:6.1f} KB (raw {sum(raw.values()) / 1024:6.1f}) "
            f"js {sizes['js'] / 1024:5.1f} KB (raw {raw['js'] / 1024:5.1f}) "
            f"css {sizes['css'] / 1024:5.1f} images {sizes['image'] / 1024:6.1f} html {sizes['html'] / 1024:5.1f}"
        )
        assert total < TOTAL_BUDGET, (name, sizes)
        assert sizes["js"] < JS_BUDGET, (name, sizes)
        assert sizes["image"] > 0 or name in ("search", "cart", "home"), (name, sizes)
    print("\n" + "\n".join(report))


def test_leaflet_is_loaded_only_where_a_map_is_shown(site_pages):
    client = Client()
    site_pages.pop("_variant")
    maps = set()
    for name, url in site_pages.items():
        html = client.get(url).content.decode()
        has_map = "data-map=" in html
        assert ("leaflet.js" in html) == has_map, name
        if has_map:
            maps.add(name)
    assert {"attraction", "course"} <= maps
    assert not maps & {"home", "product", "cart", "search"}
