"""jcode serve: build the site into a temporary folder, serve it on 127.0.0.1, and rebuild it
when a journey file or jcode.yaml changes; open pages reload themselves (mkdocs' live-reload
server, which also watches the files).

Nothing here prints: each build and the server's start and stop are events, handed to the
caller (the CLI prints them).
"""

from __future__ import annotations

import gc
import shutil
import signal
import socket
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, Final

from mkdocs.livereload import LiveReloadServer

from jcode.errors import JcodeError
from jcode.findings import Severity
from jcode.i18n import Template
from jcode.linter import LintResult
from jcode.record import Record
from jcode.relint import Changes
from jcode.site.build import TEMPLATE, mkdocs_environment, open_renderer, write_marker
from jcode.site.checks import check_language
from jcode.site.index import journey_path
from jcode.site.pages import Site
from jcode.site.render import Renderer
from jcode.spec import Project

# Lints the project afresh: the result, the project, and what changed since the last call (None:
# not known, every page is rendered again).
Lint = Callable[[], tuple[LintResult, Project, "Changes | None"]]

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


class LiveSite:
    """The served site in `out`: built in full first, then page by page as journeys change
    (jcode.site.render), so that a save costs the pages it changes. A change to jcode.yaml or
    to the site's templates is a full build again. After any sequence of changes the folder
    holds what `jcode build` of the same files writes."""

    def __init__(self, out: Path, work: Path) -> None:
        self.out = out
        self.work = work
        self._renderer: Renderer | None = None
        self._key: tuple[object, ...] | None = None
        self._ids: dict[str, str | None] = {}  # the journey id of each file, at the last refresh
        self._lists: frozenset[str] = frozenset()  # the owner and persona pages
        self._site: Site | None = None  # the last refresh's, whose unchanged journeys are kept
        self.pending = False  # the portfolio's pages are still those of an earlier refresh

    def refresh(
        self,
        result: LintResult,
        project: Project,
        changes: Changes | None = None,
        *,
        later: bool = False,
    ) -> list[str]:
        """Bring the site up to date with a lint result; mkdocs' warnings. `changes` (from the
        Relinter that made the result) names the files that changed since the last refresh:
        then only the pages they can change are rendered again (None: every page). `later`:
        the changed journeys' own pages first, the portfolio's lists at finish() (`pending`
        until then), so that the page being edited shows the change without waiting for them."""
        key = _fingerprint(project)
        site = Site(result, project, self._site if key == self._key else None)
        ids = {f.path: f.journey_id for f in result.files}
        lists = frozenset(p for p in site.paths() if p.startswith(("owners/", "personas/")))
        journeys = None  # unknown: every page may have changed
        if changes is not None and lists == self._lists:
            journeys = self._journeys(result, changes)
        self._ids, self._lists, self._site = ids, lists, site
        with mkdocs_environment() as warnings:
            if self._renderer is not None and key == self._key:
                stale: Callable[[str], bool] | None = None  # every page
                if journeys is not None:
                    pages = journeys
                    stale = pages.__contains__ if later else lambda p: p in pages or _listed(p)
                self.pending = later and journeys is not None
                self._update(site, stale)
                return warnings
            check_language(project)
            self.close()
            self.out.mkdir(parents=True, exist_ok=True)
            self._renderer = open_renderer(project, self.work, self.out)
            self._key = key
            self._renderer.build(site)
            self.pending = False
        write_marker(self.out, project)
        return warnings

    def finish(self) -> list[str]:
        """The portfolio's pages that refresh(later=True) left: mkdocs' warnings."""
        if not self.pending or self._site is None:
            return []
        with mkdocs_environment() as warnings:
            self._update(self._site, _listed)
        self.pending = False
        return warnings

    def _update(self, site: Site, stale: Callable[[str], bool] | None) -> None:
        assert self._renderer is not None
        try:
            self._renderer.update(site, stale)
        except BaseException:
            self.close()  # half updated: the next refresh builds it all again
            self._key = None
            raise
        finally:
            # Rendering runs with the collector off (jcode.site.pages), and Jinja's contexts
            # make cycles: collected now, or every save would leave the last one's behind.
            gc.collect()

    def _journeys(self, result: LintResult, changes: Changes) -> set[str]:
        """The journey pages a change of these files can change: those of the journeys they
        declare (before and after), and of the journeys that name those as related. It can
        change every page that is not a journey's too (_listed())."""
        files = {*changes.added, *changes.changed, *changes.removed}
        touched = {self._ids.get(path) for path in files}
        touched |= {f.journey_id for f in result.files if f.path in files}
        touched.discard(None)
        relating = {
            f.journey.id
            for f in result.files
            if f.journey is not None and touched.intersection(f.journey.related)
        }
        return {journey_path(i) for i in touched | relating if i is not None}

    def close(self) -> None:
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None


