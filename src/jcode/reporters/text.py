"""The terminal format: `file:line:column: severity: message [rule]`, then a summary line, in
the terminal's language (the severity too, as compilers print theirs; never the rule id)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

import click

from jcode.findings import SEVERITY_NAMES, plural, severity_counts
from jcode.i18n import ENGLISH, Plural, Template

if TYPE_CHECKING:
    from jcode.findings import Finding
    from jcode.i18n import Catalog
    from jcode.linter import LintResult
    from jcode.reporters import ReportOptions

Style = Callable[..., str]

COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


SUMMARY = Template("cli.lint.summary", "{counts} in {files}")
SUMMARY_SUPPRESSED = Plural(
    "cli.lint.summary-suppressed",
    "{counts} in {files} ({count} suppressed)",
    "{counts} in {files} ({count} suppressed)",
)
LINE = Template("cli.lint.finding", "{place}: {severity}: {message} {rule}")


def summary_line(result: LintResult, catalog: Catalog = ENGLISH) -> str:
    counts = severity_counts(result.counts(), catalog)
    files = plural(len(result.files), "file", catalog)
    suppressed = len(result.suppressed)
    if suppressed:
        return catalog(SUMMARY_SUPPRESSED, counts=counts, files=files, count=suppressed)
    return catalog(SUMMARY, counts=counts, files=files)


def finding_line(finding: Finding, style: Style, catalog: Catalog = ENGLISH) -> str:
    """`file:line:column: severity: message [rule]`, styled by click.style or by nothing."""
    severity = catalog.text(SEVERITY_NAMES[finding.severity])
    return catalog(
        LINE,
        place=f"{style(finding.file, bold=True)}:{finding.line}:{finding.column}",
        severity=style(severity, fg=COLORS[finding.severity], bold=True),
        message=finding.text(catalog),
        rule=style("[" + finding.rule + "]", dim=True),
    )


def styler(color: bool) -> Style:
    """click.style when colour is on, else a function that leaves the text as it is."""
    return click.style if color else plain


def plain(text: str, **_: object) -> str:
    return text


def report(result: LintResult, out: TextIO, options: ReportOptions) -> None:
    style = styler(options.color)
    for finding in result.findings:
        out.write(finding_line(finding, style, options.catalog) + "\n")
    if not options.quiet:
        out.write(summary_line(result, options.catalog) + "\n")
