"""Checkout throughput: placing orders (stock locking, one order per shop).

Usage:
  .venv/bin/python bench/checkout.py [--checkouts 200] [--threads 4]
  DATABASE_URL=postgres://... .venv/bin/python bench/checkout.py   # on PostgreSQL

Builds a throw-away database with the demo data (SQLite unless DATABASE_URL
is set; on PostgreSQL the database is created and dropped by the test
runner's machinery, so give a role that may create databases), then places
checkouts of a three-line cart from two shops through
`shop.services.checkout.place_order`, one after another and then from
several threads at once, and prints checkouts per second, p95 latency and
queries per checkout. It measures the application and the database, not a
web server, and never calls Stripe (placing an order does not).
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def record_query(log, execute, sql, params, many, context):
    log.append(sql)
    return execute(sql, params, many, context)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkouts", type=int, default=200, help="checkouts per run")
    parser.add_argument("--threads", type=int, default=4, help="threads in the parallel run")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="machikado-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("MEDIA_ROOT", f"{tmp}/media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "machikado.settings.dev"
    os.environ["DEBUG"] = "0"

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    engine = connection.vendor
    if engine == "postgresql":
        # a database of its own, created and dropped like the tests' one
        old = setup_databases(verbosity=0, interactive=False)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        old = None
    try:
        run(args, engine)
    finally:
        if old is not None:
            teardown_databases(old, verbosity=0)


def run(args, engine):
    from django.core.management import call_command
    from django.db import connection, connections

    from shop.models import Cart, Product, Variant
    from shop.services import cart as carts
    from shop.services import checkout
    from shop.services.errors import ShopError

    call_command("load_demo_data", "--force", verbosity=0)
    products = list(
        Product.objects.on_sale()
        .filter(ships=True, business__shop__accepts_card=True)
        .order_by("business_id", "pk")
    )
    first, second = (
        products[0],
        next(p for p in products if p.business_id != products[0].business_id),
    )
    variants = [first.variants.first(), second.variants.first(), second.variants.last()]
    Variant.objects.filter(pk__in=[v.pk for v in variants]).update(stock=1_000_000)
    customer = checkout.Customer("Bench Taro", "bench@example.com", "090-0000-0000",
                                 "375-0024", "群馬県", "藤岡市", "藤岡1-1")  # fmt: skip

    def one_checkout():
        cart = Cart.objects.create()
        for variant in variants:
            carts.add(cart, variant, 1)
        start = time.perf_counter()
        checkout.place_order(cart, checkout.checkout_key(cart), customer, "card", {})
        return time.perf_counter() - start

    queries = []
    with connection.execute_wrapper(partial(record_query, queries)):
        one_checkout()

    sequential = [one_checkout() for _ in range(args.checkouts)]

    parallel, errors = [], []

    def worker(count):
        try:
            for _ in range(count):
                try:
                    parallel.append(one_checkout())
                except ShopError as error:  # pragma: no cover - reported below
                    errors.append(error)
        finally:
            connections.close_all()

    per_thread = max(1, args.checkouts // args.threads)
    threads = [threading.Thread(target=worker, args=(per_thread,)) for _ in range(args.threads)]
    wall = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - wall

    def p95(values):
        values = sorted(values)
        return values[max(0, int(len(values) * 0.95) - 1)] * 1000

    print(f"checkout of 3 lines from 2 shops on {engine}; {len(queries)} queries per checkout")
    print(f"{'run':28} {'checkouts/s':>12} {'mean ms':>8} {'p95 ms':>8}")
    print(
        f"{'one after another':28} {len(sequential) / sum(sequential):12.1f} "
        f"{statistics.mean(sequential) * 1000:8.1f} {p95(sequential):8.1f}"
    )
    if parallel:
        print(
            f"{f'{args.threads} threads at once':28} {len(parallel) / wall:12.1f} "
            f"{statistics.mean(parallel) * 1000:8.1f} {p95(parallel):8.1f}"
        )
    if errors:
        print(f"{len(errors)} checkouts refused: {errors[0]}")


if __name__ == "__main__":
    main()
