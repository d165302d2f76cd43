"""Open data: the 自治体標準オープンデータセット files, their import and the pages."""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date
from wagtail.models import Page, Revision

from tests.factories import make_image
from tests.tourism.factories import listing, make_attraction, make_event, translate
from tourism.models import AttractionPage, EventPage
from tourism.opendata import export, formats, importer, spec
from tourism.opendata.spec import EVENTS, TOURISM_FACILITIES

pytestmark = pytest.mark.django_db


def read_csv(content: bytes):
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def csv_bytes(dataset, rows, encoding="utf-8-sig"):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(dataset.columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in dataset.columns])
    return buffer.getvalue().encode(encoding)


def temple(**fields):
    values = dict(
        name_kana="さくらやまでら",
        hours=[
            dict(from_month=1, to_month=12, days="daily", opens=dt.time(9), closes=dt.time(17)),
            dict(from_month=4, to_month=11, days="weekends", opens=dt.time(8), closes=dt.time(18)),
        ],
        closures=[
            dict(start_date=dt.date(2026, 12, 29), end_date=dt.date(2027, 1, 3), reason="年末年始")
        ],
        admission_fee=300,
        fee_details="中学生以下無料",
        access_train="JR八高線 群馬藤岡駅から徒歩20分",
        access_car="上信越道 藤岡ICから10分",
        parking="30台",
        step_free=True,
        accessible_toilet=True,
        barrier_free_notes="本堂にスロープ",
        phone="0274-22-1211",
        hours_note="最終入場は閉門30分前",
        latitude=Decimal("36.258"),
        longitude=Decimal("139.075"),
        building="本堂",
    )
    values.update(fields)
    return make_attraction("桜山寺", **values)


def festival(venue=None, **fields):
    values = dict(
        name_kana="さくらまつり",
        start_date=dt.date(2026, 4, 4),
        repeat="weekly",
        repeat_weekdays=[5, 6],
        repeat_until=dt.date(2026, 4, 26),
        exceptions=[dt.date(2026, 4, 18)],
        date_note="雨天中止",
        price=0,
        organiser="桜まつり実行委員会",
        contact_phone="0274-22-1211",
        capacity=200,
        booking_deadline=dt.date(2026, 3, 31),
        booking_method="電話で申込",
        venue_page=venue,
    )
    values.update(fields)
    return make_event("桜まつり", **values)


# --- the spec and settings ---------------------------------------------------------------


def test_municipality_code_check_digit():
    assert spec.municipality_code_is_valid("102091")  # 群馬県藤岡市
    assert spec.municipality_code_is_valid("011002")  # 北海道札幌市
    assert spec.municipality_code_is_valid("131016")  # 東京都千代田区
    assert not spec.municipality_code_is_valid("102092")
    assert not spec.municipality_code_is_valid("10209")
    with override_settings(OPENDATA_MUNICIPALITY_CODE="102092"):
        assert [e.id for e in run_checks() if e.id.startswith("tourism.")] == ["tourism.E001"]
    assert not [e for e in run_checks() if e.id.startswith("tourism.")]


def test_kana_is_written_as_full_width_katakana():
    assert formats.to_katakana("さくらやま こうえん") == "サクラヤマ\u3000コウエン"
    assert formats.to_katakana("ｻｸﾗﾔﾏ") == "サクラヤマ"
    assert formats.is_katakana("サクラヤマ・コウエン")
    assert not formats.is_katakana("さくらやま")
    assert not formats.is_katakana("ｻｸﾗ")


