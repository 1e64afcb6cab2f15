"""`jcode diff --format markdown`, for a pull-request comment or $GITHUB_STEP_SUMMARY.

A one-line verdict, a table of the journeys that changed (or whose findings did) with counts,
then a section per journey: new findings, changes as a list, KPI changes as a table, resolved
findings. Journeys with new findings come first. A part longer than FOLD_AFTER entries is
folded in <details>. GitHub refuses a comment over 65,536 characters: when the whole would
pass MAX_CHARS, sections are shortened, and the journeys that no longer fit are summarised in
one line at the end.

Everything that comes from a journey, a file name or the command line is escaped (see
jcode.reporters.markdown).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from jcode.findings import Finding, count_by_severity, plural, severity_counts
from jcode.reporters.diff_text import sentence
from jcode.reporters.markdown import ICONS, code, escape, finding_item, size

if TYPE_CHECKING:
    from jcode.diff import Diff
    from jcode.diff.changes import Change, Value
    from jcode.reporters import ReportOptions

MAX_CHARS = 64_000  # GitHub's limit is 65,536; the rest is room for a heading around it
FOLD_AFTER = 10
MAX_TABLE_ROWS = 50
_TAIL_ROOM = 400  # for the line that summarises what did not fit
KPI_HEADER = "| KPI | stage | change | before | after |\n|---|---|---|---|---|"

_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def show(value: Value) -> str:
    """A value in a sentence or a table cell: ids as code, other text escaped."""
    if value is None:
        return "*none*"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, str):
        return f"`{value}`" if _ID.match(value) else f"“{escape(value)}”"
    return str(value)


class _Journey:
    """What the markdown shows of one journey (or of one file with no readable journey)."""

    __slots__ = ("changes", "file", "id", "new", "resolved", "title")

    def __init__(self, id: str | None, file: str) -> None:
        self.id = id
        self.file = file
        self.title: str | None = None
        self.changes: tuple[Change, ...] = ()
        self.new: list[Finding] = []
        self.resolved: list[Finding] = []

    @property
    def status(self) -> str:
        kinds = {change.kind for change in self.changes}
        for kind in ("journey-added", "journey-removed"):
            if kind in kinds:
                return kind.partition("-")[2]
        return str(len(self.changes))

    def heading(self) -> str:
        name = f"`{self.id}`" if self.id is not None else escape(self.file)
        return f"{name} — {escape(self.title)}" if self.title else name

    def rank(self) -> tuple[int, ...]:
        """Journeys with new errors first, then new warnings, then any new finding."""
        counts = count_by_severity(self.new)
        return (-counts["error"], -counts["warning"], -len(self.new))


def _journeys(diff: Diff) -> list[_Journey]:
    found: dict[str, _Journey] = {}
    for journey in diff.journeys:
        entry = found[journey.id] = _Journey(
            journey.id, journey.head_file or journey.base_file or ""
        )
        entry.title = journey.title
        entry.changes = journey.changes
    for findings, new in ((diff.new, True), (diff.resolved, False)):
        for finding in findings:
            key = finding.journey or finding.file
            entry = found.setdefault(key, _Journey(finding.journey, finding.file))
            (entry.new if new else entry.resolved).append(finding)
    ordered = sorted(found.items(), key=lambda item: (*item[1].rank(), item[0]))
    return [entry for _, entry in ordered]


def _verdict(diff: Diff) -> str:
    counts = count_by_severity(diff.new)
    icon = "❌" if counts["error"] else "⚠️" if counts["warning"] else "✅"
    sides = f"{code(diff.base)} → {code(diff.head)}"
    new = (
        f"{plural(len(diff.new), 'new finding')} ({severity_counts(counts)})"
        if diff.new
        else "no new finding"
    )
    return (
        f"{icon} **jcode diff** {sides}: {new}, {len(diff.resolved)} resolved, "
        f"{diff.unchanged} unchanged; journeys: {len(diff.added)} added, "
        f"{len(diff.removed)} removed, {len(diff.changed)} changed"
    )


def _table(journeys: list[_Journey]) -> str:
    rows = ["| journey | changes | new findings | resolved findings |", "|---|---|---|---|"]
    for journey in journeys[:MAX_TABLE_ROWS]:
        counts = count_by_severity(journey.new)
        new = ", ".join(f"{ICONS[s]} {plural(n, s)}" for s, n in counts.items() if n) or "0"
        rows.append(f"| {journey.heading()} | {journey.status} | {new} | {len(journey.resolved)} |")
    if len(journeys) > MAX_TABLE_ROWS:
        rows.append(f"| … {len(journeys) - MAX_TABLE_ROWS} more | | | |")
    return "\n".join(rows)


def _kpi_row(change: Change) -> str:
    _, stage, _, kpi = change.element.split("/")
    what = change.kind.removeprefix("kpi-").removesuffix("-changed")
    if change.kind in ("kpi-added", "kpi-removed"):
        return f"| `{kpi}` | `{stage}` | {what} | | |"
    return f"| `{kpi}` | `{stage}` | {what} | {show(change.before)} | {show(change.after)} |"


def _part(title: str, lines: list[str], cap: int | None, header: str = "") -> str:
    """A titled list or table; folded when long; only its first `cap` entries when capped."""
    if not lines:
        return ""
    shown = lines if cap is None else lines[:cap]
    body = ([header] if header else []) + shown
    if len(shown) < len(lines):
        more = len(lines) - len(shown)
        body.append(f"| … {more} more | | | | |" if header else f"- … {more} more")
    text = "\n".join(body)
    label = f"{title} ({len(lines)})"
    if len(lines) > FOLD_AFTER:
        return f"<details><summary>{label}</summary>\n\n{text}\n\n</details>"
    return f"**{label}**\n\n{text}"


def _section(journey: _Journey, cap: int | None) -> str:
    kpis = [c for c in journey.changes if c.kind.startswith("kpi-")]
    others = [c for c in journey.changes if not c.kind.startswith("kpi-")]
    parts = [
        f"### {journey.heading()}",
        code(journey.file),
        _part("New findings", [finding_item(f) for f in journey.new], cap),
        _part("Changes", [f"- {sentence(c, show, '→')}" for c in others], cap),
        _part("KPI changes", [_kpi_row(c) for c in kpis], cap, header=KPI_HEADER),
        _part(
            "Resolved findings, lines as in the base",
            [finding_item(f) for f in journey.resolved],
            cap,
        ),
    ]
    return "\n\n".join(part for part in parts if part)


def render(diff: Diff, max_chars: int = MAX_CHARS) -> str:
    journeys = _journeys(diff)
    top = _verdict(diff) + ("\n\n" + _table(journeys) if journeys else "")
    room = max_chars - size(top) - _TAIL_ROOM
    sections = []
    for i, journey in enumerate(journeys):
        for cap in (None, 200, 50, FOLD_AFTER, 0):  # as much of the journey as fits
            section = _section(journey, cap)
            if size(section) + 2 <= room:
                break
        else:
            sections.append(_tail(journeys[i:]))
            break
        sections.append(section)
        room -= size(section) + 2
    return "\n\n".join([top, *sections]) + "\n"


def _tail(rest: list[_Journey]) -> str:
    changes = sum(len(j.changes) for j in rest)
    new = sum(len(j.new) for j in rest)
    resolved = sum(len(j.resolved) for j in rest)
    return (
        f"*… and {len(rest):,} more journeys, not shown to stay within GitHub's size limit: "
        f"{changes:,} changes, {new:,} new findings, {resolved:,} resolved. Run jcode diff "
        "locally to see them all.*"
    )


def report(diff: Diff, out: TextIO, options: ReportOptions) -> None:
    out.write(render(diff))
