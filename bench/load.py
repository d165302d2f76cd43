"""Load bench: gunicorn on loopback, wrk as the load generator.

Usage: .venv/bin/python bench/load.py [--seconds 10] [--connections 4]
       [--workers 2] [--memory-requests 10000] [--no-page-cache] [--keep DIR]

1. Builds a throw-away SQLite database with the demo data (load_demo_data)
   and starts gunicorn (sync workers) on 127.0.0.1 with production settings
   (bench/load_settings.py: DEBUG off, security headers, the page cache on,
   plus /bench/minimal/ from bench/load_urls.py, which the site never serves).
2. For each page — a minimal Django view, home, storefront, attraction,
   search, product and cart (a visitor with a 3-line cart) — runs wrk for
   --seconds and prints requests/s, p95 latency and the ratio to the minimal
   view measured in the same run (the figure that survives a change of machine).
3. Memory: sends --memory-requests mixed requests (every public page in both
   languages, products, searches with varying words, the cart) from four
   keep-alive clients and reports each worker's RSS after the first and the
   last thousand requests and its peak RSS (VmHWM).

wrk rather than locust: it is a small C program, so on a shared two-core
machine it takes little CPU from the server it measures, and its latency
histogram gives p95 directly (a Lua `done` hook prints it).
The load average before and after is printed: the figures only compare
within one run.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"

WRK_SCRIPT = """
wrk.headers["User-Agent"] = "%(ua)s"
%(cookie)s
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%%d duration_us=%%d p50_us=%%d p95_us=%%d errors=%%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
"""

# What setup.py prints for the bench: the URLs to measure.
DISCOVER = r"""
import json
from businesses.models import BusinessPage
from shop.models import Product
from tourism.models import AttractionPage, EventPage, ModelCoursePage
from wagtail.models import Page

def first(model, language):
    return model.objects.live().filter(locale__language_code=language).order_by("path").first().url

products = [p.get_absolute_url() for p in Product.objects.on_sale().order_by("pk")]
pages = [p.url for p in Page.objects.live().filter(depth__gt=1).order_by("path") if p.url]
print("URLS " + json.dumps({
    "storefront": first(BusinessPage, "ja"),
    "attraction": first(AttractionPage, "ja"),
    "product": products[0],
    "pages": pages,
    "products": products,
}))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(tmp, page_cache):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.load_settings",
        PYTHONPATH=f"{ROOT}{os.pathsep}{env.get('PYTHONPATH', '')}",
        DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
        MEDIA_ROOT=f"{tmp}/media",
        STATIC_ROOT=f"{tmp}/static",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        PAGE_CACHE_ENABLED="1" if page_cache else "0",
        PAGE_VIEWS_ENABLED="1",
        LOG_LEVEL="ERROR",
    )
    env.pop("REDIS_URL", None)
    return env


def manage(env, *args, stdin=None):
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )


def wait_for(port, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            get(port, "/bench/minimal/")
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer")


def get(port, path, headers=None, conn=None):
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"User-Agent": USER_AGENT, **(headers or {})})
    response = conn.getresponse()
    body = response.read()
    if own:
        conn.close()
    return response.status, response.headers, body


