"""Rules about names that must be declared: owners, personas, phases, channels, journeys."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from jcode.findings import Problem, RuleId
from jcode.rules.base import Rule
from jcode.spec.walk import elements, stage_pointer, touchpoint_pointer
from jcode.text import closest

if TYPE_CHECKING:
    from jcode.rules.base import Context, Portfolio
    from jcode.spec import Journey


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
    named.discard(None)
    if named <= owners.keys():
        return
    for element in elements(journey):
        owner = element.item.owner
        if owner is not None and owner not in owners:
            yield Problem(
                f"{element.pointer}/owner",
                f"owner '{owner}' is not declared in jcode.yaml"
                + (_hint(owner, owners) or f" (declared: {declared})"),
            )


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
            "An `owner` on the journey, a stage, a touchpoint or a KPI that names no team under "
            "`owners:` in jcode.yaml. Only checked when jcode.yaml declares owners."
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
            "A touchpoint whose `channel` is neither a built-in channel (web, mobile-app, email, "
            "sms, push, social, search, ads, reviews, word-of-mouth, chat, phone, store, event, "
            "print, tv, radio, partner, post, in-product) nor declared under `channels:`."
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
