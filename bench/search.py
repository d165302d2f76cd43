"""Discovery search: rebuild rate, memory, index size and query latency.

Usage: .venv/bin/python bench/search.py [--docs 100000] [--engine database|elasticsearch|both]
       [--runs 200] [--sizes 10000,100000] [--profile]

Generates synthetic but realistic documents (bench/search_data.py: shops,
products, attractions, events with occurrences and model courses around
Fujioka, in Japanese and English) as a stream, and for each engine:

- rebuilds the index at each size (10,000 and --docs by default), each in a
  fresh subprocess, and prints the time, documents per second, the process's
  RSS before the rebuild and its peak (ru_maxrss), the peak of the process
  with its children (the Elasticsearch analysis workers; the target applies
  to that sum), and the index size
  (engine.size_bytes(); for SQLite also the database's used pages added);
- runs a fixed query set (full text ja/en, kana, typo, phrase, facets with
  filters, near + radius + distance sort, this weekend's events, open now,
  deep paging, autocomplete) against the largest index: warm-up, then --runs
  times each, and prints p50/p95/p99 per query and over all of them.

It uses a throw-away SQLite database (or --database-url) and the Elasticsearch
index prefix "machikado-bench" (ELASTICSEARCH_URL as configured), and removes
both when done. --profile writes pyinstrument profiles (pip install
pyinstrument) of the largest rebuild and of every query above its engine's
p95 target, and prints where the time goes. Figures, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOKYO = ZoneInfo("Asia/Tokyo")
INDEX_PREFIX = "machikado-bench"
# Targets from issue 5 (2-core machine, 100k documents).
P95_TARGET_MS = {"elasticsearch": 50.0, "database": 150.0}
RATE_TARGET = {"elasticsearch": 2000.0}
RSS_TARGET_MB = 500.0


def setup_django(database_url, engine):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "machikado.settings.dev"
    os.environ["DEBUG"] = "0"
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = INDEX_PREFIX
    os.environ["SEARCH_ENGINE"] = engine
    import django

    django.setup()


def make_engine(name):
    if name == "database":
        from search.engines.database import DatabaseEngine

        return DatabaseEngine()
    from search.engines.elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine()


def rss_mb():
    """Peak RSS of this process so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb(pid="self"):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:  # the process has just ended
        pass
    return 0.0


def _descendants(pid):
    """Process ids of every child of `pid`, recursively (Linux /proc)."""
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as children:
                pids = children.read().split()
        except OSError:
            continue
        for child in pids:
            found += [child, *_descendants(child)]
    return found


