"""Backups: `manage.py backup` / `manage.py restore` round trips on the suite's
database (SQLite in the default run, PostgreSQL in CI's second run), restores
into an empty database and storage, and the refusals (damaged, truncated,
wrong vendor, newer code, no confirmation) that must change nothing."""

import hashlib
import io
import json
import shutil
import sqlite3
import tarfile
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.utils import load_backend
from wagtail.images import get_image_model
from wagtail.models import Page

from machikado import backups
from search.engines import get_engine
from search.query import SearchQuery
from shop.models import OrderGroup, Product, Variant

from ..conftest import skip_or_fail
from ..factories import make_image, make_user
from ..shop.orders import open_shop, place, product

# Restores replace the database: each test commits for real (and is flushed after).
transactional = pytest.mark.django_db(transaction=True)

# The search index is checked by searching (the rebuild rewrites its tables).
SEARCH_TABLES = ("search_index", "search_indexentry_fts")


def row_counts(conn=None) -> dict[str, int]:
    conn = conn or connection
    counts = {}
    with conn.cursor() as cursor:
        for table in sorted(conn.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def media_hashes(storage=None) -> dict[str, str]:
    storage = storage or default_storage
    hashes = {}
    for name in backups.iter_storage_files(storage):
        with storage.open(name, "rb") as handle:
            hashes[name] = hashlib.sha256(handle.read()).hexdigest()
    return hashes


def snapshot() -> dict:
    variant = Variant.objects.get(product__title="ほうじ茶")
    group = OrderGroup.objects.get()
    return {
        "counts": {
            table: count
            for table, count in row_counts().items()
            if not table.startswith(SEARCH_TABLES)
        },
        "titles": sorted(Page.objects.values_list("title", flat=True)),
        "users": sorted(get_user_model().objects.values_list("username", "email")),
        "variant": (variant.price, variant.stock),
        "order": (group.status, group.total, group.name, list(group.orders.values_list("total"))),
        "images": sorted(get_image_model().objects.values_list("title", "file")),
        "media": media_hashes(),
    }


def search_ids(text: str) -> set[str]:
    return {hit.id for hit in get_engine().search(SearchQuery(text=text, language="ja")).hits}


@pytest.fixture
def site_data(storefront1, owner1, staff, tmp_path):
    """Users, a storefront page (ja + en), an image file, a shop with a product
    and an order: the kinds of rows and files a backup must bring back."""
    business = storefront1.business
    image = make_image("backup-photo", collection=business.collection)
    open_shop(business)
    tea = product(business, "ほうじ茶", price=1080, stock=5)
    place([(tea, 2)], OrderGroup.BANK_TRANSFER)
    make_user("tourist")
    call_command("rebuild_search_index", no_progress=True, stdout=io.StringIO())
    return {"page": storefront1, "image": image, "product": tea, "business": business}


def backup(path, *options) -> str:
    out = io.StringIO()
    call_command("backup", "--output", str(path), *options, stdout=out)
    return out.getvalue()


def restore(path, *options) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("restore", str(path), *options, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def restore_on_new_machine(archive, tmp_path, request):
    """A new machine: an empty database (SQLite: a new file; PostgreSQL: a new
    database) and an empty media storage; nothing but the archive."""
    storage = FileSystemStorage(location=tmp_path / "new-media")
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "new.sqlite3")
    else:
        settings_dict["NAME"] = f"machikado_restore_{uuid.uuid4().hex[:12]}"
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {settings_dict['NAME']}")
    target = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "new_machine")

    def drop():
        target.close()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {settings_dict['NAME']} WITH (FORCE)")

    request.addfinalizer(drop)
    result = backups.restore_backup(archive, using=target, storage=storage)
    return target, storage, result


def damage(site_data):
    """Changes after the backup: a restore must undo every one of them."""
    page, image = site_data["page"], site_data["image"]
    Page.objects.filter(pk=page.pk).update(title="書き換えたタイトル")
    Variant.objects.filter(product=site_data["product"]).update(price=1, stock=0)
    OrderGroup.objects.update(status=OrderGroup.CANCELLED, name="changed")
    get_user_model().objects.filter(username="tourist").delete()
    make_user("intruder")
    image_name = image.file.name
    image.delete()  # the row and its file
    assert not default_storage.exists(image_name)
    Product.objects.create(business=site_data["business"], title="後から追加")
    default_storage.save("documents/added-later.txt", ContentFile(b"new"))
    get_engine().clear()
    assert not search_ids("まちかど")


