"""Engine selection: settings.SEARCH_ENGINE is 'database' (default) or
'elasticsearch'."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed

from search.engines.base import Engine, SearchUnavailable

__all__ = ["Engine", "SearchUnavailable", "get_engine"]


@cache
def get_engine() -> Engine:
    name = getattr(settings, "SEARCH_ENGINE", "database")
    if name == "database":
        from search.engines.database import DatabaseEngine

        return DatabaseEngine()
    if name == "elasticsearch":
        from search.engines.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine()
    raise ImproperlyConfigured(f"SEARCH_ENGINE must be 'database' or 'elasticsearch', not {name!r}")


def _reset(*, setting, **kwargs):
    if setting.startswith("SEARCH_") or setting.startswith("ELASTICSEARCH_"):
        get_engine.cache_clear()


setting_changed.connect(_reset)
