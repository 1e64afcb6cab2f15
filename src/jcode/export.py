"""The linted journeys for other tools: the resolved model, and rows of journeys, touchpoints,
KPIs, stages or steps for spreadsheets. Returns data; jcode.reporters.export_json and export_csv
write it.

Resolved means as jcode reads the journeys: each element's effective owner (its own, else its
stage's, else the journey's), each stage's phase moment, each touchpoint's channel mode and
effective `managed_by`, each step's actor (the journey's persona unless it names another), the
journey's scope and moment labels, and the open findings of each element. Files that are not
valid journeys have no rows; the JSON of journeys lists them with their findings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

from jcode.findings import Finding
from jcode.linter import JourneyFile, LintResult
from jcode.record import Record
from jcode.spec import Journey, Kpi, Project, Stage, Touchpoint
from jcode.spec.runtime import Step, Suppression
from jcode.spec.stages import ideas, pains
from jcode.spec.walk import Element, elements

VERSION = 1
WHAT = ("journeys", "touchpoints", "kpis", "stages", "steps")
# What each format exports when not told (keys: the formats of jcode.reporters.EXPORT).
DEFAULT_WHAT = {"json": "journeys", "csv": "touchpoints", "mermaid": "journeys"}

_PLACE = ["journey", "stage", "stage_name", "phase", "moment"]
HEADERS = {
    "journeys": [
        "journey",
        "title",
        "persona",
        "owner",
        "status",
        "reviewed",
        "stages",
        "touchpoints",
        "kpis",
        "errors",
        "warnings",
        "info",
        "file",
        "summary",
        "scope",
        "tags",
        "related",
        "suppress",
    ],
    "touchpoints": [
        *_PLACE,
        "touchpoint",
        "name",
        "channel",
        "mode",
        "assisted",
        "managed_by",
        "feedback",
        "description",
        "owner",
        "findings",
        "suppress",
    ],
    "kpis": [
        *_PLACE,
        "kpi",
        "name",
        "unit",
        "direction",
        "baseline",
        "target",
        "source",
        "owner",
        "findings",
    ],
    "stages": [
        *_PLACE,
        "timing",
        "goal",
        "emotion",
        "feelings",
        "thoughts",
        "pain_points",
        "opportunities",
        "exits",
        "key_moment",
        "owner",
        "findings",
        "suppress",
    ],
    "steps": [*_PLACE, "position", "text", "touchpoint", "actor", "emotion", "key_moment"],
}


class Lines(tuple[str, ...]):
    """A list of journey text in one cell: one item a line in the CSV (an item may hold a
    comma or a semicolon), a list in JSON."""

    __slots__ = ()


# The element a finding belongs to: the longest stage, touchpoint or KPI pointer it starts with.
_ELEMENT_RE = re.compile(r"/stages/\d+(?:/(?:touchpoints|kpis)/\d+)?(?=/|$)")


class Export(Record):
    """What `jcode export` writes: a project's linted journeys, as `what` (one of WHAT)."""

    __slots__ = ("project", "result", "what")

    def __init__(self, result: LintResult, project: Project, what: str) -> None:
        self.result: Final = result
        self.project: Final = project
        self.what: Final = what


def document(result: LintResult, project: Project) -> dict[str, Any]:
    """The resolved model: the project's settings, then each journey with its elements."""
    config = project.config
    journeys = [file for file in result.files if file.journey is not None]
    return {
        "version": VERSION,
        "project": {
            "title": config.site.title,
            "language": config.site.language,
            "phase_model": project.phase_model,
            "phases": [
                {"id": p.id, "name": p.name, "moment": p.moment, "optional": p.optional}
                for p in project.phases
            ],
            "channels": [
                {"id": c.id, "name": c.name, "mode": c.mode, "assisted": c.assisted}
                for c in project.channels.values()
            ],
            "owners": [
                {"id": oid, "name": o.name, "contact": o.contact}
                for oid, o in config.owners.items()
            ],
            "personas": [
                {"id": pid, "name": p.name, "description": p.description}
                for pid, p in config.personas.items()
            ],
        },
        "journeys": [_journey(file, project) for file in journeys],
        "invalid_files": [
            {"file": file.path, "findings": [_finding(f) for f in file.findings]}
            for file in result.files
            if file.journey is None
        ],
        "project_findings": [{"file": f.file, **_finding(f)} for f in result.project_findings],
        "summary": {"files": len(result.files), "journeys": len(journeys), **result.counts()},
    }


