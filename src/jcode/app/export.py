"""`jcode export`: the linted journeys of a request, ready for a reporter of
jcode.reporters.EXPORT to write."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Final

from jcode.app.project import journey_files, refuse_journey_targets
from jcode.config import load_project
from jcode.export import DEFAULT_WHAT, Export
from jcode.linter import lint
from jcode.record import Record


class ExportRequest(Record):
    __slots__ = ("config_file", "fmt", "output", "paths", "today", "what")

    def __init__(
        self,
        paths: Sequence[Path] = (),
        config_file: Path | None = None,
        today: date | None = None,
        *,
        fmt: str = "json",
        what: str | None = None,
        output: Path | None = None,
    ) -> None:
        self.paths: Final = tuple(paths)
        self.config_file: Final = config_file
        self.today: Final = today
        self.fmt: Final = fmt
        self.what: Final = what if what is not None else DEFAULT_WHAT[fmt]
        self.output: Final = output  # the file the caller will write (None: standard output)


class Exported(Record):
    """What to export, and the files left out because they are not valid journeys."""

    __slots__ = ("export", "left_out")

    def __init__(self, export: Export, left_out: Sequence[str]) -> None:
        self.export: Final = export
        self.left_out: Final = tuple(left_out)  # paths as lint shows them


def export_journeys(request: ExportRequest) -> Exported:
    project = load_project(request.config_file)
    files = journey_files(project, request.paths)
    refuse_journey_targets([request.output], files)
    result = lint(files, project, request.today, keep_models=True)
    left_out = [f.path for f in result.files if f.journey is None]
    return Exported(Export(result, project, request.what), left_out)
