"""`jcode diff --format markdown`, for a pull-request comment or $GITHUB_STEP_SUMMARY.

A one-line verdict, a table of the journeys that changed (or whose findings did) with counts,
then a section per journey: new findings, changes as a list, KPI changes as a table, resolved
findings, and HEAD's journey as a Mermaid diagram folded in <details> (GitHub draws it).
Journeys with new findings come first. A part longer than FOLD_AFTER entries is folded in
<details>. GitHub refuses a comment over 65,536 characters: when the whole would
pass MAX_CHARS, sections are shortened, and the journeys that no longer fit are summarised in
one line at the end.

Written in the project's language, as its site is (HEAD's site.language, which the Diff
carries). Everything that comes from a journey, a file name or the command line is escaped
(see jcode.reporters.markdown).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from jcode import i18n
from jcode.diff.sentences import duplicates, message
from jcode.findings import Finding, count_by_severity, plural, severity_counts
from jcode.i18n import Template
from jcode.reporters.diff_text import NONE
from jcode.reporters.export_mermaid import diagram
from jcode.reporters.markdown import ICONS, code, escape, finding_item, size

if TYPE_CHECKING:
    from jcode.diff import Diff, JourneyDiff
    from jcode.diff.changes import Change, Value
    from jcode.i18n import Arg, Catalog
    from jcode.reporters import ReportOptions
    from jcode.spec import Project

MAX_CHARS = 64_000  # GitHub's limit is 65,536; the rest is room for a heading around it
FOLD_AFTER = 10
MAX_TABLE_ROWS = 50
_TAIL_ROOM = 400  # for the line that summarises what did not fit

VERDICT = Template(
    "diff.markdown.verdict",
    "{icon} **jcode diff** {base} → {head}: {new} ({severities}), {resolved} resolved, "
    "{unchanged} unchanged; journeys: {added} added, {removed} removed, {changed} changed",
)
VERDICT_NO_NEW = Template(
    "diff.markdown.verdict.no-new",
    "{icon} **jcode diff** {base} → {head}: no new finding, {resolved} resolved, "
    "{unchanged} unchanged; journeys: {added} added, {removed} removed, {changed} changed",
)
JOURNEY_COLUMNS = (
    Template("diff.markdown.column.journey", "journey"),
    Template("diff.markdown.column.changes", "changes"),
    Template("diff.markdown.column.new", "new findings"),
    Template("diff.markdown.column.resolved", "resolved findings"),
)
KPI_COLUMNS = (
    Template("diff.markdown.column.kpi", "KPI"),
    Template("diff.markdown.column.stage", "stage"),
    Template("diff.markdown.column.change", "change"),
    Template("diff.markdown.column.before", "before"),
    Template("diff.markdown.column.after", "after"),
)
# A journey's changes in the table, when it came or went as a whole.
STATUS = {
    "journey-added": Template("diff.markdown.status.added", "added"),
    "journey-removed": Template("diff.markdown.status.removed", "removed"),
}
# What changed in a KPI, in its table's "change" column.
KPI_CHANGES = {
    "kpi-added": Template("diff.markdown.kpi-added", "added"),
    "kpi-removed": Template("diff.markdown.kpi-removed", "removed"),
    "kpi-baseline-changed": Template("diff.markdown.kpi-baseline-changed", "baseline"),
    "kpi-target-changed": Template("diff.markdown.kpi-target-changed", "target"),
    "kpi-direction-changed": Template("diff.markdown.kpi-direction-changed", "direction"),
    "kpi-unit-changed": Template("diff.markdown.kpi-unit-changed", "unit"),
    "kpi-owner-changed": Template("diff.markdown.kpi-owner-changed", "owner"),
    "kpi-source-changed": Template("diff.markdown.kpi-source-changed", "source"),
    "kpi-definition-changed": Template("diff.markdown.kpi-definition-changed", "definition"),
}
NEW_PART = Template("diff.markdown.new-findings", "New findings ({count})")
CHANGES_PART = Template("diff.markdown.changes", "Changes ({count})")
KPI_PART = Template("diff.markdown.kpi-changes", "KPI changes ({count})")
MAP_PART = Template("diff.markdown.journey-map", "The journey in HEAD, as a Mermaid diagram")
RESOLVED_PART = Template(
    "diff.markdown.resolved-findings", "Resolved findings, lines as in the base ({count})"
)
MORE = Template("diff.markdown.more", "… {count} more")  # a list's or a table's last line
TAIL = Template(
    "diff.markdown.tail",
    "… and {journeys} more journeys, not shown to stay within GitHub's size limit: "
    "{changes} changes, {new} new findings, {resolved} resolved. Run jcode diff locally to "
    "see them all.",
)
# TRANSLATORS: the separator of thousands in the tail's counts (12,345 journeys).
THOUSANDS = Template("diff.markdown.thousands-separator", ",")

_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def show(value: Value, catalog: Catalog) -> str:
    """A value in a sentence or a table cell: ids as code, other text escaped."""
    if value is None:
        return f"*{catalog(NONE)}*"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, list):
        return "[" + ", ".join(show(v, catalog) for v in value) + "]"
    if isinstance(value, str):
        return f"`{value}`" if _ID.match(value) else f"“{escape(value)}”"
    return str(value)


class _Journey:
    """What the markdown shows of one journey (or of one file with no readable journey)."""

    __slots__ = ("changes", "diff", "file", "id", "new", "resolved", "title")

    def __init__(self, id: str | None, file: str, diff: JourneyDiff | None = None) -> None:
        self.id = id
        self.file = file
        self.diff = diff
        self.title = diff.title if diff is not None else None
        self.changes: tuple[Change, ...] = diff.changes if diff is not None else ()
        self.new: list[Finding] = []
        self.resolved: list[Finding] = []

    def status(self, catalog: Catalog) -> str:
        kinds = {change.kind for change in self.changes}
        for kind, word in STATUS.items():
            if kind in kinds:
                return catalog(word)
        return str(len(self.changes))

    def heading(self) -> str:
        name = f"`{self.id}`" if self.id is not None else escape(self.file)
        if self.diff is not None and self.diff.duplicates():  # the id alone names two rows
            name = f"{name} ({code(self.file)})"
        return f"{name} — {escape(self.title)}" if self.title else name

    def rank(self) -> tuple[int, ...]:
        """Journeys with new errors first, then new warnings, then any new finding."""
        counts = count_by_severity(self.new)
        return (-counts["error"], -counts["warning"], -len(self.new))


def _journeys(diff: Diff) -> list[_Journey]:
    """The journeys with their changes and findings: a finding goes with its journey in its
    file (two files may declare one id), else with its journey, else with its file."""
    found: dict[tuple[str, str], _Journey] = {}
    by_id: dict[str, _Journey] = {}
    for journey in diff.journeys:
        entry = _Journey(journey.id, journey.file, journey)
        for file in (journey.base_file, journey.head_file):
            if file is not None:
                found.setdefault((journey.id, file), entry)
        by_id.setdefault(journey.id, entry)
    for findings, new in ((diff.new, True), (diff.resolved, False)):
        for finding in findings:
            key = (finding.journey or finding.file, finding.file)
            owner = found.get(key) or (by_id.get(finding.journey) if finding.journey else None)
            if owner is None:
                owner = found[key] = _Journey(finding.journey, finding.file)
            (owner.new if new else owner.resolved).append(finding)
    entries = {id(entry): entry for entry in found.values()}.values()
    return sorted(entries, key=lambda entry: (*entry.rank(), entry.id or entry.file, entry.file))


def sentence(change: Change, catalog: Catalog) -> str:
    """The change in words, values as code or escaped, before and after joined by an arrow."""
    text = catalog.render(message(change, lambda value: show(value, catalog)))
    # show() escapes every ">" of journey text, so each " -> " left is the sentence's own.
    return text.replace(" -> ", " → ")


def _verdict(diff: Diff, catalog: Catalog) -> str:
    counts = count_by_severity(diff.new)
    icon = "❌" if counts["error"] else "⚠️" if counts["warning"] else "✅"
    values: dict[str, Arg] = {
        "icon": icon,
        "base": code(diff.base),
        "head": code(diff.head),
        "resolved": len(diff.resolved),
        "unchanged": diff.unchanged,
        "added": len(diff.added),
        "removed": len(diff.removed),
        "changed": len(diff.changed),
    }
    if not diff.new:
        return catalog(VERDICT_NO_NEW, **values)
    new = plural(len(diff.new), "new finding", catalog)
    return catalog(VERDICT, new=new, severities=severity_counts(counts, catalog), **values)


def _header(columns: tuple[Template, ...], catalog: Catalog) -> list[str]:
    names = " | ".join(catalog(column) for column in columns)
    return [f"| {names} |", "|---" * len(columns) + "|"]


def _more(count: int, columns: int, catalog: Catalog) -> str:
    """A capped table's last row."""
    return f"| {catalog(MORE, count=count)} |" + " |" * (columns - 1)


