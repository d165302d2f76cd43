"""Sudachi's dictionary costs each web worker only the pages it uses.

Its loader reads about 80 MB of the 200 MB memory-mapped file; without
`analysis._release_loader_pages` every gunicorn worker kept those pages
resident (bench/load.py measured 314 MB per worker, 141 MB of it the
dictionary). Run in a fresh process so no earlier test has loaded it."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
from search import analysis
analysis.terms("桜山公園の紅葉と日本酒、そばとコーヒー", "ja")
resident = 0
current = None
for line in open("/proc/self/smaps"):
    first = line.split()
    if "-" in first[0] and len(first) >= 6:
        current = first[5]
    elif first[0] == "Rss:" and current and current.endswith(".dic"):
        resident += int(first[1])
print(resident // 1024)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/smaps (Linux)")
def test_loaded_dictionary_keeps_only_the_pages_lookups_touch():
    out = subprocess.run(  # noqa: S603 (this interpreter)
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    resident_mb = int(out.stdout.split()[-1])
    assert resident_mb < 40, f"{resident_mb} MB of the Sudachi dictionary stays resident"
