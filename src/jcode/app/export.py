"""`jcode export`: the linted journeys of a request, ready for a reporter of
jcode.reporters.EXPORT to write."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Final

from jcode.app.project import journey_files, refuse_journey_targets
from jcode.config import load_project
from jcode.errors import JcodeError
from jcode.export import DEFAULT_WHAT, Export
from jcode.i18n import Template
from jcode.linter import LintResult, lint
from jcode.record import Record
from jcode.text import show

NO_JOURNEY = Template("error.export.no-journey", "no journey file read declares the id '{journey}'")
# A diagram is of journeys: its tasks are steps and touchpoints, not rows of one kind.
MERMAID_WHAT = Template(
    "error.export.mermaid-what", "--format mermaid exports journeys, not {what}"
)


class ExportRequest(Record):
    __slots__ = ("config_file", "fmt", "journey", "output", "paths", "today", "what")

    def __init__(
        self,
        paths: Sequence[Path] = (),
        config_file: Path | None = None,
        today: date | None = None,
        *,
        fmt: str = "json",
        what: str | None = None,
        output: Path | None = None,
        journey: str | None = None,
    ) -> None:
        self.paths: Final = tuple(paths)
        self.config_file: Final = config_file
        self.today: Final = today
        self.fmt: Final = fmt
        self.what: Final = what if what is not None else DEFAULT_WHAT[fmt]
        self.output: Final = output  # the file the caller will write (None: standard output)
        self.journey: Final = journey  # the id of the one journey to export (None: all)


class Exported(Record):
    """What to export, and the files left out because they are not valid journeys."""

    __slots__ = ("export", "left_out")

    def __init__(self, export: Export, left_out: Sequence[str]) -> None:
        self.export: Final = export
        self.left_out: Final = tuple(left_out)  # paths as lint shows them


def export_journeys(request: ExportRequest) -> Exported:
    if request.fmt == "mermaid" and request.what != "journeys":
        raise JcodeError(MERMAID_WHAT(what=request.what))
    project = load_project(request.config_file)
    files = journey_files(project, request.paths)
    refuse_journey_targets([request.output], files)
    result = lint(files, project, request.today, keep_models=True)
    if request.journey is not None:
        result = _only(result, request.journey)
    left_out = [f.path for f in result.files if f.journey is None]
    return Exported(Export(result, project, request.what), left_out)


def _only(result: LintResult, journey: str) -> LintResult:
    """The result of the files declaring `journey` (linted with the others, so that the rules
    across journeys hold); both when two files declare it, as lint reports."""
    files = [file for file in result.files if file.journey_id == journey]
    if not files:
        raise JcodeError(NO_JOURNEY(journey=show(journey)))
    return LintResult(files, result.project_findings)
