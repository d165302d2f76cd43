"""machikado.after_commit: one batch per transaction, run once after commit
(its users, search indexing and renditions, are tested end to end in
tests/search/test_indexing.py and tests/storage/test_renditions.py)."""

import logging

import pytest
from django.db import transaction

from machikado.after_commit import AfterCommit

pytestmark = pytest.mark.django_db

# The test's own transaction never commits: `committed()` runs what a block
# schedules as a commit at its end would (the block's own atomic() is then a
# savepoint, rolled back or released like a transaction).

log = logging.getLogger("tests.after_commit")


@pytest.fixture
def runs():
    return []


@pytest.fixture
def batcher(runs):
    return AfterCommit("test work", runs.append, log)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_one_transaction_is_one_run_without_repeats_in_first_noted_order(batcher, runs, committed):
    with committed(), transaction.atomic():
        batcher.schedule(["b", 2], ("a", 1))
        with transaction.atomic():  # an inner savepoint joins the batch
            batcher.schedule(["b", 2], ["c", "x"])
        batcher.schedule(["a", 1])
        assert runs == []
    assert runs == [[["b", 2], ["a", 1], ["c", "x"]]]


def test_a_rollback_runs_nothing_and_the_next_transaction_starts_afresh(batcher, runs, committed):
    with committed():
        with pytest.raises(RuntimeError), transaction.atomic():
            batcher.schedule(["a", 1])
            raise RuntimeError
        with transaction.atomic():
            batcher.schedule(["b", 2])
    assert runs == [[["b", 2]]]


def test_paused_is_per_batcher(batcher, runs, committed):
    other_runs = []
    other = AfterCommit("other work", other_runs.append, log)
    with committed(), batcher.paused():
        with batcher.paused():
            pass
        assert batcher.is_paused() and not other.is_paused()
        batcher.schedule(["a", 1])
        other.schedule(["a", 1])
    assert not batcher.is_paused()
    assert runs == [] and other_runs == [[["a", 1]]]


def test_an_enqueue_failure_is_logged_not_raised(caplog, committed):
    def broken(references):
        raise ConnectionError("queue down")

    batcher = AfterCommit("broken work", broken, log)
    with caplog.at_level(logging.ERROR, logger=log.name), committed():
        batcher.schedule(["a", 1], ["b", 2])
    assert "Could not enqueue broken work of 2 references" in caplog.text
