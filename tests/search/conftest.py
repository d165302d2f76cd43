"""Search engine fixtures.

`engine` runs a test once per engine (the contract suite in
tests/search/contract/ uses it): the database engine always, Elasticsearch
when a node answers at ELASTICSEARCH_URL (`make elasticsearch` starts one;
without it those cases skip, or fail in CI).

Elasticsearch indices of a test session are named with a prefix of their own
(`machikado-test-<random>`), so suites running at once against one node (CI
runs SQLite and PostgreSQL in parallel) and a developer's own index never
meet; they are deleted at the end of the session.
"""

from __future__ import annotations

import time
import uuid

import pytest
from django.conf import settings as django_settings
from django.test import override_settings

from tests.conftest import skip_or_fail

ES_PREFIX = f"machikado-test-{uuid.uuid4().hex[:8]}"


@pytest.fixture(autouse=True, scope="session")
def _search_index_prefix():
    """Every search test (whichever engine get_engine() builds) uses this
    session's Elasticsearch prefix."""
    with override_settings(ELASTICSEARCH_INDEX_PREFIX=ES_PREFIX):
        yield


@pytest.fixture(scope="session")
def elasticsearch_node(_search_index_prefix):
    """(engine, None) when the node answers, else (None, why)."""
    from search.engines.elasticsearch import ElasticsearchEngine

    url = django_settings.ELASTICSEARCH_URL
    engine = ElasticsearchEngine(url=url, prefix=ES_PREFIX)
    try:
        engine.client.options(request_timeout=5, max_retries=0).cluster.health()
    except Exception as e:  # any failure means "no node"
        yield (
            None,
            f"Elasticsearch not reachable at {url} ({type(e).__name__}): start it with `make elasticsearch`",
        )
        return
    _drop_stale_test_indices(engine.client)
    yield engine, None
    engine.drop()


def _drop_stale_test_indices(client, hours=12):
    """Indices an interrupted session left behind (a prefix of its own
    means no running session's indices are this old)."""
    found = client.indices.get_settings(
        index="machikado-test-*", name="index.creation_date", allow_no_indices=True
    )
    cutoff = (time.time() - hours * 3600) * 1000
    stale = [
        name
        for name, body in found.items()
        if int(body["settings"]["index"]["creation_date"]) < cutoff
    ]
    if stale:
        client.indices.delete(index=",".join(stale), ignore_unavailable=True)


@pytest.fixture
def elasticsearch_engine(elasticsearch_node, settings):
    node, reason = elasticsearch_node
    if node is None:
        skip_or_fail(reason)
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_INDEX_PREFIX = ES_PREFIX
    from search.engines import get_engine

    engine = get_engine()
    engine.clear()
    return engine


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request):
    """The same test against each engine; settings.SEARCH_ENGINE agrees, so
    code calling get_engine() uses the one under test."""
    return request.getfixturevalue(f"{request.param}_engine")
