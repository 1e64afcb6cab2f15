"""`jcode serve`: the site of the journeys, served and rebuilt as they change.

Imports mkdocs: the CLI imports this module only to serve."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Final

from jcode.app.project import journey_files
from jcode.collect import journey_paths
from jcode.config import load_project
from jcode.linter import LintResult
from jcode.record import Record
from jcode.relint import Changes, Relinter
from jcode.site.serve import Event, serve
from jcode.spec import Project


class ServeRequest(Record):
    __slots__ = ("config_file", "open_browser", "paths", "port", "today")

    def __init__(
        self,
        paths: Sequence[Path] = (),
        config_file: Path | None = None,
        today: date | None = None,
        *,
        port: int = 8000,
        open_browser: bool = False,
    ) -> None:
        self.paths: Final = tuple(paths)
        self.config_file: Final = config_file
        self.today: Final = today
        self.port: Final = port
        self.open_browser: Final = open_browser


def serve_site(request: ServeRequest, on_event: Callable[[Event], None]) -> None:
    """Serve until Ctrl-C, rebuilding when a journey file or jcode.yaml changes; `on_event`
    hears of each build, and of the start and the stop. Each build lints again only the files
    whose bytes changed (jcode.relint); a changed jcode.yaml, or a new day, lints them all."""
    project = load_project(request.config_file)
    config_path = project.config_path
    relinters: dict[tuple[bytes, date], tuple[Relinter, Project]] = {}

    def lint_again() -> tuple[LintResult, Project, Changes]:
        text = (
            config_path.read_bytes() if config_path is not None and config_path.is_file() else b""
        )
        key = (text, request.today or date.today())
        if key not in relinters:
            current = load_project(config_path) if config_path else project
            relinters.clear()  # the old project's results are of no use any more
            relinters[key] = (Relinter(current, key[1]), current)
        relinter, current = relinters[key]
        files = journey_files(current, request.paths)
        return relinter.lint(files), current, relinter.changes

    watched = journey_paths(request.paths, project)
    if config_path is not None:
        watched.append(config_path)
    serve(lint_again, watched, request.port, request.open_browser, on_event)
