"""The portfolio's shared pieces: the runs of columns that a header cell spans, and the
figures as the site's language writes them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jcode import i18n
from jcode.config import parse_config
from jcode.linter import lint
from jcode.site.index import Portfolio
from jcode.site.labels import Words
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


def _shares(language: str, shares: list[float]) -> list[str]:
    """The exit shares of one stage as the journey page prints them, in the site's language."""
    project = parse_config(f"site: {{language: {language}}}\n", Path("jcode.yaml"))
    exits = ", ".join(f"{{text: Leaves, share: {share}}}" for share in shares)
    journey = (
        "id: j\ntitle: J\nowner: x\n"
        f"stages:\n  - {{id: s, name: S, phase: discovery, exits: [{exits}]}}\n"
    )
    result = lint([("journeys/j.yaml", journey.encode())], project, date(2026, 1, 1), jobs=1)
    [view] = Portfolio(result, project).journeys.values()
    [stage] = view.stages
    words = Words(i18n.catalog(language))
    return [words("exit_share", share=card.share) for card in stage.exits]


def test_an_exit_share_reads_as_its_language_writes_it() -> None:
    assert _shares("en", [12.5, 8]) == ["12.5% leave here", "8% leave here"]
    assert _shares("it", [12.5, 8, 11, 85, 0, 100, 1.5]) == [
        "il 12,5% abbandona qui",
        "l'8% abbandona qui",
        "l'11% abbandona qui",
        "l'85% abbandona qui",
        "lo 0% abbandona qui",
        "il 100% abbandona qui",
        "l'1,5% abbandona qui",
    ]


def test_a_persona_who_takes_a_step_in_another_journey_is_listed_there() -> None:
    # A parent who signs the form in the child's journey: its page named no journey at all.
    project = parse_config(
        "personas:\n  child: {name: Child}\n  parent: {name: Parent}\n", Path("jcode.yaml")
    )
    journey = (
        "id: first-card\ntitle: First card\npersona: child\nowner: x\nstages:\n"
        "  - id: s\n    name: S\n    phase: discovery\n    steps:\n"
        "      - {text: Signs the form, actor: parent}\n      - {text: Waits, actor: child}\n"
    )
    result = lint([("journeys/first-card.yaml", journey.encode())], project, date(2026, 1, 1))
    personas = Portfolio(result, project).personas
    assert (personas["parent"].journeys, personas["parent"].takes_part) == ((), ("first-card",))
    assert (personas["child"].journeys, personas["child"].takes_part) == (("first-card",), ())
