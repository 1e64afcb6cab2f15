"""Shared test helpers: lint a folder of cases the way the CLI does, render findings compactly."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

from jcode.config import load_project
from jcode.findings import Finding
from jcode.linter import LintResult, collect_files, lint

TESTS = Path(__file__).parent
CASES = TESTS / "cases"
TODAY = date(2026, 11, 22)


def lint_paths(paths: list[Path], cwd: Path, config: Path | None = None) -> LintResult:
    """Lint from `cwd`, so that file names in findings are relative to it."""
    with contextlib.chdir(cwd):
        project = load_project(config)
        return lint(collect_files(paths), project, TODAY, jobs=1)


def render(finding: Finding) -> str:
    """One finding per line, as the .expected files hold them."""
    return (
        f"{finding.file}:{finding.line}:{finding.column} | {finding.severity} | {finding.rule} | "
        f"{finding.pointer or chr(39) * 2} | {finding.message}"
    )
