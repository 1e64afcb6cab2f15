"""Two linted sides of a journeys repository -> what changed, in journey terms, and which
findings came and went. Returns data and prints nothing.

Journeys, stages, touchpoints and KPIs are matched by id, never by file or position: a journey
moved to another file is a renamed file, a touchpoint moved to another stage is a move. Pain
points and opportunities have no id; they are matched by their text within their stage.
Findings are matched by their identity (journey, rule, element by ids), so a finding that only
moved lines is unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any, Final

from jcode.findings import Finding, Identity, unmatched
from jcode.linter import JourneyFile, LintResult
from jcode.record import Record
from jcode.spec import Journey, Kpi, Stage, Touchpoint

# Every kind of change, in the order they are reported within a journey.
KINDS: tuple[str, ...] = (
    "journey-added",
    "journey-removed",
    "journey-file-renamed",
    "title-changed",
    "summary-changed",
    "owner-changed",
    "persona-changed",
    "status-changed",
    "tags-changed",
    "related-changed",
    "stage-added",
    "stage-removed",
    "stages-reordered",
    "stage-renamed",
    "stage-phase-changed",
    "touchpoint-added",
    "touchpoint-removed",
    "touchpoint-moved",
    "touchpoint-channel-changed",
    "touchpoint-owner-changed",
    "touchpoint-managed-by-changed",
    "touchpoint-feedback-changed",
    "kpi-added",
    "kpi-removed",
    "kpi-baseline-changed",
    "kpi-target-changed",
    "kpi-direction-changed",
    "kpi-unit-changed",
    "kpi-owner-changed",
    "kpi-source-changed",
    "pain-point-added",
    "pain-point-removed",
    "opportunity-added",
    "opportunity-removed",
)
_ORDER = {kind: i for i, kind in enumerate(KINDS)}

JOURNEY_FIELDS = ("title", "summary", "owner", "persona", "status", "tags", "related")
TOUCHPOINT_FIELDS = ("channel", "owner", "managed_by", "feedback")
KPI_FIELDS = ("baseline", "target", "direction", "unit", "owner", "source")

Value = str | int | float | bool | list[str] | None


class Change(Record):
    """One change to a journey. `pointer` is a JSON Pointer into HEAD's file (BASE's for what
    was removed); `element` names the stage, touchpoint or KPI by ids, as findings do
    ("stages/delivery/touchpoints/survey"; "" for the journey itself)."""

    __slots__ = ("after", "before", "element", "kind", "pointer")

    def __init__(self, kind: str, pointer: str, element: str, before: Value, after: Value) -> None:
        self.kind: Final = kind
        self.pointer: Final = pointer
        self.element: Final = element
        self.before: Final = before
        self.after: Final = after


class JourneyDiff(Record):
    """A journey that changed between the sides; a file is None on the side it is absent from."""

    __slots__ = ("base_file", "changes", "head_file", "id", "title")

    def __init__(
        self,
        id: str,
        title: str | None,
        base_file: str | None,
        head_file: str | None,
        changes: tuple[Change, ...],
    ) -> None:
        self.id: Final = id
        self.title: Final = title  # HEAD's (BASE's when removed); None when its file is invalid
        self.base_file: Final = base_file
        self.head_file: Final = head_file
        self.changes: Final = changes


class Diff(Record):
    __slots__ = ("base", "head", "journeys", "new", "resolved", "unchanged")

    def __init__(
        self,
        base: str,
        head: str,
        journeys: tuple[JourneyDiff, ...],
        new: tuple[Finding, ...],
        resolved: tuple[Finding, ...],
        unchanged: int,
    ) -> None:
        self.base: Final = base  # the sides as the user named them
        self.head: Final = head
        self.journeys: Final = journeys  # by id
        self.new: Final = new  # HEAD's findings that BASE did not have
        self.resolved: Final = resolved  # BASE's findings that HEAD no longer has
        self.unchanged: Final = unchanged

    @property
    def added(self) -> list[str]:
        return [j.id for j in self.journeys if j.base_file is None]

    @property
    def removed(self) -> list[str]:
        return [j.id for j in self.journeys if j.head_file is None]

    @property
    def changed(self) -> list[JourneyDiff]:
        return [j for j in self.journeys if j.base_file is not None and j.head_file is not None]


class Side(Record):
    """One side of a diff: how the user named it, its journeys linted, and the folder its
    file paths are relative to when the sides' files are compared (as paths are shown)."""

    __slots__ = ("label", "missing", "result", "root")

    def __init__(
        self, label: str, result: LintResult, root: str, missing: str | None = None
    ) -> None:
        self.label: Final = label
        self.result: Final = result
        self.root: Final = root
        self.missing: Final = missing  # the journeys folder this side lacks, as shown

    def relative(self, path: str) -> str:
        if self.root == ".":
            return path
        return path.removeprefix(self.root.rstrip("/") + "/")