def test_csv_and_json_follow_the_spec_exactly(client):
    temple()
    festival()
    for dataset in (TOURISM_FACILITIES, EVENTS):
        response = client.get(f"/opendata/{dataset.slug}.csv")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv; charset=utf-8")
        assert (
            response["Content-Disposition"] == f'attachment; filename="102091_{dataset.slug}.csv"'
        )
        assert "Last-Modified" in response and "max-age" in response["Cache-Control"]
        content = response.content
        header, rows = read_csv(content)
        assert header == dataset.columns
        assert content.count(b"\r\n") >= 2 and b"\n" not in content.replace(b"\r\n", b"")[:200]
        assert len(rows) == 1

        document = json.loads(client.get(f"/opendata/{dataset.slug}.json").content)
        assert document["dataset"] == dataset.name
        assert document["license"]["name"] == "CC BY 4.0"
        assert document["municipality"] == {"code": "102091", "name": "群馬県藤岡市"}
        assert document["generated_at"]
        assert [list(item) for item in document["items"]] == [dataset.columns]
        assert document["items"] == rows
    # The spec's exact characters where widths differ.
    assert "料金（基本）" in TOURISM_FACILITIES.columns and "料金(基本)" in EVENTS.columns
    assert "建物名等(方書)" in TOURISM_FACILITIES.columns


@override_settings(OPENDATA_MUNICIPALITY_CODE="011002", OPENDATA_MUNICIPALITY_NAME="北海道札幌市")
def test_municipality_code_and_name_come_from_settings(client):
    temple()
    _header, rows = read_csv(client.get("/opendata/tourism-facilities.csv").content)
    assert rows[0]["全国地方公共団体コード"] == "011002"
    assert rows[0]["地方公共団体名"] == "北海道札幌市"
    # The place is in 藤岡市, not in the publishing municipality: no place code.
    assert rows[0]["所在地_全国地方公共団体コード"] == ""
    document = json.loads(client.get("/opendata/tourism-facilities.json").content)
    assert document["municipality"] == {"code": "011002", "name": "北海道札幌市"}


def test_attraction_row():
    page = temple(hero_image=make_image("temple"))
    translate(page, "en", title="Sakurayama Temple", summary="An old temple in the hills.")
    make_attraction("下書きの寺", publish=False)
    [row] = export.attraction_rows(export.Context(base_url="https://machikado.example/"))
    assert row["ID"] == f"A{page.pk:06d}"
    assert row["名称"] == "桜山寺"
    assert row["名称_カナ"] == "サクラヤマデラ"
    assert row["名称_英語"] == "Sakurayama Temple"
    assert row["説明_英語"] == "An old temple in the hills."
    assert row["説明"] == "山あいの古い寺。"
    assert row["所在地_全国地方公共団体コード"] == "102091"
    assert row["所在地_連結表記"] == f"群馬県藤岡市{page.street}\u3000本堂"
    assert (row["所在地_町字"], row["所在地_番地以下"]) == (
        "鬼石",
        page.street.removeprefix("鬼石"),
    )
    assert (row["緯度"], row["経度"]) == ("36.258", "139.075")
    assert row["利用可能曜日"] == "月曜日;火曜日;水曜日;木曜日;金曜日;土曜日;日曜日;祝日"
    assert (row["開始時間"], row["終了時間"]) == ("09:00", "17:00")
    assert row["利用可能日時特記事項"].split("\n") == [
        "4月〜11月 土日祝 08:00〜18:00",
        "休業日 2026-12-29〜2027-01-03（年末年始）",
        "最終入場は閉門30分前",
    ]
    assert (row["料金（基本）"], row["料金（詳細）"]) == ("300円", "中学生以下無料")
    assert (
        row["アクセス方法"]
        == "【電車】JR八高線 群馬藤岡駅から徒歩20分\n【車】上信越道 藤岡ICから10分"
    )
    assert row["バリアフリー情報"] == "段差なし;バリアフリートイレあり\n本堂にスロープ"
    assert row["連絡先電話番号"] == "0274-22-1211"
    assert row["画像"].startswith("https://machikado.example/") and row["画像"].endswith(".png")
    assert row["画像_ライセンス"] == "CC BY 4.0"
    assert row["URL"].endswith(page.url)


