"""The linted journeys for other tools: the resolved model as JSON, and rows of journeys,
touchpoints or KPIs as CSV (or JSON) for spreadsheets. Returns text; the CLI writes it.

Resolved means as jcode reads the journeys: each element's effective owner (its own, else its
stage's, else the journey's), each stage's phase moment, each touchpoint's channel mode, and the
open findings of each element. Files that are not valid journeys have no rows; the JSON of
journeys lists them with their findings.

The CSV is for spreadsheets: UTF-8 with a byte order mark (without it Excel reads the bytes in
the local code page and breaks accents), CRLF line ends and quoting as RFC 4180 (the csv
module's excel dialect), and a cell of user text that starts with =, +, -, @, a tab or a
carriage return gets a leading single quote, so that a spreadsheet shows it rather than run it
as a formula (OWASP's advice against CSV injection).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from jcode.findings import Finding
from jcode.linter import JourneyFile, LintResult
from jcode.spec import Journey, Kpi, Project, Touchpoint
from jcode.spec.walk import Element, elements

VERSION = 1
FORMATS = ("json", "csv")
WHAT = ("journeys", "touchpoints", "kpis")
DEFAULT_WHAT = {"json": "journeys", "csv": "touchpoints"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

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
}

# The element a finding belongs to: the longest stage, touchpoint or KPI pointer it starts with.
_ELEMENT_RE = re.compile(r"/stages/\d+(?:/(?:touchpoints|kpis)/\d+)?(?=/|$)")


def export(result: LintResult, project: Project, fmt: str, what: str) -> str:
    import json  # here, as csv below: the CLI imports this module for its choices

    if fmt == "csv":
        return to_csv(HEADERS[what], rows(result, project, what))
    if what == "journeys":
        data = document(result, project)
    else:
        data = {
            "version": VERSION,
            what: [
                dict(zip(HEADERS[what], row, strict=True)) for row in rows(result, project, what)
            ],
        }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


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
            stages.append(entry | {"touchpoints": [], "kpis": []})
        else:
            stages[-1][f"{element.kind}s"].append(entry)
    return {
        "id": journey.id,
        "file": file.path,
        "title": journey.title,
        "summary": journey.summary,
        "persona": journey.persona,
        "owner": journey.owner,
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
            "managed_by": item.managed_by,
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
            **owner,
        }
    phase = project.phase_by_id.get(item.phase)
    return {
        "id": item.id,
        "name": item.name,
        "phase": item.phase,
        "phase_name": phase.name if phase else None,
        "moment": phase.moment if phase else None,
        "goal": item.goal,
        "emotion": item.emotion,
        **owner,
        "pain_points": list(item.pain_points),
        "opportunities": list(item.opportunities),
    }


def rows(result: LintResult, project: Project, what: str) -> list[list[Any]]:
    """One row per journey, touchpoint or KPI, in file order, with the columns of HEADERS."""
    table: list[list[Any]] = []
    for file in result.files:
        if file.journey is None:
            continue
        if what == "journeys":
            table.append(_journey_row(file, file.journey))
            continue
        found = _findings_by_element(file)
        for element in elements(file.journey):
            if f"{element.kind}s" != what:
                continue
            fields = _element(element, project)
            stage = element.stage
            phase = project.phase_by_id.get(stage.phase)
            place = [file.journey.id, stage.id, stage.name, stage.phase, phase and phase.moment]
            columns = HEADERS[what][len(_PLACE) :]
            values = {**fields, what.removesuffix("s"): fields["id"]}
            rules = [f["rule"] for f in found.get(element.pointer, [])]
            table.append(place + [values[c] for c in columns[:-1]] + [rules])
    return table


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
    ]


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


def to_csv(header: Sequence[str], table: Sequence[Sequence[Any]]) -> str:
    """CSV text for a spreadsheet, starting with the byte order mark."""
    import csv

    out = io.StringIO(newline="")
    writer = csv.writer(out)  # the excel dialect: CRLF, fields quoted when they need it
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in table)
    return "\ufeff" + out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):  # written by us: a negative figure is not a formula
        return str(int(value)) if float(value).is_integer() else repr(value)
    text = "; ".join(value) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
