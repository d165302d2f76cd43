"""Shared fixtures. The platform setup (locales, groups, workflow, page tree)
runs on post_migrate, so every test database starts as a fresh install."""

import os
import shutil
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.utils import translation

from . import factories


def require_services() -> bool:
    """CI sets MACHIKADO_REQUIRE_SERVICES=1: a missing service fails instead of skipping."""
    return os.environ.get("MACHIKADO_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str):
    if require_services():
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need PostgreSQL's row locks. They skip on any
    other database even in CI, because CI runs the suite a second time on
    PostgreSQL, where they run (and a missing PostgreSQL fails `.ci/run`)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason="PostgreSQL only: set DATABASE_URL=postgres://... (CI's PostgreSQL suite runs it)"
    )
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)


class _FreshInstall:
    """The test database as migrate + post_migrate left it.

    Django ends each transactional test (django_db(transaction=True),
    live_server) by flushing every table and sending post_migrate again, so
    site/setup.py rebuilds the platform (locales, groups, workflow, the page
    tree in five languages): several CPU seconds per test. Instead the fresh
    install is copied aside once and copied back: on SQLite with sqlite3's
    backup API (in memory), on PostgreSQL as each table's COPY text (its
    generated columns left out) and each sequence's value, restored after a
    TRUNCATE of the tables flush would empty. The same rows, ids and
    sequences as after setup."""

    copy = None

    def take(self, connection):
        connection.ensure_connection()
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            import sqlite3

            self.copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.copy)
        elif connection.vendor == "postgresql":
            self.copy = self._pg_take(connection)

    @staticmethod
    def _pg_take(connection):
        tables = sorted(connection.introspection.django_table_names(only_existing=True))
        rows = []
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(
                    "SELECT column_name FROM information_schema.columns"
                    " WHERE table_schema = current_schema() AND table_name = %s"
                    " AND is_generated = 'NEVER' ORDER BY ordinal_position",
                    [table],
                )
                columns = ", ".join(connection.ops.quote_name(c) for (c,) in cursor.fetchall())
                target = f"{connection.ops.quote_name(table)} ({columns})"
                with cursor.cursor.copy(f"COPY {target} TO STDOUT") as copy:
                    data = b"".join(bytes(block) for block in copy)
                if data:
                    rows.append((target, data))
            cursor.execute(
                "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename),"
                " COALESCE(last_value, 1), last_value IS NOT NULL FROM pg_sequences"
                " WHERE schemaname = current_schema()"
            )
            sequences = cursor.fetchall()
        return tables, rows, sequences

    @staticmethod
    def _pg_restore(connection, copy):
        from django.db import transaction

        tables, rows, sequences = copy
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            names = ", ".join(connection.ops.quote_name(t) for t in tables)
            cursor.execute(f"TRUNCATE {names} CASCADE")
            for target, data in rows:
                with cursor.cursor.copy(f"COPY {target} FROM STDIN") as copy_in:
                    copy_in.write(data)
            for sequence, value, called in sequences:
                cursor.execute("SELECT setval(%s, %s, %s)", [sequence, value, called])

    def restore(self, test_case) -> bool:
        from django.contrib.contenttypes.models import ContentType
        from django.db import DEFAULT_DB_ALIAS, connections

        if (
            self.copy is None
            or test_case.available_apps is not None
            or test_case.serialized_rollback
            or set(test_case._databases_names(include_mirrors=False)) != {DEFAULT_DB_ALIAS}
        ):
            return False
        connection = connections[DEFAULT_DB_ALIAS]
        if connection.in_atomic_block:
            return False
        connection.ensure_connection()
        if connection.vendor == "postgresql":
            self._pg_restore(connection, self.copy)
        else:
            self.copy.backup(connection.connection)
        ContentType.objects.clear_cache()
        return True


_fresh_install = _FreshInstall()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.db import connection

    with django_db_blocker.unblock():
        _fresh_install.take(connection)
    yield


def pytest_configure(config):
    from django.test import TransactionTestCase

    flush = TransactionTestCase._fixture_teardown

    def _fixture_teardown(self):
        if not _fresh_install.restore(self):
            flush(self)

    TransactionTestCase._fixture_teardown = _fixture_teardown
    _serve_one_request_at_a_time_on_shared_sqlite()


def _serve_one_request_at_a_time_on_shared_sqlite():
    """On the in-memory SQLite test database the live server's request
    threads all use the test's one connection (Django hands it over), so two
    requests at once (the page editor's save and Wagtail's editing-session
    ping, say) break each other's statements: "cannot release savepoint -
    SQL statements in progress" failed a journey's save. There the live
    server handles one request at a time, in its own thread (Django then
    answers `Connection: close`); on PostgreSQL each thread has its own
    connection and the server stays threaded."""
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler

    class SerialWSGIServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    threaded = LiveServerThread._create_server

    def _create_server(self, connections_override=None):
        if not connections_override:
            return threaded(self, connections_override)
        return SerialWSGIServer(
            (self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False
        )

    LiveServerThread._create_server = _create_server


@pytest.fixture(autouse=True, scope="session")
def _clean_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _source_language():
    """Each test starts in Japanese, as a request without a prefix would: a test
    client request to /en/ leaves English active in the thread afterwards."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def area(db):
    return factories.make_area()


@pytest.fixture
def owner1(db):
    return factories.make_user("owner1")


@pytest.fixture
def owner2(db):
    return factories.make_user("owner2")


@pytest.fixture
def staff(db):
    return factories.make_user("staff", staff=True)


@pytest.fixture
def storefront1(owner1, area):
    return factories.make_storefront("喫茶まちかど", owner=owner1, area=area)


@pytest.fixture
def storefront2(owner2, area):
    return factories.make_storefront("藤岡そば処", owner=owner2, area=area, phone="0274-23-0000")


def pytest_make_parametrize_id(config, val, argname):
    """Sets in test ids in sorted order: their repr follows the hash seed,
    which differs between pytest-xdist workers, and every worker must collect
    the same ids."""
    if isinstance(val, set | frozenset):
        return "{" + ",".join(sorted(map(str, val))) + "}"
    return None


@pytest.fixture
def database_engine(db, settings):
    """The embedded search engine (SQLite FTS5 or PostgreSQL full text), empty."""
    settings.SEARCH_ENGINE = "database"
    from search.engines import get_engine

    engine = get_engine()
    engine.clear()
    return engine


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs the block as its own transaction would: what
    it schedules on commit runs at the end of the block. (A test shares one
    transaction with its fixtures, whose pending rendition batch would
    otherwise collect the block's changes and never flush.)"""
    from machikado import renditions

    @contextmanager
    def block():
        renditions.after_commit.forget()
        with django_capture_on_commit_callbacks(execute=True):
            yield
        renditions.after_commit.forget()

    return block
