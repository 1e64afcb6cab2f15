"""`jcode diff` for a terminal: each changed journey with its changes, the new and the resolved
findings (as lint prints them), then a summary line. Coloured like lint, in the terminal's
language (the catalog in ReportOptions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from jcode.diff.sentences import duplicates, message
from jcode.findings import count_by_severity, severity_counts
from jcode.i18n import Template
from jcode.reporters.text import finding_line, styler
from jcode.text import printable

if TYPE_CHECKING:
    from jcode.diff import Diff
    from jcode.diff.changes import Change, Value
    from jcode.i18n import Catalog
    from jcode.reporters import ReportOptions

# A value that is not there (a KPI without a target): "(none)" here, "*none*" in markdown.
NONE = Template("diff.none", "none")
NEW_FINDINGS = Template("diff.new-findings", "new findings:")
RESOLVED_FINDINGS = Template("diff.resolved-findings", "resolved findings:")
SUMMARY = Template(
    "diff.summary",
    "{base} -> {head}: journeys: {added} added, {removed} removed, {changed} changed; "
    "findings: {new} new ({severities}), {resolved} resolved, {unchanged} unchanged",
)


def sentence(change: Change, catalog: Catalog) -> str:
    """The change in words, its values quoted."""
    return catalog.render(message(change, lambda value: show_value(value, catalog)))


def show_value(value: Value, catalog: Catalog) -> str:
    """A value for a terminal: text quoted, with line breaks shown as \\n and control
    characters escaped."""
    if value is None:
        return f"({catalog(NONE)})"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    if isinstance(value, str):
        return f"'{_text(value)}'"
    return str(value)


def _text(text: str) -> str:
    return printable(text.replace("\n", "\\n"))


def summary_line(diff: Diff, catalog: Catalog) -> str:
    return catalog(
        SUMMARY,
        base=printable(diff.base),
        head=printable(diff.head),
        added=len(diff.added),
        removed=len(diff.removed),
        changed=len(diff.changed),
        new=len(diff.new),
        severities=severity_counts(count_by_severity(diff.new), catalog),
        resolved=len(diff.resolved),
        unchanged=diff.unchanged,
    )


def report(diff: Diff, out: TextIO, options: ReportOptions) -> None:
    style, catalog = styler(options.color), options.catalog
    colors = {"added": "green", "removed": "red"}
    for journey in diff.journeys:
        out.write(style(f"{journey.id} ({printable(journey.file)})", bold=True) + "\n")
        for said in duplicates(journey, lambda file: show_value(file, catalog)):
            out.write(f"  {style(catalog.render(said), fg='yellow')}\n")
        for change in journey.changes:
            color = colors.get(change.kind.rpartition("-")[2])
            out.write(f"  {style(sentence(change, catalog), fg=color)}\n")
    for title, findings in ((NEW_FINDINGS, diff.new), (RESOLVED_FINDINGS, diff.resolved)):
        if findings:
            out.write(style(catalog(title), bold=True) + "\n")
            for finding in findings:
                out.write(f"  {finding_line(finding, style, catalog)}\n")
    out.write(summary_line(diff, catalog) + "\n")
