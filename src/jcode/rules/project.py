"""Rules about the repository around the journeys rather than one journey: the editor schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from jcode.findings import Problem, RuleId
from jcode.i18n import Template
from jcode.layout import PROJECT_SCHEMA_PATH
from jcode.rules.base import Rule

if TYPE_CHECKING:
    from jcode.spec import Project


def check_project_schema(project: Project) -> Iterator[tuple[Path, Problem]]:
    """The schema `jcode schema --project` wrote beside jcode.yaml, when jcode.yaml has left it
    behind; at its top."""
    path = project.root / PROJECT_SCHEMA_PATH
    if project.config_path is None or not path.is_file():
        return
    from jcode.project_schema import staleness  # json: only where there is a schema file

    message = staleness(path, project)  # its templates are there, beside what it compares
    if message is not None:
        yield path, Problem("", message, (1, 1))


RULES = (
    Rule(
        id=RuleId.STALE_PROJECT_SCHEMA,
        severity="info",
        summary=Template(
            "doc.stale-project-schema.summary", "The project schema no longer matches jcode.yaml."
        ),
        what=Template(
            "doc.stale-project-schema.what",
            "`schema/journey.schema.json` beside jcode.yaml, written by `jcode schema --project`, "
            "differs from what that command would write now: jcode.yaml has gained or lost a "
            "phase, channel, owner or persona, renamed one, or jcode's journey format has "
            "changed. Reported once, at the top of the schema file, naming the values it lacks "
            "or still lists. A schema file that `jcode schema --project` did not write is never "
            "reported.",
        ),
        why=Template(
            "doc.stale-project-schema.why",
            "Editors complete and check journeys against that file. A stale one offers a team "
            "that no longer exists and flags the one just added as an error, so people learn to "
            "ignore the editor, or `jcode lint` fails on a value the editor suggested.",
        ),
        example=Template(
            "doc.stale-project-schema.example",
            "# jcode.yaml, after `jcode schema --project` wrote the schema\n"
            "owners:\n"
            "  sales: {name: Sales}\n"
            "  partners: {name: Partner management}   # new: the editor does not offer it\n",
        ),
        fix=Template(
            "doc.stale-project-schema.fix",
            "Run `jcode schema --project` and commit the schema with the change to jcode.yaml.",
        ),
        project=check_project_schema,
    ),
)
