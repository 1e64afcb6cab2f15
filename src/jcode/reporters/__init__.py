"""Reporters turn a LintResult into text. The CLI builds its --format choices from REPORTERS."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from jcode.findings import Severity
from jcode.linter import LintResult
from jcode.reporters import json_reporter, text


@dataclass(frozen=True, slots=True)
class ReportOptions:
    color: bool = False
    quiet: bool = False
    fail_on: Severity = "error"


Reporter = Callable[[LintResult, TextIO, ReportOptions], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.report,
    "json": json_reporter.report,
}
