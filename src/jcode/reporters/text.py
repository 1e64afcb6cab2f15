"""The terminal format: `file:line:column: severity: message [rule]`, then a summary line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

import click

from jcode.findings import plural, severity_counts

if TYPE_CHECKING:
    from jcode.findings import Finding
    from jcode.linter import LintResult
    from jcode.reporters import ReportOptions

Style = Callable[..., str]

COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def summary_line(result: LintResult) -> str:
    line = f"{severity_counts(result.counts())} in {plural(len(result.files), 'file')}"
    suppressed = len(result.suppressed)
    if suppressed:
        line += f" ({suppressed} suppressed)"
    return line


def finding_line(finding: Finding, style: Style) -> str:
    """`file:line:column: severity: message [rule]`, styled by click.style or by nothing."""
    return (
        f"{style(finding.file, bold=True)}:{finding.line}:{finding.column}: "
        f"{style(finding.severity, fg=COLORS[finding.severity], bold=True)}: "
        f"{finding.message} {style('[' + finding.rule + ']', dim=True)}"
    )


def styler(color: bool) -> Style:
    """click.style when colour is on, else a function that leaves the text as it is."""
    return click.style if color else _plain


def _plain(text: str, **_: object) -> str:
    return text


def report(result: LintResult, out: TextIO, options: ReportOptions) -> None:
    style = styler(options.color)
    for finding in result.findings:
        out.write(finding_line(finding, style) + "\n")
    if not options.quiet:
        out.write(summary_line(result) + "\n")
