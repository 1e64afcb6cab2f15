"""What the site's templates read: plain data, built once per build by site/index.py. Names
are in the site's language; nothing here is HTML but the rule docs (site/rule_docs.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple

from markupsafe import Markup

from jcode.findings import Finding, Severity, SuppressedFinding
from jcode.linter import JourneyFile
from jcode.site.emotion import Curve
from jcode.spec import Journey, Kpi, Stage, Touchpoint
from jcode.spec.runtime import Backstage, Exit, Step
from jcode.spec.stages import Idea


class Column(NamedTuple):
    """A phase of the project's model, as a column of the coverage and channel tables."""

    id: str
    name: str
    moment: str


class Span(NamedTuple):
    """Consecutive columns of one moment (or of one phase), as a header row groups them."""

    moment: str
    width: int
    label: str  # the moment's name (or the phase's)


class TouchpointCard(NamedTuple):
    touchpoint: Touchpoint
    channel: str  # its name
    mode: str  # "online" | "offline"
    owner: str | None  # effective
    managed_by: str  # effective: its own, else its channel's (Project.managed_by)


class KpiCard(NamedTuple):
    kpi: Kpi
    baseline: str  # the figure as shown, "?" when unknown
    target: str
    owner: str | None  # effective


class StepCard(NamedTuple):
    step: Step
    touchpoint: str | None  # its name
    actor: str | None  # the name of whoever takes it, when that is not the journey's persona


class BackstageCard(NamedTuple):
    backstage: Backstage
    touchpoint: str | None  # the name of the one it supports
    owner: str | None  # effective: its own, else its stage's, else the journey's


class ExitCard(NamedTuple):
    exit: Exit
    touchpoint: str | None  # its name
    share: str  # "12.5%", "" when unknown


class PainCard(NamedTuple):
    text: str
    addressed_by: tuple[str, ...]  # the texts of the opportunities that address it


class Feel(NamedTuple):
    """An emotion as the map writes it: the step of its colour (jcode.css: jc-feel-0 for -2 to
    jc-feel-4 for +2), its figure ("+1") and its word."""

    step: int
    figure: str
    word: str


class StageColumn(NamedTuple):
    """A stage as the journey map shows it: a column, in the file's order."""

    stage: Stage
    phase: str  # its phase's name
    moment: str  # "other" when the phase is not in the model
    owner: str | None  # effective
    feel: Feel | None  # its emotion's, None when it has none
    touchpoints: tuple[TouchpointCard, ...]
    kpis: tuple[KpiCard, ...]
    steps: tuple[StepCard, ...]
    backstage: tuple[BackstageCard, ...]
    exits: tuple[ExitCard, ...]
    pains: tuple[PainCard, ...]
    ideas: tuple[Idea, ...]

    @property
    def words(self) -> list[str]:
        """What search finds the stage by."""
        stage = self.stage
        words = [stage.timing or "", stage.goal or "", *(s.text for s in stage.steps)]
        for card in self.touchpoints:
            words += [card.touchpoint.name, card.channel, card.touchpoint.description or ""]
        words += [k.name for k in stage.kpis]
        words += [p.text for p in self.pains] + [o.text for o in self.ideas]
        return [w for w in words if w]


class Cell(NamedTuple):
    """A journey's stages in one phase, as the home page's coverage grid counts them."""

    touchpoints: int
    flagged: bool  # one of them has findings


class KeyMoment(NamedTuple):
    """A moment that matters: a stage's, or a step's within it."""

    stage: Stage
    step: str | None  # the step's text; None for the stage as a whole
    reason: str


class JourneyView(NamedTuple):
    id: str
    path: str  # of its page
    file: JourneyFile
    journey: Journey
    stages: tuple[StageColumn, ...]  # in file order: the map's columns
    spans: tuple[Span, ...]  # the map's moments, a banner per run of stages
    phases: tuple[Span, ...]  # the map's phases, a cell per run of stages
    lanes: frozenset[str]  # the map's rows that some stage fills
    key_moments: tuple[KeyMoment, ...]  # in file order
    scope: str  # what the map leaves out, as a sentence; "" when it covers every moment
    curve: Curve
    coverage: tuple[Cell | None, ...]  # by the project's phases; None: no stage there
    counts: dict[Severity, int]  # its findings
    source: tuple[str, str] | None  # (address, file name) of its file, with site.repo_url

    @property
    def title(self) -> str:
        return self.journey.title


class Owned(NamedTuple):
    """Something a team owns, effectively: a journey, a stage, a touchpoint or a KPI."""

    kind: str
    journey: JourneyView  # the one it is in
    anchor: str  # its place on the journey's page ("" for the journey itself)
    name: str


def by_journey(owned: Iterable[Owned]) -> Iterator[tuple[JourneyView, Iterator[Owned]]]:
    """What a team owns, journey by journey: each journey's things come together (_owned)."""
    return groupby(owned, key=attrgetter("journey"))


class OwnerView(NamedTuple):
    id: str
    path: str
    title: str  # its name, or its id when undeclared
    declared: bool
    contact: str  # "" when none
    owns: tuple[Owned, ...]


class PersonaView(NamedTuple):
    id: str
    path: str
    title: str  # its name, or its id when undeclared
    declared: bool
    about: str  # its description, "" when none
    journeys: tuple[str, ...]  # the ids of its journeys, in id order
    takes_part: tuple[str, ...] = ()  # journeys where it takes a step (actor), not its own


class ChannelRow(NamedTuple):
    name: str
    cells: tuple[tuple[int, int], ...]  # (owned, third-party) touchpoints, by the project's phases
    total: int


class Gaps(NamedTuple):
    findings: tuple[Finding, ...]  # of every file, then of the project
    counts: dict[Severity, int]
    by_rule: tuple[tuple[str, tuple[Finding, ...]], ...]  # in the registry's order
    rules_found: tuple[str, ...]  # in the order of their first finding
    journeys: tuple[JourneyView, ...]  # those with findings
    invalid: tuple[Finding, ...]  # of the files that have no journey
    suppressed: tuple[SuppressedFinding, ...]


class RuleDoc(NamedTuple):
    id: str
    severity: str
    what: Markup  # rendered from the rule's Markdown, without the paragraph around it
    why: Markup
    example: str  # YAML, as text
    fix: Markup
