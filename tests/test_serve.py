"""jcode serve: a live preview that rebuilds when a journey changes, and leaves nothing behind."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PROJECT = Path(__file__).parent / "site_project"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        body: bytes = response.read()
        return body.decode("utf-8")


def wait_for(condition: Callable[[], bool], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("timed out")


class Served:
    def __init__(self, project: Path, url: str, process: subprocess.Popen[str], temp: Path) -> None:
        self.project = project
        self.url = url
        self.process = process
        self.temp = temp


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    (project / "journeys" / "syntax.yaml").unlink()  # one error left: broken.yaml's
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "jcode", "serve", "--port", str(port), "--today", "2026-11-22"],
        cwd=project,
        env={**os.environ, "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "Replacing a broken work laptop" in fetch(url + "index.html"))
        yield Served(project, url, process, temp)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None and not stream.closed:
                stream.close()


def test_serves_the_site_and_rebuilds_when_a_journey_changes(served: Served) -> None:
    project, url = served.project, served.url
    page = fetch(url + "journeys/laptop-replacement.html")
    assert "Comparing options" in page
    assert "livereload" in page  # open pages reload themselves after a rebuild
    journey = project / "journeys" / "laptop-replacement.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("Comparing options", "Weighing options"),
        encoding="utf-8",
    )
    wait_for(lambda: "Weighing options" in fetch(url + "journeys/laptop-replacement.html"))
    # Nothing is written beside the journeys.
    assert sorted(p.name for p in project.iterdir()) == ["jcode.yaml", "journeys"]


def test_a_broken_config_keeps_the_last_good_site(served: Served) -> None:
    project, url, process = served.project, served.url, served.process
    config = project / "jcode.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nnot_a_setting: 1\n", "utf-8")
    time.sleep(2)  # the rebuild fails: the site stays as it was
    assert "Replacing a broken work laptop" in fetch(url + "index.html")
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=10)
    assert process.returncode == 0
    # The first build's line counts as `jcode lint` counts: "1 error", not "1 errors".
    assert re.match(r"built in \d+\.\d s: 1 error, 10 warnings, 3 info\n", stderr), stderr
    assert "unknown setting" in stderr
    assert "Stopped." in stderr
    assert list(served.temp.iterdir()) == []  # the temporary site is gone


def test_a_port_in_use_is_a_usage_error(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "jcode", "serve", "--port", str(port)],
            cwd=PROJECT,
            env={**os.environ, "TMPDIR": str(tmp_path)},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_saves_that_arrive_together_are_one_rebuild_and_the_site_is_a_clean_builds(
    served: Served, tmp_path: Path
) -> None:
    """As an editor saving several files, or a `git checkout`, writes them."""
    project, url, process = served.project, served.url, served.process
    journeys = sorted((project / "journeys").glob("*.yaml"))
    edited = []
    for n, journey in enumerate(journeys):
        text = journey.read_text(encoding="utf-8")
        if "\ntitle: " in text:
            journey.write_text(text.replace("\ntitle: ", f"\ntitle: Burst {n} ", 1), "utf-8")
            edited.append((journey.stem, f"Burst {n} "))
    assert len(edited) >= 3

    def shown(stem: str, word: str) -> Callable[[], bool]:
        return lambda: word in fetch(url + f"journeys/{stem}.html")

    for stem, word in edited:
        wait_for(shown(stem, word))
    time.sleep(1)  # any late rebuild would have started by now
    served_site = next(served.temp.glob("jcode-serve-*")) / "site"
    served_files = {
        str(p.relative_to(served_site)): p.read_bytes()
        for p in sorted(served_site.rglob("*"))
        if p.is_file()
    }
    clean = tmp_path / "clean"
    subprocess.run(
        [sys.executable, "-m", "jcode", "build", "--today", "2026-11-22", "--out", str(clean)],
        cwd=project,
        capture_output=True,
        check=False,
    )
    clean_files = {
        str(p.relative_to(clean)): p.read_bytes() for p in sorted(clean.rglob("*")) if p.is_file()
    }
    assert served_files == clean_files
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=10)
    assert len(re.findall(r"^built in ", stderr, re.MULTILINE)) == 2, stderr  # first, and one