def cart_cookie(port, product_urls):
    """A visitor with a three-line cart: the session cookie wrk sends."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    cookies = {}
    added = 0
    for url in product_urls:
        status, headers, body = get(
            port, url, {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}, conn
        )
        for header in headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            cookies[name] = value
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        variant = re.search(rb'name="variant"[^>]*value="(\d+)"', body)
        if not (token and variant):
            continue
        form = f"csrfmiddlewaretoken={token[1].decode()}&variant={variant[1].decode()}&quantity=1&next=/ja/cart/"
        conn.request(
            "POST",
            "/ja/cart/add/",
            body=form,
            headers={
                "User-Agent": USER_AGENT,
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
                "Referer": f"http://127.0.0.1:{port}{url}",
            },
        )
        response = conn.getresponse()
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            cookies[name] = value
        if response.status in (302, 303):
            added += 1
        if added == 3:
            break
    conn.close()
    return "; ".join(f"{k}={v}" for k, v in cookies.items()), added


def run_wrk(port, path, seconds, connections, tmp, cookie=None):
    script = Path(tmp) / "bench.lua"
    cookie_line = f'wrk.headers["Cookie"] = "{cookie}"' if cookie else ""
    script.write_text(WRK_SCRIPT % {"ua": USER_AGENT, "cookie": cookie_line})
    out = subprocess.run(  # noqa: S603
        [  # noqa: S607 (wrk from PATH, checked in main())
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fields = dict(re.findall(r"(\w+)=(\d+)", out.split("RESULT", 1)[1]))
    requests = int(fields["requests"])
    return {
        "rps": requests / (int(fields["duration_us"]) / 1e6),
        "p50": int(fields["p50_us"]) / 1000,
        "p95": int(fields["p95_us"]) / 1000,
        "errors": int(fields["errors"]),
        "requests": requests,
    }


def workers(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def memory(pid):
    """(RSS, peak RSS, private) in MB. RSS counts the shared, memory-mapped
    Sudachi dictionary (~170 MB, one copy for all workers); private is the
    worker's own memory (Private_Clean + Private_Dirty)."""
    status = Path(f"/proc/{pid}/status").read_text()
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M))
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    private = sum(
        int(kb) for kb in re.findall(r"^Private_(?:Clean|Dirty):\s+(\d+) kB", rollup, re.M)
    )
    return int(values["VmRSS"]) / 1024, int(values["VmHWM"]) / 1024, private / 1024


