"""What each kind of change says: one whole sentence a kind (jcode.diff.changes.KINDS), as a
message in no language yet, which the diff formats render with their catalog.

In a sentence, {before} and {after} are the change's values; {stage} and {item} the ids in
its element ("stages/{stage}/touchpoints/{item}"); {subject} the text of the step or pain
point it is about. A format writes each value its own way (quoted for a terminal, as code or
escaped in markdown, where " -> " is drawn as an arrow).
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
    "step-added": Template("diff.step-added", "stage {stage}: step added: {after}"),
    "step-removed": Template("diff.step-removed", "stage {stage}: step removed: {before}"),
    "thought-added": Template("diff.thought-added", "stage {stage}: thought added: {after}"),
    "thought-removed": Template("diff.thought-removed", "stage {stage}: thought removed: {before}"),
    "feeling-added": Template("diff.feeling-added", "stage {stage}: feeling added: {after}"),
    "feeling-removed": Template("diff.feeling-removed", "stage {stage}: feeling removed: {before}"),
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
        "diff.touchpoint-channel-changed", "touchpoint {item} channel: {before} -> {after}"
    ),
    "touchpoint-owner-changed": Template(
        "diff.touchpoint-owner-changed", "touchpoint {item} owner: {before} -> {after}"
    ),
    "touchpoint-managed-by-changed": Template(
        "diff.touchpoint-managed-by-changed", "touchpoint {item} managed_by: {before} -> {after}"
    ),
    "touchpoint-feedback-changed": Template(
        "diff.touchpoint-feedback-changed", "touchpoint {item} feedback: {before} -> {after}"
    ),
    "backstage-added": Template("diff.backstage-added", "stage {stage}: backstage added: {after}"),
    "backstage-removed": Template(
        "diff.backstage-removed", "stage {stage}: backstage removed: {before}"
    ),
    "exit-added": Template("diff.exit-added", "stage {stage}: exit added: {after}"),
    "exit-removed": Template("diff.exit-removed", "stage {stage}: exit removed: {before}"),
    "kpi-added": Template("diff.kpi-added", "KPI {after} added to stage {stage}"),
    "kpi-removed": Template("diff.kpi-removed", "KPI {before} removed from stage {stage}"),
    "kpi-baseline-changed": Template(
        "diff.kpi-baseline-changed", "KPI {item} baseline: {before} -> {after}"
    ),
    "kpi-target-changed": Template(
        "diff.kpi-target-changed", "KPI {item} target: {before} -> {after}"
    ),
    "kpi-direction-changed": Template(
        "diff.kpi-direction-changed", "KPI {item} direction: {before} -> {after}"
    ),
    "kpi-unit-changed": Template("diff.kpi-unit-changed", "KPI {item} unit: {before} -> {after}"),
    "kpi-owner-changed": Template(
        "diff.kpi-owner-changed", "KPI {item} owner: {before} -> {after}"
    ),
    "kpi-source-changed": Template(
        "diff.kpi-source-changed", "KPI {item} source: {before} -> {after}"
    ),
    "kpi-definition-changed": Template(
        "diff.kpi-definition-changed", "KPI {item} definition: {before} -> {after}"
    ),
    "pain-point-added": Template(
        "diff.pain-point-added", "stage {stage}: pain point added: {after}"
    ),
    "pain-point-removed": Template(
        "diff.pain-point-removed", "stage {stage}: pain point removed: {before}"
    ),
    "pain-point-addressed-by-changed": Template(
        "diff.pain-point-addressed-by-changed",
        "stage {stage}: pain point {subject} addressed by: {before} -> {after}",
    ),
    "opportunity-added": Template(
        "diff.opportunity-added", "stage {stage}: opportunity added: {after}"
    ),
    "opportunity-removed": Template(
        "diff.opportunity-removed", "stage {stage}: opportunity removed: {before}"
    ),
}
# A step's key moment: the sentence names the step, in its stage.
STEP_SENTENCES: Final[dict[str, Template]] = {
    "key-moment-added": Template(
        "diff.key-moment-added.step", "stage {stage}, step {subject}: key moment added: {after}"
    ),
    "key-moment-removed": Template(
        "diff.key-moment-removed.step",
        "stage {stage}, step {subject}: key moment removed: {before}",
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
    """The sentence of a change's kind (a step's key moment has its own)."""
    about_step = change.element.split("/")[2:3] == ["steps"] and change.kind in STEP_SENTENCES
    return (STEP_SENTENCES if about_step else SENTENCES)[change.kind]


def arguments(change: Change) -> dict[str, Value]:
    """The values of its sentence's fields, as data (what JSON carries)."""
    ids = change.element.split("/")
    values: dict[str, Value] = {
        "before": change.before,
        "after": change.after,
        "stage": ids[1] if len(ids) > 1 else None,
        "item": ids[3] if len(ids) > 3 else None,
        "subject": change.subject,
    }
    return {name: values[name] for name in template(change).fields}


def message(change: Change, show: Callable[[Value], Arg]) -> Message:
    """What the change says, each value written by `show`."""
    return template(change)(**{name: show(value) for name, value in arguments(change).items()})
