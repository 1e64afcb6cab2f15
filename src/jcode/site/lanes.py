"""How the journey map is laid out: the banners over runs of stages, and the lanes it draws."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import groupby
from typing import Final

from jcode.site.views import Span, StageColumn
from jcode.spec.values import Moment


def spans(columns: Iterable[tuple[str, str]]) -> tuple[Span, ...]:
    """The runs of consecutive columns of one (moment, label), each as a header cell spans them."""
    return tuple(Span(moment, len(list(run)), label) for (moment, label), run in groupby(columns))


def names(labels: Mapping[Moment, str], other: str) -> dict[str, str]:
    """The banners' labels by moment, and "other" for the phases outside the model."""
    names = {"other": other}
    for moment, name in labels.items():
        names[moment] = name
    return names


# The map's rows that a stage may leave empty, each with whether a stage fills it.
_LANES: Final[dict[str, Callable[[StageColumn], object]]] = {
    "timing": lambda c: c.stage.timing,
    "goal": lambda c: c.stage.goal,
    "steps": lambda c: c.steps,
    "thoughts": lambda c: c.stage.thoughts,
    "feelings": lambda c: c.stage.feelings,
    "feel": lambda c: c.feel,
    "touchpoints": lambda c: c.touchpoints,
    "backstage": lambda c: c.backstage,
    "exits": lambda c: c.exits,
    "pain_points": lambda c: c.pains,
    "opportunities": lambda c: c.ideas,
    "kpis": lambda c: c.kpis,
    "owner": lambda c: c.owner,
}


def lanes(stages: Sequence[StageColumn], curve: bool) -> frozenset[str]:
    """The rows the map draws: those some stage fills, the curve when it has a point."""
    used = {lane for lane, fills in _LANES.items() if any(fills(c) for c in stages)}
    return frozenset(used | ({"curve"} if curve else set()))
