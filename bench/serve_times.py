"""What an author waits for with `jcode serve` open beside the editor (`bench/run.py --only serve`):
from the save of a journey file to the moment its page, fetched over HTTP as a reloading browser
fetches it, shows the new text; and the serve process's peak memory, after its first build and
after many edits.

Only HTTP tells when a page is new (never the server's log line), so whatever `jcode serve` does
is measured as the author sees it. Between two edits the server is left to finish its work (it
spends no CPU time for a while, as /proc tells), so that one edit's rebuild is not counted in the
next one's time.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final, NamedTuple

JCODE = str(Path(sys.executable).parent / "jcode")
POLL = 0.01  # seconds between two GETs of a page
PATIENCE = 600.0  # seconds without the awaited answer: a failure (a full rebuild takes ~8 s)
# Seconds of (nearly) no CPU time that make the server idle: longer than mkdocs' 0.5 s polling
# of the files, so that a rebuild its watcher has yet to start is not taken for rest.
IDLE = 1.0
IDLE_CPU = 0.1  # of one core: what watching 1,000 files costs when nothing changes
TITLE = re.compile(r"^title: .*$", re.MULTILINE)
# Never a proxy between the benchmark and 127.0.0.1, whatever the environment says.
HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class Server:
    """A `jcode serve` running on a project folder, and what HTTP and /proc say of it."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.process: Final = process
        self.url: Final = f"http://127.0.0.1:{port}/"
        self.log: Final = log

    def page(self, path: str) -> str | None:
        """The page's text, fetched afresh (no cache on the way); None while it does not answer."""
        request = urllib.request.Request(
            self.url + path, headers={"Cache-Control": "no-cache", "Pragma": "no-cache"}
        )
        try:
            with HTTP.open(request, timeout=PATIENCE) as response:
                return str(response.read().decode("utf-8"))
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_for(self, path: str, word: str, since: float) -> float:
        """Seconds from `since` until the page at `path` holds `word`, polled every POLL s."""
        while True:
            text = self.page(path)
            seen = time.perf_counter()
            if text is not None and word in text:
                return seen - since
            self._check(seen - since, f"{path} to show {word!r}")
            time.sleep(POLL)

    def wait_idle(self) -> None:
        """Until the server spends (nearly) no CPU time for IDLE seconds: its work is done."""
        start = time.perf_counter()
        while True:
            before = self._cpu_seconds()
            time.sleep(IDLE)
            if self._cpu_seconds() - before <= IDLE_CPU * IDLE:
                return
            self._check(time.perf_counter() - start, "the server to go idle")

    def peak_kib(self) -> int:
        """The process's peak resident memory so far (VmHWM), in KiB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="utf-8")
        [line] = [line for line in status.splitlines() if line.startswith("VmHWM:")]
        return int(line.split()[1])

    def _cpu_seconds(self) -> float:
        """User and system time of the process, all its threads."""
        stat = Path(f"/proc/{self.process.pid}/stat").read_text(encoding="utf-8")
        fields = stat.rsplit(")", 1)[1].split()  # the name before it may hold spaces
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime

    def _check(self, waited: float, what: str) -> None:
        if self.process.poll() is not None or waited > PATIENCE:
            tail = self.log.read_text(encoding="utf-8", errors="replace")[-2000:]
            exited = self.process.poll() is not None
            state = f"exited with {self.process.returncode}" if exited else "still running"
            raise RuntimeError(f"waited {waited:.0f} s for {what}; jcode serve {state}:\n{tail}")


@contextmanager
def serving(project: Path, log: Path, today: str) -> Iterator[Server]:
    """`jcode serve` on a free port of 127.0.0.1, from the moment its site answers until the
    end of the block (then stopped as Ctrl-C stops it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    argv = [JCODE, "serve", "--port", str(port), "--today", today]
    with log.open("wb") as output:
        process = subprocess.Popen(argv, cwd=project, stdout=output, stderr=subprocess.STDOUT)
        try:
            server = Server(process, port, log)
            server.wait_for("", "<html", time.perf_counter())
            server.wait_idle()
            yield server
        finally:
            process.terminate()  # SIGTERM: serve stops cleanly and removes its site
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def save(path: Path, text: str, in_place: bool) -> None:
    """Save as an editor does: rewrite the file where it is, or write a new file beside it and
    rename it over the old one (vim's and most IDEs' safe write)."""
    if in_place:
        path.write_text(text, encoding="utf-8")
    else:
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)


def edit_times(server: Server, journeys: list[Path], count: int, word: str) -> list[float]:
    """Retitle `count` journey files, spread over `journeys`, one at a time, saved in place and
    by rename alternately; for each, the seconds until its page shows its new title. Each title
    holds `word` and the edit's number: unique, so that no earlier page can match it."""
    seconds = []
    for number in range(count):
        path = journeys[number * len(journeys) // count % len(journeys)]
        title = f"{word}{number:05d}"
        text = TITLE.sub(f"title: Retitled {title}", path.read_text(encoding="utf-8"), count=1)
        start = time.perf_counter()
        save(path, text, in_place=number % 2 == 0)
        seconds.append(server.wait_for(f"journeys/{path.stem}.html", title, start))  # id = stem
        server.wait_idle()
    return seconds


class ServeFigures(NamedTuple):
    journeys: int
    seconds: list[float]  # from each timed save to its page's new text
    first_kib: int  # peak memory after the first build
    after_kib: int  # the same after the untimed edits
    untimed_edits: int


def serve_figures(corpus: Path, log: Path, today: str, edits: int, untimed: int) -> ServeFigures:
    """`jcode serve` of a copy of `corpus`: its peak memory after the first build and after
    `untimed` edits (each waited for, so each is a rebuild), then `edits` timed edits."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(corpus, project)
        journeys = sorted((project / "journeys").glob("*.yaml"))
        with serving(project, log, today) as server:
            first = server.peak_kib()
            edit_times(server, journeys, untimed, "memory")
            after = server.peak_kib()
            seconds = edit_times(server, journeys, edits, "latency")
    return ServeFigures(len(journeys), seconds, first, after, untimed)
