"""The benchmark's serve and build measures: what they time, and the table rows they print.

The rows are built from given figures (the benchmark itself is never run here); the serve measure
runs against a server whose pages follow a save after a known delay, and against a real
`jcode serve` of three journeys.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import serve_times  # noqa: E402 - the benchmark's modules, as bench/run.py imports them
from generate import generate  # noqa: E402
from run import Build, serve_rows, site_rows  # noqa: E402
from serve_times import ServeFigures, Server, edit_times, serve_figures  # noqa: E402

DELAY = 0.3  # seconds the fake server takes to show a saved journey on its page


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


def test_serve_rows_give_the_median_and_the_worst_beside_the_build_and_the_memory_growth() -> None:
    serve = ServeFigures(
        journeys=1000,
        seconds=[0.3, 0.2, 0.9],
        first_kib=200 * 1024,
        after_kib=250 * 1024,
        untimed_edits=100,
    )
    assert serve_rows(serve, build=5.0) == [
        (
            "jcode serve, 1,000 journeys: a save to the page's new text (HTTP), median of 3",
            "0.30 s",
            "0.06x the full build (target <= 0.1x) OK; target < 0.5 s OK",
        ),
        ("the same, the worst of 3", "0.90 s", "0.18x the full build"),
        ("peak memory of jcode serve, 1,000 journeys, after the first build", "200 MB", ""),
        (
            "the same, after 100 edits",
            "250 MB",
            "1.25x that after the first build (target <= 1.2x) MISSED",
        ),
    ]


def test_an_edit_is_timed_from_the_save_to_the_page_showing_the_new_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain HTTP server, and a follower that copies a saved journey into its page DELAY s
    after the save: each edit takes DELAY and a little more. Saves alternate between writing
    in place (the file keeps its inode) and renaming a new file over it (a new inode)."""
    monkeypatch.setattr(serve_times, "IDLE", 0.2)
    journeys = generate(3, tmp_path / "project") / "journeys"
    files = sorted(journeys.glob("*.yaml"))
    pages = tmp_path / "site" / "journeys"
    pages.mkdir(parents=True)
    for path in files:
        (pages / f"{path.stem}.html").write_text(path.read_text("utf-8"), "utf-8")
    saves: list[tuple[str, bool]] = []  # each save the follower saw: journey, new inode
    stop = threading.Event()

    def follow() -> None:
        seen = {path: (path.stat().st_ino, path.read_text("utf-8")) for path in files}
        while not stop.is_set():
            for path in files:
                if path.read_text("utf-8") == seen[path][1]:
                    continue
                time.sleep(DELAY)
                inode, text = path.stat().st_ino, path.read_text("utf-8")
                saves.append((path.stem, inode != seen[path][0]))
                seen[path] = (inode, text)
                page = pages / f"{path.stem}.html"
                page.with_suffix(".new").write_text(text, "utf-8")
                page.with_suffix(".new").replace(page)
            time.sleep(0.005)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    log = tmp_path / "server.log"
    argv = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*argv, "--directory", str(tmp_path / "site")], stdout=output, stderr=output
        )
    follower = threading.Thread(target=follow)
    follower.start()
    try:
        server = Server(process, port, log)
        server.wait_for("journeys/journey-00000.html", "journey-00000", time.perf_counter())
        seconds = edit_times(server, files, 4, "latency")
    finally:
        stop.set()
        follower.join()
        process.terminate()
        process.wait()
    assert all(DELAY <= s < DELAY + 0.3 for s in seconds), seconds
    assert saves == [
        ("journey-00000", False),
        ("journey-00000", True),
        ("journey-00001", False),
        ("journey-00002", True),
    ]
    assert sorted(p.name for p in journeys.iterdir()) == [p.name for p in files]  # no temp left
    titles = [p.read_text("utf-8").splitlines()[2] for p in files]
    assert titles == [
        "title: Retitled latency00001",
        "title: Retitled latency00002",
        "title: Retitled latency00003",
    ]


def test_serve_figures_time_real_jcode_serve_on_a_copy_of_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page path and the title jcode serve renders are the ones the measure waits for (else
    it would wait in vain), and the corpus itself is left as it was."""
    monkeypatch.setattr(serve_times, "PATIENCE", 120.0)
    corpus = generate(3, tmp_path / "corpus")
    before = {p.name: p.read_bytes() for p in (corpus / "journeys").iterdir()}
    log = tmp_path / "serve.log"
    serve = serve_figures(corpus, log, "2026-11-22", edits=2, untimed=1)
    assert (serve.journeys, len(serve.seconds), serve.untimed_edits) == (3, 2, 1)
    assert all(0 < s < 120 for s in serve.seconds)
    assert 0 < serve.first_kib <= serve.after_kib
    assert {p.name: p.read_bytes() for p in (corpus / "journeys").iterdir()} == before
    assert log.read_text("utf-8").splitlines()[-1] == "Stopped."  # stopped as Ctrl-C stops it
