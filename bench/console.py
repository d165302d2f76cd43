"""The City console and the owners' dashboard on a large database, and the
cost of counting page views.

Usage: .venv/bin/python bench/console.py [--views 1000000] [--orders 100000] [--repeat 3]

Builds a throw-away SQLite database (or uses DATABASE_URL, e.g. a PostgreSQL
database made for this — the script adds rows to it) with the demo data, then:

1. page-view counting: the middleware's cost per request (µs), a flush, the
   storefront page with counting on and off (``--requests`` each), and the
   counter queries per 1,000 counted views with the default batch
   (PAGE_VIEWS_FLUSH_EVERY);
2. generates ``--views`` page-view counter rows (over the last two years, the
   demo pages and products plus generated products, five languages) and
   ``--orders`` orders (one line to three each, every status and payment
   method, over the last two years) with bulk_create in chunks;
3. times every report function of the console (machikado.console.reports.*,
   last twelve months, without and with an area), each console page and
   workbook export through the Django test client as a city staff user, and
   the owners' dashboard (figures and the admin home) for the owner of the
   business with the most orders.

Prints rows generated and the seconds and queries of each step. It measures
the application in-process, not a web server.
"""

import argparse
import datetime as dt
import importlib
import inspect
import os
import pkgutil
import random
import statistics
import sys
import tempfile
import time
import uuid
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
CHUNK = 5000


def record_query(log, execute, sql, params, many, context):
    log.append(sql)
    return execute(sql, params, many, context)


class Queries:
    """Counts the queries run inside the block (any DEBUG setting)."""

    def __enter__(self):
        from django.db import connection

        self.log = []
        self._wrapper = connection.execute_wrapper(partial(record_query, self.log))
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)

    def __len__(self):
        return len(self.log)


def timed(function, repeat):
    """(best seconds, queries of one run, result)."""
    best, result, queries = None, None, 0
    for n in range(repeat):
        with Queries() as log:
            start = time.perf_counter()
            result = function()
            elapsed = time.perf_counter() - start
        if n == 0:
            queries = len(log)
        best = elapsed if best is None else min(best, elapsed)
    return best, queries, result


def section(title):
    print(f"\n== {title} " + "=" * max(0, 72 - len(title)))


# -- 1. counting ------------------------------------------------------------------------


