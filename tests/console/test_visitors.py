"""Page-view counters: what is counted, what is not, and how the buffer is written."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from machikado import visitors
from machikado.models import PageViewCount

from ..factories import make_product, make_user
from ..tourism import factories as tourism

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_buffer():
    visitors.buffer.clear()
    yield
    visitors.buffer.clear()


@pytest.fixture
def browser(client):
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client


def today():
    return timezone.localdate(timezone=timezone.get_default_timezone())


def counted():
    """Pending views as {(kind, object_id, language): views} for today."""
    return {key[1:]: views for key, views in visitors.pending().items() if key[0] == today()}


def stored():
    return {
        (row.day, row.kind, row.object_id, row.language): row.views
        for row in PageViewCount.objects.all()
    }


# -- counted ----------------------------------------------------------------------


def test_storefront_in_two_languages_counted_with_its_page_and_language(browser, storefront1):
    english = storefront1.get_translation(Locale.objects.get(language_code="en"))
    for _ in range(2):
        assert browser.get(storefront1.url).status_code == 200
    assert browser.get(english.url).status_code == 200
    assert counted() == {("shop", storefront1.pk, "ja"): 2, ("shop", english.pk, "en"): 1}


def test_page_kinds(browser, storefront1):
    from wagtail.models import Page

    attraction = tourism.make_attraction("榛名神社")
    event = tourism.make_event("藤まつり")
    second = tourism.make_attraction("藤岡歴史館")
    course = tourism.make_course(
        "花めぐり", stops=[(attraction, 30, 10, "walk"), (second, 30, 0, "walk")]
    )
    home = Page.objects.get(url_path="/home/", locale__language_code="ja")
    for url in [
        "/ja/",
        "/ja/shops/",
        "/ja/visit/",
        "/ja/visit/attractions/",
        attraction.url,
        event.url,
        course.url,
    ]:
        assert browser.get(url).status_code == 200, url
    views = counted()
    assert views[("home", home.pk, "ja")] == 1
    assert views[("attraction", attraction.pk, "ja")] == 1
    assert views[("event", event.pk, "ja")] == 1
    assert views[("course", course.pk, "ja")] == 1
    assert sum(v for (kind, _id, _lang), v in views.items() if kind == "listing") == 2
    assert sum(v for (kind, _id, _lang), v in views.items() if kind == "home") == 2  # visit/
    assert sum(views.values()) == 7


def test_japanese_fallback_counted_as_the_japanese_page_in_the_visitors_language(browser):
    attraction = tourism.make_attraction("榛名神社")
    response = browser.get("/ko" + attraction.url[3:])
    assert response.status_code == 200
    assert counted() == {("attraction", attraction.pk, "ko"): 1}


def test_product_page_counted_with_the_product_id(browser, storefront1):
    product = make_product(storefront1.business, "ほうじ茶")
    assert browser.get(f"/en/products/{product.pk}/").status_code == 200
    assert counted() == {("product", product.pk, "en"): 1}


def test_search_page_counted(browser):
    assert browser.get("/en/search/", {"q": "tea"}).status_code == 200
    assert counted() == {("search", 0, "en"): 1}


# -- not counted ------------------------------------------------------------------


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36",
    ],
)
def test_bots_and_scripts_not_counted(client, storefront1, user_agent):
    response = client.get(storefront1.url, HTTP_USER_AGENT=user_agent)
    assert response.status_code == 200
    assert counted() == {}


def test_head_post_and_prefetch_not_counted(browser, storefront1):
    assert browser.head(storefront1.url).status_code == 200
    assert browser.get(storefront1.url, HTTP_SEC_PURPOSE="prefetch").status_code == 200
    assert browser.get(storefront1.url, HTTP_PURPOSE="prefetch").status_code == 200
    assert browser.post("/ja/search/").status_code in (200, 405)
    assert counted() == {}


def test_not_found_redirects_and_other_formats_not_counted(browser, storefront1):
    event = tourism.make_event("藤まつり")
    assert browser.get("/ja/no-such-page/").status_code == 404
    assert browser.get("/en/products/999999/").status_code == 404
    assert browser.get("/").status_code == 302
    assert browser.get(storefront1.url.rstrip("/")).status_code == 301
    ical = browser.get(event.url + "ical/")
    assert ical.status_code == 200 and ical["Content-Type"].startswith("text/calendar")
    assert counted() == {}


def test_admin_api_static_and_preview_not_counted(browser, storefront1):
    admin = make_user("editor", superuser=True)
    browser.force_login(admin)
    assert browser.get("/admin/").status_code == 200
    edit = f"/admin/pages/{storefront1.pk}/edit/"
    assert browser.get(edit).status_code == 200
    assert browser.get(f"/admin/pages/{storefront1.pk}/view_draft/").status_code == 200
    # the live preview: the editor's form posted, then the rendered preview fetched
    preview = f"/admin/pages/{storefront1.pk}/edit/preview/"
    assert browser.get(preview, {"mode": ""}).status_code == 200
    assert browser.get("/api/v2/pages/").status_code == 200
    assert browser.get(f"/api/v2/pages/{storefront1.pk}/").status_code == 200
    assert browser.get("/robots.txt").status_code == 200
    assert browser.get("/sitemap.xml").status_code == 200
    assert counted() == {}


def test_a_preview_request_is_not_counted_even_outside_the_admin(rf, storefront1):
    """Wagtail marks preview requests (is_preview); such a request is never counted."""
    from django.http import HttpResponse

    request = rf.get(storefront1.url, HTTP_USER_AGENT=BROWSER)
    request.is_preview = True
    serve = visitors.mark_page_view(lambda *args: HttpResponse("<p>preview</p>"))
    middleware = visitors.PageViewMiddleware(lambda request: serve(storefront1, request, (), {}))
    middleware(request)
    assert counted() == {}
    request.is_preview = False
    middleware(request)
    assert counted() == {("shop", storefront1.pk, "ja"): 1}


def test_private_page_login_form_is_not_a_view(browser, storefront1):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=storefront1, restriction_type=PageViewRestriction.PASSWORD, password="secret-word"
    )
    response = browser.get(storefront1.url)
    assert response.status_code == 200  # Wagtail's password form
    assert "password" in response.content.decode()
    assert counted() == {}


# -- nothing personal, nothing per request ----------------------------------------


def test_counting_sets_no_cookie_and_adds_no_vary(browser, client, storefront1):
    counted_response = browser.get(storefront1.url)
    bot_response = client.get(storefront1.url, HTTP_USER_AGENT="Googlebot/2.1")
    assert counted() == {("shop", storefront1.pk, "ja"): 1}
    assert not counted_response.cookies
    assert "Set-Cookie" not in counted_response.headers
    assert counted_response.get("Vary") == bot_response.get("Vary")
    assert "sessionid" not in browser.cookies


def test_no_query_added_per_view_before_a_flush(
    browser, client, storefront1, django_assert_num_queries
):
    client.get(storefront1.url, HTTP_USER_AGENT="Googlebot/2.1")  # warm caches
    with CaptureQueriesContext(connection) as uncounted:
        client.get(storefront1.url, HTTP_USER_AGENT="Googlebot/2.1")
    assert counted() == {}
    with django_assert_num_queries(len(uncounted)):
        browser.get(storefront1.url)
    assert counted() == {("shop", storefront1.pk, "ja"): 1}
    with django_assert_num_queries(0):
        for _ in range(1000):
            visitors.record("shop", storefront1.pk, "en")
    assert counted()[("shop", storefront1.pk, "en")] == 1000


# -- writing the buffer -------------------------------------------------------------


def test_flush_adds_to_existing_counters_across_flushes(django_assert_num_queries):
    day = dt.date(2026, 4, 1)
    other_day = dt.date(2026, 4, 2)
    # written earlier by another process
    PageViewCount.objects.create(day=day, kind="shop", object_id=7, language="en", views=10)
    for _ in range(3):
        visitors.record("shop", 7, "ja", day=day)
    visitors.record("shop", 7, "en", day=day, views=2)
    visitors.record("product", 5, "ja", day=other_day)
    with django_assert_num_queries(3):  # savepoint, one upsert, release
        assert visitors.flush() == 6
    assert visitors.pending() == {}
    assert stored() == {
        (day, "shop", 7, "ja"): 3,
        (day, "shop", 7, "en"): 12,
        (other_day, "product", 5, "ja"): 1,
    }
    visitors.record("shop", 7, "ja", day=day)
    visitors.record("search", 0, "ko", day=other_day, views=4)
    assert visitors.flush() == 5
    assert stored() == {
        (day, "shop", 7, "ja"): 4,
        (day, "shop", 7, "en"): 12,
        (other_day, "product", 5, "ja"): 1,
        (other_day, "search", 0, "ko"): 4,
    }
    assert PageViewCount.objects.count() == 4


def test_flush_of_nothing_makes_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert visitors.flush() == 0


def test_a_large_flush_is_written_in_batches():
    day = dt.date(2026, 4, 1)
    keys = visitors.BATCH_SIZE * 2 + 7
    for object_id in range(1, keys + 1):
        visitors.record("shop", object_id, "ja", day=day, views=object_id % 3 + 1)
    with CaptureQueriesContext(connection) as queries:
        visitors.flush()
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 3
    assert PageViewCount.objects.count() == keys
    assert sum(stored().values()) == sum(i % 3 + 1 for i in range(1, keys + 1))


def test_automatic_flush_after_every_n_views(browser, storefront1, settings):
    settings.PAGE_VIEWS_AUTO_FLUSH = True
    settings.PAGE_VIEWS_FLUSH_EVERY = 3
    settings.PAGE_VIEWS_FLUSH_SECONDS = 3600
    browser.get(storefront1.url)
    browser.get(storefront1.url)
    assert not PageViewCount.objects.exists()
    browser.get(storefront1.url)  # written once the third response has gone out
    assert stored() == {(today(), "shop", storefront1.pk, "ja"): 3}
    assert visitors.pending() == {}


def test_automatic_flush_after_some_seconds(browser, storefront1, settings):
    settings.PAGE_VIEWS_AUTO_FLUSH = True
    settings.PAGE_VIEWS_FLUSH_EVERY = 1000
    settings.PAGE_VIEWS_FLUSH_SECONDS = 0
    browser.get(storefront1.url)
    assert stored() == {(today(), "shop", storefront1.pk, "ja"): 1}


def _refuse_writes():
    """A real database refusal: a trigger that aborts inserts into the counters."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TRIGGER refuse_page_views BEFORE INSERT ON machikado_pageviewcount "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_page_views() RETURNS trigger AS "
                "$$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_page_views BEFORE INSERT ON machikado_pageviewcount "
                "FOR EACH ROW EXECUTE FUNCTION refuse_page_views()"
            )
        else:  # pragma: no cover
            pytest.skip("needs SQLite or PostgreSQL")


def _allow_writes():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER refuse_page_views")
        else:
            cursor.execute("DROP TRIGGER refuse_page_views ON machikado_pageviewcount")
            cursor.execute("DROP FUNCTION refuse_page_views()")


def test_a_failed_flush_never_breaks_the_page_and_keeps_the_views(browser, storefront1, settings):
    settings.PAGE_VIEWS_AUTO_FLUSH = True
    settings.PAGE_VIEWS_FLUSH_EVERY = 1
    _refuse_writes()
    response = browser.get(storefront1.url)
    assert response.status_code == 200
    assert counted() == {("shop", storefront1.pk, "ja"): 1}  # kept for the next flush
    assert not PageViewCount.objects.exists()
    _allow_writes()
    assert visitors.flush() == 1
    assert stored() == {(today(), "shop", storefront1.pk, "ja"): 1}


def test_counters_are_unique_per_day_kind_object_and_language():
    from django.db import IntegrityError, transaction

    day = dt.date(2026, 4, 1)
    PageViewCount.objects.create(day=day, kind="shop", object_id=1, language="ja", views=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PageViewCount.objects.create(day=day, kind="shop", object_id=1, language="ja", views=1)
