"""The image's commands run directly (no Docker daemon here), then nginx with
docker/nginx/machikado.conf in front of them, all on loopback ports:

- docker/entrypoint.sh with the production settings on a SQLite database:
  `migrate` (MIGRATE_ON_START=1), `collectstatic` (the production storage:
  hashed names, .gz and .br), `check --deploy`, gunicorn with
  docker/gunicorn.conf.py, docker/healthcheck.py, a scheduler job;
- /healthz answering 503 while the database is gone, 200 when it is back;
- nginx: static files with their cache headers and precompressed copies, the
  upload limit (413), pages proxied with the app's Cache-Control, the
  X-Forwarded-Proto the proxy sends honoured, public media from the object
  store and private media refused.

The database starts as a copy of this session's migrated test database (so
`migrate` has nothing left to apply: applying every migration takes minutes on
a busy CI machine, and the suite's own database setup already proves it). It
runs in the SQLite suite; the PostgreSQL suite skips it. collectstatic leaves
out the Wagtail admin's and DRF's files (most of the time; the image collects
everything).
"""

import gzip
import http.client
import http.server
import json
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import skip_or_fail

REPO = Path(__file__).resolve().parents[2]
DOCKER = REPO / "docker"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def request(port, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def wait_for(port, path="/healthz", seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return request(port, "GET", path)
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"nothing answered on {HOST}:{port}{path} within {seconds}s")


class Site:
    """The production settings' environment, and what the entrypoint printed."""

    def __init__(self, root: Path):
        self.root = root
        self.db_dir = root / "db"
        self.static = root / "static"
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "PYTEST_", "SECURE_"))
        } | {
            "DJANGO_SETTINGS_MODULE": "machikado.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "DATABASE_URL": f"sqlite:///{self.db_dir / 'db.sqlite3'}",
            "STATIC_ROOT": str(self.static),
            "MEDIA_ROOT": str(root / "media"),
            "SEARCH_ENGINE": "database",
            "APP_DIR": str(REPO),
            "PYTHON": PYTHON,
            "WEB_CONCURRENCY": "1",
            "PAGE_CACHE_ENABLED": "0",
        }

    def entrypoint(self, *command, timeout=240, **env):
        return subprocess.run(
            ["sh", str(DOCKER / "entrypoint.sh"), *command],
            env=self.env | env,
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("runs in the SQLite suite (starts from a copy of its test database)")
    site = Site(tmp_path_factory.mktemp("deploy"))
    site.db_dir.mkdir()
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(site.db_dir / "db.sqlite3")
        connection.connection.backup(target)
        target.close()

    site.collected = site.entrypoint(
        PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0",
        "-i", "wagtail*", "-i", "rest_framework",
        MIGRATE_ON_START="1",
    )  # fmt: skip
    assert site.collected.returncode == 0, site.collected.stderr[-3000:]
    return site


@pytest.fixture(scope="module")
def gunicorn(site):
    port = free_port()
    log = open(site.root / "gunicorn.log", "w")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(  # noqa: S603
        ["sh", str(DOCKER / "entrypoint.sh"), GUNICORN,
         "--config", str(DOCKER / "gunicorn.conf.py"), "--bind", f"{HOST}:{port}",
         "machikado.wsgi"],
        env=site.env | {"PORT": str(port)},
        cwd=site.root,
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_for(port)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


# -- the image's commands ----------------------------------------------------------


def test_entrypoint_migrates_then_runs_collectstatic_with_the_production_storage(site):
    output = site.collected.stdout + site.collected.stderr
    assert "Operations to perform" in output  # migrate ran first (MIGRATE_ON_START=1)
    manifest = json.loads((site.static / "staticfiles.json").read_text())["paths"]
    hashed = manifest["machikado/css/site.css"]
    assert re.fullmatch(r"machikado/css/site\.[0-9a-f]{12}\.css", hashed)
    for suffix in ("", ".gz", ".br"):
        assert (site.static / (hashed + suffix)).is_file(), suffix


def test_entrypoint_without_migrate_and_check_deploy_is_clean(site):
    result = site.entrypoint(
        PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING", MIGRATE_ON_START="0"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Operations to perform" not in result.stdout
    assert "System check identified no issues" in result.stdout


def test_gunicorn_serves_the_site_and_the_health_check_follows_the_database(site, gunicorn):
    probe = [PYTHON, str(DOCKER / "healthcheck.py")]
    env = site.env | {"PORT": str(gunicorn)}
    assert subprocess.run(probe, env=env, check=False).returncode == 0  # noqa: S603

    # Probes may use plain HTTP; pages redirect to HTTPS unless the proxy says it was.
    status, headers, body = request(gunicorn, "GET", "/healthz")
    assert (status, body) == (200, b"ok\n")
    status, headers, _ = request(gunicorn, "GET", "/ja/")
    assert status == 301 and headers["location"] == f"https://{HOST}/ja/"
    status, headers, body = request(gunicorn, "GET", "/ja/", {"X-Forwarded-Proto": "https"})
    assert status == 200 and b"<html" in body
    assert "strict-transport-security" in headers

    # The database goes away: 503, and the image's probe fails; back: 200.
    away = site.db_dir.with_name("db-away")
    site.db_dir.rename(away)
    try:
        status, headers, body = request(gunicorn, "GET", "/healthz")
        assert status == 503 and b"database unavailable" in body
        assert "no-store" in headers["cache-control"]
        result = subprocess.run(probe, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        assert result.returncode == 1 and "503" in result.stderr
    finally:
        away.rename(site.db_dir)
    assert request(gunicorn, "GET", "/healthz")[0] == 200


def test_scheduler_runs_a_job_once(site):
    listed = subprocess.run(  # noqa: S603
        [PYTHON, str(DOCKER / "scheduler.py"), "--list"], capture_output=True, text=True, check=True
    )
    for command in (
        "shop_expire_reservations",
        "tourism_refresh_occurrences",
        "rebuild_search_index",
    ):
        assert command in listed.stdout
    result = site.entrypoint(
        PYTHON, str(DOCKER / "scheduler.py"), "--run", "shop_expire_reservations"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "shop_expire_reservations exited 0" in result.stdout


# -- nginx in front ----------------------------------------------------------------

NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
MODULES = Path("/usr/lib/nginx/modules")
BROTLI = [
    MODULES / "ngx_http_brotli_filter_module.so",
    MODULES / "ngx_http_brotli_static_module.so",
]
BUCKET = "machikado-media"


class ObjectStore(http.server.SimpleHTTPRequestHandler):
    """Stands in for MinIO: serves files below a folder, remembers what it was asked."""

    seen = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        ObjectStore.seen.append((self.path, dict(self.headers)))
        super().do_GET()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("store")
    for key, content in (("images/pic.jpg", b"JPEG"), ("documents/secret.pdf", b"PDF")):
        path = root / BUCKET / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    server = http.server.ThreadingHTTPServer(
        (HOST, 0), lambda *args: ObjectStore(*args, directory=str(root))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


def nginx_config(site, root, web_port, store_port, port):
    conf = (DOCKER / "nginx" / "machikado.conf").read_text()
    for old, new in (
        ("server web:8000;", f"server {HOST}:{web_port};"),
        ("server minio:9000;", f"server {HOST}:{store_port};"),
        ("listen 80 default_server;", f"listen {HOST}:{port} default_server;"),
        ("root /srv/machikado;", f"root {site.root};"),
    ):
        assert conf.count(old) == 1, old
        conf = conf.replace(old, new)
    (root / "machikado.conf").write_text(conf)
    brotli = all(module.exists() for module in BROTLI)
    if brotli:
        shutil.copy(DOCKER / "nginx" / "brotli.conf", root / "brotli.conf")
    temp = "\n".join(
        f"    {name}_temp_path {root / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main = f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {root / "nginx.pid"};
error_log {root / "error.log"} warn;
{"".join(f"load_module {module};" for module in BROTLI) if brotli else ""}
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {root / "access.log"};
{temp}
    {"include " + str(root / "brotli.conf") + ";" if brotli else ""}
    include {root / "machikado.conf"};
}}
"""
    (root / "nginx.conf").write_text(main)
    return root / "nginx.conf", brotli


@pytest.fixture(scope="module")
def nginx(site, gunicorn, store, tmp_path_factory):
    if not NGINX:
        skip_or_fail(
            "nginx is not installed (apt-get install nginx libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static)"
        )
    root = tmp_path_factory.mktemp("nginx")
    port = free_port()
    config, brotli = nginx_config(site, root, gunicorn, store, port)
    tested = subprocess.run(  # noqa: S603
        [NGINX, "-t", "-p", str(root), "-c", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert tested.returncode == 0, tested.stderr
    process = subprocess.Popen(  # noqa: S603
        [NGINX, "-p", str(root), "-c", str(config), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        yield port, brotli
    finally:
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_static_files_long_cached_when_hashed_and_sent_precompressed(site, nginx):
    port, brotli = nginx
    manifest = json.loads((site.static / "staticfiles.json").read_text())["paths"]
    hashed = "/static/" + manifest["machikado/css/site.css"]
    original = (site.static / manifest["machikado/css/site.css"]).read_bytes()

    status, headers, body = request(port, "GET", hashed, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["content-encoding"] == "gzip" and "accept-encoding" in headers["vary"].lower()
    assert gzip.decompress(body) == original
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-type"].startswith("text/css")

    status, headers, body = request(port, "GET", hashed)
    assert status == 200 and body == original and "content-encoding" not in headers

    status, headers, _ = request(port, "GET", "/static/machikado/css/site.css")
    assert status == 200 and headers["cache-control"] == "public, max-age=3600"
    assert request(port, "GET", "/static/nothing-here.css")[0] == 404

    if not brotli:
        skip_or_fail("nginx's brotli modules are not installed (libnginx-mod-http-brotli-*)")
    status, headers, body = request(port, "GET", hashed, {"Accept-Encoding": "br, gzip"})
    assert status == 200 and headers["content-encoding"] == "br"
    assert body == (site.static / (manifest["machikado/css/site.css"] + ".br")).read_bytes()


def test_upload_limit_matches_wagtail_and_bigger_bodies_get_413(nginx):
    port, _ = nginx
    limit = re.search(
        r"client_max_body_size (\d+)m;", (DOCKER / "nginx" / "machikado.conf").read_text()
    )
    limit = int(limit.group(1)) * 1024 * 1024
    largest = max(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
    # Room for the multipart framing around a largest allowed file, and not much more.
    assert largest < limit <= largest + 2 * 1024 * 1024

    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.putrequest("POST", "/ja/apply/")
    connection.putheader("Content-Length", str(limit + 1))
    connection.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 413
    connection.close()

    # Just under the limit the request reaches Django (whose CSRF check refuses it).
    status, _, body = request(port, "POST", "/healthz", body=b"x" * (limit - 4096))
    assert status == 403 and b"CSRF" in body


def test_pages_proxied_with_the_apps_cache_headers_and_forwarded_proto(gunicorn, nginx):
    port, _ = nginx
    https = {"X-Forwarded-Proto": "https"}
    # Without a TLS load balancer in front, the scheme is this connection's: http,
    # so Django redirects to HTTPS; a client cannot claim anything but http/https.
    status, headers, _ = request(port, "GET", "/ja/")
    assert status == 301 and headers["location"] == f"https://{HOST}/ja/"
    status, _, _ = request(port, "GET", "/ja/", {"X-Forwarded-Proto": "gopher"})
    assert status == 301
    # The load balancer's X-Forwarded-Proto: https passes through to Django.
    status, headers, body = request(port, "GET", "/ja/", https | {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["content-encoding"] == "gzip" and b"<html" in gzip.decompress(body)
    direct = request(gunicorn, "GET", "/ja/", https)[1]
    assert headers.get("cache-control") == direct.get("cache-control")
    assert headers["strict-transport-security"] == direct["strict-transport-security"]
    assert "server" not in headers or "nginx/" not in headers["server"]

    status, headers, body = request(port, "GET", "/healthz")
    assert (status, body) == (200, b"ok\n") and "no-store" in headers["cache-control"]


def test_public_media_from_the_object_store_private_media_refused(nginx):
    port, _ = nginx
    ObjectStore.seen.clear()
    status, _, body = request(port, "GET", "/media/images/pic.jpg", {"Cookie": "sessionid=secret"})
    assert (status, body) == (200, b"JPEG")
    path, headers = ObjectStore.seen[-1]
    assert path == f"/{BUCKET}/images/pic.jpg"
    assert "Cookie" not in headers and "Authorization" not in headers

    ObjectStore.seen.clear()
    assert request(port, "GET", "/media/documents/secret.pdf")[0] == 404
    assert request(port, "POST", "/media/images/pic.jpg", body=b"x")[0] == 403
    assert ObjectStore.seen == []