def test_event_row():
    venue = temple()
    event = festival(venue=venue)
    translate(event, "en", title="Cherry Blossom Festival")
    cancelled = make_event(
        "花火大会",
        name_kana="はなびたいかい",
        status="cancelled",
        venue_name="河川敷",
        start_date=dt.date(2026, 8, 1),
        end_date=dt.date(2026, 8, 2),
    )
    rows = {row["イベント名"]: row for row in export.event_rows()}
    row = rows["桜まつり"]
    assert row["ID"] == f"E{event.pk:06d}"
    assert row["イベント名_カナ"] == "サクラマツリ"
    assert row["イベント名_英語"] == "Cherry Blossom Festival"
    assert (row["開始日"], row["終了日"]) == ("2026-04-04", "2026-04-26")
    assert (row["開始時間"], row["終了時間"]) == ("10:00", "15:00")
    assert row["開始日時特記事項"].split("\n") == [
        "繰り返し：毎週 土曜日・日曜日",
        "除外日：2026-04-18",
        "雨天中止",
    ]
    assert (row["料金(基本)"], row["主催者"], row["定員"]) == ("無料", "桜まつり実行委員会", "200")
    assert (row["参加申込終了日"], row["参加申込方法"]) == ("2026-03-31", "電話で申込")
    # The venue is an attraction: its name, address, point, access and parking.
    assert row["場所名称"] == "桜山寺"
    assert row["所在地_連結表記"].startswith("群馬県藤岡市鬼石")
    assert (row["緯度"], row["経度"]) == ("36.258", "139.075")
    assert row["アクセス方法"].startswith("【電車】") and row["駐車場情報"] == "30台"
    other = rows["花火大会"]
    assert other["開始日時特記事項"] == "中止"
    assert (other["開始日"], other["終了日"], other["場所名称"]) == (
        "2026-08-01",
        "2026-08-02",
        "河川敷",
    )
    assert other["所在地_連結表記"] == "" and other["緯度"] == ""
    assert cancelled.live


# --- import ------------------------------------------------------------------------------


def _snapshot():
    return (
        read_rows(export.to_csv(TOURISM_FACILITIES, export.attraction_rows())),
        read_rows(export.to_csv(EVENTS, export.event_rows())),
    )


def read_rows(content):
    return read_csv(content)[1]


def test_export_import_round_trip(staff):
    first = temple()
    translate(first, "en", title="Sakurayama Temple", summary="An old temple.")
    second = make_attraction(
        "藤岡歴史館",
        name_kana="ふじおかれきしかん",
        category="museum",
        hours=[dict(from_month=3, to_month=11, days="1", opens=dt.time(10), closes=dt.time(16))],
        admission_fee=None,
        website="https://museum.example.jp/",
    )
    translate(second, "en", title="Fujioka History Museum", summary="Local history.")
    event = festival(venue=first)
    single = make_event(
        "朝市",
        name_kana="あさいち",
        venue_name="駅前広場",
        start_date=dt.date(2026, 5, 3),
        prefecture="群馬県",
        city="藤岡市",
        street="藤岡1-1",
        latitude=Decimal("36.25"),
        longitude=Decimal("139.07"),
        price=500,
    )
    translate(single, "en", title="Morning Market")
    attractions_csv = export.to_csv(TOURISM_FACILITIES, export.attraction_rows())
    events_csv = export.to_csv(EVENTS, export.event_rows())
    before = _snapshot()

    # Staff change and delete pages after the export ...
    first.title = "変更された寺"
    first.hours = []
    first.admission_fee = 1000
    first.save_revision().publish()
    english = second.get_translations().get(locale__language_code="en")
    english.delete()
    second.delete()
    event.repeat = ""
    event.save_revision().publish()
    single.get_translations().get(locale__language_code="en").delete()
    single.delete()
    assert _snapshot() != before

    # ... and importing the export puts everything back.
    report = importer.import_file(TOURISM_FACILITIES, attractions_csv, user=staff)
    assert report.problems == [] and (report.created, report.updated) == (1, 1)
    report = importer.import_file(EVENTS, events_csv, user=staff)
    assert report.problems == [] and (report.created, report.updated) == (1, 1)
    assert _snapshot() == before

    recreated = AttractionPage.objects.filter(locale__language_code="ja").get(
        opendata_id=f"A{second.pk:06d}"
    )
    assert recreated.live and recreated.get_parent().pk == listing("attractions").pk
    assert recreated.category == "other" and recreated.website == "https://museum.example.jp/"
    assert recreated.latest_revision.user == staff
    assert [(h.from_month, h.to_month, h.days) for h in recreated.hours.all()] == [(3, 11, "1")]
    restored = EventPage.objects.get(pk=event.pk)
    assert (restored.repeat, restored.repeat_weekdays, restored.repeat_until) == (
        "weekly",
        [5, 6],
        dt.date(2026, 4, 26),
    )
    assert [e.date for e in restored.exceptions.all()] == [dt.date(2026, 4, 18)]
    assert restored.venue_page_id == first.pk and restored.city == ""

    # Importing the same file again changes nothing.
    report = importer.import_file(TOURISM_FACILITIES, attractions_csv, user=staff)
    assert (report.created, report.updated, report.unchanged, report.translations) == (0, 0, 2, 0)


