"""`jcode diff` for a terminal: each changed journey with its changes, the new and the resolved
findings (as lint prints them), then a summary line. Coloured like lint.

The sentences for each kind of change live here; the markdown format reuses them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from jcode.findings import count_by_severity, severity_counts
from jcode.reporters.text import finding_line, styler
from jcode.text import printable

if TYPE_CHECKING:
    from jcode.diff import Diff
    from jcode.diff.changes import Change, Value
    from jcode.reporters import ReportOptions

# {before} and {after} are the change's values; {stage} and {item} the ids in its element
# ("stages/{stage}/touchpoints/{item}"); {subject} the text of the step or pain point it is
# about, and {place} the stage, or the step in its stage.
SENTENCES: dict[str, str] = {
    "journey-added": "journey added in {after}",
    "journey-removed": "journey removed from {before}",
    "journey-file-renamed": "file renamed: {before} -> {after}",
    "title-changed": "title: {before} -> {after}",
    "summary-changed": "summary: {before} -> {after}",
    "owner-changed": "owner: {before} -> {after}",
    "persona-changed": "persona: {before} -> {after}",
    "status-changed": "status: {before} -> {after}",
    "tags-changed": "tags: {before} -> {after}",
    "related-changed": "related journeys: {before} -> {after}",
    "scope-changed": "scope: {before} -> {after}",
    "stage-added": "stage {after} added",
    "stage-removed": "stage {before} removed",
    "stages-reordered": "stages reordered: {before} -> {after}",
    "stage-renamed": "stage {stage} renamed: {before} -> {after}",
    "stage-phase-changed": "stage {stage} phase: {before} -> {after}",
    "timing-changed": "stage {stage} timing: {before} -> {after}",
    "key-moment-added": "{place}: key moment added: {after}",
    "key-moment-removed": "{place}: key moment removed: {before}",
    "step-added": "stage {stage}: step added: {after}",
    "step-removed": "stage {stage}: step removed: {before}",
    "thought-added": "stage {stage}: thought added: {after}",
    "thought-removed": "stage {stage}: thought removed: {before}",
    "feeling-added": "stage {stage}: feeling added: {after}",
    "feeling-removed": "stage {stage}: feeling removed: {before}",
    "touchpoint-added": "touchpoint {after} added to stage {stage}",
    "touchpoint-removed": "touchpoint {before} removed from stage {stage}",
    "touchpoint-moved": "touchpoint {item} moved from stage {before} to stage {after}",
    "touchpoint-channel-changed": "touchpoint {item} channel: {before} -> {after}",
    "touchpoint-owner-changed": "touchpoint {item} owner: {before} -> {after}",
    "touchpoint-managed-by-changed": "touchpoint {item} managed_by: {before} -> {after}",
    "touchpoint-feedback-changed": "touchpoint {item} feedback: {before} -> {after}",
    "backstage-added": "stage {stage}: backstage added: {after}",
    "backstage-removed": "stage {stage}: backstage removed: {before}",
    "exit-added": "stage {stage}: exit added: {after}",
    "exit-removed": "stage {stage}: exit removed: {before}",
    "kpi-added": "KPI {after} added to stage {stage}",
    "kpi-removed": "KPI {before} removed from stage {stage}",
    "kpi-baseline-changed": "KPI {item} baseline: {before} -> {after}",
    "kpi-target-changed": "KPI {item} target: {before} -> {after}",
    "kpi-direction-changed": "KPI {item} direction: {before} -> {after}",
    "kpi-unit-changed": "KPI {item} unit: {before} -> {after}",
    "kpi-owner-changed": "KPI {item} owner: {before} -> {after}",
    "kpi-source-changed": "KPI {item} source: {before} -> {after}",
    "kpi-definition-changed": "KPI {item} definition: {before} -> {after}",
    "pain-point-added": "stage {stage}: pain point added: {after}",
    "pain-point-removed": "stage {stage}: pain point removed: {before}",
    "pain-point-addressed-by-changed": (
        "stage {stage}: pain point {subject} addressed by: {before} -> {after}"
    ),
    "opportunity-added": "stage {stage}: opportunity added: {after}",
    "opportunity-removed": "stage {stage}: opportunity removed: {before}",
}


def sentence(change: Change, show: Callable[[Value], str], arrow: str = "->") -> str:
    """The change in words, each value written by `show` (quoted for a terminal, escaped for
    markdown), before and after joined by `arrow`."""
    ids = change.element.split("/")
    stage = show(ids[1]) if len(ids) > 1 else ""
    subject = show(change.subject) if change.subject is not None else ""
    place = f"stage {stage}, step {subject}" if ids[2:3] == ["steps"] else f"stage {stage}"
    return (
        SENTENCES[change.kind]
        .replace(" -> ", f" {arrow} ")
        .format(
            before=show(change.before),
            after=show(change.after),
            stage=stage,
            item=show(ids[3]) if len(ids) > 3 else "",
            subject=subject,
            place=place,
        )
    )


def show_value(value: Value) -> str:
    """A value for a terminal: text quoted, with line breaks shown as \\n and control
    characters escaped."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    if isinstance(value, str):
        return f"'{_text(value)}'"
    return str(value)


def _text(text: str) -> str:
    return printable(text.replace("\n", "\\n"))


def summary_line(diff: Diff) -> str:
    counts = count_by_severity(diff.new)
    return (
        f"{printable(diff.base)} -> {printable(diff.head)}: journeys: {len(diff.added)} added, "
        f"{len(diff.removed)} removed, {len(diff.changed)} changed; findings: "
        f"{len(diff.new)} new ({severity_counts(counts)}), {len(diff.resolved)} resolved, "
        f"{diff.unchanged} unchanged"
    )


def report(diff: Diff, out: TextIO, options: ReportOptions) -> None:
    style = styler(options.color)
    colors = {"added": "green", "removed": "red"}
    for journey in diff.journeys:
        file = journey.head_file or journey.base_file or ""
        out.write(style(f"{journey.id} ({printable(file)})", bold=True) + "\n")
        for change in journey.changes:
            color = colors.get(change.kind.rpartition("-")[2])
            out.write(f"  {style(sentence(change, show_value), fg=color)}\n")
    for title, findings in (("new findings", diff.new), ("resolved findings", diff.resolved)):
        if findings:
            out.write(style(f"{title}:", bold=True) + "\n")
            for finding in findings:
                out.write(f"  {finding_line(finding, style)}\n")
    out.write(summary_line(diff) + "\n")