class TreeRssSampler:
    """Peak of this process's RSS plus its children's (the Elasticsearch
    engine's analysis workers), sampled every 50 ms: ru_maxrss sees one
    process only."""

    def __init__(self, interval=0.05):
        import threading

        self.interval = interval
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        me = os.getpid()
        while not self._stop.is_set():
            total = current_rss_mb() + sum(current_rss_mb(pid) for pid in _descendants(me))
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def sqlite_used_bytes():
    """Bytes of the SQLite database in use (pages minus free pages), after
    folding the WAL into the main file."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA freelist_count")
        free = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        size = cursor.fetchone()[0]
    return (pages - free) * size


# -- the rebuild, in a child process ----------------------------------------------------


def child_rebuild(args):
    """Runs in a fresh process: one rebuild, result as JSON on the last line."""
    setup_django(args.database_url, args.engine)
    from bench.search_data import documents

    base = dt.date.fromisoformat(args.base)
    engine = make_engine(args.engine)
    engine.clear()
    before_used = sqlite_used_bytes() if args.engine == "database" else None
    rss_before = current_rss_mb()
    profiler = None
    if args.profile_to:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.005)
        profiler.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    with TreeRssSampler() as tree:
        written = engine.rebuild(documents(args.docs, base))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if profiler:
        profiler.stop()
        Path(args.profile_to).write_text(profiler.output_text(unicode=True, color=False))
    peak = rss_mb()
    result = {
        "docs": args.docs,
        "written": written,
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "rss_before_mb": rss_before,
        "rss_peak_mb": peak,
        "rss_tree_peak_mb": max(tree.peak, peak),
        "size_bytes": engine.size_bytes(),
        "ids": len(engine.document_ids()),
    }
    if args.engine == "database":
        result["sqlite_used_delta"] = sqlite_used_bytes() - before_used
        result["sqlite_file"] = os.path.getsize(Path(args.database_url.removeprefix("sqlite:///")))
    print(json.dumps(result))


def run_rebuild(engine, size, database_url, base, profile_to=None):
    command = [
        sys.executable,
        sys.argv[0],  # this script (or a wrapper that imports it)
        "--child-rebuild",
        "--engine",
        engine,
        "--docs",
        str(size),
        "--database-url",
        database_url,
        "--base",
        base.isoformat(),
    ]
    if profile_to:
        command += ["--profile-to", str(profile_to)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-6000:])
        raise SystemExit(f"the {engine} rebuild of {size} documents failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the query set ------------------------------------------------------------------------


def query_set(now):
    """(label, callable(engine)) pairs: what visitors do most."""
    from search.params import date_preset
    from search.query import Point, SearchQuery

    station = Point(36.2585, 139.0745)

    def q(**fields):
        fields.setdefault("now", now)
        query = SearchQuery(**fields)
        return lambda engine: engine.search(query)

    def s(prefix, language):
        return lambda engine: engine.suggest(prefix, language)

    return [
        ("ja text 日本酒", q(text="日本酒", language="ja")),
        ("ja two words 鬼石 そば", q(text="鬼石 そば", language="ja")),
        ("en text sake brewery", q(text="sake brewery", language="en")),
        ("en text onsen", q(text="onsen", language="en")),
        ("kana さくらやま", q(text="さくらやま", language="ja")),
        ("katakana コーヒー", q(text="コーヒー", language="ja")),
        ("typo brewrey", q(text="brewrey", language="en")),
        ("typo blueberies", q(text="blueberies jam", language="en")),
        ('phrase "junmai ginjo"', q(text='"junmai ginjo"', language="en")),
        (
            "facets: products 1000-3000 onishi cards",
            q(
                language="ja",
                kinds=["product"],
                price_bands=["1000-3000"],
                areas=["onishi"],
                takes_cards=True,
            ),
        ),
        (
            "facets: 酒蔵 + category + barrier-free",
            q(text="酒蔵", language="ja", categories=["sake-brewery"], barrier_free=True),
        ),
        ("browse all ja (facets only)", q(language="ja")),
        (
            "near 3 km by distance",
            q(language="ja", near=station, radius_km=3, sort="distance"),
        ),
        (
            "near 5 km + cafe (en)",
            q(text="coffee", language="en", near=station, radius_km=5, sort="distance"),
        ),
        (
            "when=weekend events by date",
            q(language="en", kinds=["event"], when=date_preset("weekend", now), sort="date"),
        ),
        ("open now (en)", q(language="en", open_now=True)),
        ("browse page 20", q(language="ja", page=20)),
        ("suggest ふじ", s("ふじ", "ja")),
        ("suggest さくら", s("さくら", "ja")),
        ("suggest 藤岡", s("藤岡", "ja")),
        ("suggest sak (en)", s("sak", "en")),
    ]


def pad(text, width):
    """Left-aligned in `width` terminal columns (CJK characters take two)."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - columns)


