"""The portfolio's shared pieces: the moments that group a header's columns."""

from __future__ import annotations

from jcode.site.index import spans
from jcode.site.views import Span


def test_consecutive_columns_of_a_moment_are_one_span() -> None:
    moments = ["pre-purchase", "pre-purchase", "purchase", "post-purchase", "post-purchase"]
    assert spans(moments) == (
        Span("pre-purchase", 2),
        Span("purchase", 1),
        Span("post-purchase", 2),
    )


def test_a_moment_that_comes_back_starts_a_new_span() -> None:
    # A journey map's columns follow the phases, and an unknown phase ("other") goes last.
    moments = ["pre-purchase", "other", "pre-purchase"]
    assert spans(moments) == (Span("pre-purchase", 1), Span("other", 1), Span("pre-purchase", 1))
    assert spans([]) == ()