def bench_counting(storefront_url, requests):
    from django.conf import settings
    from django.http import HttpResponse
    from django.test import Client, RequestFactory, override_settings

    from machikado import visitors

    section("page-view counting")
    factory = RequestFactory()
    request = factory.get(storefront_url, HTTP_USER_AGENT=BROWSER)
    request.LANGUAGE_CODE = "ja"
    setattr(request, visitors.REQUEST_ATTRIBUTE, ("shop", 1))
    response = HttpResponse("<p>page</p>")
    middleware = visitors.PageViewMiddleware(lambda request: response)
    visitors.buffer.clear()
    n = 100_000
    start = time.perf_counter()
    for _ in range(n):
        middleware(request)
    per_view = (time.perf_counter() - start) / n
    bot = factory.get(storefront_url, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    start = time.perf_counter()
    for _ in range(n):
        middleware(bot)
    per_bot = (time.perf_counter() - start) / n
    visitors.buffer.clear()
    print(f"middleware, counted view        {per_view * 1e6:8.2f} µs per request (no query)")
    print(f"middleware, bot (not counted)   {per_bot * 1e6:8.2f} µs per request")

    # Flush cost: one statement for a day's worth of distinct counters.
    for keys in (200, 2000):
        for object_id in range(keys):
            visitors.record("shop", 10_000_000 + object_id, "ja")
        with Queries() as log:
            start = time.perf_counter()
            visitors.flush()
            elapsed = time.perf_counter() - start
        print(f"flush of {keys:5d} counters       {elapsed * 1000:8.2f} ms, {len(log)} queries")

    # Whole requests, counting off and on alternately (the same load for both),
    # and the counter queries per 1,000 counted views.
    clients = {}
    for enabled in (False, True):
        with override_settings(PAGE_VIEWS_ENABLED=enabled):  # read when the stack loads
            clients[enabled] = Client(HTTP_USER_AGENT=BROWSER)
            assert clients[enabled].get(storefront_url).status_code == 200
    visitors.flush()
    timings = {False: [], True: []}
    counter_queries = {False: 0, True: 0}
    all_queries = {False: 0, True: 0}
    with override_settings(PAGE_VIEWS_AUTO_FLUSH=True, PAGE_VIEWS_FLUSH_SECONDS=3600):
        for _ in range(requests):
            for enabled in (False, True):
                with Queries() as log:
                    start = time.perf_counter()
                    clients[enabled].get(storefront_url)
                    timings[enabled].append(time.perf_counter() - start)
                all_queries[enabled] += len(log)
                counter_queries[enabled] += sum("machikado_pageviewcount" in sql for sql in log.log)
    visitors.flush()
    every = getattr(settings, "PAGE_VIEWS_FLUSH_EVERY", 200)
    print(
        f"{requests} counted views            {counter_queries[True]} counter queries = "
        f"{counter_queries[True] * 1000 / requests:.0f} per 1,000 views (flush every {every}); "
        f"queries per request {all_queries[True] / requests:.2f} on, "
        f"{all_queries[False] / requests:.2f} off"
    )
    off, on = statistics.median(timings[False]), statistics.median(timings[True])
    print(
        f"storefront page, median         {off * 1000:8.2f} ms counting off, "
        f"{on * 1000:.2f} ms on ({(on - off) * 1e6:+.0f} µs, noise included)"
    )


# -- 2. data ----------------------------------------------------------------------------


class no_auto_now:
    """Let bulk_create keep the given created_at/updated_at values."""

    def __init__(self, *models):
        self.fields = [
            f
            for model in models
            for f in model._meta.fields
            if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
        ]

    def __enter__(self):
        self.saved = [(f, f.auto_now, f.auto_now_add) for f in self.fields]
        for f in self.fields:
            f.auto_now = f.auto_now_add = False

    def __exit__(self, *exc):
        for f, auto_now, auto_now_add in self.saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def generate_orders(count, rng, today):
    from businesses.models import Business
    from shop.models import Order, OrderGroup, OrderLine, Product

    businesses = list(Business.objects.values_list("pk", flat=True))
    products = {}
    for _pk, business_id, title in Product.objects.values_list("pk", "business_id", "title"):
        products.setdefault(business_id, []).append(title)
    weights = [1 / (rank + 1) for rank in range(len(businesses))]  # a few big shops
    statuses = [
        (Order.COMPLETED, 40), (Order.PAID, 10), (Order.PREPARING, 5), (Order.SHIPPED, 10),
        (Order.READY, 3), (Order.PENDING, 12), (Order.CANCELLED, 12), (Order.REFUNDED, 8),
    ]  # fmt: skip
    status_values, status_weights = zip(*statuses, strict=True)
    methods = [OrderGroup.CARD] * 6 + [OrderGroup.BANK_TRANSFER] * 2 + [OrderGroup.PAY_AT_STORE] * 2
    now = dt.datetime.combine(today, dt.time(12), dt.UTC)
    made = lines_made = 0
    start = time.perf_counter()
    with no_auto_now(OrderGroup, Order):
        while made < count:
            size = min(CHUNK, count - made)
            groups, orders, plans = [], [], []
            for n in range(size):
                created = now - dt.timedelta(seconds=rng.randrange(0, 730 * 86400))
                business = rng.choices(businesses, weights)[0]
                method = rng.choice(methods)
                status = rng.choices(status_values, status_weights)[0]
                lines = [
                    (
                        rng.choice(products.get(business) or ["品物"]),
                        rng.choice((500, 800, 1200, 3000)),
                        rng.randint(1, 3),
                    )  # fmt: skip
                    for _ in range(rng.randint(1, 3))
                ]
                subtotal = sum(price * qty for _t, price, qty in lines)
                shipping = 800 if method != OrderGroup.PAY_AT_STORE else 0
                total = subtotal + shipping
                group_status = {
                    Order.PENDING: OrderGroup.PENDING, Order.CANCELLED: OrderGroup.CANCELLED,
                }.get(status, OrderGroup.PAID)  # fmt: skip
                groups.append(
                    OrderGroup(
                        uuid=uuid.uuid4(),
                        checkout_key=f"bench-{made + n}",
                        language="ja",
                        payment_method=method,
                        status=group_status,
                        total=total,
                        name="観光 太郎",
                        email="taro@example.com",
                        phone="090-1234-5678",
                        created_at=created,
                        paid_at=created if group_status == OrderGroup.PAID else None,
                    )  # fmt: skip
                )
                orders.append(
                    Order(
                        business_id=business,
                        status=status,
                        fulfilment=Order.PICKUP
                        if method == OrderGroup.PAY_AT_STORE
                        else Order.SHIPPING,
                        subtotal=subtotal,
                        shipping_fee=shipping,
                        total=total,
                        refunded_amount=total if status == Order.REFUNDED else 0,
                        created_at=created,
                        updated_at=created,
                    )  # fmt: skip
                )
                plans.append(lines)
            OrderGroup.objects.bulk_create(groups, batch_size=1000)
            for group, order in zip(groups, orders, strict=True):
                order.group_id = group.pk
            Order.objects.bulk_create(orders, batch_size=1000)
            rows = [
                OrderLine(
                    order_id=order.pk,
                    title=title,
                    unit_price=price,
                    tax_rate=8,
                    quantity=qty,
                    cancelled_quantity=qty if order.status == Order.REFUNDED else 0,
                )  # fmt: skip
                for order, lines in zip(orders, plans, strict=True)
                for title, price, qty in lines
            ]
            OrderLine.objects.bulk_create(rows, batch_size=1000)
            made += size
            lines_made += len(rows)
    elapsed = time.perf_counter() - start
    print(f"orders             {made:>10,} (+ {lines_made:,} lines) in {elapsed:6.1f} s")


def generate_products(count, rng):
    from businesses.models import Business
    from shop.models import Product

    businesses = list(Business.objects.values_list("pk", flat=True))
    Product.objects.bulk_create(
        [
            Product(
                business_id=rng.choice(businesses),
                title=f"品物 {n}",
                title_en=f"Item {n}",
                status=Product.PUBLISHED,
                ships=True,
            )  # fmt: skip
            for n in range(count)
        ],
        batch_size=1000,
    )


def generate_views(count, rng, today):
    from django.conf import settings
    from wagtail.models import Page

    from machikado.models import PageViewCount
    from machikado.visitors import kind_of_page
    from shop.models import Product

    objects = [
        (kind_of_page(page.specific_class), page.pk)
        for page in Page.objects.live().filter(depth__gt=1).only("pk", "content_type")
        if page.specific_class is not None
    ]
    objects += [("product", pk) for pk in Product.objects.values_list("pk", flat=True)]
    objects.append(("search", 0))
    languages = [code for code, _name in settings.LANGUAGES]
    combos = [(kind, pk, language) for kind, pk in objects for language in languages]
    days = 730
    per_day = -(-count // days)
    if per_day > len(combos):
        days = -(-count // len(combos))
        per_day = len(combos)
    made = 0
    batch = []
    start = time.perf_counter()
    for back in range(days):
        day = today - dt.timedelta(days=back)
        for kind, pk, language in rng.sample(combos, min(per_day, count - made)):
            batch.append(
                PageViewCount(
                    day=day, kind=kind, object_id=pk, language=language, views=rng.randint(1, 60)
                )  # fmt: skip
            )
            made += 1
        if len(batch) >= CHUNK or made >= count:
            PageViewCount.objects.bulk_create(batch, batch_size=CHUNK)
            batch = []
        if made >= count:
            break
    elapsed = time.perf_counter() - start
    print(
        f"page-view counters {made:>10,} over {back + 1} days ({len(combos):,} page × language "
        f"combinations) in {elapsed:6.1f} s"
    )


# -- 3. timings ---------------------------------------------------------------------------

SKIP = {
    "model",
    "available",
    "counters",
    "paid_orders",
    "received",
    "storefront_value",
    "businesses_in_area",
    "live_storefronts",
}  # fmt: skip  (querysets and helpers)


def report_functions():
    from machikado.console import reports

    for info in pkgutil.iter_modules(reports.__path__):
        if info.name == "common":
            continue
        module = importlib.import_module(f"{reports.__name__}.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or name in SKIP or function.__module__ != module.__name__:
                continue
            yield info.name, name, function


def call_with(function, period, area_key, now):
    from django.db.models import QuerySet

    values = {"period": period, "area_key": area_key, "now": now, "months": 6}
    kwargs = {}
    for name, parameter in inspect.signature(function).parameters.items():
        if name in values:
            kwargs[name] = values[name]
        elif parameter.default is inspect.Parameter.empty:
            return None  # a helper needing something else
    if area_key is not None and "area_key" not in kwargs:
        return None

    def run():
        result = function(**kwargs)
        return list(result) if isinstance(result, QuerySet) else result

    return run


def bench_reports(area_key, repeat):
    from django.utils import timezone

    from machikado.console.period import Period

    section("console report functions (last 12 months)")
    period = Period.default()
    now = timezone.now()
    print(f"{'report':42} {'s (all)':>9} {'q':>4} {'s (area)':>9} {'q':>4}")
    for module, name, function in report_functions():
        run = call_with(function, period, None, now)
        if run is None:
            continue
        seconds, queries, _result = timed(run, repeat)
        line = f"{module + '.' + name:42} {seconds:9.3f} {queries:4d}"
        area_run = call_with(function, period, area_key, now) if area_key else None
        if area_run is not None:
            seconds, queries, _result = timed(area_run, repeat)
            line += f" {seconds:9.3f} {queries:4d}"
        print(line)


def bench_pages(staff, area_pk, repeat):
    from django.test import Client

    from machikado.console.sections import SECTIONS

    section("console pages (Django test client, city staff)")
    client = Client()
    client.force_login(staff)
    urls = [("index", "/admin/city/")]
    for entry in SECTIONS:
        urls.append((entry.slug, f"/admin/city/{entry.slug}/"))
        if area_pk:
            urls.append((f"{entry.slug}, area", f"/admin/city/{entry.slug}/?area={area_pk}"))
        urls.append((f"{entry.slug} workbook", f"/admin/city/{entry.slug}/export.xlsx"))
    print(f"{'page':32} {'s':>8} {'queries':>8} {'status':>7}")
    for label, url in urls:
        seconds, queries, response = timed(lambda url=url: client.get(url), repeat)
        print(f"{label:32} {seconds:8.3f} {queries:8d} {response.status_code:7d}")


def bench_owners(repeat):
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.test import Client

    from businesses.models import Business
    from businesses.services.owner_access import add_member
    from machikado import owners

    section("owners' dashboard")
    business = Business.objects.annotate(n=Count("orders")).order_by("-n").first()
    user = get_user_model().objects.create_user("bench-owner", "owner@example.jp", "x" * 12)
    add_member(business, user)
    seconds, queries, figures = timed(lambda: owners.figures_for(user), repeat)
    [mine] = [f for f in figures if f.business == business]
    print(
        f"figures_for (business with {business.n:,} orders) {seconds:8.3f} s {queries:4d} queries "
        f"(¥{mine.gross:,} sales, {mine.storefront_views + mine.product_views:,} views in 12 months)"
    )
    client = Client()
    client.force_login(user)
    seconds, queries, response = timed(lambda: client.get("/admin/"), repeat)
    print(f"admin home as that owner                {seconds:8.3f} s {queries:4d} queries "
          f"(status {response.status_code})")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--views", type=int, default=1_000_000, help="page-view counter rows")
    parser.add_argument("--orders", type=int, default=100_000, help="orders")
    parser.add_argument("--products", type=int, default=600, help="extra products (view targets)")
    parser.add_argument("--requests", type=int, default=400, help="page requests, counting on/off")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (best kept)")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="machikado-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/console.sqlite3")
    os.environ.setdefault("MEDIA_ROOT", f"{tmp}/media")
    os.environ.setdefault("STATIC_ROOT", f"{tmp}/static")
    os.environ["DJANGO_SETTINGS_MODULE"] = "machikado.settings.dev"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")

    sys.stdout.reconfigure(line_buffering=True)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from businesses.models import BusinessPage
    from tests.factories import make_user
    from tourism.models import Area

    settings.PAGE_VIEWS_AUTO_FLUSH = False  # the bench flushes when it means to
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo_data", "--force", verbosity=0)
    print(f"migrate + demo data: {time.perf_counter() - start:.1f} s")

    storefront = BusinessPage.objects.live().filter(locale__language_code="ja").first()
    bench_counting(storefront.url, args.requests)

    section("generating data")
    rng = random.Random(6)
    today = timezone.localdate()
    generate_products(args.products, rng)
    generate_orders(args.orders, rng, today)
    generate_views(args.views, rng, today)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    area = Area.objects.filter(locale__language_code="ja").order_by("pk").first()
    bench_reports(area.translation_key if area else None, args.repeat)
    staff = make_user("bench-staff", staff=True)
    bench_pages(staff, area.pk if area else None, args.repeat)
    bench_owners(args.repeat)


if __name__ == "__main__":
    main()