def percentile(sorted_values, fraction):
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def measure_queries(engine, runs, warmup, now):
    rows = []
    everything = []
    for label, call in query_set(now):
        result = None
        for _ in range(warmup):
            result = call(engine)
        timings, cpu = [], []
        for _ in range(runs):
            started, cpu_started = time.perf_counter(), time.process_time()
            result = call(engine)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        timings.sort()
        cpu.sort()
        everything += timings
        found = result.total if hasattr(result, "total") else len(result)
        rows.append(
            (
                label,
                found,
                percentile(timings, 0.5),
                percentile(timings, 0.95),
                percentile(timings, 0.99),
                percentile(cpu, 0.95),
                call,
            )
        )
    everything.sort()
    overall = (
        percentile(everything, 0.5),
        percentile(everything, 0.95),
        percentile(everything, 0.99),
    )
    return rows, overall


def profile_query(label, call, engine, out_dir, runs=30):
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    for _ in range(runs):
        call(engine)
    profiler.stop()
    path = out_dir / f"query-{engine.name or 'engine'}-{abs(hash(label)) % 10**6}.txt"
    path.write_text(f"{label}\n\n" + profiler.output_text(unicode=True, color=False))
    return path


# -- the run --------------------------------------------------------------------------------


def elasticsearch_available():
    from django.conf import settings
    from elasticsearch import Elasticsearch

    try:
        Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=3).cluster.health()
    except Exception as error:  # noqa: BLE001 - any failure means "not here"
        return str(error)
    return ""


def remove_bench_indices():
    from django.conf import settings
    from elasticsearch import Elasticsearch

    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=30)
    try:
        names = list(client.indices.get(index=f"{INDEX_PREFIX}*", expand_wildcards="all"))
    except Exception:  # noqa: BLE001 - nothing to remove
        return
    for name in names:
        client.indices.delete(index=name, ignore_unavailable=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000, help="documents in the largest index")
    parser.add_argument("--engine", choices=["database", "elasticsearch", "both"], default="both")
    parser.add_argument("--runs", type=int, default=200, help="timed runs of each query")
    parser.add_argument("--warmup", type=int, default=10, help="untimed runs of each query first")
    parser.add_argument(
        "--sizes", default="", help="comma-separated rebuild sizes (default: 10000 and --docs)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="pyinstrument profiles of slow parts"
    )
    parser.add_argument("--database-url", default="", help="default: a throw-away SQLite file")
    parser.add_argument(
        "--keep", action="store_true", help="keep the index afterwards (with --database-url)"
    )
    parser.add_argument(
        "--queries-only",
        action="store_true",
        help="no rebuild: query the index a --keep run left (same --database-url)",
    )
    parser.add_argument("--child-rebuild", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--base", default="", help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_rebuild:
        return child_rebuild(args)

    tmp = Path(tempfile.mkdtemp(prefix="machikado-bench-search-"))
    database_url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("MEDIA_ROOT", f"{tmp}/media")
    os.environ.setdefault("STATIC_ROOT", f"{tmp}/static")
    engines = ["database", "elasticsearch"] if args.engine == "both" else [args.engine]
    setup_django(database_url, engines[0])
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    # Queries run at 11:00 today in Tokyo, whenever the bench runs: most
    # shops are open then (the open-now work is at its largest) and the
    # figures do not depend on the hour of the run.
    base = timezone.now().astimezone(TOKYO).date()
    now = dt.datetime.combine(base, dt.time(11), TOKYO)
    sizes = sorted(
        {int(s) for s in args.sizes.split(",") if s} or {min(10_000, args.docs), args.docs}
    )
    print(
        f"Search bench: {sizes} documents, {args.runs} runs per query, base date {base},"
        f" queries at {now:%H:%M} Tokyo time"
    )
    print(
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; database {database_url}; ES index prefix {INDEX_PREFIX})\n"
    )
    profiles = Path(tempfile.mkdtemp(prefix="machikado-bench-profiles-")) if args.profile else None
    try:
        for name in engines:
            if name == "elasticsearch":
                missing = elasticsearch_available()
                if missing:
                    print(f"== elasticsearch: skipped, no node ({missing[:200]})\n")
                    continue
            bench_engine(name, sizes, database_url, base, now, args, profiles)
    finally:
        if "elasticsearch" in engines and not args.keep and not elasticsearch_available():
            remove_bench_indices()
        if not args.database_url:
            shutil.rmtree(tmp, ignore_errors=True)


