"""GitHub Actions workflow commands: one annotation per finding, escaped as GitHub requires.

`::warning file=journeys/x.yaml,line=12,col=7,title=stage-without-touchpoints::message`

GitHub shows only 10 annotations of each level per step; step_summary() is the full list, as
markdown for $GITHUB_STEP_SUMMARY (the CLI writes it there when that is set).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from jcode.i18n import Plural, Template
from jcode.reporters.markdown import finding_item
from jcode.reporters.text import summary_line

if TYPE_CHECKING:
    from jcode.linter import LintResult
    from jcode.reporters import ReportOptions

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
MAX_SUMMARY_BYTES = 1_000_000  # GitHub takes up to 1 MiB of job summary per step
SUMMARY_HEADING = Template("cli.lint.step-summary", "### jcode lint: {summary}")
LEFT_OUT = Plural(
    "cli.lint.step-summary-left-out",
    "- … and {shown} more finding, left out to stay within GitHub's size limit: run jcode lint "
    "to see them all.",
    "- … and {shown} more findings, left out to stay within GitHub's size limit: run jcode "
    "lint to see them all.",
)


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
        message = escape_data(finding.text(options.catalog))
        out.write(f"::{COMMANDS[finding.severity]} {properties}::{message}\n")
    if not options.quiet:
        out.write(summary_line(result, options.catalog) + "\n")


def step_summary(result: LintResult, options: ReportOptions) -> str:
    """Every finding as a markdown list under the summary line, files as the annotations name
    them, cut short (and saying so) before GitHub's size limit."""
    catalog = options.catalog
    lines = [catalog(SUMMARY_HEADING, summary=summary_line(result, catalog)), ""]
    room = MAX_SUMMARY_BYTES - 200  # for the line that says what was left out
    findings = result.findings
    for i, finding in enumerate(findings):
        line = finding_item(finding, options.repo_path(finding.file), catalog)
        room -= len(line.encode("utf-8")) + 1
        if room < 0:
            lines.append(catalog(LEFT_OUT, count=len(findings) - i, shown=f"{len(findings) - i:,}"))
            break
        lines.append(line)
    return "\n".join(lines) + "\n"
