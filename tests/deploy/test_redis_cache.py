"""Production's shared cache: REDIS_URL gives Django's RedisCache, and two
processes' cache handlers see each other's writes through a real redis-server
(the page cache's invalidation depends on it). Skips (fails in CI) without
redis-server (apt-get install redis-server)."""

import importlib
import runpy
import shutil
import subprocess
import sys
import time

import pytest
from django.core.cache import CacheHandler

from tests.conftest import skip_or_fail
from tests.services import free_port


@pytest.fixture(scope="module")
def redis_url():
    server = shutil.which("redis-server")
    if not server:
        skip_or_fail("redis-server not installed (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        import redis

        client = redis.Redis.from_url(url)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def production_settings(monkeypatch, **environ):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "machikado.example.jp")
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    # base.py reads the environment when imported: a fresh copy for this one.
    monkeypatch.delitem(sys.modules, "machikado.settings.base")
    importlib.import_module("machikado.settings.base")
    return runpy.run_module("machikado.settings.production")


def test_redis_url_gives_a_cache_shared_by_processes(monkeypatch, redis_url):
    settings = production_settings(monkeypatch, REDIS_URL=redis_url)
    assert settings["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
    assert settings["PAGE_CACHE_ENABLED"] is True
    # Two handlers stand for two web processes.
    first, second = CacheHandler(settings["CACHES"]), CacheHandler(settings["CACHES"])
    first["default"].set("page-cache-generation", 7)
    assert second["default"].get("page-cache-generation") == 7
    second["default"].incr("page-cache-generation")
    assert first["default"].get("page-cache-generation") == 8


def test_without_redis_the_page_cache_stays_off(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("PAGE_CACHE_ENABLED", raising=False)
    settings = production_settings(monkeypatch)
    assert settings["PAGE_CACHE_ENABLED"] is False