GOOD_ATTRACTION = {
    "ID": "T0001",
    "名称": "城山公園",
    "名称_カナ": "シロヤマコウエン",
    "名称_英語": "Shiroyama Park",
    "説明": "桜の名所。",
    "説明_英語": "Known for cherry blossoms.",
    "所在地_都道府県": "群馬県",
    "所在地_市区町村": "藤岡市",
    "所在地_町字": "藤岡",
    "所在地_番地以下": "100",
    "緯度": "36.25",
    "経度": "139.07",
    "利用可能曜日": "月曜日;火曜日;水曜日;木曜日;金曜日",
    "開始時間": "09:00",
    "終了時間": "17:00",
    "料金（基本）": "無料",
}


def page_counts():
    return Page.objects.count(), Revision.objects.count()


def test_import_creates_published_pages_and_english_translations(staff):
    second = dict(GOOD_ATTRACTION, ID="T0002", 名称="城山展望台", 名称_英語="", 説明_英語="")
    data = csv_bytes(TOURISM_FACILITIES, [GOOD_ATTRACTION, second])
    report = importer.import_file(TOURISM_FACILITIES, data, user=staff)
    assert report.ok and report.created == 2 and report.translations == 1
    page = AttractionPage.objects.filter(locale__language_code="ja").get(opendata_id="T0001")
    assert page.live and page.name_kana == "シロヤマコウエン"
    assert [(h.days, h.opens, h.closes) for h in page.hours.all()] == [
        ("weekdays", dt.time(9), dt.time(17))
    ]
    english = page.get_translations().get(locale__language_code="en").specific
    assert (english.title, english.summary, english.live) == (
        "Shiroyama Park",
        "Known for cherry blossoms.",
        True,
    )
    assert english.url.startswith("/en/visit/attractions/")


def test_bad_rows_are_reported_and_nothing_is_written(staff):
    rows = [
        GOOD_ATTRACTION,
        dict(GOOD_ATTRACTION, ID="T0002", 名称_カナ="しろやま"),
        dict(GOOD_ATTRACTION, ID="T0003", 緯度="37.5665", 経度="126.978"),  # Seoul
        dict(GOOD_ATTRACTION, ID="T0004", 開始時間="17:00", 終了時間="09:00"),
        dict(GOOD_ATTRACTION, ID="", 名称=""),
        dict(GOOD_ATTRACTION, ID="T0006", 緯度="北緯36度"),
        dict(GOOD_ATTRACTION, ID="T0001"),
        dict(GOOD_ATTRACTION, ID="T0008", 利用可能曜日="月曜;火曜;休み")
        | {"料金（基本）": "大人500円"},
    ]
    before = page_counts()
    report = importer.import_file(
        TOURISM_FACILITIES, csv_bytes(TOURISM_FACILITIES, rows), user=staff
    )
    assert not report.ok and not report.written
    assert {(p.row, p.column) for p in report.problems} == {
        (3, "名称_カナ"),
        (4, "緯度"),
        (5, "終了時間"),
        (6, "ID"),
        (6, "名称"),
        (7, "緯度"),
        (8, "ID"),
        (9, "利用可能曜日"),
        (9, "料金（基本）"),
    }
    assert all(p.message for p in report.problems)
    assert page_counts() == before

    events = [
        {
            "ID": "EV1",
            "イベント名": "朝市",
            "イベント名_カナ": "アサイチ",
            "説明": "毎週の朝市。",
            "開始日": "2026/05/03",
        },
        {
            "ID": "EV2",
            "イベント名": "夜市",
            "イベント名_カナ": "ヨイチ",
            "説明": "夜の市。",
            "開始日": "2026-05-10",
            "終了日": "2026-05-09",
            "開始時間": "9時",
            "定員": "たくさん",
        },
    ]
    report = importer.import_file(EVENTS, csv_bytes(EVENTS, events), user=staff)
    assert {(p.row, p.column) for p in report.problems} == {
        (3, "終了日"),
        (3, "開始時間"),
        (3, "定員"),
    }
    assert page_counts() == before


