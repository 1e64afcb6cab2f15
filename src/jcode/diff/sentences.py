"""What each kind of change says: one whole sentence a kind (jcode.diff.changes.KINDS), as a
message in no language yet, which the diff formats render with their catalog.

In a sentence, {before} and {after} are the change's values; {stage} and {item} the ids in
its element ("stages/{stage}/touchpoints/{item}"); {number} the number from 1 of a step,
pain point or other item without an id in its stage; {subject} the text of the step or pain
point it is about. Every sentence names its element as JSON does (the stage, then the
touchpoint or KPI, or the item's number), so that a reviewer can find it. A format writes each
value its own way (quoted for a terminal, as code or escaped in markdown, where " -> " is
drawn as an arrow).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from jcode.i18n import Template

if TYPE_CHECKING:
    from jcode.diff import JourneyDiff
    from jcode.diff.changes import Change, Value
    from jcode.i18n import Arg, Message

SENTENCES: Final[dict[str, Template]] = {
    "journey-added": Template("diff.journey-added", "journey added in {after}"),
    "journey-removed": Template("diff.journey-removed", "journey removed from {before}"),
    "journey-file-renamed": Template(
        "diff.journey-file-renamed", "file renamed: {before} -> {after}"
    ),
    "title-changed": Template("diff.title-changed", "title: {before} -> {after}"),
    "summary-changed": Template("diff.summary-changed", "summary: {before} -> {after}"),
    "owner-changed": Template("diff.owner-changed", "owner: {before} -> {after}"),
    "persona-changed": Template("diff.persona-changed", "persona: {before} -> {after}"),
    "status-changed": Template("diff.status-changed", "status: {before} -> {after}"),
    "tags-changed": Template("diff.tags-changed", "tags: {before} -> {after}"),
    "related-changed": Template("diff.related-changed", "related journeys: {before} -> {after}"),
    "scope-changed": Template("diff.scope-changed", "scope: {before} -> {after}"),
    "stage-added": Template("diff.stage-added", "stage {after} added"),
    "stage-removed": Template("diff.stage-removed", "stage {before} removed"),
    "stages-reordered": Template("diff.stages-reordered", "stages reordered: {before} -> {after}"),
    "stage-renamed": Template("diff.stage-renamed", "stage {stage} renamed: {before} -> {after}"),
    "stage-phase-changed": Template(
        "diff.stage-phase-changed", "stage {stage} phase: {before} -> {after}"
    ),
    "timing-changed": Template("diff.timing-changed", "stage {stage} timing: {before} -> {after}"),
    "key-moment-added": Template(
        "diff.key-moment-added", "stage {stage}: key moment added: {after}"
    ),
    "key-moment-removed": Template(
        "diff.key-moment-removed", "stage {stage}: key moment removed: {before}"
    ),
    "step-added": Template("diff.step-added", "stage {stage}: step {number} added: {after}"),
    "step-removed": Template("diff.step-removed", "stage {stage}: step {number} removed: {before}"),
    "thought-added": Template(
        "diff.thought-added", "stage {stage}: thought {number} added: {after}"
    ),
    "thought-removed": Template(
        "diff.thought-removed", "stage {stage}: thought {number} removed: {before}"
    ),
    "feeling-added": Template(
        "diff.feeling-added", "stage {stage}: feeling {number} added: {after}"
    ),
    "feeling-removed": Template(
        "diff.feeling-removed", "stage {stage}: feeling {number} removed: {before}"
    ),
    "touchpoint-added": Template(
        "diff.touchpoint-added", "touchpoint {after} added to stage {stage}"
    ),
    "touchpoint-removed": Template(
        "diff.touchpoint-removed", "touchpoint {before} removed from stage {stage}"
    ),
    "touchpoint-moved": Template(
        "diff.touchpoint-moved", "touchpoint {item} moved from stage {before} to stage {after}"
    ),
    "touchpoint-channel-changed": Template(
        "diff.touchpoint-channel-changed",
        "stage {stage}, touchpoint {item} channel: {before} -> {after}",
    ),
    "touchpoint-owner-changed": Template(
        "diff.touchpoint-owner-changed",
        "stage {stage}, touchpoint {item} owner: {before} -> {after}",
    ),
    "touchpoint-managed-by-changed": Template(
        "diff.touchpoint-managed-by-changed",
        "stage {stage}, touchpoint {item} managed_by: {before} -> {after}",
    ),
    "touchpoint-feedback-changed": Template(
        "diff.touchpoint-feedback-changed",
        "stage {stage}, touchpoint {item} feedback: {before} -> {after}",
    ),
    "backstage-added": Template(
        "diff.backstage-added", "stage {stage}: backstage item {number} added: {after}"
    ),
    "backstage-removed": Template(
        "diff.backstage-removed", "stage {stage}: backstage item {number} removed: {before}"
    ),
    "exit-added": Template("diff.exit-added", "stage {stage}: exit {number} added: {after}"),
    "exit-removed": Template("diff.exit-removed", "stage {stage}: exit {number} removed: {before}"),
    "kpi-added": Template("diff.kpi-added", "KPI {after} added to stage {stage}"),
    "kpi-removed": Template("diff.kpi-removed", "KPI {before} removed from stage {stage}"),
    "kpi-baseline-changed": Template(
        "diff.kpi-baseline-changed", "stage {stage}, KPI {item} baseline: {before} -> {after}"
    ),
    "kpi-target-changed": Template(
        "diff.kpi-target-changed", "stage {stage}, KPI {item} target: {before} -> {after}"
    ),
    "kpi-direction-changed": Template(
        "diff.kpi-direction-changed", "stage {stage}, KPI {item} direction: {before} -> {after}"
    ),
    "kpi-unit-changed": Template(
        "diff.kpi-unit-changed", "stage {stage}, KPI {item} unit: {before} -> {after}"
    ),
    "kpi-owner-changed": Template(
        "diff.kpi-owner-changed", "stage {stage}, KPI {item} owner: {before} -> {after}"
    ),
    "kpi-source-changed": Template(
        "diff.kpi-source-changed", "stage {stage}, KPI {item} source: {before} -> {after}"
    ),
    "kpi-definition-changed": Template(
        "diff.kpi-definition-changed", "stage {stage}, KPI {item} definition: {before} -> {after}"
    ),
    "pain-point-added": Template(
        "diff.pain-point-added", "stage {stage}: pain point {number} added: {after}"
    ),
    "pain-point-removed": Template(
        "diff.pain-point-removed", "stage {stage}: pain point {number} removed: {before}"
    ),
    "pain-point-addressed-by-changed": Template(
        "diff.pain-point-addressed-by-changed",
        "stage {stage}: pain point {number} {subject} addressed by: {before} -> {after}",
    ),
    "opportunity-added": Template(
        "diff.opportunity-added", "stage {stage}: opportunity {number} added: {after}"
    ),
    "opportunity-removed": Template(
        "diff.opportunity-removed", "stage {stage}: opportunity {number} removed: {before}"
    ),
}
# A step's key moment: the sentence names the step, in its stage.
STEP_SENTENCES: Final[dict[str, Template]] = {
    "key-moment-added": Template(
        "diff.key-moment-added.step",
        "stage {stage}, step {number} {subject}: key moment added: {after}",
    ),
    "key-moment-removed": Template(
        "diff.key-moment-removed.step",
        "stage {stage}, step {number} {subject}: key moment removed: {before}",
    ),
}

# An opportunity written with an id: the sentence names it by its number and its id, as JSON.
NAMED_SENTENCES: Final[dict[str, Template]] = {
    "opportunity-added": Template(
        "diff.opportunity-added.id", "stage {stage}: opportunity {number} ({item}) added: {after}"
    ),
    "opportunity-removed": Template(
        "diff.opportunity-removed.id",
        "stage {stage}: opportunity {number} ({item}) removed: {before}",
    ),
}

# A journey whose id other files declare too: its changes are its own file's. {side} is BASE or
# HEAD, {files} the other files, as the format lists them.
DUPLICATE_ID: Final = Template(
    "diff.duplicate-id", "journey id duplicated in {side}: also declared in {files}"
)


def duplicates(journey: JourneyDiff, show: Callable[[str], str]) -> list[Message]:
    """What a journey diff says about its id being declared by other files, on each side
    where it is, each file written by `show`."""
    return [
        DUPLICATE_ID(side=side, files=", ".join(show(file) for file in files))
        for side, files in journey.duplicates()
    ]


def template(change: Change) -> Template:
    """The sentence of a change's kind (a step's key moment, and an opportunity with an id,
    have their own)."""
    parts = change.element.split("/")
    if parts[2:3] == ["steps"] and change.kind in STEP_SENTENCES:
        return STEP_SENTENCES[change.kind]
    if len(parts) > 3 and change.kind in NAMED_SENTENCES:
        return NAMED_SENTENCES[change.kind]
    return SENTENCES[change.kind]


def arguments(change: Change) -> dict[str, Value]:
    """The values of its sentence's fields, as data (what JSON carries)."""
    ids = change.element.split("/")
    values: dict[str, Value] = {
        "before": change.before,
        "after": change.after,
        "stage": ids[1] if len(ids) > 1 else None,
        "item": ids[3] if len(ids) > 3 else None,
        "number": change.position,
        "subject": change.subject,
    }
    return {name: values[name] for name in template(change).fields}


def message(change: Change, show: Callable[[Value], Arg]) -> Message:
    """What the change says, each value written by `show`."""
    return template(change)(**{name: show(value) for name, value in arguments(change).items()})