class Mixed:
    """total requests over keep-alive clients; `done` counts the answered ones."""

    def __init__(self, port, paths, total, cookie):
        self.port, self.paths, self.total, self.cookie = port, paths, total, cookie
        self.lock = threading.Lock()
        self.next = 0
        self.done = 0
        self.errors = []

    def client(self, offset):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        while True:
            with self.lock:
                n = self.next
                self.next += 1
            if n >= self.total:
                break
            path = self.paths[(n * 7 + offset) % len(self.paths)]
            headers = {"Cookie": self.cookie} if "/cart/" in path else {}
            try:
                status, _headers, _body = get(self.port, path, headers, conn)
                if status >= 500:
                    self.errors.append((path, status))
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            with self.lock:
                self.done += 1
        conn.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="wrk time per page")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--memory-requests", type=int, default=10_000)
    parser.add_argument("--no-page-cache", action="store_true")
    parser.add_argument(
        "--keep",
        metavar="DIR",
        help="keep the database and media in DIR and reuse them next time (skips the setup)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    load_before = os.getloadavg()
    tmp = args.keep or tempfile.mkdtemp(prefix="machikado-load-")
    Path(tmp).mkdir(parents=True, exist_ok=True)
    reuse = args.keep and (Path(tmp) / "bench.sqlite3").exists()
    env = environment(tmp, page_cache=not args.no_page_cache)
    started = time.monotonic()
    if not reuse:
        manage(env, "migrate", "--verbosity=0")
        manage(env, "load_demo_data", "--force", "--verbosity=0")
    found = manage(env, "shell", stdin=DISCOVER).stdout
    urls = json.loads(found.split("URLS ", 1)[1])
    print(f"setup (migrate + demo data): {time.monotonic() - started:.0f} s", flush=True)

    port = free_port()
    server = subprocess.Popen(  # noqa: S603 (the virtualenv's gunicorn)
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "machikado.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={args.workers}",
            "--worker-class=sync",
            "--access-logfile=/dev/null",
            "--error-logfile=-",
            "--log-level=warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(tmp) / "gunicorn.log", "w"),  # noqa: SIM115
    )
    try:
        wait_for(port)
        cookie, lines = cart_cookie(port, urls["products"])
        pages = {
            "minimal Django view": "/bench/minimal/",
            "home": "/ja/",
            "storefront": urls["storefront"],
            "attraction": urls["attraction"],
            "search": "/ja/search/?q=%E8%97%A4%E5%B2%A1",  # 藤岡
            "product": urls["product"],
            f"cart ({lines} lines)": "/ja/cart/",
        }
        print(
            f"gunicorn: {args.workers} sync workers; wrk: 1 thread, {args.connections} connections, "
            f"{args.seconds} s per page; page cache {'off' if args.no_page_cache else 'on'}"
        )
        print(f"{'page':22} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>7} {'errors':>7}")
        baseline = None
        for label, path in pages.items():
            page_cookie = cookie if path == "/ja/cart/" else None
            headers = {"Cookie": page_cookie} if page_cookie else {}
            status, response_headers, _body = get(port, path, headers)
            assert status == 200, (path, status)
            for _ in range(3):  # renditions, caches
                get(port, path, headers)
            result = run_wrk(port, path, args.seconds, args.connections, tmp, page_cookie)
            baseline = baseline or result["rps"]
            cached = response_headers.get("X-Page-Cache") or "-"
            print(
                f"{label:22} {result['rps']:8.1f} {result['p50']:8.1f} {result['p95']:8.1f} "
                f"{result['rps'] / baseline:7.3f} {result['errors']:7d}   cache: {cached}",
                flush=True,
            )

        # Memory: mixed requests, RSS after the first and the last thousand.
        words = ["藤岡", "カフェ", "酒", "soba", "桜", "花火", "museum", "onishi", "お茶", "ramen"]
        paths = (
            urls["pages"]
            + urls["products"]
            + [f"/ja/search/?q={w}&page={p}" for w in words for p in (1, 2)]
            + ["/ja/cart/", "/en/cart/", "/ja/shops/?category=cafe", "/en/visit/events/"]
        )
        paths = [quote(p, safe="/?=&%") for p in paths]
        pids = workers(server.pid)
        mixed = Mixed(port, paths, args.memory_requests, cookie)
        snapshots = {}

        def watch():
            pending = {1000: "after 1,000", args.memory_requests - 1000: "before the last 1,000"}
            while pending and mixed.done < args.memory_requests:
                for mark in sorted(pending):
                    if mixed.done >= mark:
                        snapshots[pending.pop(mark)] = {pid: memory(pid) for pid in pids}
                time.sleep(0.02)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        start = time.monotonic()
        threads = [threading.Thread(target=mixed.client, args=(i,)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - start
        watcher.join(timeout=5)
        snapshots["after all"] = {pid: memory(pid) for pid in pids}
        print(
            f"\nmemory: {args.memory_requests} mixed requests over {len(paths)} URLs in "
            f"{elapsed:.0f} s ({args.memory_requests / elapsed:.0f} req/s), 5xx: {len(mixed.errors)}"
        )
        for pid in pids:
            row = "  ".join(
                f"{name}: {values[pid][0]:.0f} MB (private {values[pid][2]:.0f})"
                for name, values in snapshots.items()
            )
            print(f"worker {pid}: {row}  peak (VmHWM): {snapshots['after all'][pid][1]:.0f} MB")
        first = snapshots.get("after 1,000", {})
        last = snapshots.get("before the last 1,000", {})
        final = snapshots["after all"]
        growth = [final[pid][0] - last[pid][0] for pid in pids if pid in last]
        overall = [final[pid][0] - first[pid][0] for pid in pids if pid in first]
        print(
            f"RSS growth over the last 1,000 requests: {', '.join(f'{g:+.1f} MB' for g in growth)}; "
            f"from request 1,000 to the end: {', '.join(f'{g:+.1f} MB' for g in overall)}"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log = (Path(tmp) / "gunicorn.log").read_text()
        if "Traceback" in log:
            print("gunicorn log has errors:\n" + log[-3000:])
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print(
        "load average (1, 5, 15 min) before: "
        + ", ".join(f"{v:.1f}" for v in load_before)
        + "; after: "
        + ", ".join(f"{v:.1f}" for v in os.getloadavg())
        + f"; {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
