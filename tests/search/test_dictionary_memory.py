"""Sudachi's dictionary costs each web worker only the pages it uses.

Its loader reads about 80 MB of the 200 MB memory-mapped file; without
`analysis._release_loader_pages` every gunicorn worker kept those pages
resident (bench/load.py measured 314 MB per worker, 141 MB of it the
dictionary). Each probe runs in a fresh process, so no earlier test has
loaded it.

How much stays resident after one query depends on the kernel's page cache:
a freshly installed file is cached in large folios, each mapped whole on a
fault (measured here: 114 MB resident without the release, 56 MB with it),
while a file cached page by page leaves 74 MB against 4 MB. The test
compares the two in the same checkout."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from search import analysis
if sys.argv[1] == "keep":
    analysis._release_loader_pages = lambda: None
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


def resident_mb(mode):
    out = subprocess.run(  # noqa: S603 (this interpreter)
        [sys.executable, "-c", PROBE, mode], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return int(out.stdout.split()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/smaps (Linux)")
def test_loaded_dictionary_keeps_only_the_pages_lookups_touch():
    kept, released = resident_mb("keep"), resident_mb("release")
    assert kept >= 60, f"the loader itself left only {kept} MB: nothing to compare"
    assert kept - released >= 40, f"{released} MB resident with the release, {kept} MB without"