def _listed(path: str) -> bool:
    """Whether a page is one of the portfolio's (home, lists, counts, gaps), not a journey's."""
    return not path.startswith("journeys/")


def _fingerprint(project: Project) -> tuple[object, ...]:
    """What a page-by-page build cannot follow: jcode.yaml (the site's title, language, menu
    and every page's words) and the files of the site's templates."""
    config = project.config_path
    text = config.read_bytes() if config is not None and config.is_file() else b""
    templates = sorted(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for folder in (TEMPLATE, Path(__file__).parent / "templates")
        for p in folder.rglob("*")
        if p.is_file()
    )
    return (text, project.config, tuple(templates))


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
    site = LiveSite(work / "site", work)

    server: Any = None
    begun: float | None = None  # when the update still being finished began

    def rebuild() -> None:
        nonlocal begun
        start = time.monotonic()
        try:
            result, project, changes = lint()
            if site.pending and changes is not None and not _changed(changes):
                site.finish()  # the lists the last save left: nothing else changed since
            else:
                site.refresh(result, project, changes, later=server is not None)
                begun = start if begun is None else begun
            if site.pending and not _again(server):
                site.finish()
        except JcodeError as exc:  # a half-edited jcode.yaml: say so, keep the last good site
            on_event(BuildFailed(exc))
            return
        if not site.pending:
            on_event(Built(time.monotonic() - (start if begun is None else begun), result.counts()))
            begun = None

    try:
        rebuild()
        if not site.out.is_dir():
            raise JcodeError(FIRST_BUILD_FAILED())
        server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(site.out))
        server.observer = _observer(server.observer)
        for path in watched:
            server.watch(str(path))
        on_event(Serving(f"http://127.0.0.1:{port}/"))
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as cleanly as Ctrl-C
        try:
            server.serve(open_in_browser=open_browser)
        except KeyboardInterrupt:
            on_event(Stopped())
        finally:
            server.shutdown()
    finally:
        site.close()
        shutil.rmtree(work, ignore_errors=True)


def _changed(changes: Changes) -> bool:
    return bool(changes.added or changes.changed or changes.removed)


def _again(server: Any) -> bool:
    """Ask mkdocs' server for one more build at once (after it has reloaded the open pages on
    this one); False when it cannot be asked (the server is not mkdocs' own)."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None or not hasattr(server, "_want_rebuild"):
        return False
    with condition:
        server._want_rebuild = True
        condition.notify_all()
    return True


def _observer(polling: Any) -> Any:
    """The file watcher: the system's notifications (inotify on Linux) where watchdog has
    them, told of a save at once, else mkdocs' own, which looks every half second. Only
    changes count: watchdog also reports a file opened or read, and every build reads them."""
    try:
        from watchdog.events import (
            FileClosedEvent,
            FileCreatedEvent,
            FileDeletedEvent,
            FileModifiedEvent,
            FileMovedEvent,
        )
        from watchdog.observers import Observer
    except ImportError:  # pragma: no cover - watchdog comes with mkdocs
        return polling
    changes = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent]
    changes.append(FileClosedEvent)  # closed after writing

    class Changes(Observer):  # type: ignore[valid-type,misc]
        def schedule(self, handler: Any, path: str, recursive: bool = False, **_: Any) -> Any:
            return super().schedule(handler, path, recursive=recursive, event_filter=changes)

    return Changes()


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
