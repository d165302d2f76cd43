"""The City console in the admin: who may see it, exports parsed back, charts
with their tables, filters, and query counts that do not grow with the data."""

import csv
import datetime as dt
import io
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from machikado.console.filters import FilterForm
from machikado.console.sections import SECTIONS
from tests.factories import make_user

from .data import Shops, at, commerce_orders

PERIOD = "start=2026-03-01&end=2026-04-30"


def english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def shops(db):
    shops = Shops()
    commerce_orders(shops)
    return shops


@pytest.fixture
def staff_client(client, staff):
    client.force_login(english(staff))
    return client


def console_urls():
    """Every console address: overview, sections, each table's CSV and Excel, workbooks."""
    urls = ["/admin/city/"]
    filters = FilterForm().filters()
    for entry in SECTIONS:
        urls.append(f"/admin/city/{entry.slug}/")
        urls.append(f"/admin/city/{entry.slug}/export.xlsx")
        for table in entry.build(filters).tables:
            for extension in ("csv", "xlsx"):
                urls.append(f"/admin/city/{entry.slug}/export/{table.slug}.{extension}")
    return urls


# -- permissions --------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login(client):
    urls = console_urls()
    assert len(urls) > 40
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/?next="), url


@pytest.mark.django_db
def test_owners_are_refused_everything(client, storefront1, owner1):
    client.force_login(owner1)
    assert client.get("/admin/").status_code == 200  # they do have the admin
    for url in console_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/admin/", url
        assert "Content-Disposition" not in response
    home = client.get("/admin/").content.decode()
    assert "/admin/city/" not in home  # no menu item


@pytest.mark.django_db
def test_city_staff_and_superusers_see_everything(client, staff):
    superuser = make_user("root", superuser=True)
    for user in (staff, superuser):
        client.force_login(user)
        assert 'href="/admin/city/"' in client.get("/admin/").content.decode()
        for url in console_urls():
            response = client.get(url)
            assert response.status_code == 200, (user, url)
            if url.endswith(".csv"):
                assert response["Content-Type"] == "text/csv; charset=utf-8"
                assert response.content.startswith(b"\xef\xbb\xbf")
            elif url.endswith(".xlsx"):
                assert response["Content-Type"].startswith(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml"
                )
                load_workbook(io.BytesIO(response.content))


@pytest.mark.django_db
def test_inactive_staff_member_is_refused(client, staff):
    from machikado.console.access import is_city_staff

    staff.is_active = False
    assert not is_city_staff(staff)


# -- exports ------------------------------------------------------------------------


def test_csv_export_parsed_back(shops, staff_client):
    response = staff_client.get(f"/admin/city/commerce/export/by-month.csv?{PERIOD}")
    assert response["Content-Disposition"] == (
        'attachment; filename="machikado-commerce-by-month-2026-03-01_2026-04-30.csv"'
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [
        ["Month", "Paid orders", "Gross sales", "Refunds", "Net sales", "Average order"],
        ["2026-03", "2", "4600", "0", "4600", "2300"],
        ["2026-04", "2", "2800", "1800", "1000", "1400"],
    ]


def test_csv_keeps_japanese_text(shops, client, staff):
    client.force_login(staff)  # a Japanese admin: area names in Japanese
    response = client.get(f"/admin/city/commerce/export/by-area.csv?{PERIOD}")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[:3] for row in rows[1:]] == [["鬼石", "3", "6400"], ["藤岡", "1", "1000"]]


def test_excel_export_parsed_back(shops, staff_client):
    response = staff_client.get(f"/admin/city/commerce/export/growth.xlsx?{PERIOD}")
    assert "machikado-commerce-growth-2026-03-01_2026-04-30.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    (sheet,) = book.worksheets
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Measure", "This period", "Same period last year", "Change")
    assert rows[1:] == [
        ("Paid orders", 4, 2, 100.0),
        ("Gross sales", 7400, 3800, 94.7),
        ("Refunds", 1800, 1000, 80.0),
        ("Net sales", 5600, 2800, 100.0),
        ("Average order", 1850, 1900, -2.6),
    ]


def test_section_workbook_has_a_sheet_per_table(shops, staff_client):
    response = staff_client.get(f"/admin/city/commerce/export.xlsx?{PERIOD}")
    assert "machikado-commerce-2026-03-01_2026-04-30.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.worksheets) == 6
    by_month = book["Sales per month"]
    assert [cell.value for cell in by_month["C"]] == ["Gross sales", 4600, 2800]
    assert by_month["C2"].number_format == "¥#,##0"
    business = next(s for s in book.worksheets if s.title == "Sales per business")
    assert [row[:3] for row in business.iter_rows(min_row=2, values_only=True)] == [
        ("喫茶まちかど", 3, 6400),
        ("藤岡ケーキ", 1, 1000),
    ]


def test_excel_dates_are_dates_in_japan_time(staff_client, db):
    from tests.console.test_search_report import log

    log("そば", 0, at(2026, 11, 5, 23, 30))
    response = staff_client.get(
        "/admin/city/search/export/no-results.xlsx?start=2026-11-01&end=2026-11-30"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["C2"].value == dt.datetime(2026, 11, 5, 23, 30)
    csv_text = staff_client.get(
        "/admin/city/search/export/no-results.csv?start=2026-11-01&end=2026-11-30"
    ).content.decode("utf-8-sig")
    assert "そば,1,2026-11-05 23:30:00" in csv_text


# -- pages, charts and filters -------------------------------------------------------


class Structure(HTMLParser):
    """Ids, SVG charts and tables of a page."""

    def __init__(self):
        super().__init__()
        self.ids, self.svgs, self.tables, self.captions = {}, [], [], 0
        self._stack = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] = tag
        if tag == "svg" and "console-chart" in attrs.get("class", ""):
            self.svgs.append(attrs)
        if tag == "table" and attrs.get("id", "").startswith("table-"):
            self.tables.append(attrs)
            self._in_report_table = True
        if tag == "caption" and getattr(self, "_in_report_table", False):
            self.captions += 1

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_report_table = False


