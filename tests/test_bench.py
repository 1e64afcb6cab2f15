"""The benchmark's build measures: the table rows they print, built from given figures (the
benchmark itself is never run here)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from run import Build, site_rows  # noqa: E402 - the benchmark, as `python bench/run.py` runs it


def test_site_rows_put_each_build_beside_its_bare_load_and_the_build_of_a_tenth() -> None:
    builds = {
        100: Build(megabytes=0.8, build=2.0, bare=0.25),
        1000: Build(megabytes=7.9, build=4.0, bare=2.5),
        10_000: Build(megabytes=79.0, build=60.0, bare=25.0),
    }
    assert site_rows(builds) == [
        ("bare PyYAML C-loader load, 100 journeys (0.8 MB), beside the build", "0.25 s", ""),
        ("jcode build, 100 journeys", "2.00 s", "8.00x the bare load"),
        ("bare PyYAML C-loader load, 1,000 journeys (7.9 MB), beside the build", "2.50 s", ""),
        (
            "jcode build, 1,000 journeys",
            "4.00 s",
            "1.60x the bare load (target <= 2x) OK; target < 20 s OK; "
            "2.0x the 100-journey build (target <= 12x) OK",
        ),
        ("bare PyYAML C-loader load, 10,000 journeys (79.0 MB), beside the build", "25.00 s", ""),
        (
            "jcode build, 10,000 journeys",
            "60.00 s",
            "2.40x the bare load; 15.0x the 1,000-journey build (target <= 12x) MISSED",
        ),
    ]
