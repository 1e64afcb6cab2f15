"""The portfolio's shared pieces: the runs of columns that a header cell spans."""

from __future__ import annotations

from jcode.site.lanes import spans
from jcode.site.views import Span

PRE, BUY, POST = ("pre-purchase", "Before"), ("purchase", "Buying"), ("post-purchase", "After")


def test_consecutive_columns_of_a_moment_are_one_span() -> None:
    assert spans([PRE, PRE, BUY, POST, POST]) == (
        Span("pre-purchase", 2, "Before"),
        Span("purchase", 1, "Buying"),
        Span("post-purchase", 2, "After"),
    )


def test_a_moment_that_comes_back_starts_a_new_span() -> None:
    # A journey map's columns are its stages as written: a journey can go back.
    assert spans([PRE, BUY, PRE]) == (
        Span("pre-purchase", 1, "Before"),
        Span("purchase", 1, "Buying"),
        Span("pre-purchase", 1, "Before"),
    )
    assert spans([]) == ()


def test_two_phases_of_one_moment_are_two_spans() -> None:
    # The phase row: a cell per run of one phase, under the same moment's banner.
    phases = [("pre-purchase", "Discovery"), ("pre-purchase", "Evaluation")]
    assert spans([*phases, phases[1]]) == (
        Span("pre-purchase", 1, "Discovery"),
        Span("pre-purchase", 2, "Evaluation"),
    )
