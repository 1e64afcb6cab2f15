"""Reporters turn data into text: a LintResult for `jcode lint`, a Diff for `jcode diff`, an
Export for `jcode export`. Each format is one module of this package whose report() writes it;
the commands build their --format choices from LINT, DIFF and EXPORT."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final, Generic, Protocol, TextIO, TypeVar
from urllib.parse import quote

from jcode.findings import Severity
from jcode.i18n import ENGLISH, Catalog
from jcode.linter import LintResult
from jcode.record import Record

if TYPE_CHECKING:
    from jcode.diff import Diff
    from jcode.export import Export


class ReportOptions(Record):
    __slots__ = ("catalog", "color", "fail_on", "quiet", "repo_root")

    def __init__(
        self,
        color: bool = False,
        quiet: bool = False,
        fail_on: Severity = "error",
        repo_root: Path | None = None,
        catalog: Catalog = ENGLISH,
    ) -> None:
        self.color: Final = color
        self.quiet: Final = quiet
        self.fail_on: Final = fail_on
        # The language of the text formats' words (the terminal's); JSON and SARIF are English.
        self.catalog: Final = catalog
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


Subject = TypeVar("Subject")
Reported = TypeVar("Reported", contravariant=True)


class Reporter(Protocol[Reported]):
    """Writes one format of what a command found (a LintResult, a Diff, an Export)."""

    def __call__(self, data: Reported, out: TextIO, options: ReportOptions, /) -> None: ...


class Formats(Generic[Subject]):
    """Format name -> the module of jcode.reporters whose report() writes it. A module is
    imported only when its format is asked for: start-up time is part of every CI run."""

    __slots__ = ("_modules",)

    def __init__(self, modules: dict[str, str]) -> None:
        self._modules = modules

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __getitem__(self, name: str) -> Reporter[Subject]:
        module = importlib.import_module(f"jcode.reporters.{self._modules[name]}")
        report: Reporter[Subject] = module.report
        return report


LINT: Final[Formats[LintResult]] = Formats(
    {
        "text": "text",
        "json": "json_reporter",
        "sarif": "sarif",
        "github": "github",
        "junit": "junit",
    }
)
DIFF: Final[Formats[Diff]] = Formats(
    {"text": "diff_text", "markdown": "diff_markdown", "json": "diff_json"}
)
EXPORT: Final[Formats[Export]] = Formats(
    {"json": "export_json", "csv": "export_csv", "mermaid": "export_mermaid"}
)
