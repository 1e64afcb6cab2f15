"""Ways through a journey that rules, the site and the differ share: pointers and owners."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from jcode.record import Record
from jcode.spec.runtime import Journey, Kpi, Stage, Touchpoint


def stage_pointer(index: int) -> str:
    return f"/stages/{index}"


def touchpoint_pointer(stage_index: int, index: int) -> str:
    return f"/stages/{stage_index}/touchpoints/{index}"


def kpi_pointer(stage_index: int, index: int) -> str:
    return f"/stages/{stage_index}/kpis/{index}"


class Element(Record):
    """A stage, touchpoint or KPI with its place in the journey and its effective owner."""

    __slots__ = ("item", "kind", "owner", "pointer", "stage", "stage_index")

    def __init__(
        self,
        pointer: str,
        kind: str,  # "stage" | "touchpoint" | "kpi"
        stage_index: int,
        stage: Stage,
        item: Stage | Touchpoint | Kpi,
        owner: str | None,  # effective: its own, else its stage's, else the journey's
    ) -> None:
        self.pointer: Final = pointer
        self.kind: Final = kind
        self.stage_index: Final = stage_index
        self.stage: Final = stage
        self.item: Final = item
        self.owner: Final = owner


def elements(journey: Journey) -> Iterator[Element]:
    """Every stage, then its touchpoints and KPIs, in file order, with effective owners."""
    for si, stage in enumerate(journey.stages):
        stage_owner = stage.owner or journey.owner
        yield Element(stage_pointer(si), "stage", si, stage, stage, stage_owner)
        for ti, touchpoint in enumerate(stage.touchpoints):
            yield Element(
                touchpoint_pointer(si, ti),
                "touchpoint",
                si,
                stage,
                touchpoint,
                touchpoint.owner or stage_owner,
            )
        for ki, kpi in enumerate(stage.kpis):
            yield Element(kpi_pointer(si, ki), "kpi", si, stage, kpi, kpi.owner or stage_owner)