def _table(journeys: list[_Journey], catalog: Catalog) -> str:
    rows = _header(JOURNEY_COLUMNS, catalog)
    for journey in journeys[:MAX_TABLE_ROWS]:
        counts = count_by_severity(journey.new)
        new = (
            ", ".join(f"{ICONS[s]} {plural(n, s, catalog)}" for s, n in counts.items() if n) or "0"
        )
        rows.append(
            f"| {journey.heading()} | {journey.status(catalog)} | {new} | {len(journey.resolved)} |"
        )
    if len(journeys) > MAX_TABLE_ROWS:
        rows.append(_more(len(journeys) - MAX_TABLE_ROWS, len(JOURNEY_COLUMNS), catalog))
    return "\n".join(rows)


def _kpi_row(change: Change, catalog: Catalog) -> str:
    _, stage, _, kpi = change.element.split("/")
    what = catalog(KPI_CHANGES[change.kind])
    if change.kind in ("kpi-added", "kpi-removed"):
        return f"| `{kpi}` | `{stage}` | {what} | | |"
    before, after = show(change.before, catalog), show(change.after, catalog)
    return f"| `{kpi}` | `{stage}` | {what} | {before} | {after} |"


def _part(
    title: Template,
    lines: list[str],
    cap: int | None,
    catalog: Catalog,
    columns: tuple[Template, ...] = (),
) -> str:
    """A titled list, or a table when it has columns; folded when long; only its first `cap`
    entries when capped."""
    if not lines:
        return ""
    shown = lines if cap is None else lines[:cap]
    body = (_header(columns, catalog) if columns else []) + shown
    if len(shown) < len(lines):
        more = len(lines) - len(shown)
        body.append(
            _more(more, len(columns), catalog) if columns else f"- {catalog(MORE, count=more)}"
        )
    text = "\n".join(body)
    label = catalog(title, count=len(lines))
    if len(lines) > FOLD_AFTER:
        return f"<details><summary>{label}</summary>\n\n{text}\n\n</details>"
    return f"**{label}**\n\n{text}"


