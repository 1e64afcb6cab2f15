"""jcode serve: build the site into a temporary folder, serve it on 127.0.0.1, and rebuild it
when a journey file or jcode.yaml changes; open pages reload themselves (mkdocs' live-reload
server, which also watches the files).

Nothing here prints: each build and the server's start and stop are events, handed to the
caller (the CLI prints them).
"""

from __future__ import annotations

import shutil
import signal
import socket
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import Final

from mkdocs.livereload import LiveReloadServer

from jcode.errors import JcodeError
from jcode.findings import Severity
from jcode.i18n import Template
from jcode.linter import LintResult
from jcode.record import Record
from jcode.site.build import build_site
from jcode.spec import Project

Lint = Callable[[], tuple[LintResult, Project]]

FIRST_BUILD_FAILED: Final = Template(
    "error.serve.first-build-failed", "the first build failed; fix the error above and start again"
)
PORT_TAKEN: Final = Template("error.serve.port", "cannot listen on 127.0.0.1:{port}: {reason}")


class Built(Record):
    """A build finished: how long it took, and what lint found."""

    __slots__ = ("counts", "seconds")

    def __init__(self, seconds: float, counts: dict[Severity, int]) -> None:
        self.seconds: Final = seconds
        self.counts: Final = counts


class BuildFailed(Record):
    """A build stopped on an error the user can fix (a half-edited jcode.yaml); the last good
    site is still served."""

    __slots__ = ("error",)

    def __init__(self, error: JcodeError) -> None:
        self.error: Final = error


class Serving(Record):
    __slots__ = ("url",)

    def __init__(self, url: str) -> None:
        self.url: Final = url


class Stopped(Record):
    __slots__ = ()


Event = Built | BuildFailed | Serving | Stopped


def serve(
    lint: Lint,
    watched: Sequence[Path],
    port: int,
    open_browser: bool,
    on_event: Callable[[Event], None],
) -> None:
    """Serve until Ctrl-C. `lint` reads the project and lints it afresh for every build."""
    _check_port(port)
    work = Path(tempfile.mkdtemp(prefix="jcode-serve-"))
    out = work / "site"

    def rebuild() -> None:
        start = time.monotonic()
        try:
            result, project = lint()
            build_site(result, project, out)
        except JcodeError as exc:  # a half-edited jcode.yaml: say so, keep the last good site
            on_event(BuildFailed(exc))
            return
        on_event(Built(time.monotonic() - start, result.counts()))

    try:
        rebuild()
        if not out.is_dir():
            raise JcodeError(FIRST_BUILD_FAILED())
        server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(out))
        for path in watched:
            server.watch(str(path))
        on_event(Serving(f"http://127.0.0.1:{port}/"))
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as cleanly as Ctrl-C
        try:
            server.serve(open_in_browser=open_browser)  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            on_event(Stopped())
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _check_port(port: int) -> None:
    """Fail early, before building anything, when the port is taken."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            raise JcodeError(PORT_TAKEN(port=port, reason=str(exc.strerror))) from None