def compare(base_side: Side, head_side: Side) -> Diff:
    base, head = base_side.result, head_side.result
    base_files, head_files = _by_journey(base), _by_journey(head)
    # A file that is not readable YAML on one side names no journey there; its journey is not
    # "added" or "removed" by that: its yaml-syntax finding says what happened.
    base_unreadable, head_unreadable = _unreadable(base_side), _unreadable(head_side)
    journeys = []
    for journey_id in sorted(base_files.keys() | head_files.keys()):
        before, after = base_files.get(journey_id), head_files.get(journey_id)
        if (
            before is None
            and after is not None
            and head_side.relative(after.path) in base_unreadable
        ) or (
            after is None
            and before is not None
            and base_side.relative(before.path) in head_unreadable
        ):
            continue
        changes = tuple(_file_changes(before, after, base_side, head_side))
        if changes:
            shown = after if after is not None else before
            assert shown is not None
            title = shown.journey.title if shown.journey is not None else None
            journeys.append(
                JourneyDiff(
                    journey_id,
                    title,
                    before.path if before is not None else None,
                    after.path if after is not None else None,
                    changes,
                )
            )
    new, resolved, unchanged = _findings(base_side, head_side)
    return Diff(base_side.label, head_side.label, tuple(journeys), new, resolved, unchanged)


def _by_journey(result: LintResult) -> dict[str, JourneyFile]:
    """Journey id -> its file; the first in path order when two files claim one id (lint
    reports the other as a duplicate-id)."""
    files: dict[str, JourneyFile] = {}
    for file in result.files:
        if file.journey_id is not None:
            files.setdefault(file.journey_id, file)
    return files


def _unreadable(side: Side) -> set[str]:
    """The side's files that name no journey, relative to the side."""
    return {side.relative(file.path) for file in side.result.files if file.journey_id is None}


def _file_changes(
    before: JourneyFile | None, after: JourneyFile | None, base: Side, head: Side
) -> Iterator[Change]:
    if before is None:
        assert after is not None
        yield Change("journey-added", "", "", None, after.path)
        return
    if after is None:
        yield Change("journey-removed", "", "", before.path, None)
        return
    if base.relative(before.path) != head.relative(after.path):
        yield Change("journey-file-renamed", "", "", before.path, after.path)
    # A file that does not match the schema has no trusted content to compare: its findings
    # say what is wrong with it.
    if before.journey is not None and after.journey is not None:
        yield from sorted(
            _journey_changes(before.journey, after.journey), key=lambda c: _ORDER[c.kind]
        )


def _journey_changes(base: Journey, head: Journey) -> Iterator[Change]:
    for field in JOURNEY_FIELDS:
        yield from _field_change(f"{field}-changed", "", "", base, head, field)

    base_stages, head_stages = _stages(base), _stages(head)
    for stage_id, (i, _) in head_stages.items():
        if stage_id not in base_stages:
            yield Change("stage-added", f"/stages/{i}", f"stages/{stage_id}", None, stage_id)
    for stage_id, (i, _) in base_stages.items():
        if stage_id not in head_stages:
            yield Change("stage-removed", f"/stages/{i}", f"stages/{stage_id}", stage_id, None)
    kept_before = [s for s in base_stages if s in head_stages]
    kept_after = [s for s in head_stages if s in base_stages]
    if kept_before != kept_after:
        yield Change("stages-reordered", "/stages", "", kept_before, kept_after)
    for stage_id, (i, stage) in head_stages.items():
        if stage_id in base_stages:
            old = base_stages[stage_id][1]
            at, element = f"/stages/{i}", f"stages/{stage_id}"
            yield from _field_change("stage-renamed", at, element, old, stage, "name")
            yield from _field_change("stage-phase-changed", at, element, old, stage, "phase")

    yield from _element_changes("touchpoint", "touchpoints", base, head, TOUCHPOINT_FIELDS)
    # A KPI that moves to another stage is not a change the issue asks for (only its figures
    # and owner are); its findings, keyed by stage, show the move if it matters.
    yield from _element_changes("kpi", "kpis", base, head, KPI_FIELDS, moves=False)
    for kind, field in (("pain-point", "pain_points"), ("opportunity", "opportunities")):
        yield from _text_changes(kind, field, base_stages, head_stages)


def _stages(journey: Journey) -> dict[str, tuple[int, Stage]]:
    """Stage id -> (index, stage), in file order; the first of two stages sharing an id."""
    stages: dict[str, tuple[int, Stage]] = {}
    for i, stage in enumerate(journey.stages):
        stages.setdefault(stage.id, (i, stage))
    return stages


