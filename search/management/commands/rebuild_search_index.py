"""Rebuild the discovery search index from the database, or report drift.

    manage.py rebuild_search_index              # everything, with a progress bar on stderr
    manage.py rebuild_search_index --check      # ids missing from / extra in the index; exit 1 if any
    manage.py rebuild_search_index --engine elasticsearch

The rebuild streams documents from the database in chunks (search.sources)
and the engine swaps them in without leaving searches empty meanwhile.
Run it daily (cron): documents carry eight days of opening hours and event
occurrences that end, and it repairs whatever a failed indexing task left.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from search import sources

EXAMPLES = 20


class ProgressBar:
    """A one-line text bar: percentage, count and documents per second,
    redrawn at most ten times a second (and once at the end)."""

    WIDTH = 30

    def __init__(self, total: int, stream, label: str = "Indexing"):
        # stream: a management command's OutputWrapper (write(text, ending=...)).
        self.total = max(total, 0)
        self.stream = stream
        self.label = label
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.done = 0

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def update(self, done: int, force: bool = False) -> None:
        self.done = done
        now = time.monotonic()
        if not force and now - self.drawn_at < 0.1:
            return
        self.drawn_at = now
        fraction = min(done / self.total, 1.0) if self.total else 1.0
        filled = int(self.WIDTH * fraction)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(
            f"\r{self.label} [{bar}] {fraction * 100:5.1f}% "
            f"{done}/{self.total} documents, {self.rate():,.0f} docs/s",
            style_func=str,  # plain, not the red of errors
            ending="",
        )
        self.stream.flush()

    def finish(self) -> None:
        self.update(self.done, force=True)
        self.stream.write("", style_func=str)
        self.stream.flush()


class Command(BaseCommand):
    help = "Rebuild the search index from the database, or with --check report drift."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Compare the index with the database without changing anything; "
            "exit with status 1 when documents are missing or should not be there.",
        )
        parser.add_argument(
            "--engine",
            choices=["database", "elasticsearch"],
            help="The engine to rebuild or check (default: the SEARCH_ENGINE setting).",
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=500,
            help="Objects read from the database per chunk (default 500).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar (logs, cron)."
        )

    def handle(self, *args, check=False, engine=None, chunk_size=500, no_progress=False, **options):
        from search.engines import SearchUnavailable, get_engine

        if engine:
            with override_settings(SEARCH_ENGINE=engine):
                search_engine = get_engine()
        else:
            search_engine = get_engine()
        try:
            if check:
                self.check_drift(search_engine)
            else:
                self.rebuild(search_engine, chunk_size, no_progress, options["verbosity"])
        except SearchUnavailable as error:
            raise CommandError(
                f"The {search_engine.name} search engine is unavailable: {error}"
            ) from error

    def rebuild(self, engine, chunk_size, no_progress, verbosity):
        total = sources.count_documents()
        bar = None if no_progress or verbosity < 1 else ProgressBar(total, self.stderr)
        started = time.monotonic()
        written = engine.rebuild(
            sources.iter_documents(chunk_size=chunk_size),
            progress=bar.update if bar else None,
        )
        elapsed = time.monotonic() - started
        if bar:
            bar.update(written)
            bar.finish()
        rate = written / elapsed if elapsed > 0 else 0.0
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {written} documents in {elapsed:.1f} s ({rate:,.0f} docs/s) "
                f"on the {engine.name} engine."
            )
        )

    def check_drift(self, engine):
        expected = set(sources.iter_document_ids())
        actual = engine.document_ids()
        missing = sorted(expected - actual)
        extra = sorted(actual - expected)
        self.stdout.write(
            f"{len(expected)} documents expected, {len(actual)} in the {engine.name} index."
        )
        for title, ids in (
            ("Missing from the index", missing),
            ("In the index but not searchable (or gone)", extra),
        ):
            if ids:
                shown = ", ".join(ids[:EXAMPLES])
                more = f" and {len(ids) - EXAMPLES} more" if len(ids) > EXAMPLES else ""
                self.stdout.write(f"{title}: {len(ids)}: {shown}{more}")
        if missing or extra:
            raise CommandError(
                f"The index has drifted: {len(missing)} missing, {len(extra)} extra. "
                "Run `manage.py rebuild_search_index` to repair it.",
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS("No drift: the index matches the database."))