@transactional
def test_round_trip_brings_back_every_row_file_and_the_search_index(site_data, tmp_path, request):
    # The archive holds an empty search index: only the rebuild after the
    # restore can make the storefront findable again.
    get_engine().clear()
    before = snapshot()
    assert before["media"], "the image file is in the media storage"

    summary = backup(tmp_path / "site.tar.gz")
    archive = tmp_path / "site.tar.gz"
    assert "Backup written" in summary and archive.exists()
    assert not list(tmp_path.glob("*.partial"))
    digest, name = (tmp_path / "site.tar.gz.sha256").read_text().split()
    assert name == "site.tar.gz"
    assert digest == hashlib.sha256(archive.read_bytes()).hexdigest()
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert names[0] == backups.DATABASE_MEMBERS[connection.vendor]
    assert names[-1] == "manifest.json"
    assert {f"media/{n}" for n in before["media"]} <= set(names)
    assert manifest["database"]["vendor"] == connection.vendor
    assert "0001_initial" in manifest["database"]["migrations"]["shop"]
    assert len(manifest["files"]) == len(names) - 1

    # On a new machine every table comes back with as many rows, every file
    # with the same bytes.
    target, storage, result = restore_on_new_machine(archive, tmp_path, request)
    assert result.media_written == len(before["media"]) and result.media_extra == 0
    assert result.pending_migrations == []
    assert row_counts(target) == row_counts()
    assert media_hashes(storage) == before["media"]
    with target.cursor() as cursor:
        cursor.execute("SELECT title FROM wagtailcore_page WHERE id = %s", [site_data["page"].pk])
        assert cursor.fetchone() == (site_data["page"].title,)

    # In place, after changes.
    damage(site_data)
    assert snapshot() != before

    output = restore(archive, "--yes")

    assert "Indexed" in output, output
    assert "1 media files in the storage are not in the backup" in output
    after = snapshot()
    extra = after["media"].pop("documents/added-later.txt")
    assert extra == hashlib.sha256(b"new").hexdigest()
    assert after == before
    assert f"shop-{site_data['page'].pk}" in search_ids("まちかど")

    # Restoring the media again finds them already identical.
    again = restore(archive, "--yes", "--media-only", "--no-search-rebuild")
    assert f"Restored 0 media files ({len(before['media'])} already identical)" in again


def rewrite(archive, target, change):
    """A copy of the archive with its members renamed and its manifest edited
    by `change(manifest, names)` (names: {old member name: new})."""
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = {member.name: member.name for member in tar.getmembers()}
        change(manifest, names)
        for entry in manifest["files"]:
            entry["name"] = names[entry["name"]]
        with tarfile.open(target, "w") as out:
            for member in tar.getmembers():
                if member.name == "manifest.json":
                    data = json.dumps(manifest).encode()
                    member.size = len(data)
                    out.addfile(member, io.BytesIO(data))
                else:
                    data = tar.extractfile(member)
                    member.name = names[member.name]
                    out.addfile(member, data)
    return target


