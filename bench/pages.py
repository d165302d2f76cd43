"""Page throughput and query counts for the public pages, in-process.

Usage: .venv/bin/python bench/pages.py [--requests 200]

Builds a throw-away SQLite database with the demo data (unless DATABASE_URL
points elsewhere), then renders each page through Django's full request
stack (middleware, URL routing, Wagtail serving, templates) and prints
requests per second, mean and p95 latency, and queries per request.
It measures the application, not a web server or network.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def record_query(log, execute, sql, params, many, context):
    log.append(sql)
    return execute(sql, params, many, context)


def first_live(model, language):
    return model.objects.live().filter(locale__language_code=language).order_by("path").first()


def untranslated(model, language):
    """A live Japanese page with no version in that language (served as a fallback)."""
    translated = model.objects.filter(locale__language_code=language).values("translation_key")
    return (
        model.objects.live()
        .filter(locale__language_code="ja")
        .exclude(translation_key__in=translated)
        .order_by("path")
        .first()
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="machikado-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("MEDIA_ROOT", f"{tmp}/media")
    os.environ.setdefault("STATIC_ROOT", f"{tmp}/static")
    os.environ["DJANGO_SETTINGS_MODULE"] = "machikado.settings.dev"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from businesses.models import BusinessPage
    from shop.models import Product
    from tourism.models import AreaPage, AttractionPage, EventPage, ModelCoursePage

    call_command("migrate", verbosity=0)
    call_command("load_demo_data", "--force", verbosity=0)

    storefront_ja = BusinessPage.objects.live().filter(locale__language_code="ja").first()
    storefront_en = BusinessPage.objects.live().filter(locale__language_code="en").first()
    pages = {
        "home (ja)": "/ja/",
        "home (en)": "/en/",
        "directory (ja)": "/ja/shops/",
        "directory filtered (en)": "/en/shops/?category=cafe",
        "storefront (ja)": storefront_ja.url,
        "storefront (en)": storefront_en.url,
        "apply form (ja)": "/ja/apply/",
        "product (ja)": Product.objects.on_sale().order_by("pk").first().get_absolute_url(),
        "cart, 3 lines (ja)": "/ja/cart/",
        "tourism home (ja)": "/ja/visit/",
        "attractions (ja)": "/ja/visit/attractions/",
        "attraction (ja)": first_live(AttractionPage, "ja").url,
        "attraction (en)": first_live(AttractionPage, "en").url,
        "area (ja)": first_live(AreaPage, "ja").url,
        "events (ja)": "/ja/visit/events/",
        "event calendar (en)": "/en/visit/events/calendar/",
        "event (ja)": first_live(EventPage, "ja").url,
        "model course (ja)": first_live(ModelCoursePage, "ja").url,
        "attraction, ko fallback": "/ko" + untranslated(AttractionPage, "ko").url[3:],
    }
    client = Client()
    for product in Product.objects.on_sale().filter(ships=True).order_by("pk")[:3]:
        variant = product.variants.filter(stock__gt=0).first() or product.variants.first()
        client.post("/ja/cart/add/", {"variant": variant.pk, "quantity": 1})
    print(f"{'page':26} {'req/s':>8} {'mean ms':>8} {'p95 ms':>8} {'queries':>8}")
    for label, url in pages.items():
        assert client.get(url).status_code == 200, url  # warm renditions and caches
        queries = []
        with connection.execute_wrapper(partial(record_query, queries)):
            client.get(url)
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - start)
            assert response.status_code == 200
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"{label:26} {len(timings) / sum(timings):8.1f} {statistics.mean(timings) * 1000:8.1f} "
            f"{p95 * 1000:8.1f} {len(queries):8d}"
        )


if __name__ == "__main__":
    main()
