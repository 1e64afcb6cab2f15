"""Two versions of one journey -> its changes, in journey terms (the kinds of KINDS; what each
says is jcode.diff.sentences').

Stages, touchpoints and KPIs are matched by id, never by position: a touchpoint moved to
another stage is a move. What has no id (steps, thoughts, feelings, backstage work, exits,
pain points, opportunities) is matched by its text within its stage; an opportunity written
with an id is matched by its text too (its id then only names it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Final

from jcode.record import Record
from jcode.spec import Journey, Kpi, Project, Stage, Touchpoint
from jcode.spec.stages import pains

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
    "scope-changed",
    "stage-added",
    "stage-removed",
    "stages-reordered",
    "stage-renamed",
    "stage-phase-changed",
    "timing-changed",
    "key-moment-added",
    "key-moment-removed",
    "step-added",
    "step-removed",
    "thought-added",
    "thought-removed",
    "feeling-added",
    "feeling-removed",
    "touchpoint-added",
    "touchpoint-removed",
    "touchpoint-moved",
    "touchpoint-channel-changed",
    "touchpoint-owner-changed",
    "touchpoint-managed-by-changed",
    "touchpoint-feedback-changed",
    "backstage-added",
    "backstage-removed",
    "exit-added",
    "exit-removed",
    "kpi-added",
    "kpi-removed",
    "kpi-baseline-changed",
    "kpi-target-changed",
    "kpi-direction-changed",
    "kpi-unit-changed",
    "kpi-owner-changed",
    "kpi-source-changed",
    "kpi-definition-changed",
    "pain-point-added",
    "pain-point-removed",
    "pain-point-addressed-by-changed",
    "opportunity-added",
    "opportunity-removed",
)
_ORDER = {kind: i for i, kind in enumerate(KINDS)}

JOURNEY_FIELDS = ("title", "summary", "owner", "persona", "status", "tags", "related")
TOUCHPOINT_FIELDS = ("channel", "owner", "managed_by", "feedback")
KPI_FIELDS = ("baseline", "target", "direction", "unit", "owner", "source", "definition")
# A stage's items without an id, matched by text: kind -> field.
TEXT_FIELDS = {
    "step": "steps",
    "thought": "thoughts",
    "feeling": "feelings",
    "backstage": "backstage",
    "exit": "exits",
    "pain-point": "pain_points",
    "opportunity": "opportunities",
}

# A stage's list -> what JSON calls one of its items, for Change.ids.
ELEMENT_NAMES = {
    "touchpoints": "touchpoint",
    "kpis": "kpi",
    **{field: kind.replace("-", "_") for kind, field in TEXT_FIELDS.items()},
}

Value = str | int | float | bool | list[str] | None


class Change(Record):
    """One change to a journey. `pointer` is a JSON Pointer into HEAD's file (BASE's for what
    was removed); `element` names the stage, touchpoint or KPI by ids, as findings do
    ("stages/delivery/touchpoints/survey"; "" for the journey itself), or the list of a stage
    an item matched by text is in ("stages/delivery/steps"; with the id of an opportunity
    that has one: "stages/delivery/opportunities/guide"), `position` then being its number in
    that list from 1. `subject` is the text of the step or pain point the change is about,
    which have no id."""

    __slots__ = ("after", "before", "element", "kind", "pointer", "position", "subject")

    def __init__(
        self,
        kind: str,
        pointer: str,
        element: str,
        before: Value,
        after: Value,
        subject: str | None = None,
        position: int | None = None,
    ) -> None:
        self.kind: Final = kind
        self.pointer: Final = pointer
        self.element: Final = element
        self.before: Final = before
        self.after: Final = after
        self.subject: Final = subject
        self.position: Final = position

    def ids(self) -> dict[str, str | int]:
        """Its element as JSON names it: `stage`, then `touchpoint` or `kpi` by id, or the
        number of a `step`, `thought`, `feeling`, `backstage`, `exit`, `pain_point` or
        `opportunity` in its stage (HEAD's, BASE's when removed), and an opportunity's
        `opportunity_id` when it has one (the number keeps the type a version-1 reader
        knows)."""
        parts = self.element.split("/") if self.element else []
        ids: dict[str, str | int] = {"stage": parts[1]} if len(parts) > 1 else {}
        if len(parts) > 2:
            name = ELEMENT_NAMES[parts[2]]
            if self.position is None:
                ids[name] = parts[3]
            else:
                ids[name] = self.position
                if len(parts) > 3:
                    ids[f"{name}_id"] = parts[3]
        return ids


def journey_changes(
    base: Journey, head: Journey, base_project: Project, head_project: Project
) -> list[Change]:
    """What changed from `base` to `head`, each side read with its own project, in the order
    of KINDS."""
    changes = _journey_changes(base, head, base_project, head_project)
    return sorted(changes, key=lambda c: _ORDER[c.kind])


def _journey_changes(
    base: Journey, head: Journey, base_project: Project, head_project: Project
) -> Iterator[Change]:
    for field in JOURNEY_FIELDS:
        yield from _field_change(f"{field}-changed", "", "", base, head, field)
    # The moments covered, not the words: leaving out `scope` is writing all three.
    before_scope: list[str] = list(Project.scope(base))
    after_scope: list[str] = list(Project.scope(head))
    if before_scope != after_scope:
        yield Change("scope-changed", "/scope", "", before_scope, after_scope)

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
            yield from _field_change("timing-changed", at, element, old, stage, "timing")
            yield from _key_moment(f"{at}/key_moment", element, old.key_moment, stage.key_moment)

    projects = (base_project, head_project)
    yield from _element_changes(
        "touchpoint", "touchpoints", base, head, TOUCHPOINT_FIELDS, projects
    )
    # A KPI that moves to another stage is not a change the issue asks for (only its figures
    # and owner are); its findings, keyed by stage, show the move if it matters.
    yield from _element_changes("kpi", "kpis", base, head, KPI_FIELDS, projects, moves=False)
    for kind, field in TEXT_FIELDS.items():
        yield from _text_changes(kind, field, base_stages, head_stages)
    yield from _matched_changes(base_stages, head_stages)


def _key_moment(
    pointer: str,
    element: str,
    before: str | None,
    after: str | None,
    subject: str | None = None,
    position: int | None = None,
) -> Iterator[Change]:
    """A key moment (a stage's, or a step's at `position`) added or removed; a reason reworded
    is not a change of its own."""
    if before is None and after is not None:
        yield Change("key-moment-added", pointer, element, None, after, subject, position)
    elif before is not None and after is None:
        yield Change("key-moment-removed", pointer, element, before, None, subject, position)


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
    projects: tuple[Project, Project],
    *,
    moves: bool = True,
) -> Iterator[Change]:
    """Touchpoints or KPIs added, removed, moved to another stage, and their fields changed,
    each as its side's project reads it."""
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
            old = _value(_field(projects[0], then.item, name))
            new = _value(_field(projects[1], now.item, name))
            if old != new:
                yield Change(change, f"{now.pointer}/{name}", element, old, new)


