"""A web worker imports only what serving pages needs.

Every worker loads the URLconf and all wagtail_hooks modules (Wagtail looks
its hooks up on the first page it serves), so a module-level import there is
paid by every process: openpyxl (the console's Excel downloads) and qrcode
(two-factor enrolment) cost about 7 MB of each worker's private memory
(measured with bench/load.py's settings: 144 MB → 137 MB after start-up).
They are imported where they are used (the console export and two-factor
tests use them). The probe runs in a fresh process."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
import django
django.setup()
from django.urls import get_resolver
from wagtail import hooks
get_resolver().url_patterns
hooks.search_for_hooks()
print(" ".join(name for name in ("openpyxl", "qrcode") if name in sys.modules) or "-")
"""


def run(code):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "machikado.settings.test"}
    return subprocess.run(  # noqa: S603 (this interpreter)
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()


def test_a_started_worker_has_not_imported_the_staff_only_libraries():
    assert run(PROBE)[-1] == "-"