def _journey(file: JourneyFile, project: Project) -> dict[str, Any]:
    journey = file.journey
    assert journey is not None
    found = _findings_by_element(file)
    stages: list[dict[str, Any]] = []
    for element in elements(journey):
        entry = {**_element(element, project), "findings": found.get(element.pointer, [])}
        if element.kind == "stage":
            detail = _stage_detail(element.stage, journey, element.owner)
            stages.append(entry | detail | {"touchpoints": [], "kpis": []})
        else:
            stages[-1][f"{element.kind}s"].append(entry)
    return {
        "id": journey.id,
        "file": file.path,
        "title": journey.title,
        "summary": journey.summary,
        "persona": journey.persona,
        "owner": journey.owner,
        "scope": list(Project.scope(journey)),
        "moments": project.labels(journey),
        "status": journey.status,
        "reviewed": journey.reviewed.isoformat() if journey.reviewed else None,
        "tags": list(journey.tags),
        "related": list(journey.related),
        "findings": found.get("", []),
        "stages": stages,
    }


def _element(element: Element, project: Project) -> dict[str, Any]:
    item = element.item
    owner = {"owner": element.owner, "owner_inherited": item.owner is None and bool(element.owner)}
    if isinstance(item, Touchpoint):
        channel = project.channels.get(item.channel)
        return {
            "id": item.id,
            "name": item.name,
            "channel": item.channel,
            "channel_name": channel.name if channel else None,
            "mode": channel.mode if channel else None,
            "assisted": channel.assisted if channel else None,
            "managed_by": project.managed_by(item),
            "feedback": item.feedback,
            "description": item.description,
            **owner,
        }
    if isinstance(item, Kpi):
        return {
            "id": item.id,
            "name": item.name,
            "unit": item.unit,
            "direction": item.direction,
            "baseline": item.baseline,
            "target": item.target,
            "source": item.source,
            "definition": item.definition,
            **owner,
        }
    phase = project.phase_by_id.get(item.phase)
    return {
        "id": item.id,
        "name": item.name,
        "phase": item.phase,
        "phase_name": phase.name if phase else None,
        "moment": phase.moment if phase else None,
        "timing": item.timing,
        "goal": item.goal,
        "emotion": item.emotion,
        "key_moment": item.key_moment,
        **owner,
        # Text where the file wrote text, an object where it wrote one.
        "pain_points": [
            {"text": p.text, "addressed_by": list(p.addressed_by)} if p.linked else p.text
            for p in pains(item)
        ],
        "opportunities": [
            {"id": i.id, "text": i.text, "owner": i.owner} if i.id is not None else i.text
            for i in ideas(item)
        ],
    }


def _stage_detail(stage: Stage, journey: Journey, owner: str | None) -> dict[str, Any]:
    """What a stage holds besides its touchpoints and KPIs; backstage work inherits the
    stage's effective `owner` as touchpoints do."""
    return {
        "steps": [_step(step, journey) for step in stage.steps],
        "thoughts": list(stage.thoughts),
        "feelings": list(stage.feelings),
        "backstage": [
            {
                "text": b.text,
                "touchpoint": b.touchpoint,
                "owner": b.owner or owner,
                "owner_inherited": b.owner is None and bool(owner),
            }
            for b in stage.backstage
        ],
        "exits": [
            {"text": e.text, "touchpoint": e.touchpoint, "share": e.share} for e in stage.exits
        ],
    }


def _step(step: Step, journey: Journey) -> dict[str, Any]:
    return {
        "text": step.text,
        "touchpoint": step.touchpoint,
        "actor": step.actor or journey.persona,
        "actor_inherited": step.actor is None and bool(journey.persona),
        "emotion": step.emotion,
        "key_moment": step.key_moment,
    }