_BACKTICKS = re.compile("`+")


def _map(journey: _Journey, project: Project | None, catalog: Catalog) -> str:
    """HEAD's journey as a Mermaid `journey`, folded: GitHub draws it in the comment."""
    head = journey.diff.head if journey.diff is not None else None
    if head is None or project is None:
        return ""
    text = diagram(head, project)
    # A fence longer than any run of backticks in the journey's text, which cannot close it.
    fence = "`" * max(3, 1 + max((len(run) for run in _BACKTICKS.findall(text)), default=0))
    return (
        f"<details><summary>{catalog(MAP_PART)}</summary>\n\n"
        f"{fence}mermaid\n{text}{fence}\n\n</details>"
    )


def _section(
    journey: _Journey, cap: int | None, catalog: Catalog, project: Project | None = None
) -> str:
    kpis = [c for c in journey.changes if c.kind.startswith("kpi-")]
    others = [c for c in journey.changes if not c.kind.startswith("kpi-")]
    said = duplicates(journey.diff, code) if journey.diff is not None else []
    parts = [
        f"### {journey.heading()}",
        code(journey.file),
        *(f"⚠️ {catalog.render(message)}" for message in said),
        _part(NEW_PART, [finding_item(f, catalog=catalog) for f in journey.new], cap, catalog),
        _part(CHANGES_PART, [f"- {sentence(c, catalog)}" for c in others], cap, catalog),
        _part(KPI_PART, [_kpi_row(c, catalog) for c in kpis], cap, catalog, KPI_COLUMNS),
        _part(
            RESOLVED_PART,
            [finding_item(f, catalog=catalog) for f in journey.resolved],
            cap,
            catalog,
        ),
        # the map of a journey cut to its first entries is left out with them
        _map(journey, project, catalog) if cap != 0 else "",
    ]
    return "\n\n".join(part for part in parts if part)


def render(diff: Diff, max_chars: int = MAX_CHARS) -> str:
    catalog = i18n.catalog(diff.language)
    journeys = _journeys(diff)
    top = _verdict(diff, catalog) + ("\n\n" + _table(journeys, catalog) if journeys else "")
    room = max_chars - size(top) - _TAIL_ROOM
    sections = []
    for i, journey in enumerate(journeys):
        for cap in (None, 200, 50, FOLD_AFTER, 0):  # as much of the journey as fits
            section = _section(journey, cap, catalog, diff.head_project)
            if size(section) + 2 <= room:
                break
        else:
            sections.append(_tail(journeys[i:], catalog))
            break
        sections.append(section)
        room -= size(section) + 2
    return "\n\n".join([top, *sections]) + "\n"


def _tail(rest: list[_Journey], catalog: Catalog) -> str:
    separator = catalog(THOUSANDS)

    def number(count: int) -> str:
        return f"{count:,}".replace(",", separator)

    tail = catalog(
        TAIL,
        journeys=number(len(rest)),
        changes=number(sum(len(j.changes) for j in rest)),
        new=number(sum(len(j.new) for j in rest)),
        resolved=number(sum(len(j.resolved) for j in rest)),
    )
    return f"*{tail}*"


def report(diff: Diff, out: TextIO, options: ReportOptions) -> None:
    out.write(render(diff))