def _field(project: Project, item: Touchpoint | Kpi, name: str) -> object:
    """A field as jcode reads it: a touchpoint's `managed_by` is the effective one (its own,
    else its channel's default), so that writing the default out is no change."""
    if name == "managed_by" and isinstance(item, Touchpoint):
        return project.managed_by(item)
    return getattr(item, name)


def _texts(stage: Stage | None, field: str) -> tuple[str, ...]:
    """The texts of a stage's list `field` (each item text, or an object with a text)."""
    items: Sequence[Any] = getattr(stage, field) if stage is not None else ()
    return tuple(item if isinstance(item, str) else item.text for item in items)


def _item_element(stage_id: str, field: str, stage: Stage, k: int) -> str:
    """The element of item `k` of a stage's list `field`: the list, and the item's id when
    it has one (an opportunity written as an object), as findings name it."""
    own = getattr(getattr(stage, field)[k], "id", None)
    return f"stages/{stage_id}/{field}" + (f"/{own}" if own is not None else "")


def _match(
    before: Sequence[str], after: Sequence[str]
) -> tuple[dict[int, int], list[int], list[int]]:
    """Items matched by text, in order: (after's index -> before's, after's unmatched,
    before's unmatched). Two items of one text pair up in the order written."""
    waiting: dict[str, list[int]] = {}
    for j, text in enumerate(before):
        waiting.setdefault(text, []).append(j)
    pairs: dict[int, int] = {}
    added = []
    for k, text in enumerate(after):
        if waiting.get(text):
            pairs[k] = waiting[text].pop(0)
        else:
            added.append(k)
    removed = sorted(j for left in waiting.values() for j in left)
    return pairs, added, removed


def _text_changes(
    kind: str,
    field: str,
    base_stages: dict[str, tuple[int, Stage]],
    head_stages: dict[str, tuple[int, Stage]],
) -> Iterator[Change]:
    """Items without an id (`field`: steps, pain_points, ...) added to or removed from each
    stage, matched by text."""
    for stage_id, (i, stage) in head_stages.items():
        old = base_stages.get(stage_id)
        texts = _texts(stage, field)
        for k in _match(_texts(old and old[1], field), texts)[1]:
            pointer, element = f"/stages/{i}/{field}/{k}", _item_element(stage_id, field, stage, k)
            yield Change(f"{kind}-added", pointer, element, None, texts[k], position=k + 1)
    for stage_id, (i, stage) in base_stages.items():
        new = head_stages.get(stage_id)
        texts = _texts(stage, field)
        for k in _match(texts, _texts(new and new[1], field))[2]:
            pointer, element = f"/stages/{i}/{field}/{k}", _item_element(stage_id, field, stage, k)
            yield Change(f"{kind}-removed", pointer, element, texts[k], None, position=k + 1)


def _matched_changes(
    base_stages: dict[str, tuple[int, Stage]], head_stages: dict[str, tuple[int, Stage]]
) -> Iterator[Change]:
    """What changed in the steps and pain points found on both sides (matched by text): a
    step's key moment, and the opportunities that address a pain point."""
    for stage_id, (i, stage) in head_stages.items():
        if stage_id not in base_stages:
            continue
        old = base_stages[stage_id][1]
        pairs = _match(_texts(old, "steps"), _texts(stage, "steps"))[0]
        for k, j in pairs.items():
            step, then = stage.steps[k], old.steps[j]
            pointer, element = f"/stages/{i}/steps/{k}/key_moment", f"stages/{stage_id}/steps"
            yield from _key_moment(
                pointer, element, then.key_moment, step.key_moment, step.text, k + 1
            )
        before, after = pains(old), pains(stage)
        pairs = _match([p.text for p in before], [p.text for p in after])[0]
        for k, j in pairs.items():
            links = (list(before[j].addressed_by), list(after[k].addressed_by))
            if links[0] != links[1]:
                pointer = f"/stages/{i}/pain_points/{k}/addressed_by"
                element = f"stages/{stage_id}/pain_points"
                kind = "pain-point-addressed-by-changed"
                yield Change(kind, pointer, element, *links, after[k].text, k + 1)


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
