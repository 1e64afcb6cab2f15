"""The emotion curve's geometry: a point per stage (or step) with an emotion, lines between
neighbours."""

from __future__ import annotations

from jcode.site.emotion import Curve, Dot, Point, emotion_curve, stage_points


def curve_of(*stages: tuple[str, int | None, list[tuple[str, int | None]]]) -> Curve:
    return emotion_curve(len(stages), stage_points(stages))


def test_a_line_joins_neighbouring_emotions_and_breaks_where_one_is_missing() -> None:
    curve = curve_of(
        ("Search", 1, []), ("Compare", -2, []), ("Wait", None, []), ("Buy", 2, []), ("Use", 0, [])
    )
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
    assert curve_of(("Search", None, []), ("Compare", -1, []), ("Buy", None, [])) == Curve(
        width=300, lines=(), dots=(Dot("150", "70", -1, "Compare"),)
    )


def test_no_emotion_leaves_the_axis_alone() -> None:
    assert curve_of(("Search", None, []), ("Buy", None, [])) == Curve(200, (), ())


def test_steps_with_emotions_replace_their_stage_in_its_column() -> None:
    """Three steps share the second column in thirds; the one without an emotion is passed over
    without breaking the line, and the stage's own emotion gives way to its steps'."""
    curve = curve_of(
        ("Search", 1, [("Reads", None)]),
        ("Compare", -2, [("Asks", 2), ("Waits", None), ("Books", -1)]),
    )
    assert curve == Curve(
        width=200,
        lines=("50,30 116.67,10 183.33,70",),
        dots=(
            Dot("50", "30", 1, "Search"),
            Dot("116.67", "10", 2, "Asks"),
            Dot("183.33", "70", -1, "Books"),
        ),
    )
    assert emotion_curve(1, [Point(0.25, "A", 0)]).dots == (Dot("25", "50", 0, "A"),)