@transactional
def test_damaged_truncated_foreign_or_unconfirmed_archives_change_nothing(site_data, tmp_path):
    archive = tmp_path / "site.tar"
    backup(archive)
    damage(site_data)
    changed = snapshot()

    # One flipped byte inside the image file's data.
    flipped = tmp_path / "flipped.tar"
    data = bytearray(archive.read_bytes())
    with tarfile.open(archive) as tar:
        image = next(m for m in tar.getmembers() if m.name.startswith("media/original_images/"))
        offset = image.offset_data + image.size // 2
    data[offset] ^= 0xFF
    flipped.write_bytes(bytes(data))
    with pytest.raises(CommandError, match=r"checksum differs: media/original_images/"):
        restore(flipped, "--yes")
    with pytest.raises(CommandError, match="checksum differs"):
        restore(flipped, "--check")

    # Cut off halfway (compressed and not).
    compressed = tmp_path / "site.tar.gz"
    backup(compressed)
    for whole in (archive, compressed):
        cut = tmp_path / f"cut-{whole.name}"
        cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
        with pytest.raises(CommandError, match="truncated"):
            restore(cut, "--yes")

    # A PostgreSQL archive on SQLite (or the other way round).
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def foreign(manifest, names):
        old = manifest["database"]["member"]
        names[old] = backups.DATABASE_MEMBERS[other]
        manifest["database"].update(vendor=other, member=backups.DATABASE_MEMBERS[other])

    with pytest.raises(CommandError, match=f"holds a {other} database, but this site runs on"):
        restore(rewrite(archive, tmp_path / "foreign.tar", foreign), "--yes")

    # Made by a newer version of the code.
    def newer(manifest, names):
        manifest["database"]["migrations"]["shop"].append("9999_from_the_future")

    with pytest.raises(CommandError, match=r"newer version.*shop\.9999_from_the_future"):
        restore(rewrite(archive, tmp_path / "newer.tar", newer), "--yes")

    # No --yes and no terminal to ask on.
    with pytest.raises(CommandError, match="pass --yes"):
        restore(archive)

    assert snapshot() == changed
    # Only the media (after a point-in-time recovery of the database).
    restore(archive, "--yes", "--media-only", "--no-search-rebuild")
    media_only = snapshot()
    assert media_only["media"] != changed["media"]
    assert {**media_only, "media": None} == {**changed, "media": None}
    # And the intact archive still restores (uncompressed works too).
    restore(archive, "--yes", "--no-search-rebuild")
    assert snapshot() != changed


def test_an_archive_is_never_written_into_the_media_folder(settings):
    with pytest.raises(CommandError, match="inside the media folder"):
        call_command("backup", "--output", str(settings.MEDIA_ROOT / "x.tar.gz"))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's WAL")
def test_sqlite_copy_includes_what_is_still_in_the_wal(tmp_path, request, django_db_blocker):
    """The online backup API copies committed transactions that are only in
    the -wal file (not checkpointed into the database file yet)."""
    path = tmp_path / "live.sqlite3"
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("CREATE TABLE t (v TEXT)")
    writer.executemany("INSERT INTO t VALUES (?)", [(str(i),) for i in range(500)])
    writer.commit()
    assert (tmp_path / "live.sqlite3-wal").stat().st_size > 0

    source = load_backend(connection.settings_dict["ENGINE"]).DatabaseWrapper(
        {**connection.settings_dict, "NAME": str(path)}, "live"
    )

    def cleanup():
        with django_db_blocker.unblock():
            source.close()
        writer.close()

    request.addfinalizer(cleanup)
    copy = tmp_path / "copy.sqlite3"
    with django_db_blocker.unblock():
        backups.dump_sqlite(source, copy)
    assert not (tmp_path / "copy.sqlite3-wal").exists()
    with sqlite3.connect(copy) as check:
        assert check.execute("SELECT COUNT(*) FROM t").fetchone() == (500,)
    check.close()


def test_postgresql_client_tools_are_checked(monkeypatch, tmp_path):
    monkeypatch.setenv("PG_BINDIR", str(tmp_path))
    with pytest.raises(backups.BackupError, match="pg_dump was not found.*postgresql-client-15"):
        backups.pg_tool("pg_dump", 15)
    monkeypatch.delenv("PG_BINDIR")
    if not shutil.which("pg_dump"):
        skip_or_fail("pg_dump is not installed (postgresql-client)")
    with pytest.raises(backups.BackupError, match="older than the PostgreSQL 99 server"):
        backups.pg_tool("pg_dump", 99)


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_archive_holds_a_pg_dump_custom_format_dump(tmp_path):
    archive = tmp_path / "db.tar.gz"
    output = backup(archive, "--no-media")
    assert "no media files (--no-media)" in output
    with tarfile.open(archive) as tar:
        dump = tar.extractfile("database/db.pgdump").read()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert dump.startswith(b"PGDMP")  # pg_restore's custom format
    database = manifest["database"]
    assert int(database["dumped_by"].split(".")[0]) >= int(database["server_version"].split(".")[0])
    assert [entry["name"] for entry in manifest["files"]] == ["database/db.pgdump"]
