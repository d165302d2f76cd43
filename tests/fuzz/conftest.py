"""Demo content for the API fuzzing: shops with products, attractions and an
event, live in ja (and en), indexed in the database search engine. Built once
per module inside a transaction that is rolled back at the end."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    from search import sources
    from search.engines import get_engine
    from tests.factories import make_area, make_product, make_shop_profile, make_storefront
    from tests.tourism.factories import make_attraction, make_event

    with django_db_blocker.unblock(), transaction.atomic():
        area = make_area()
        shops = []
        for n, name in enumerate(["喫茶まちかど", "藤岡そば処", "鬼石商店"]):
            page = make_storefront(name, area=area, slug=f"fuzz-shop-{n}")
            make_shop_profile(page.business, free_shipping_from=5000)
            make_product(page.business, f"ほうじ茶{n}", price=500 + 1200 * n, stock=5)
            shops.append(page)
        attractions = [
            make_attraction(
                "冬桜の寺",
                area=area,
                hours=[
                    dict(
                        from_month=1,
                        to_month=12,
                        days="daily",
                        opens=dt.time(9),
                        closes=dt.time(17),
                    )
                ],
            ),
            make_attraction("三波石峡", area=area, admission_fee=0, step_free=True),
        ]
        event = make_event("桜山まつり", start_date=dt.date.today() + dt.timedelta(days=3))
        engine = get_engine()
        engine.clear()
        engine.index(list(sources.iter_documents()))
        yield {"shops": shops, "attractions": attractions, "event": event, "area": area}
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def in_process_wsgi():
    """Requests through Django's WSGI handler inside the test's transaction:
    the handler's request_started/finished would close the connection (as
    Django's test client avoids too)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