def test_commerce_page_charts_with_their_tables(shops, staff_client):
    response = staff_client.get(f"/admin/city/commerce/?{PERIOD}")
    html = response.content.decode()
    assert response.status_code == 200
    page = Structure()
    page.feed(html)
    assert len(page.svgs) == 3  # per month (against last year), by area, by category
    for svg in page.svgs:
        assert svg["role"] == "img"
        title, desc = svg["aria-labelledby"].split()
        assert page.ids[title] == "title" and page.ids[desc] == "desc"
    assert len(page.tables) == 6 and page.captions == 6
    assert {"table-by-month-growth", "table-by-area", "table-by-category"} <= set(page.ids)
    # the figures, formatted, with the definition of a paid order
    assert "¥7,400" in html and "+94.7% against last year" in html
    assert "pay-at-the-store orders only once completed" in html
    assert "How this is computed" in html and "shop_orderline" in html
    query = f"{PERIOD}&stale_months=6".replace("&", "&amp;")
    assert f'href="/admin/city/commerce/export/by-area.csv?{query}"' in html
    assert f'href="/admin/city/commerce/export/by-area.xlsx?{query}"' in html
    assert f'href="/admin/city/commerce/export.xlsx?{query}"' in html


def test_area_filter(shops, staff_client):
    response = staff_client.get(f"/admin/city/commerce/?{PERIOD}&area={shops.onishi.pk}")
    html = response.content.decode()
    assert "¥6,400" in html and "¥7,400" not in html
    assert "Onishi" in html  # the area's name in the admin's language
    export = staff_client.get(
        f"/admin/city/commerce/export/by-business.csv?{PERIOD}&area={shops.onishi.pk}"
    )
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["喫茶まちかど"]


def test_invalid_filters_show_errors_and_refuse_exports(staff_client, db):
    bad = "start=2026-04-30&end=2026-03-01&area=999999&stale_months=0"
    response = staff_client.get(f"/admin/city/businesses/?{bad}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The end date must not be before the start date." in html
    assert "Select a valid choice." in html
    assert "Ensure this value is greater than or equal to 1." in html
    assert "the figures below use the default range" in html
    export = staff_client.get(f"/admin/city/businesses/export/by-area.csv?{bad}")
    assert export.status_code == 400
    assert staff_client.get("/admin/city/commerce/export/nothing.csv").status_code == 404
    assert staff_client.get("/admin/city/nowhere/").status_code == 404
    assert staff_client.get("/admin/city/commerce/export/by-area.pdf").status_code == 404


def test_filter_form_defaults_and_limits():
    form = FilterForm({}, today=dt.date(2026, 11, 28))
    assert not form.is_bound
    filters = form.filters()
    assert (filters.period.start, filters.period.end) == (
        dt.date(2025, 12, 1),
        dt.date(2026, 11, 28),
    )
    assert filters.stale_months == 6
    form = FilterForm({"start": "2010-01-01", "end": "2026-01-01"}, today=dt.date(2026, 11, 28))
    assert not form.is_valid() and "end" in form.errors
    form = FilterForm({"start": "2026-02-01"}, today=dt.date(2026, 11, 28))
    assert form.is_valid()
    assert form.filters().period.end == dt.date(2026, 11, 28)


def _count_page_queries(client, urls):
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    return counts


def test_console_queries_do_not_grow_with_the_data(shops, staff_client):
    """Every section page and the overview: the same number of queries with
    four times the orders, more storefronts, searches, images and page views."""
    from machikado.models import PageViewCount
    from search.models import SearchClick, SearchLog
    from tests.factories import make_image, make_storefront, pending_application

    urls = ["/admin/city/?" + PERIOD] + [f"/admin/city/{e.slug}/?{PERIOD}" for e in SECTIONS]
    urls += [f"/admin/city/commerce/export.xlsx?{PERIOD}"]
    PageViewCount.objects.create(
        day=dt.date(2026, 3, 1), kind="shop", object_id=shops.page1.pk, language="ja", views=3
    )
    PageViewCount.objects.create(
        day=dt.date(2026, 3, 1), kind="product", object_id=shops.tea.pk, language="en", views=1
    )
    small = _count_page_queries(staff_client, urls)

    for day in range(1, 11):
        shops.card(shops.tea, 1, at(2026, 3, day))
        shops.store(shops.cake, 1, at(2026, 4, day))
    for n in range(4):
        make_storefront(f"追加の店{n}", area=shops.fujioka)
        make_image(f"image{n}")
        pending_application(business_name=f"申請{n}", contact_email=f"a{n}@example.jp")
        entry = SearchLog.objects.create(query=f"q{n}", language="ja", results=n)
        SearchClick.objects.create(search=entry, kind="shop", position=1)
    PageViewCount.objects.bulk_create(
        PageViewCount(
            day=dt.date(2026, 3, d), kind="shop", object_id=shops.page1.pk, language=lang, views=d
        )
        for d in range(2, 29)
        for lang in ("ja", "en")
    )
    large = _count_page_queries(staff_client, urls)
    assert large == small
