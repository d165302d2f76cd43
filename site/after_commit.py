"""Work noted during a transaction and handed on once, after it commits.

Search indexing (search/signals.py) and rendition making
(machikado.renditions) both work this way: signal handlers note
*references* (``[kind, value]`` pairs) while a save runs; the references of
one transaction, without repeats and in the order first noted, are passed
once to ``enqueue`` (which starts a background task) when it commits —
straight away outside a transaction. A rolled back transaction drops its
on-commit callback and with it its batch, so nothing is done for changes
that never happened. ``enqueue`` failing is logged, never raised: the save
has committed already.

Each user has its own ``AfterCommit``, so pausing one (``paused()``, for
bulk loads that catch up once at the end) leaves the others running. State
is per thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import contextmanager

from django.db import transaction


class _Batch:
    """The references of one transaction."""

    def __init__(self, owner: AfterCommit):
        self.owner = owner
        self.references: dict[tuple, None] = {}  # ordered, without repeats
        self.done = False

    def add(self, references) -> None:
        for reference in references:
            self.references.setdefault((reference[0], reference[1]), None)

    def flush(self) -> None:
        if self.done:
            return
        self.done = True
        references = [list(reference) for reference in self.references]
        try:
            self.owner.enqueue(references)
        except Exception:
            self.owner.logger.exception(
                "Could not enqueue %s of %d references", self.owner.name, len(references)
            )


class AfterCommit:
    """``schedule(*references)`` notes references for ``enqueue(references)``
    after the current transaction commits."""

    def __init__(self, name: str, enqueue: Callable[[list], object], logger: logging.Logger):
        self.name = name
        self.enqueue = enqueue
        self.logger = logger
        self._local = threading.local()

    @contextmanager
    def paused(self):
        """Nothing is scheduled from this thread inside the block."""
        previous = self.is_paused()
        self._local.paused = True
        try:
            yield
        finally:
            self._local.paused = previous

    def is_paused(self) -> bool:
        return getattr(self._local, "paused", False)

    def schedule(self, *references) -> None:
        """Enqueue these references once the current transaction commits (at
        once outside a transaction)."""
        if self.is_paused() or not references:
            return
        batch = self._current_batch()
        if batch is not None:
            batch.add(references)
            return
        batch = self._local.batch = _Batch(self)
        batch.add(references)
        transaction.on_commit(batch.flush)

    def forget(self) -> None:
        """Start a new batch with the next reference, even inside the same
        transaction (tests whose transaction never commits)."""
        self._local.batch = None

    def owns(self, callback) -> bool:
        """Whether an on-commit callback is one of this batcher's flushes."""
        batch = getattr(callback, "__self__", None)
        return isinstance(batch, _Batch) and batch.owner is self

    def _current_batch(self) -> _Batch | None:
        """This transaction's batch, if its on_commit callback is still
        pending (a rollback drops the callback, and with it the batch)."""
        batch = getattr(self._local, "batch", None)
        if batch is None or batch.done:
            return None
        connection = transaction.get_connection()
        if not connection.in_atomic_block:
            return None
        for _sids, func, *_rest in connection.run_on_commit:
            if func == batch.flush:
                return batch
        return None
