"""Production settings refuse to start without a real secret and hosts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-random-enough-for-tests-0123456789"


def load_production(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="machikado.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "machikado.example.jp"}, "Set SECRET_KEY"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "machikado.example.jp"}, "Set SECRET_KEY"),
        (
            {"SECRET_KEY": "django-insecure-" + "x" * 50, "ALLOWED_HOSTS": "a.example.jp"},
            "Set SECRET_KEY",
        ),
        ({"SECRET_KEY": GOOD_KEY}, "Set ALLOWED_HOSTS"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "*"}, "Set ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_unsafe_configuration(env, message):
    result = load_production(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_real_configuration():
    result = load_production(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="machikado.example.jp")
    assert result.returncode == 0, result.stderr


def test_base_settings_are_safe_by_default():
    from machikado.settings import base

    if "DEBUG" not in os.environ:
        assert base.DEBUG is False
    assert base.SECRET_KEY == os.environ.get("SECRET_KEY", "")
    assert base.LANGUAGE_CODE == "ja"
    assert base.TIME_ZONE == "Asia/Tokyo"


SQLITE_WRITERS = """
import threading, time, django
django.setup()
from django.db import connection, connections, transaction, OperationalError
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE stock (n integer)")
    cursor.execute("INSERT INTO stock VALUES (0)")
errors = []
def writer():
    try:
        for _ in range(20):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT n FROM stock")  # read first, like a checkout
                time.sleep(0.002)
                cursor.execute("UPDATE stock SET n = n + 1")
    except OperationalError as error:
        errors.append(str(error))
    finally:
        connections.close_all()
threads = [threading.Thread(target=writer) for _ in range(4)]
[t.start() for t in threads]; [t.join() for t in threads]
with connection.cursor() as cursor:
    cursor.execute("SELECT n FROM stock")
    print(cursor.fetchone()[0], errors)
"""


def test_sqlite_transactions_that_read_then_write_wait_instead_of_failing(tmp_path):
    """The embedded database serves several threads (runserver): a checkout's
    read-then-write transaction must wait for the write lock, not fail with
    "database is locked" (SQLite's default deferred transactions do)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "machikado.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'writers.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_WRITERS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["80", "[]"]
