"""Reporters turn a LintResult into text. The CLI builds its --format choices from REPORTERS."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from jcode.findings import Severity
from jcode.linter import LintResult


@dataclass(frozen=True, slots=True)
class ReportOptions:
    color: bool = False
    quiet: bool = False
    fail_on: Severity = "error"
    # Where paths in SARIF and GitHub annotations are relative to: the repository's top.
    repo_root: Path = field(default_factory=Path.cwd)

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


def _reporters() -> dict[str, Reporter]:
    from jcode.reporters import github, json_reporter, junit, sarif, text

    return {
        "text": text.report,
        "json": json_reporter.report,
        "sarif": sarif.report,
        "github": github.report,
        "junit": junit.report,
    }


REPORTERS: dict[str, Reporter] = _reporters()