class _Placed(Record):
    """A touchpoint or KPI with its place: pointer, and its stage's id."""

    __slots__ = ("item", "pointer", "stage_id")

    def __init__(self, pointer: str, stage_id: str, item: Touchpoint | Kpi) -> None:
        self.pointer: Final = pointer
        self.stage_id: Final = stage_id
        self.item: Final = item


def _placed(journey: Journey, field: str) -> dict[str, _Placed]:
    """Id -> the touchpoint or KPI (`field`: touchpoints or kpis) with its place, file order."""
    placed: dict[str, _Placed] = {}
    for si, stage in enumerate(journey.stages):
        items: Sequence[Touchpoint | Kpi] = getattr(stage, field)
        for i, item in enumerate(items):
            placed.setdefault(item.id, _Placed(f"/stages/{si}/{field}/{i}", stage.id, item))
    return placed


def _element_changes(
    kind: str,
    field: str,
    base: Journey,
    head: Journey,
    fields: tuple[str, ...],
    *,
    moves: bool = True,
) -> Iterator[Change]:
    """Touchpoints or KPIs added, removed, moved to another stage, and their fields changed."""
    before, after = _placed(base, field), _placed(head, field)
    for item_id, now in after.items():
        if item_id not in before:
            element = f"stages/{now.stage_id}/{field}/{item_id}"
            yield Change(f"{kind}-added", now.pointer, element, None, item_id)
    for item_id, gone in before.items():
        if item_id not in after:
            element = f"stages/{gone.stage_id}/{field}/{item_id}"
            yield Change(f"{kind}-removed", gone.pointer, element, item_id, None)
    for item_id, now in after.items():
        if item_id not in before:
            continue
        then = before[item_id]
        element = f"stages/{now.stage_id}/{field}/{item_id}"
        if moves and then.stage_id != now.stage_id:
            yield Change(f"{kind}-moved", now.pointer, element, then.stage_id, now.stage_id)
        for name in fields:
            change = f"{kind}-{name.replace('_', '-')}-changed"
            yield from _field_change(change, now.pointer, element, then.item, now.item, name)


def _text_changes(
    kind: str,
    field: str,
    base_stages: dict[str, tuple[int, Stage]],
    head_stages: dict[str, tuple[int, Stage]],
) -> Iterator[Change]:
    """Pain points or opportunities added to or removed from each stage, matched by text."""
    for stage_id, (i, stage) in head_stages.items():
        texts: tuple[str, ...] = getattr(stage, field)
        old = base_stages.get(stage_id)
        remaining = Counter(getattr(old[1], field) if old is not None else ())
        for k, text in enumerate(texts):
            if remaining[text]:
                remaining[text] -= 1
            else:
                pointer = f"/stages/{i}/{field}/{k}"
                yield Change(f"{kind}-added", pointer, f"stages/{stage_id}", None, text)
    for stage_id, (i, stage) in base_stages.items():
        texts = getattr(stage, field)
        new = head_stages.get(stage_id)
        remaining = Counter(getattr(new[1], field) if new is not None else ())
        for k, text in enumerate(texts):
            if remaining[text]:
                remaining[text] -= 1
            else:
                pointer = f"/stages/{i}/{field}/{k}"
                yield Change(f"{kind}-removed", pointer, f"stages/{stage_id}", text, None)


def _field_change(
    kind: str, pointer: str, element: str, before: object, after: object, field: str
) -> Iterator[Change]:
    old, new = _value(getattr(before, field)), _value(getattr(after, field))
    if old != new:
        yield Change(kind, f"{pointer}/{field}", element, old, new)


def _value(value: Any) -> Value:
    """A field's value as JSON would carry it: lists for tuples, whole numbers as integers."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    assert value is None or isinstance(value, str | int | float | bool)
    return value


def _findings(base: Side, head: Side) -> tuple[tuple[Finding, ...], tuple[Finding, ...], int]:
    """(new, resolved, unchanged count): findings paired by identity (with its file relative
    to its side, for a file without a readable journey)."""
    before, after = base.result.findings, head.result.findings
    new, resolved = unmatched(
        [(_identity(f, head), f.message) for f in after],
        [(_identity(f, base), f.message) for f in before],
    )
    return tuple(after[i] for i in new), tuple(before[i] for i in resolved), len(after) - len(new)


def _identity(finding: Finding, side: Side) -> Identity:
    journey_or_file, rule, element = finding.identity
    if finding.journey is None:
        journey_or_file = side.relative(journey_or_file)
    return journey_or_file, rule, element


FAIL_ON: tuple[str, ...] = ("new-error", "new-warning", "never")


def fails(diff: Diff, fail_on: str) -> bool:
    """Whether HEAD adds findings at the --fail-on level: new-error, new-warning or never."""
    threshold = {"new-error": "error", "new-warning": "warning"}.get(fail_on)
    return threshold is not None and any(f.at_least(threshold) for f in diff.new)
