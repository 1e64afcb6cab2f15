"""The emotion curve's geometry: a point per stage with an emotion, lines between neighbours."""

from __future__ import annotations

from jcode.site.emotion import Curve, Dot, emotion_curve


def test_a_line_joins_neighbouring_emotions_and_breaks_where_one_is_missing() -> None:
    curve = emotion_curve([("Search", 1), ("Compare", -2), ("Wait", None), ("Buy", 2), ("Use", 0)])
    assert curve == Curve(
        width=500,
        lines=("50,30 150,90", "350,10 450,50"),
        dots=(
            Dot("50", "30", 1, "Search"),
            Dot("150", "90", -2, "Compare"),
            Dot("350", "10", 2, "Buy"),
            Dot("450", "50", 0, "Use"),
        ),
    )


def test_a_lone_emotion_is_a_point_without_a_line() -> None:
    assert emotion_curve([("Search", None), ("Compare", -1), ("Buy", None)]) == Curve(
        width=300, lines=(), dots=(Dot("150", "70", -1, "Compare"),)
    )


def test_no_emotion_leaves_the_axis_alone() -> None:
    assert emotion_curve([("Search", None), ("Buy", None)]) == Curve(200, (), ())
