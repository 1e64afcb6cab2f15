"""The emotion curve of a journey map: each emotion as a point in its stage's column, joined by a
line wherever neighbouring points have one. Geometry only; templates/map.html draws it.

The drawing is 100 units per column and 100 high, stretched to the table's width: the axis
(emotion 0) is at 50 and each step of emotion is 20 units, +2 at the top.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class Dot(NamedTuple):
    x: str  # coordinates, written as the SVG has them
    y: str
    emotion: int
    name: str  # the stage's or the step's, for the dot's tooltip


class Curve(NamedTuple):
    width: int
    lines: tuple[str, ...]  # the points of each run of points that all have an emotion
    dots: tuple[Dot, ...]


class Point(NamedTuple):
    at: float  # where, in columns from the left: 0.5 is the middle of the first
    name: str
    emotion: int | None  # None leaves a gap in the line


def emotion_curve(columns: int, points: Sequence[Point]) -> Curve:
    """The curve through the points, left to right, over `columns` columns."""
    runs: list[list[str]] = [[]]
    dots = []
    for at, name, emotion in points:
        if emotion is None:
            runs.append([])
            continue
        x, y = f"{round(100 * at, 2):g}", f"{50 - 20 * emotion:g}"
        runs[-1].append(f"{x},{y}")
        dots.append(Dot(x, y, emotion, name))
    lines = tuple(" ".join(run) for run in runs if len(run) > 1)
    return Curve(100 * columns, lines, tuple(dots))


def stage_points(
    stages: Sequence[tuple[str, int | None, Sequence[tuple[str, int | None]]]],
) -> list[Point]:
    """The points of each (name, emotion, steps as (text, emotion)) stage in turn: its steps
    spread across its column when they have emotions (those without one are passed over),
    else the stage itself in the middle of its column."""
    points = []
    for n, (name, emotion, steps) in enumerate(stages):
        if any(e is not None for _, e in steps):
            points += [
                Point(n + (j + 0.5) / len(steps), text, e)
                for j, (text, e) in enumerate(steps)
                if e is not None
            ]
        else:
            points.append(Point(n + 0.5, name, emotion))
    return points