def rows(result: LintResult, project: Project, what: str) -> list[list[Any]]:
    """One row per journey, touchpoint, KPI, stage or step, in file order, with the columns of
    HEADERS."""
    table: list[list[Any]] = []
    for file in result.files:
        if file.journey is None:
            continue
        if what == "journeys":
            table.append(_journey_row(file, file.journey))
            continue
        found = _findings_by_element(file)
        for element in elements(file.journey):
            stage = element.stage
            phase = project.phase_by_id.get(stage.phase)
            place = [file.journey.id, stage.id, stage.name, stage.phase, phase and phase.moment]
            if what == "steps":
                if element.kind == "stage":
                    for n, step in enumerate(stage.steps, 1):
                        values = {"position": n, **_step(step, file.journey)}
                        table.append(place + [values[c] for c in HEADERS[what][len(_PLACE) :]])
                continue
            if f"{element.kind}s" != what:
                continue
            fields = _element(element, project)
            if what == "stages":
                fields |= _stage_cells(stage)
            values = {
                **fields,
                what.removesuffix("s"): fields["id"],
                "findings": [f["rule"] for f in found.get(element.pointer, [])],
            }
            if isinstance(element.item, Stage | Touchpoint):  # KPIs silence no rule
                values["suppress"] = _suppressions(element.item.suppress)
            table.append(place + [values[c] for c in HEADERS[what][len(_PLACE) :]])
    return table


def _stage_cells(stage: Stage) -> dict[str, Lines]:
    """A stage's lists as the cells of its row: each item's text, with what a spreadsheet
    reader needs beside it (the share that leaves, the opportunities addressing a pain point,
    an opportunity's id and owner);
    the JSON of journeys has them as fields."""
    return {
        "feelings": Lines(stage.feelings),
        "thoughts": Lines(stage.thoughts),
        "pain_points": Lines(
            f"{p.text} (addressed by {', '.join(p.addressed_by)})" if p.addressed_by else p.text
            for p in pains(stage)
        ),
        "opportunities": Lines(_idea(i.text, i.id, i.owner) for i in ideas(stage)),
        "exits": Lines(
            e.text if e.share is None else f"{e.text} ({e.share:g}%)" for e in stage.exits
        ),
    }


def _idea(text: str, idea_id: str | None, owner: str | None) -> str:
    """An opportunity's text, with the id that pain points name it by and its owner."""
    if idea_id is None:
        return text
    return f"{text} (id: {idea_id}, owner: {owner})" if owner else f"{text} (id: {idea_id})"


def _journey_row(file: JourneyFile, journey: Journey) -> list[Any]:
    severities = [f.severity for f in file.findings]
    return [
        journey.id,
        journey.title,
        journey.persona,
        journey.owner,
        journey.status,
        journey.reviewed.isoformat() if journey.reviewed else None,
        len(journey.stages),
        sum(len(s.touchpoints) for s in journey.stages),
        sum(len(s.kpis) for s in journey.stages),
        severities.count("error"),
        severities.count("warning"),
        severities.count("info"),
        file.path,
        journey.summary,
        list(journey.scope or ()),
        Lines(journey.tags),
        list(journey.related),
        _suppressions(journey.suppress),
    ]


def _suppressions(entries: Sequence[Suppression]) -> Lines:
    """The rules an element silences, each with its reason: `rule: reason`."""
    return Lines(f"{s.rule}: {s.reason}" if s.reason else s.rule for s in entries)


def _findings_by_element(file: JourneyFile) -> dict[str, list[dict[str, Any]]]:
    """Open findings by the pointer of the stage, touchpoint or KPI they are about ("" for the
    journey itself: its fields, related journeys, the journey as a whole)."""
    by_element: dict[str, list[dict[str, Any]]] = {}
    for finding in file.findings:
        match = _ELEMENT_RE.match(finding.pointer)
        by_element.setdefault(match.group() if match else "", []).append(_finding(finding))
    return by_element


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "line": finding.line,
        "column": finding.column,
        "pointer": finding.pointer,
        "message": finding.message,
    }
