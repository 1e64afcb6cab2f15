"""Journeys as an import builds them: the rows of several sheets, or the lines of a diagram,
each adding what it says to a journey, a stage or an element.

Two places that say different things about one field (a stage named one way in one row and
another way in the next) are an error that names both: an import never picks one for the user.
"""

from __future__ import annotations

from typing import Any, Final

from jcode.i18n import Message, Template
from jcode.importing.source import Source
from jcode.importing.writer import Draft, Noted
from jcode.schema_messages import ELEMENTS
from jcode.text import show

CONFLICT = Template(
    "error.import.conflict",
    "{element} has {field} '{value}' here and '{other}' at {place}",
)
CONFLICT_JOURNEY = Template(
    "error.import.conflict.journey",
    "journey '{journey}' has {field} '{value}' here and '{other}' at {place}",
)


class Place:
    """Where a value was read: a file, a line and a column."""

    __slots__ = ("column", "line", "source")

    def __init__(self, source: Source, line: int, column: int) -> None:
        self.source: Final = source
        self.line: Final = line
        self.column: Final = column

    def __str__(self) -> str:
        return f"{self.source.name}:{self.line}:{self.column}"


class Fields:
    """An element's fields, each with the place that said it."""

    __slots__ = ("element", "places", "values")

    def __init__(self, element: Message | str) -> None:
        # What it is: a stage, touchpoint or KPI in CONFLICT's words, a journey's id.
        self.element: Final = element
        self.values: dict[str, Any] = {}
        self.places: dict[str, Place] = {}

    def put(self, field: str, value: Any, place: Place) -> None:
        """Set a field; None says nothing. The same value twice is fine, another is an error."""
        if value is None or value == "":
            return
        if field not in self.values:
            self.values[field] = value
            self.places[field] = place
            return
        known = self.values[field]
        if _plain(known) != _plain(value):
            values = {
                "field": field,
                "value": show(_plain(value)),
                "other": show(_plain(known)),
                "place": str(self.places[field]),
            }
            problem = (
                CONFLICT_JOURNEY(journey=self.element, **values)
                if isinstance(self.element, str)
                else CONFLICT(element=self.element, **values)
            )
            raise place.source.error(place.line, place.column, problem)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Noted) else value


class StageDraft:
    __slots__ = ("fields", "kpis", "steps", "touchpoints")

    def __init__(self, stage_id: str) -> None:
        self.fields: Final = Fields(ELEMENTS["stages"][0](id=stage_id))
        self.fields.values["id"] = stage_id
        self.touchpoints: Final[dict[str, Fields]] = {}
        self.kpis: Final[dict[str, Fields]] = {}
        self.steps: Final[list[Draft]] = []  # in order: rows of a sheet, tasks of a diagram

    def element(self, kind: str, element_id: str) -> Fields:
        """The touchpoint or KPI with this id, new when the stage has none."""
        elements = self.touchpoints if kind == "touchpoints" else self.kpis
        if element_id not in elements:
            elements[element_id] = Fields(ELEMENTS[kind][0](id=element_id))
            elements[element_id].values["id"] = element_id
        return elements[element_id]

    def draft(self, journey_owner: Any, persona: Any) -> Draft:
        """The stage as it is written. A sheet gives each element's effective owner: it is
        written where it is not the one the element inherits, and a step's actor where it is
        not the journey's persona, as a person writes them."""
        stage = dict(self.fields.values)
        if "owner" in stage and stage["owner"] == journey_owner:
            del stage["owner"]
        inherited = self.fields.values.get("owner", journey_owner)
        if self.steps:
            stage["steps"] = [_without(step, "actor", persona) for step in self.steps]
        for name, elements in (("touchpoints", self.touchpoints), ("kpis", self.kpis)):
            if elements:
                stage[name] = [_without(e.values, "owner", inherited) for e in elements.values()]
        return stage


def _without(item: Draft, field: str, inherited: Any) -> Draft:
    """The item without `field` where it holds what the item inherits anyway."""
    return {k: v for k, v in item.items() if k != field or v != inherited}


class JourneyDraft:
    """A journey being imported; `sources` are the files it comes from, `actors` the Mermaid
    actors no persona or team matched."""

    __slots__ = ("actors", "fields", "sources", "stages")

    def __init__(self, journey_id: str) -> None:
        self.fields: Final = Fields(journey_id)
        self.fields.values["id"] = journey_id
        self.stages: Final[dict[str, StageDraft]] = {}
        self.sources: Final[list[str]] = []
        self.actors: Final[list[str]] = []

    @property
    def id(self) -> str:
        return str(self.fields.values["id"])

    def stage(self, stage_id: str) -> StageDraft:
        if stage_id not in self.stages:
            self.stages[stage_id] = StageDraft(stage_id)
        return self.stages[stage_id]

    def came_from(self, source: Source) -> None:
        if source.name not in self.sources:
            self.sources.append(source.name)

    def draft(self) -> Draft:
        owner, persona = self.fields.values.get("owner"), self.fields.values.get("persona")
        stages = [s.draft(owner, persona) for s in self.stages.values()]
        return {**self.fields.values, "stages": stages}
