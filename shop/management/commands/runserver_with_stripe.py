"""`make run`: the development server with the demo's Stripe emulators.

With the dev settings' emulators on (no STRIPE_SECRET_KEY in the environment):
- card payments: a localstripe at STRIPE_API_BASE (127.0.0.1:8420), started in
  the background unless one already answers there, with the webhook registered
  to this server's /stripe/webhook/ and STRIPE_WEBHOOK_SECRET;
- Connect: a stripe-mock on 127.0.0.1:12111 when it has been built next to the
  venv's Python (`make stripe-mock`, needs Go), else Connect stays off and card
  orders' payouts are held.
Services this command started are stopped when the server stops; services it
found running are left alone.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

STRIPE_MOCK_PORT = 12111
LOOPBACK = {"127.0.0.1", "localhost"}


def _answers(url: str, key: str) -> bool:
    try:
        response = requests.get(f"{url}/v1/balance", auth=(key, ""), timeout=1)
    except requests.RequestException:
        return False
    return response.status_code < 500


def _answers_localstripe(url: str, key: str) -> bool:
    try:
        response = requests.get(f"{url}/v1/customers", auth=(key, ""), timeout=1)
    except requests.RequestException:
        return False
    return response.status_code == 200


class Command(BaseCommand):
    help = "Run the development server with localstripe (payments) and stripe-mock (Connect)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        host, _, port = addrport.rpartition(":")
        host = host or "127.0.0.1"
        self.started: list[subprocess.Popen] = []
        env = os.environ.copy()
        # Stopped by a signal rather than Ctrl-C: still stop the services below.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        signal.signal(signal.SIGHUP, lambda *_: sys.exit(129))
        try:
            if getattr(settings, "STRIPE_DEMO_EMULATORS", False):
                self.payments(f"http://{host}:{port}/stripe/webhook/", port)
                connect = self.connect()
                if connect:
                    env["STRIPE_CONNECT_API_BASE"] = connect
            else:
                self.stdout.write(f"Stripe: {settings.STRIPE_API_BASE} (from the environment)")
            command = [sys.executable, "manage.py", "runserver", f"{host}:{port}"]
            # Its own process group too, so stopping it also stops the
            # autoreloader's child that serves the requests.
            self.started.append(subprocess.Popen(command, env=env, start_new_session=True))  # noqa: S603
            self.started[-1].wait()
        except KeyboardInterrupt:
            pass
        finally:
            for process in reversed(self.started):
                self.stop(process)

    # -- services ---------------------------------------------------------------------

    def program(self, name):
        path = Path(sys.executable).parent / name
        return str(path) if path.is_file() else None

    def spawn(self, name, argv, ready, url):
        log = Path(sys.executable).parent.parent / f"{name}.log"
        with open(log, "ab") as out:
            # A session of its own: Ctrl-C on the server does not reach it; it
            # is stopped below once the server has gone.
            process = subprocess.Popen(  # noqa: S603
                argv, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.started.append(process)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise CommandError(f"{name} stopped at once; see {log}")
            if ready(url, settings.STRIPE_SECRET_KEY):
                self.stdout.write(f"{name}: started at {url} (pid {process.pid}, log {log})")
                return
            time.sleep(0.2)
        raise CommandError(f"{name} did not start within 30 s; see {log}")

    def stop(self, process):
        """Stop the process and its group (each was started in a session of its own)."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(5)
                break
            except subprocess.TimeoutExpired:
                continue

    def payments(self, webhook_url, port):
        base = settings.STRIPE_API_BASE.rstrip("/")
        parts = urlsplit(base)
        if parts.hostname not in LOOPBACK:
            self.stdout.write(f"Stripe payments: {base}")
            return
        if _answers_localstripe(base, settings.STRIPE_SECRET_KEY):
            self.stdout.write(f"localstripe: using the one already running at {base}")
        else:
            program = self.program("localstripe")
            if program is None:
                raise CommandError("localstripe is not installed: run `make install`")
            # Without --from-scratch it keeps its objects across restarts
            # (in /tmp/localstripe.pickle), so earlier demo checkouts stay payable.
            self.spawn(
                "localstripe",
                [program, "--port", str(parts.port or 8420)],
                _answers_localstripe,
                base,
            )
        response = requests.post(
            f"{base}/_config/webhooks/machikado-dev-{port}",
            data={"url": webhook_url, "secret": settings.STRIPE_WEBHOOK_SECRET},
            timeout=5,
        )
        response.raise_for_status()
        self.stdout.write(f"localstripe: sends signed webhooks to {webhook_url}")

    def connect(self) -> str | None:
        """The Connect API base for the server, or None when it stays as configured."""
        if settings.STRIPE_CONNECT_API_BASE:
            self.stdout.write(f"Stripe Connect: {settings.STRIPE_CONNECT_API_BASE}")
            return None
        url = f"http://127.0.0.1:{STRIPE_MOCK_PORT}"
        if _answers(url, settings.STRIPE_SECRET_KEY):
            self.stdout.write(f"stripe-mock: using the one already running at {url}")
            return url
        program = self.program("stripe-mock")
        if program is None:
            self.stdout.write(
                self.style.WARNING(
                    "stripe-mock is not built (`make stripe-mock`, needs Go): Stripe Connect "
                    "is off, so card orders' payouts are held for staff."
                )
            )
            return None
        self.spawn(
            "stripe-mock",
            [
                program,
                "-http-addr",
                f"127.0.0.1:{STRIPE_MOCK_PORT}",
                "-https-addr",
                "127.0.0.1:",
            ],
            _answers,
            url,
        )
        return url