def test_only_the_last_row_bad_writes_nothing(staff):
    rows = [dict(GOOD_ATTRACTION, ID=f"T{n:04d}", 名称=f"公園{n}") for n in range(1, 5)]
    rows.append(dict(GOOD_ATTRACTION, ID="T0005") | {"料金（基本）": "高い"})
    before = page_counts()
    report = importer.import_file(
        TOURISM_FACILITIES, csv_bytes(TOURISM_FACILITIES, rows), user=staff
    )
    assert [(p.row, p.column) for p in report.problems] == [(6, "料金（基本）")]
    assert page_counts() == before
    assert not AttractionPage.objects.filter(opendata_id__startswith="T").exists()


def test_header_must_be_the_spec_list(staff):
    columns = [c for c in TOURISM_FACILITIES.columns if c != "POIコード"] + ["カテゴリ"]
    data = ",".join(columns).encode() + b"\r\n" + b",".join([b""] * len(columns)) + b"\r\n"
    report = importer.import_file(TOURISM_FACILITIES, data, user=staff)
    assert {(p.row, p.column) for p in report.problems} == {(1, "POIコード"), (1, "カテゴリ")}
    # Either width of parentheses is the same column.
    folded = csv_bytes(TOURISM_FACILITIES, [GOOD_ATTRACTION]).replace(
        "料金（基本）".encode(), "料金(基本)".encode()
    )
    assert importer.import_file(TOURISM_FACILITIES, folded, user=staff, dry_run=True).ok


def test_shift_jis_files_are_read(staff):
    data = csv_bytes(TOURISM_FACILITIES, [GOOD_ATTRACTION], encoding="cp932")
    report = importer.import_file(TOURISM_FACILITIES, data, user=staff)
    assert report.ok and report.created == 1
    assert (
        AttractionPage.objects.filter(locale__language_code="ja").get(opendata_id="T0001").title
        == "城山公園"
    )


def test_command_reports_and_exits_1_on_errors(tmp_path, staff, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(TOURISM_FACILITIES, [dict(GOOD_ATTRACTION, 名称_カナ="しろやま")]))
    before = page_counts()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_opendata", "attractions", str(bad))
    assert exit_info.value.code == 1
    assert "2\t名称_カナ\t" in capsys.readouterr().out
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(TOURISM_FACILITIES, [GOOD_ATTRACTION]))
    call_command("import_opendata", "attractions", str(good), "--dry-run")
    assert page_counts() == before
    call_command("import_opendata", "attractions", str(good), "--user", staff.username)
    assert (
        AttractionPage.objects.filter(locale__language_code="ja")
        .get(opendata_id="T0001")
        .latest_revision.user
        == staff
    )


# --- admin -------------------------------------------------------------------------------


