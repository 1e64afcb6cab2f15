"""`jcode new`: a journey skeleton, written beside the project's other journeys."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from jcode.app.project import CANNOT_WRITE, declared_project, shown
from jcode.errors import JcodeError
from jcode.layout import PROJECT_SCHEMA_PATH
from jcode.record import Record


class NewRequest(Record):
    __slots__ = ("config_file", "journey_id", "owner", "persona", "title")

    def __init__(
        self,
        journey_id: str,
        title: str | None = None,
        persona: str | None = None,
        owner: str | None = None,
        config_file: Path | None = None,
    ) -> None:
        self.journey_id: Final = journey_id
        self.title: Final = title  # None: from the id, marked TODO
        self.persona: Final = persona
        self.owner: Final = owner
        self.config_file: Final = config_file


class NewJourney(Record):
    __slots__ = ("has_schema", "path", "phase_model", "stages")

    def __init__(self, path: Path, stages: int, phase_model: str, has_schema: bool) -> None:
        self.path: Final = path
        self.stages: Final = stages  # to fill in
        self.phase_model: Final = phase_model
        self.has_schema: Final = has_schema  # whether editors have the project schema yet


def new_journey(request: NewRequest) -> NewJourney:
    """Write the skeleton; an existing file or journey id is never replaced."""
    from jcode.authoring import journey_path
    from jcode.authoring import new_journey as skeleton

    project = declared_project(request.config_file)
    path = journey_path(project, request.journey_id)
    text = skeleton(project, request.journey_id, request.title, request.persona, request.owner)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as stream:  # "x": never replace
            stream.write(text)
    except OSError as exc:
        raise JcodeError(CANNOT_WRITE(path=shown(path), reason=str(exc.strerror))) from None
    return NewJourney(
        path,
        text.count("\n  - id: "),
        project.phase_model,
        (project.root / PROJECT_SCHEMA_PATH).is_file(),
    )
