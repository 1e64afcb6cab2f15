"""GitHub Actions workflow commands: one annotation per finding, escaped as GitHub requires.

`::warning file=journeys/x.yaml,line=12,col=7,title=stage-without-touchpoints::message`
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from jcode.reporters.text import summary_line

if TYPE_CHECKING:
    from jcode.linter import LintResult
    from jcode.reporters import ReportOptions

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report(result: LintResult, out: TextIO, options: ReportOptions) -> None:
    for finding in result.findings:
        properties = ",".join(
            f"{name}={escape_property(value)}"
            for name, value in (
                ("file", options.repo_path(finding.file)),
                ("line", str(finding.line)),
                ("col", str(finding.column)),
                ("title", finding.rule),
            )
        )
        out.write(f"::{COMMANDS[finding.severity]} {properties}::{escape_data(finding.message)}\n")
    if not options.quiet:
        out.write(summary_line(result) + "\n")
