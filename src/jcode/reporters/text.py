"""The terminal format: `file:line:column: severity: message [rule]`, then a summary line."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

import click

if TYPE_CHECKING:
    from jcode.linter import LintResult
    from jcode.reporters import ReportOptions

COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"


def summary_line(result: LintResult) -> str:
    counts = result.counts()
    files = len(result.files)
    line = (
        f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
        f"{_plural(counts['info'], 'info')} in {_plural(files, 'file')}"
    )
    suppressed = len(result.suppressed)
    if suppressed:
        line += f" ({suppressed} suppressed)"
    return line


def report(result: LintResult, out: TextIO, options: ReportOptions) -> None:
    style = click.style if options.color else (lambda text, **_: text)
    for finding in result.findings:
        out.write(
            f"{style(finding.file, bold=True)}:{finding.line}:{finding.column}: "
            f"{style(finding.severity, fg=COLORS[finding.severity], bold=True)}: "
            f"{finding.message} {style('[' + finding.rule + ']', dim=True)}\n"
        )
    if not options.quiet:
        out.write(summary_line(result) + "\n")
