"""Real service processes the tests start themselves (localstripe, stripe-mock).

Each starts on a free loopback port once per test session; when its program is
not installed the tests that need it skip (or fail under
MACHIKADO_REQUIRE_SERVICES=1, as in CI) saying how to install it.
"""

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from .conftest import skip_or_fail

TEST_SECRET_KEY = "sk_test_machikado"
TEST_PUBLISHABLE_KEY = "pk_test_machikado"
TEST_WEBHOOK_SECRET = "whsec_test_machikado"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_program(name: str, *extra: Path) -> str | None:
    """On PATH, next to this Python (the project's venv), or in `extra` places."""
    candidates = [shutil.which(name), Path(sys.executable).parent / name, *extra]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return str(candidate)
    return None


class ServiceProcess:
    def __init__(self, name, argv, port, ready):
        self.name, self.port = name, port
        self.url = f"http://127.0.0.1:{port}"
        self.log = tempfile.NamedTemporaryFile(prefix=f"{name}-", suffix=".log", delete=False)
        self.process = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if ready(self.url):
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{name} did not start; see {self.log.name}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start_localstripe() -> ServiceProcess:
    program = find_program("localstripe")
    if program is None:
        skip_or_fail("localstripe is not installed (pip install localstripe; `make test` does)")
    port = free_port()

    def ready(url):
        response = requests.get(f"{url}/v1/customers", auth=(TEST_SECRET_KEY, ""), timeout=2)
        return response.status_code == 200

    return ServiceProcess(
        "localstripe", [program, "--port", str(port), "--from-scratch"], port, ready
    )


def register_localstripe_webhook(localstripe_url: str, target_url: str, hook_id="machikado"):
    """Ask localstripe to POST signed events to `target_url` (its own API)."""
    response = requests.post(
        f"{localstripe_url}/_config/webhooks/{hook_id}",
        data={"url": target_url, "secret": TEST_WEBHOOK_SECRET},
        timeout=5,
    )
    response.raise_for_status()


def start_stripe_mock() -> ServiceProcess:
    """Stripe's official mock (stateless; validates requests against Stripe's
    OpenAPI spec), for the Connect calls. `make test` builds it with Go:
    GOBIN=.venv/bin go install github.com/stripe/stripe-mock@v0.197.0.
    -verbose makes it log each request line ("Request: POST /v1/transfers"),
    which tests count."""
    program = find_program("stripe-mock", Path.home() / "go" / "bin" / "stripe-mock")
    if program is None:
        skip_or_fail(
            "stripe-mock is not installed (needs Go: `make stripe-mock`, which `make test` runs)"
        )
    port = free_port()

    def ready(url):
        response = requests.get(f"{url}/v1/balance", auth=(TEST_SECRET_KEY, ""), timeout=2)
        return response.status_code == 200

    # Its HTTPS listener (on by default, port 12112) goes to a port of the
    # system's choice so parallel test runs never collide.
    argv = [program, "-verbose", "-http-addr", f"127.0.0.1:{port}", "-https-addr", "127.0.0.1:"]
    return ServiceProcess("stripe-mock", argv, port, ready)


def stripe_mock_requests(server: ServiceProcess, method: str, path: str) -> int:
    """How many `method path` requests the stripe-mock has served so far."""
    server.log.flush()
    line = f"Request: {method} {path}\n"
    with open(server.log.name, encoding="utf-8", errors="replace") as log:
        return sum(1 for text in log if text == line)


class WebhookInbox:
    """A loopback HTTP endpoint that stores what localstripe POSTs to it
    (body and Stripe-Signature, untouched), for the test's own thread to
    hand to the webhook view with the Django test client.

    Why not a live server: its thread shares the test's in-memory SQLite
    connection, so a webhook handled while the test itself is inside
    transaction.atomic() mixes both threads' savepoints ("no such
    savepoint"). Late events of earlier tests make that happen at random."""

    def __init__(self):
        import http.server
        import queue
        import threading

        self.received: queue.Queue = queue.Queue()
        inbox = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the standard library's name
                length = int(self.headers.get("Content-Length") or 0)
                inbox.received.put((self.rfile.read(length), self.headers.get("Stripe-Signature")))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def pump(self, client, path: str) -> list:
        """Deliver everything received so far to `path`; the responses."""
        responses = []
        while not self.received.empty():
            body, signature = self.received.get()
            responses.append(
                client.post(
                    path,
                    data=body,
                    content_type="application/json",
                    HTTP_STRIPE_SIGNATURE=signature or "",
                )
            )
        return responses

    def close(self):
        self.server.shutdown()
        self.server.server_close()
