"""Reporters turn a LintResult (or a Diff) into text. The CLI builds its --format choices from
REPORTERS (DIFF_REPORTERS for `jcode diff`)."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO
from urllib.parse import quote

from jcode.findings import Severity
from jcode.linter import LintResult
from jcode.record import Record

if TYPE_CHECKING:
    from jcode.diff import Diff


class ReportOptions(Record):
    __slots__ = ("color", "fail_on", "quiet", "repo_root")

    def __init__(
        self,
        color: bool = False,
        quiet: bool = False,
        fail_on: Severity = "error",
        repo_root: Path | None = None,
    ) -> None:
        self.color: Final = color
        self.quiet: Final = quiet
        self.fail_on: Final = fail_on
        # Where paths in SARIF and GitHub annotations are relative to: the repository's top.
        self.repo_root: Final = Path.cwd() if repo_root is None else repo_root

    def repo_path(self, file: str) -> str:
        """A finding's file as a path relative to the repository root, with / separators."""
        absolute = Path(os.path.abspath(file))  # noqa: PTH100 - keep symlinks as written
        try:
            return absolute.relative_to(self.repo_root.resolve()).as_posix()
        except ValueError:
            return Path(file).as_posix()

    def repo_uri(self, file: str) -> str:
        return quote(self.repo_path(file), safe="/")


def find_repo_root(start: Path) -> Path:
    """The nearest folder holding .git at or above `start`; `start` itself when there is none."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


Reporter = Callable[[LintResult, TextIO, ReportOptions], None]


# Format name -> the module of jcode.reporters whose report() writes it. A module is imported
# only when its format is asked for: start-up time is part of every CI run.
REPORTERS: dict[str, str] = {
    "text": "text",
    "json": "json_reporter",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
}


def get_reporter(name: str) -> Reporter:
    module = importlib.import_module(f"jcode.reporters.{REPORTERS[name]}")
    report: Reporter = module.report
    return report


DiffReporter = Callable[["Diff", TextIO, ReportOptions], None]

# Format name -> the module whose report() writes a `jcode diff`.
DIFF_REPORTERS: dict[str, str] = {
    "text": "diff_text",
    "markdown": "diff_markdown",
    "json": "diff_json",
}


def get_diff_reporter(name: str) -> DiffReporter:
    module = importlib.import_module(f"jcode.reporters.{DIFF_REPORTERS[name]}")
    report: DiffReporter = module.report
    return report
