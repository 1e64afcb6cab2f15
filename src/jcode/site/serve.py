"""jcode serve: build the site into a temporary folder, serve it on 127.0.0.1, and rebuild it
when a journey file or jcode.yaml changes; open pages reload themselves (mkdocs' live-reload
server, which also watches the files)."""

from __future__ import annotations

import shutil
import signal
import socket
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType

import click
from mkdocs.livereload import LiveReloadServer

from jcode.errors import JcodeError
from jcode.findings import severity_counts
from jcode.linter import LintResult
from jcode.site.build import build_site
from jcode.spec import Project

Lint = Callable[[], tuple[LintResult, Project]]


def serve(lint: Lint, watched: Sequence[Path], port: int, open_browser: bool) -> None:
    """Serve until Ctrl-C. `lint` reads the project and lints it afresh for every build."""
    _check_port(port)
    work = Path(tempfile.mkdtemp(prefix="jcode-serve-"))
    out = work / "site"

    def rebuild() -> None:
        start = time.monotonic()
        try:
            result, project = lint()
            build_site(result, project, out, progress=False)
        except JcodeError as exc:  # a half-edited jcode.yaml: say so, keep the last good site
            click.echo(f"jcode: error: {exc}", err=True)
            return
        click.echo(
            f"built in {time.monotonic() - start:.1f} s: {severity_counts(result.counts())}",
            err=True,
        )

    try:
        rebuild()
        if not out.is_dir():
            raise JcodeError("the first build failed; fix the error above and start again")
        server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(out))
        for path in watched:
            server.watch(str(path))
        click.echo(f"Serving on http://127.0.0.1:{port}/ (Ctrl-C to stop)", err=True)
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as cleanly as Ctrl-C
        try:
            server.serve(open_in_browser=open_browser)  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            click.echo("Stopped.", err=True)
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
            raise JcodeError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None
