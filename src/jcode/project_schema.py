"""The project schema: the published journey schema with `phase`, `channel`, `owner`, `persona`
and a step's `actor` (a persona or a team) narrowed to what jcode.yaml declares, so that an
editor completes the project's own values and names each one on hover ("customer-care":
"Customer care").

Each narrowed field is an `enum` with `enumDescriptions`, the plain-text twin of VS Code's
`markdownEnumDescriptions`. The YAML language server (VS Code's YAML extension) shows the
description of the value under the cursor on hover, and each value's description in
completion, only for these keywords: with a `oneOf` of `const` alternatives its hover shows
the property's description instead. Plain text rather than Markdown because the server escapes
it itself, so a team named "R&D_ops" shows as written.

The base is the published schema file that ships with jcode (generated from the models by
`make schema`; a test keeps it current), not the models: `jcode lint` compares the file
on disk with what would be written now, and importing pydantic for that would cost more than
linting a hundred journeys.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jcode.editor_schema import ABSENT, holders
from jcode.i18n import Message, Plural, Template
from jcode.spec import Project
from jcode.text import show

PUBLISHED = Path(__file__).resolve().parent / "_schema" / "journey.schema.json"
MARK = "Written by `jcode schema --project`"
COMMENT = f"{MARK} from jcode.yaml; run it again after changing jcode.yaml."
FIELDS = ("phase", "channel", "owner", "persona", "actor")

# The finding of rule stale-project-schema (jcode.rules.project).
STALE = Template(
    "stale-project-schema",
    "the project schema {differences}; run `jcode schema --project` to update it",
)
OUT_OF_DATE = Template(
    "stale-project-schema.out-of-date",
    "the project schema is out of date (a name in jcode.yaml, or jcode's journey format, "
    "changed); run `jcode schema --project` to update it",
)
# Its differences, by field: "lacks owner 'a'", "still lists phases 'b', 'c'"; joined into
# one argument, "lacks owner 'a', lacks phase 'c' and still lists persona 'd'", in the
# language the finding is rendered in.
LACKS = {
    "phase": Plural("phrase.schema-lacks.phase", "lacks phase {values}", "lacks phases {values}"),
    "channel": Plural(
        "phrase.schema-lacks.channel", "lacks channel {values}", "lacks channels {values}"
    ),
    "owner": Plural("phrase.schema-lacks.owner", "lacks owner {values}", "lacks owners {values}"),
    "persona": Plural(
        "phrase.schema-lacks.persona", "lacks persona {values}", "lacks personas {values}"
    ),
}
STILL_LISTS = {
    "phase": Plural(
        "phrase.schema-still-lists.phase",
        "still lists phase {values}",
        "still lists phases {values}",
    ),
    "channel": Plural(
        "phrase.schema-still-lists.channel",
        "still lists channel {values}",
        "still lists channels {values}",
    ),
    "owner": Plural(
        "phrase.schema-still-lists.owner",
        "still lists owner {values}",
        "still lists owners {values}",
    ),
    "persona": Plural(
        "phrase.schema-still-lists.persona",
        "still lists persona {values}",
        "still lists personas {values}",
    ),
}
_THEN = Template("phrase.schema-differences.then", "{earlier}, {next}")
_LAST = Template("phrase.schema-differences.last", "{earlier} and {last}")


def choices(project: Project) -> dict[str, dict[str, str]]:
    """Field -> {value: name}. Owners and personas only when jcode.yaml declares some: without
    them the rules accept any, and so does the schema."""
    config = project.config
    declared = {
        "phase": {p.id: p.name for p in project.phases},
        "channel": {c.id: c.name for c in project.channels.values()},
        "owner": {oid: owner.name for oid, owner in config.owners.items()},
        "persona": {pid: persona.name for pid, persona in config.personas.items()},
        # personas first: a step's actor is most often someone beside the customer
        "actor": {pid: persona.name for pid, persona in config.personas.items()}
        | {oid: owner.name for oid, owner in config.owners.items()},
    }
    return {field: values for field, values in declared.items() if values}


def project_schema(project: Project, published: dict[str, Any] | None = None) -> dict[str, Any]:
    base = published if published is not None else published_schema()
    base = json.loads(json.dumps(base))  # a deep copy: the narrowing works in place
    narrowed = choices(project)
    found = set()
    for holder in holders(base):
        properties = holder["properties"]
        for name in properties.keys() & narrowed.keys():
            properties[name] = _narrow(properties[name], narrowed[name])
            found.add(name)
    if found != narrowed.keys():  # the journey models lost or renamed a field
        raise RuntimeError(f"fields not found in the journey schema: {narrowed.keys() - found}")
    base.pop("$id", None)  # that names the published schema, which this is not
    return {"$schema": base.pop("$schema"), "$comment": COMMENT, **base}


def published_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    return schema


def render(project: Project, published: dict[str, Any] | None = None) -> str:
    return json.dumps(project_schema(project, published), indent=2, ensure_ascii=False) + "\n"


def is_project_schema(text: str) -> bool:
    """Whether the text is a schema `jcode schema --project` wrote (it carries the mark)."""
    try:
        data = json.loads(text)
    except ValueError:
        return False
    comment = data.get("$comment") if isinstance(data, dict) else None
    return isinstance(comment, str) and comment.startswith(MARK)


def staleness(path: Path, project: Project) -> Message | None:
    """What is wrong with the file, when `jcode schema --project` wrote it and would not write
    the same now; None when it is current, or not a project schema at all."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not is_project_schema(text) or text == render(project):
        return None
    return _difference(json.loads(text), project)


def _difference(written: dict[str, Any], project: Project) -> Message:
    now = {field: set(values) for field, values in choices(project).items()}
    was = _listed(written)
    parts = []
    for phrases, before, after in ((LACKS, was, now), (STILL_LISTS, now, was)):
        for field in FIELDS[:-1]:  # an actor is a persona or an owner, already named
            values = sorted(after.get(field, set()) - before.get(field, set()))
            if values:
                quoted = ", ".join(f"'{show(v)}'" for v in values)
                parts.append(phrases[field](values=quoted, count=len(values)))
    if not parts:  # a name changed, or jcode's journey format, or someone edited the file
        return OUT_OF_DATE()
    differences = parts[0]
    for part in parts[1:-1]:
        differences = _THEN(earlier=differences, next=part)
    if len(parts) > 1:
        differences = _LAST(earlier=differences, last=parts[-1])
    return STALE(differences=differences)


def _listed(written: dict[str, Any]) -> dict[str, set[str]]:
    """The values a written project schema offers for each narrowed field."""
    listed: dict[str, set[str]] = {}
    for holder in holders(written):
        for name in holder["properties"].keys() & set(FIELDS):
            prop = holder["properties"][name]
            if not isinstance(prop, dict):
                continue
            # An optional field is a oneOf; an anyOf in files of earlier versions of jcode.
            for branch in [prop, *prop.get("oneOf", ()), *prop.get("anyOf", ())]:
                if isinstance(branch, dict) and isinstance(branch.get("enum"), list):
                    listed.setdefault(name, set()).update(map(str, branch["enum"]))
    return listed


def _narrow(prop: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    enum = {"type": "string", "enum": list(values), "enumDescriptions": list(values.values())}
    named = {k: v for k, v in prop.items() if k in ("title", "description")}
    if ABSENT in prop.get("oneOf", ()):  # optional (owner, persona): null stays, as if left out
        return {**named, "oneOf": [enum, ABSENT]}
    return {**named, **enum}  # the enum replaces the examples and the built-in values
