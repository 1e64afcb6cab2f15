"""Rules about names that must be declared: owners, personas, phases, channels, journeys, and
the touchpoints, actors and opportunities a stage refers to."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from jcode.findings import Problem, RuleId
from jcode.rules.base import Rule
from jcode.spec.builtins import BUILTIN_CHANNELS
from jcode.spec.stages import ideas, pains
from jcode.spec.walk import elements, stage_pointer, touchpoint_pointer
from jcode.text import closest

if TYPE_CHECKING:
    from jcode.rules.base import Context, Portfolio
    from jcode.spec import Journey
    from jcode.spec.runtime import Backstage, Exit, Step


def _hint(value: str, known: Iterable[str]) -> str:
    match = closest(value, known)
    return f"; did you mean '{match}'?" if match else ""


def check_owners(journey: Journey, context: Context) -> Iterator[Problem]:
    owners = context.project.config.owners
    if not owners:
        return
    declared = ", ".join(sorted(owners))
    if journey.owner is not None and journey.owner not in owners:
        yield Problem(
            "/owner",
            f"owner '{journey.owner}' is not declared in jcode.yaml"
            + (_hint(journey.owner, owners) or f" (declared: {declared})"),
        )
    named = {journey.owner}
    for stage in journey.stages:  # the common case first, cheaply: every owner is declared
        named.add(stage.owner)
        named.update(t.owner for t in stage.touchpoints)
        named.update(k.owner for k in stage.kpis)
        named.update(b.owner for b in stage.backstage)
        named.update(o.owner for o in ideas(stage))
    named.discard(None)
    if named <= owners.keys():
        return
    for pointer, owner in _owners_named(journey):
        if owner is not None and owner not in owners:
            yield Problem(
                f"{pointer}/owner",
                f"owner '{owner}' is not declared in jcode.yaml"
                + (_hint(owner, owners) or f" (declared: {declared})"),
            )


def _owners_named(journey: Journey) -> Iterator[tuple[str, str | None]]:
    """Every `owner` the journey writes, with the pointer of what it is written on: the
    journey's elements, and each stage's backstage work and opportunities after it."""
    for element in elements(journey):
        yield element.pointer, element.item.owner
        if element.kind == "stage":
            for i, item in enumerate(element.stage.backstage):
                yield f"{element.pointer}/backstage/{i}", item.owner
            for i, idea in enumerate(ideas(element.stage)):
                yield f"{element.pointer}/opportunities/{i}", idea.owner


def check_persona(journey: Journey, context: Context) -> Iterator[Problem]:
    personas = context.project.config.personas
    if personas and journey.persona is not None and journey.persona not in personas:
        yield Problem(
            "/persona",
            f"persona '{journey.persona}' is not declared in jcode.yaml"
            + (_hint(journey.persona, personas) or f" (declared: {', '.join(sorted(personas))})"),
        )


def check_phases(journey: Journey, context: Context) -> Iterator[Problem]:
    phases = context.project.phase_by_id
    for si, stage in enumerate(journey.stages):
        if stage.phase not in phases:
            yield Problem(
                f"{stage_pointer(si)}/phase",
                f"phase '{stage.phase}' of stage '{stage.id}' is not in the phase model "
                f"'{context.project.phase_model}'"
                + (_hint(stage.phase, phases) or f" (phases: {', '.join(phases)})"),
            )


def check_channels(journey: Journey, context: Context) -> Iterator[Problem]:
    channels = context.project.channels
    for si, stage in enumerate(journey.stages):
        for ti, touchpoint in enumerate(stage.touchpoints):
            if touchpoint.channel not in channels:
                yield Problem(
                    f"{touchpoint_pointer(si, ti)}/channel",
                    f"channel '{touchpoint.channel}' of touchpoint '{touchpoint.id}' is not in "
                    "the channel catalog"
                    + (
                        _hint(touchpoint.channel, channels)
                        or "; add it under 'channels:' in jcode.yaml"
                    ),
                )


def check_touchpoint_refs(journey: Journey, context: Context) -> Iterator[Problem]:
    """Steps, backstage items and exits name a touchpoint of the journey, of any stage (a
    customer may leave, in the last stage, through the touchpoint of an earlier one)."""
    known = [t.id for stage in journey.stages for t in stage.touchpoints]
    for si, stage in enumerate(journey.stages):
        referring: tuple[tuple[str, str, Sequence[Step | Backstage | Exit]], ...] = (
            ("steps", "step", stage.steps),
            ("backstage", "backstage item", stage.backstage),
            ("exits", "exit", stage.exits),
        )
        for field, kind, items in referring:
            for index, item in enumerate(items):
                name = item.touchpoint
                if name is None or name in known:
                    continue
                yield Problem(
                    f"{stage_pointer(si)}/{field}/{index}/touchpoint",
                    f"touchpoint '{name}' of {kind} {index + 1} of stage '{stage.id}' is not a "
                    f"touchpoint of journey '{journey.id}'"
                    + (
                        _hint(name, known)
                        or (
                            f" (touchpoints: {', '.join(known)})"
                            if known
                            else " (the journey has no touchpoints)"
                        )
                    ),
                )


def check_actors(journey: Journey, context: Context) -> Iterator[Problem]:
    config = context.project.config
    declared = config.personas.keys() | config.owners.keys()
    if not declared:  # nothing to check against: any actor goes, as with owners and personas
        return
    for si, stage in enumerate(journey.stages):
        for index, step in enumerate(stage.steps):
            if step.actor is None or step.actor in declared:
                continue
            yield Problem(
                f"{stage_pointer(si)}/steps/{index}/actor",
                f"actor '{step.actor}' of step {index + 1} of stage '{stage.id}' is neither a "
                "persona nor a team declared in jcode.yaml"
                + (_hint(step.actor, declared) or f" (declared: {', '.join(sorted(declared))})"),
            )


def check_opportunity_refs(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        known = [idea.id for idea in ideas(stage) if idea.id is not None]
        for pi, pain in enumerate(pains(stage)):
            for ai, name in enumerate(pain.addressed_by):
                if name in known:
                    continue
                yield Problem(
                    f"{stage_pointer(si)}/pain_points/{pi}/addressed_by/{ai}",
                    f"opportunity '{name}' is not an opportunity of stage '{stage.id}'"
                    + (
                        _hint(name, known)
                        or (
                            f" (opportunities: {', '.join(known)})"
                            if known
                            else " (the stage has no opportunity with an id)"
                        )
                    ),
                )


def check_related(portfolio: Portfolio) -> Iterator[tuple[int, Problem]]:
    """Related journeys that are neither among these files nor beside them. A file that does
    not match the schema still declares its id, when readable, so it exists for `related`."""
    declared = {m.journey_id for m in portfolio.members if m.journey_id is not None}
    for index, member in enumerate(portfolio.members):
        for related_id, pointer, position in member.related:
            if related_id not in declared and related_id not in portfolio.other_ids:
                yield (
                    index,
                    Problem(pointer, f"related journey '{related_id}' does not exist", position),
                )


RULES = (
    Rule(
        id=RuleId.UNKNOWN_OWNER,
        severity="error",
        summary="An owner is not declared under `owners` in jcode.yaml.",
        what=(
            "An `owner` on the journey, a stage, a touchpoint, a KPI, backstage work or an "
            "opportunity that names no team under `owners:` in jcode.yaml. Only checked when "
            "jcode.yaml declares owners."
        ),
        why=(
            "Ownership is what keeps a journey map alive: a misspelt team owns nothing, so its "
            "stages appear on no team's page and nobody is asked to fix their gaps."
        ),
        example="owner: legale   # jcode.yaml declares 'legal'\n",
        fix="Use a declared team id, or declare the team under `owners:` in jcode.yaml.",
        document=check_owners,
    ),
    Rule(
        id=RuleId.UNKNOWN_PERSONA,
        severity="error",
        summary="A persona is not declared under `personas` in jcode.yaml.",
        what=(
            "A journey's `persona` that names nobody under `personas:` in jcode.yaml. Only "
            "checked when jcode.yaml declares personas."
        ),
        why=(
            "A journey is walked by a specific customer; mapping it \"from the customer's point "
            'of view" needs to know which customer. An undeclared persona breaks that link.'
        ),
        example="persona: remote-worker   # jcode.yaml declares 'remote-professional'\n",
        fix="Use a declared persona id, or declare it under `personas:` in jcode.yaml.",
        document=check_persona,
    ),
    Rule(
        id=RuleId.UNKNOWN_PHASE,
        severity="error",
        summary="A stage's phase is not in the project's phase model.",
        what="A stage whose `phase` is not a phase of the model jcode.yaml chooses (default "
        "seven-stage: discovery, evaluation, interest, purchase, post-purchase, loyalty, "
        "advocacy).",
        why=(
            "Phases place a stage before, during or after the purchase; every coverage check "
            "and the site's portfolio grid depend on them. An unknown phase drops the stage "
            "from all of them."
        ),
        example=(
            "- id: research\n  name: Research\n"
            "  phase: valutazione   # the model says 'evaluation'\n"
        ),
        fix=(
            "Use a phase of the project's model (the message suggests the nearest one), or "
            "declare a custom phase model in jcode.yaml."
        ),
        document=check_phases,
    ),
    Rule(
        id=RuleId.UNKNOWN_CHANNEL,
        severity="error",
        summary="A touchpoint's channel is not in the channel catalog.",
        what=(
            f"A touchpoint whose `channel` is neither a built-in channel "
            f"({', '.join(BUILTIN_CHANNELS)}) nor declared under `channels:`."
        ),
        why=(
            "The channel says whether a touchpoint is online or offline and whether a person "
            "assists the customer; the channel matrix and the assistance and coverage checks "
            "read it."
        ),
        example=(
            "- id: newsletter\n  name: Newsletter\n  channel: e-mail   # the catalog says 'email'\n"
        ),
        fix="Use a catalog channel, or declare the channel (name, mode, assisted) in jcode.yaml.",
        document=check_channels,
    ),
    Rule(
        id=RuleId.UNKNOWN_TOUCHPOINT,
        severity="error",
        summary="A step, backstage item or exit names a touchpoint the journey does not have.",
        what=(
            "The `touchpoint` of a step, a backstage item or an exit that is not the id of a "
            "touchpoint of the journey, in any of its stages."
        ),
        why=(
            "The touchpoint is where the step happens, what the backstage work supports, where "
            "customers leave; the page draws the step under it. A misspelt id links the step "
            "to nothing, and the map shows it nowhere."
        ),
        example=(
            "touchpoints:\n  - {id: live-chat, name: Live chat, channel: chat}\n"
            "steps:\n  - {text: Asks about the warranty, touchpoint: livechat}\n"
        ),
        fix="Use the id of one of the journey's touchpoints, or add the touchpoint to a stage.",
        document=check_touchpoint_refs,
    ),
    Rule(
        id=RuleId.UNKNOWN_ACTOR,
        severity="error",
        summary="A step's actor is neither a declared persona nor a declared team.",
        what=(
            "A step whose `actor` names nobody under `personas:` nor any team under `owners:` "
            "in jcode.yaml. Only checked when jcode.yaml declares personas or owners."
        ),
        why=(
            "A step someone other than the customer takes (an adviser calls back, a courier "
            "delivers) is shown with who takes it; an undeclared actor is a name nobody can "
            "tell apart from a typo, and it appears on no team's page."
        ),
        example="steps:\n  - {text: Calls the customer back, actor: customer-car}\n",
        fix="Use a declared persona or team id, or declare it in jcode.yaml.",
        document=check_actors,
    ),
    Rule(
        id=RuleId.UNKNOWN_OPPORTUNITY,
        severity="error",
        summary="A pain point's `addressed_by` names an opportunity the stage does not have.",
        what=(
            "An id under a pain point's `addressed_by:` that is not the `id` of an opportunity "
            "of the same stage."
        ),
        why=(
            "Linking a pain point to the opportunities that address it is how the map shows "
            "which pains have an answer; a link to nothing makes a pain look addressed when "
            "it is not."
        ),
        example=(
            "pain_points:\n  - {text: Shipping costs appear late, addressed_by: [show-costs]}\n"
            "opportunities:\n  - {id: show-cost, text: Show shipping costs on the product page}\n"
        ),
        fix="Use the id of one of the stage's opportunities, or give the opportunity that id.",
        document=check_opportunity_refs,
    ),
    Rule(
        id=RuleId.UNKNOWN_JOURNEY,
        severity="error",
        summary="A `related` entry names no journey.",
        what="An id under a journey's `related:` that no journey file in the run declares.",
        why=(
            "Related journeys are links on the site; a link to nothing is a dead end for the "
            "stakeholder who follows it."
        ),
        example="related: [laptop-repair]   # no journey has this id\n",
        fix="Use the id of an existing journey, or remove the entry.",
        portfolio=check_related,
    ),
)