def upload(data, name="data.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_admin_import_for_staff_only(client, staff, owner1, storefront1):
    url = "/admin/opendata/import/"
    data = csv_bytes(TOURISM_FACILITIES, [GOOD_ATTRACTION])
    before = page_counts()

    response = client.post(url, {"dataset": "tourism-facilities", "file": upload(data)})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(owner1)
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    for response in (
        client.get(url),
        client.post(url, {"dataset": "tourism-facilities", "file": upload(data)}),
    ):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert url not in client.get("/admin/").content.decode()  # no menu item
    assert page_counts() == before

    client.force_login(staff)
    assert url in client.get("/admin/").content.decode()  # the "Open data" menu
    response = client.get(url)
    assert response.status_code == 200 and b'name="file"' in response.content
    bad = csv_bytes(TOURISM_FACILITIES, [dict(GOOD_ATTRACTION, 緯度="10", 経度="10")])
    response = client.post(url, {"dataset": "tourism-facilities", "file": upload(bad)})
    page = response.content.decode()
    assert response.status_code == 200 and '<td>2</td><td lang="ja">緯度</td>' in page
    assert page_counts() == before
    response = client.post(url, {"dataset": "tourism-facilities", "file": upload(data)})
    assert response.status_code == 200
    assert AttractionPage.objects.filter(locale__language_code="ja").get(opendata_id="T0001").live


@override_settings(OPENDATA_IMPORT_MAX_BYTES=100)
def test_admin_import_refuses_large_files(client, staff):
    client.force_login(staff)
    data = csv_bytes(TOURISM_FACILITIES, [GOOD_ATTRACTION])
    response = client.post(
        "/admin/opendata/import/", {"dataset": "tourism-facilities", "file": upload(data)}
    )
    assert (
        response.status_code == 200
        and not AttractionPage.objects.filter(opendata_id="T0001").exists()
    )
    assert response.context["form"].errors["file"]


def test_admin_import_needs_csrf(staff):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    data = csv_bytes(TOURISM_FACILITIES, [GOOD_ATTRACTION])
    response = client.post(
        "/admin/opendata/import/", {"dataset": "tourism-facilities", "file": upload(data)}
    )
    assert response.status_code == 403
    assert not AttractionPage.objects.filter(opendata_id="T0001").exists()


# --- queries and pages --------------------------------------------------------------------


def _export_queries(dataset):
    cache.clear()  # Wagtail caches the site root paths: measure a cold export each time
    with CaptureQueriesContext(connection) as queries:
        rows = export.rows_for(dataset, export.Context())
    return len(queries), len(rows)


def test_export_queries_do_not_grow_with_rows():
    venue = temple(hero_image=make_image("v"))
    for n in range(3):
        page = make_attraction(
            hours=[dict(days="daily", opens=dt.time(9), closes=dt.time(17))],
            closures=[dict(start_date=dt.date(2026, 12, 31))],
        )
        translate(page, "en", title=f"Sight {n}")
        festival(venue=venue if n % 2 else None, hero_image=make_image(f"e{n}"))
    small = _export_queries(TOURISM_FACILITIES), _export_queries(EVENTS)
    for n in range(27):
        page = make_attraction(
            hours=[dict(days="daily", opens=dt.time(9), closes=dt.time(17))],
            closures=[dict(start_date=dt.date(2026, 12, 31))],
        )
        translate(page, "en", title=f"Sight {n}")
        festival(venue=venue if n % 2 else None)
    large = _export_queries(TOURISM_FACILITIES), _export_queries(EVENTS)
    assert [rows for _queries, rows in small] == [4, 3]
    assert [rows for _queries, rows in large] == [31, 30]
    assert [queries for queries, _rows in small] == [queries for queries, _rows in large]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_opendata_page(client, language):
    temple()
    response = client.get(f"/{language}/opendata/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert "観光施設一覧" in page and "イベント一覧" in page
    assert 'href="/opendata/tourism-facilities.csv"' in page
    assert 'href="/opendata/events.json"' in page
    assert "https://creativecommons.org/licenses/by/4.0/" in page
    assert "<td>1</td>" in page and "<td>0</td>" in page
    if language == "en":
        assert "Open data" in page


def test_unprefixed_addresses(client):
    temple()
    response = client.get("/opendata/", HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 302 and response["Location"] == "/ja/opendata/"
    response = client.get("/opendata/tourism-facilities.csv")
    assert response.status_code == 200
    assert (
        client.get(
            "/opendata/tourism-facilities.csv", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
        ).status_code
        == 304
    )
    assert (
        client.get(
            "/opendata/tourism-facilities.csv", HTTP_IF_MODIFIED_SINCE=http_date(0)
        ).status_code
        == 200
    )
    assert client.get("/opendata/unknown.csv").status_code in (302, 404)
