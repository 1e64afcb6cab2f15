"""A stage's pain points and opportunities as one shape each, whichever way the file wrote them:
text, or an object (a pain point linked to the opportunities that address it, an opportunity
with an id and an owner)."""

from __future__ import annotations

from typing import NamedTuple

from jcode.spec.runtime import Stage


class Pain(NamedTuple):
    text: str
    addressed_by: tuple[str, ...] = ()  # ids of the stage's opportunities
    linked: bool = False  # written as an object, so it says what addresses it


class Idea(NamedTuple):
    text: str
    id: str | None = None
    owner: str | None = None


def pains(stage: Stage) -> tuple[Pain, ...]:
    return tuple(
        Pain(p) if isinstance(p, str) else Pain(p.text, p.addressed_by, True)
        for p in stage.pain_points
    )


def ideas(stage: Stage) -> tuple[Idea, ...]:
    return tuple(
        Idea(o) if isinstance(o, str) else Idea(o.text, o.id, o.owner) for o in stage.opportunities
    )


def links_pains(stage: Stage) -> bool:
    """The stage links pain points to opportunities (one pain point written as an object)."""
    return any(not isinstance(p, str) for p in stage.pain_points)