def bench_engine(name, sizes, database_url, base, now, args, profiles):
    print(f"== {name}")
    print(
        f"{'documents':>10} {'seconds':>8} {'docs/s':>8} {'CPU s':>7} {'RSS before':>11} "
        f"{'RSS peak':>9} {'+workers':>9} {'index size':>11}"
    )
    if profiles:
        # Profiled apart, before the measured rebuilds: the profiler's samples
        # would count in their RSS.
        profile_to = profiles / f"rebuild-{name}-{sizes[0]}.txt"
        run_rebuild(name, sizes[0], database_url, base, profile_to)
        print(f"   rebuild profile ({sizes[0]} documents): {profile_to}")
    last = None
    for size in [] if args.queries_only else sizes:
        result = run_rebuild(name, size, database_url, base)
        index_bytes = result["size_bytes"]
        if index_bytes is None:
            index_bytes = result.get("sqlite_used_delta")
        extra = ""
        if "sqlite_used_delta" in result:
            extra = (
                f"  (SQLite used +{result['sqlite_used_delta'] / 2**20:.1f} MB, "
                f"file {result['sqlite_file'] / 2**20:.1f} MB)"
            )
        rate = result["docs"] / result["seconds"]
        print(
            f"{result['docs']:>10} {result['seconds']:>8.1f} {rate:>8.0f} {result['cpu_seconds']:>7.1f} "
            f"{result['rss_before_mb']:>8.0f} MB {result['rss_peak_mb']:>6.0f} MB "
            f"{result['rss_tree_peak_mb']:>6.0f} MB "
            f"{(index_bytes or 0) / 2**20:>8.1f} MB{extra}"
        )
        if result["ids"] != result["docs"]:
            print(f"   ! the index holds {result['ids']} ids after writing {result['docs']}")
        last = result
    target = RATE_TARGET.get(name)
    if target and last:
        rate = last["docs"] / last["seconds"]
        print(f"   rebuild target ≥ {target:.0f} docs/s: {'met' if rate >= target else 'MISSED'}")
    if last:
        # Every process of the rebuild counts (the analysis workers too).
        peak = max(last["rss_tree_peak_mb"], 0)
        print(
            f"   rebuild RSS target < {RSS_TARGET_MB:.0f} MB: "
            f"{'met' if peak < RSS_TARGET_MB else 'MISSED'}"
        )

    engine = make_engine(name)
    rows, overall = measure_queries(engine, args.runs, args.warmup, now)
    print(f"\n   queries on {sizes[-1]} documents ({args.runs} runs each, ms):")
    print(f"   {'query':44} {'found':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'CPU p95':>8}")
    for label, found, p50, p95, p99, cpu95, _ in rows:
        print(f"   {pad(label, 44)} {found:>7} {p50:>7.1f} {p95:>7.1f} {p99:>7.1f} {cpu95:>8.1f}")
    target = P95_TARGET_MS[name]
    print(
        f"   {'all queries':44} {'':>7} {overall[0]:>7.1f} {overall[1]:>7.1f} {overall[2]:>7.1f}"
        f"   target p95 ≤ {target:.0f} ms: {'met' if overall[1] <= target else 'MISSED'}"
    )
    if profiles:
        for label, _found, _p50, p95, _p99, _cpu, call in rows:
            if p95 > target:
                print(f"   profile of {label!r}: {profile_query(label, call, engine, profiles)}")
    print(f"   (load average now {os.getloadavg()[0]:.1f}; CPU p95 is this process's time only)")
    if not args.keep:
        engine.clear()
    print()


if __name__ == "__main__":
    main()
