"""The emotion curve of a journey map: each stage's emotion as a point in its column, joined by a
line wherever neighbouring stages have one. Geometry only; templates/emotion.html draws it.

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
    stage: str  # its name, for the dot's tooltip


class Curve(NamedTuple):
    width: int
    lines: tuple[str, ...]  # the points of each run of stages that all have an emotion
    dots: tuple[Dot, ...]


def emotion_curve(stages: Sequence[tuple[str, int | None]]) -> Curve:
    """The curve through (name, emotion) of each column in turn; None leaves a gap."""
    runs: list[list[str]] = [[]]
    dots = []
    for n, (name, emotion) in enumerate(stages):
        if emotion is None:
            runs.append([])
            continue
        x, y = f"{100 * n + 50:g}", f"{50 - 20 * emotion:g}"
        runs[-1].append(f"{x},{y}")
        dots.append(Dot(x, y, emotion, name))
    lines = tuple(" ".join(run) for run in runs if len(run) > 1)
    return Curve(100 * len(stages), lines, tuple(dots))
