"""Files that jcode writes for people to edit: a new journey skeleton (`jcode new`).

Returns text and raises JcodeError for what the user can fix; the CLI writes and prints.
Everything written is checked the way `jcode lint` reads it, so a skeleton is always a valid
journey, and every journey file starts with the modeline that gives editors the schema.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from pathlib import Path

import yaml

from jcode.errors import JcodeError
from jcode.linter import collect_files
from jcode.loader import decode, load
from jcode.spec import Project, ProjectPhase
from jcode.spec.values import ID_MAX, ID_PATTERN
from jcode.validation import show, validate

MODELINE = "# yaml-language-server: $schema=../schema/journey.schema.json"
_ID_RE = re.compile(ID_PATTERN)


def check_id(value: str, what: str) -> None:
    if len(value) > ID_MAX or not _ID_RE.match(value):
        raise JcodeError(
            f"'{show(value)}' is not a valid {what}: lowercase letters a-z, digits and hyphens, "
            f"starting with a letter or digit, at most {ID_MAX} characters"
        )


def journey_path(project: Project, journey_id: str) -> Path:
    """Where `jcode new` writes a journey; an error when the id or the file is taken."""
    check_id(journey_id, "journey id")
    if journey_id == "jcode":
        raise JcodeError("'jcode' cannot be a journey id: jcode.yaml is never read as a journey")
    folder = project.root / "journeys"
    for name in (f"{journey_id}.yaml", f"{journey_id}.yml"):
        taken = folder / name
        if taken.exists() or taken.is_symlink():
            raise JcodeError(f"journeys/{name} already exists; jcode new never replaces a file")
    holder = journey_ids(folder).get(journey_id)
    if holder is not None:
        raise JcodeError(f"journey id '{journey_id}' is already used in {holder}")
    return folder / f"{journey_id}.yaml"


def journey_ids(folder: Path) -> dict[str, str]:
    """The id of each journey file under a folder that has a readable one -> its file."""
    if not folder.is_dir():
        return {}
    ids: dict[str, str] = {}
    for path in collect_files([folder]):
        try:
            text, _ = decode(Path(path).read_bytes())
        except OSError:
            continue
        data = load(text).data if text is not None else None
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            ids.setdefault(data["id"], path)
    return ids


def new_journey(
    project: Project,
    journey_id: str,
    title: str | None = None,
    persona: str | None = None,
    owner: str | None = None,
) -> str:
    """A journey skeleton: one stage per phase that a journey must cover, in order, each with
    TODO comments and no touchpoints, so that `jcode lint` warns until someone fills it in."""
    config = project.config
    for value, what, declared in (
        (persona, "persona", config.personas),
        (owner, "owner", config.owners),
    ):
        if value is None:
            continue
        check_id(value, what)
        if declared and value not in declared:
            raise JcodeError(
                f"{what} '{value}' is not declared in jcode.yaml (declared: {', '.join(declared)})"
            )
    lines = [
        MODELINE,
        "# A new journey from `jcode new`: one stage per phase of the phase model"
        f" '{project.phase_model}'.",
        "# Fill in each TODO; `jcode lint` warns until every stage lists its touchpoints.",
        f"id: {journey_id}",
    ]
    if title is None:
        lines.append(
            f"title: {_scalar(journey_id.replace('-', ' ').capitalize())}"
            "  # TODO: the journey as the customer would name it"
        )
    else:
        lines.append(f"title: {_scalar(title)}")
    lines.append("# summary: TODO: who the customer is and what they want, in a sentence or two")
    lines.append(
        f"owner: {owner}"
        if owner
        else "# owner: TODO: the team that answers for the journey"
        + _among(config.owners, "owners")
    )
    lines.append(
        f"persona: {persona}"
        if persona
        else "# persona: TODO: who the journey is about" + _among(config.personas, "personas")
    )
    lines += ["status: draft", "stages:"]
    for index, phase in enumerate(_phases_to_cover(project)):
        lines += [
            f"  - id: {phase.id}",
            f"    name: {_scalar(phase.name)}  # TODO: the stage in the customer's words",
            f"    phase: {phase.id}",
            "    # goal: TODO: what the customer wants to achieve in this stage",
            "    touchpoints: []  # TODO: where the customer meets you here"
            + (", for example:" if index == 0 else ""),
        ]
        if index == 0:
            lines.append("    #   - {id: search-ads, name: Search ads, channel: search}")
    text = "\n".join(lines) + "\n"
    _check(text)
    return text


def _phases_to_cover(project: Project) -> tuple[ProjectPhase, ...]:
    required = tuple(p for p in project.phases if not p.optional)
    return required or project.phases  # a model of optional phases only: offer them all


def _among(declared: Collection[str], key: str) -> str:
    if declared:
        return f", one of: {', '.join(declared)}"
    return f" (declare it under `{key}` in jcode.yaml)"


def _scalar(text: str) -> str:
    """Text as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted (a
    JSON string is a valid YAML double-quoted scalar, escapes included)."""
    try:
        plain = yaml.safe_load(f"key: {text}") == {"key": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def _check(text: str) -> None:
    """Refuse to write a journey that `jcode lint` would not read as one (a title with control
    characters or too long, say), with the reason."""
    document = load(text)
    journey, problems = validate(document)
    if journey is None or document.problems:
        reasons = [p.message for p in (*document.problems, *problems)]
        raise JcodeError("the journey would not be valid: " + "; ".join(reasons))
