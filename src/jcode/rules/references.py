"""Rules about names that must be declared: owners, personas, phases, channels, journeys, and
the touchpoints, actors and opportunities a stage refers to."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from jcode.findings import Problem, RuleId
from jcode.i18n import Template
from jcode.rules.base import Rule
from jcode.spec.stages import ideas, pains
from jcode.spec.walk import elements, stage_pointer, touchpoint_pointer
from jcode.text import closest

if TYPE_CHECKING:
    from jcode.i18n import Arg, Message
    from jcode.rules.base import Context, Portfolio
    from jcode.spec import Journey
    from jcode.spec.runtime import Backstage, Exit, Step


UNKNOWN_OWNER = Template(
    "unknown-owner", "owner '{owner}' is not declared in jcode.yaml (declared: {declared})"
)
UNKNOWN_OWNER_HINT = Template(
    "unknown-owner.hint", "owner '{owner}' is not declared in jcode.yaml; did you mean '{hint}'?"
)
UNKNOWN_PERSONA = Template(
    "unknown-persona",
    "persona '{persona}' is not declared in jcode.yaml (declared: {declared})",
)
UNKNOWN_PERSONA_HINT = Template(
    "unknown-persona.hint",
    "persona '{persona}' is not declared in jcode.yaml; did you mean '{hint}'?",
)
UNKNOWN_PHASE = Template(
    "unknown-phase",
    "phase '{phase}' of stage '{stage}' is not in the phase model '{model}' (phases: {phases})",
)
UNKNOWN_PHASE_HINT = Template(
    "unknown-phase.hint",
    "phase '{phase}' of stage '{stage}' is not in the phase model '{model}'; "
    "did you mean '{hint}'?",
)
UNKNOWN_CHANNEL = Template(
    "unknown-channel",
    "channel '{channel}' of touchpoint '{touchpoint}' is not in the channel catalog; "
    "add it under 'channels:' in jcode.yaml",
)
UNKNOWN_CHANNEL_HINT = Template(
    "unknown-channel.hint",
    "channel '{channel}' of touchpoint '{touchpoint}' is not in the channel catalog; "
    "did you mean '{hint}'?",
)
# What names the touchpoint, "step 2": a phrase, so that the three whole sentences below serve
# steps, backstage items and exits alike.
REFERRERS = {
    "steps": Template("phrase.step-number", "step {number}"),
    "backstage": Template("phrase.backstage-number", "backstage item {number}"),
    "exits": Template("phrase.exit-number", "exit {number}"),
}
UNKNOWN_TOUCHPOINT = Template(
    "unknown-touchpoint",
    "touchpoint '{touchpoint}' of {referrer} of stage '{stage}' is not a touchpoint of journey "
    "'{journey}' (touchpoints: {touchpoints})",
)
UNKNOWN_TOUCHPOINT_HINT = Template(
    "unknown-touchpoint.hint",
    "touchpoint '{touchpoint}' of {referrer} of stage '{stage}' is not a touchpoint of journey "
    "'{journey}'; did you mean '{hint}'?",
)
UNKNOWN_TOUCHPOINT_NONE = Template(
    "unknown-touchpoint.no-touchpoints",
    "touchpoint '{touchpoint}' of {referrer} of stage '{stage}' is not a touchpoint of journey "
    "'{journey}' (the journey has no touchpoints)",
)
UNKNOWN_ACTOR = Template(
    "unknown-actor",
    "actor '{actor}' of step {number} of stage '{stage}' is neither a persona nor a team "
    "declared in jcode.yaml (declared: {declared})",
)
UNKNOWN_ACTOR_HINT = Template(
    "unknown-actor.hint",
    "actor '{actor}' of step {number} of stage '{stage}' is neither a persona nor a team "
    "declared in jcode.yaml; did you mean '{hint}'?",
)
UNKNOWN_OPPORTUNITY = Template(
    "unknown-opportunity",
    "opportunity '{opportunity}' is not an opportunity of stage '{stage}' "
    "(opportunities: {opportunities})",
)
UNKNOWN_OPPORTUNITY_HINT = Template(
    "unknown-opportunity.hint",
    "opportunity '{opportunity}' is not an opportunity of stage '{stage}'; did you mean '{hint}'?",
)
UNKNOWN_OPPORTUNITY_NONE = Template(
    "unknown-opportunity.no-opportunities",
    "opportunity '{opportunity}' is not an opportunity of stage '{stage}' "
    "(the stage has no opportunity with an id)",
)
UNKNOWN_JOURNEY = Template("unknown-journey", "related journey '{journey}' does not exist")


def check_owners(journey: Journey, context: Context) -> Iterator[Problem]:
    owners = context.project.config.owners
    if not owners:
        return
    declared = ", ".join(sorted(owners))

    def unknown(owner: str) -> Message:
        hint = closest(owner, owners)
        if hint:
            return UNKNOWN_OWNER_HINT(owner=owner, hint=hint)
        return UNKNOWN_OWNER(owner=owner, declared=declared)

    if journey.owner is not None and journey.owner not in owners:
        yield Problem("/owner", unknown(journey.owner))
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
            yield Problem(f"{pointer}/owner", unknown(owner))


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
    persona = journey.persona
    if personas and persona is not None and persona not in personas:
        hint = closest(persona, personas)
        yield Problem(
            "/persona",
            UNKNOWN_PERSONA_HINT(persona=persona, hint=hint)
            if hint
            else UNKNOWN_PERSONA(persona=persona, declared=", ".join(sorted(personas))),
        )


def check_phases(journey: Journey, context: Context) -> Iterator[Problem]:
    phases = context.project.phase_by_id
    model = context.project.phase_model
    for si, stage in enumerate(journey.stages):
        if stage.phase not in phases:
            hint = closest(stage.phase, phases)
            yield Problem(
                f"{stage_pointer(si)}/phase",
                UNKNOWN_PHASE_HINT(phase=stage.phase, stage=stage.id, model=model, hint=hint)
                if hint
                else UNKNOWN_PHASE(
                    phase=stage.phase, stage=stage.id, model=model, phases=", ".join(phases)
                ),
            )


def check_channels(journey: Journey, context: Context) -> Iterator[Problem]:
    channels = context.project.channels
    for si, stage in enumerate(journey.stages):
        for ti, touchpoint in enumerate(stage.touchpoints):
            if touchpoint.channel not in channels:
                hint = closest(touchpoint.channel, channels)
                names = {"channel": touchpoint.channel, "touchpoint": touchpoint.id}
                yield Problem(
                    f"{touchpoint_pointer(si, ti)}/channel",
                    UNKNOWN_CHANNEL_HINT(**names, hint=hint) if hint else UNKNOWN_CHANNEL(**names),
                )


def check_touchpoint_refs(journey: Journey, context: Context) -> Iterator[Problem]:
    """Steps, backstage items and exits name a touchpoint of the journey, of any stage (a
    customer may leave, in the last stage, through the touchpoint of an earlier one)."""
    known = [t.id for stage in journey.stages for t in stage.touchpoints]
    for si, stage in enumerate(journey.stages):
        referring: tuple[tuple[str, Sequence[Step | Backstage | Exit]], ...] = (
            ("steps", stage.steps),
            ("backstage", stage.backstage),
            ("exits", stage.exits),
        )
        for field, items in referring:
            for index, item in enumerate(items):
                name = item.touchpoint
                if name is None or name in known:
                    continue
                hint = closest(name, known)
                names: dict[str, Arg] = {
                    "touchpoint": name,
                    "referrer": REFERRERS[field](number=index + 1),
                    "stage": stage.id,
                    "journey": journey.id,
                }
                yield Problem(
                    f"{stage_pointer(si)}/{field}/{index}/touchpoint",
                    UNKNOWN_TOUCHPOINT_HINT(**names, hint=hint)
                    if hint
                    else UNKNOWN_TOUCHPOINT(**names, touchpoints=", ".join(known))
                    if known
                    else UNKNOWN_TOUCHPOINT_NONE(**names),
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
            hint = closest(step.actor, declared)
            names: dict[str, Arg] = {"actor": step.actor, "number": index + 1, "stage": stage.id}
            yield Problem(
                f"{stage_pointer(si)}/steps/{index}/actor",
                UNKNOWN_ACTOR_HINT(**names, hint=hint)
                if hint
                else UNKNOWN_ACTOR(**names, declared=", ".join(sorted(declared))),
            )


def check_opportunity_refs(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        known = [idea.id for idea in ideas(stage) if idea.id is not None]
        for pi, pain in enumerate(pains(stage)):
            for ai, name in enumerate(pain.addressed_by):
                if name in known:
                    continue
                hint = closest(name, known)
                names = {"opportunity": name, "stage": stage.id}
                yield Problem(
                    f"{stage_pointer(si)}/pain_points/{pi}/addressed_by/{ai}",
                    UNKNOWN_OPPORTUNITY_HINT(**names, hint=hint)
                    if hint
                    else UNKNOWN_OPPORTUNITY(**names, opportunities=", ".join(known))
                    if known
                    else UNKNOWN_OPPORTUNITY_NONE(**names),
                )


def check_related(portfolio: Portfolio) -> Iterator[tuple[int, Problem]]:
    """Related journeys that are neither among these files nor beside them. A file that does
    not match the schema still declares its id, when readable, so it exists for `related`."""
    declared = {m.journey_id for m in portfolio.members if m.journey_id is not None}
    for index, member in enumerate(portfolio.members):
        for related_id, pointer, position in member.related:
            if related_id not in declared and related_id not in portfolio.other_ids:
                yield index, Problem(pointer, UNKNOWN_JOURNEY(journey=related_id), position)


RULES = (
    Rule(
        id=RuleId.UNKNOWN_OWNER,
        severity="error",
        summary=Template(
            "doc.unknown-owner.summary", "An owner is not declared under `owners` in jcode.yaml."
        ),
        what=Template(
            "doc.unknown-owner.what",
            "An `owner` on the journey, a stage, a touchpoint, a KPI, backstage work or an "
            "opportunity that names no team under `owners:` in jcode.yaml. Only checked when "
            "jcode.yaml declares owners.",
        ),
        why=Template(
            "doc.unknown-owner.why",
            "Ownership is what keeps a journey map alive: a misspelt team owns nothing, so its "
            "stages appear on no team's page and nobody is asked to fix their gaps.",
        ),
        example=Template(
            "doc.unknown-owner.example", "owner: legale   # jcode.yaml declares 'legal'\n"
        ),
        fix=Template(
            "doc.unknown-owner.fix",
            "Use a declared team id, or declare the team under `owners:` in jcode.yaml.",
        ),
        document=check_owners,
    ),
    Rule(
        id=RuleId.UNKNOWN_PERSONA,
        severity="error",
        summary=Template(
            "doc.unknown-persona.summary",
            "A persona is not declared under `personas` in jcode.yaml.",
        ),
        what=Template(
            "doc.unknown-persona.what",
            "A journey's `persona` that names nobody under `personas:` in jcode.yaml. Only "
            "checked when jcode.yaml declares personas.",
        ),
        why=Template(
            "doc.unknown-persona.why",
            "A journey is walked by a specific customer; mapping it \"from the customer's point "
            'of view" needs to know which customer. An undeclared persona breaks that link.',
        ),
        example=Template(
            "doc.unknown-persona.example",
            "persona: remote-worker   # jcode.yaml declares 'remote-professional'\n",
        ),
        fix=Template(
            "doc.unknown-persona.fix",
            "Use a declared persona id, or declare it under `personas:` in jcode.yaml.",
        ),
        document=check_persona,
    ),
    Rule(
        id=RuleId.UNKNOWN_PHASE,
        severity="error",
        summary=Template(
            "doc.unknown-phase.summary", "A stage's phase is not in the project's phase model."
        ),
        what=Template(
            "doc.unknown-phase.what",
            "A stage whose `phase` is not a phase of the model jcode.yaml chooses (default "
            "seven-stage: discovery, evaluation, interest, purchase, post-purchase, loyalty, "
            "advocacy).",
        ),
        why=Template(
            "doc.unknown-phase.why",
            "Phases place a stage before, during or after the purchase; every coverage check "
            "and the site's portfolio grid depend on them. An unknown phase drops the stage "
            "from all of them.",
        ),
        example=Template(
            "doc.unknown-phase.example",
            "- id: research\n  name: Research\n"
            "  phase: valutazione   # the model says 'evaluation'\n",
        ),
        fix=Template(
            "doc.unknown-phase.fix",
            "Use a phase of the project's model (the message suggests the nearest one), or "
            "declare a custom phase model in jcode.yaml.",
        ),
        document=check_phases,
    ),
    Rule(
        id=RuleId.UNKNOWN_CHANNEL,
        severity="error",
        summary=Template(
            "doc.unknown-channel.summary", "A touchpoint's channel is not in the channel catalog."
        ),
        # The built-in channels as BUILTIN_CHANNELS lists them (a test keeps them in step).
        what=Template(
            "doc.unknown-channel.what",
            "A touchpoint whose `channel` is neither a built-in channel (web, mobile-app, email, "
            "sms, push, social, search, ads, reviews, word-of-mouth, chat, phone, store, event, "
            "print, tv, radio, partner, post, in-product, branch, video-call, courier, "
            "in-person, premises) nor declared under `channels:`.",
        ),
        why=Template(
            "doc.unknown-channel.why",
            "The channel says whether a touchpoint is online or offline and whether a person "
            "assists the customer; the channel matrix and the assistance and coverage checks "
            "read it.",
        ),
        example=Template(
            "doc.unknown-channel.example",
            "- id: newsletter\n  name: Newsletter\n"
            "  channel: e-mail   # the catalog says 'email'\n",
        ),
        fix=Template(
            "doc.unknown-channel.fix",
            "Use a catalog channel, or declare the channel (name, mode, assisted) in jcode.yaml.",
        ),
        document=check_channels,
    ),
    Rule(
        id=RuleId.UNKNOWN_TOUCHPOINT,
        severity="error",
        summary=Template(
            "doc.unknown-touchpoint.summary",
            "A step, backstage item or exit names a touchpoint the journey does not have.",
        ),
        what=Template(
            "doc.unknown-touchpoint.what",
            "The `touchpoint` of a step, a backstage item or an exit that is not the id of a "
            "touchpoint of the journey, in any of its stages.",
        ),
        why=Template(
            "doc.unknown-touchpoint.why",
            "The touchpoint is where the step happens, what the backstage work supports, where "
            "customers leave; the page draws the step under it. A misspelt id links the step "
            "to nothing, and the map shows it nowhere.",
        ),
        example=Template(
            "doc.unknown-touchpoint.example",
            "touchpoints:\n  - {id: live-chat, name: Live chat, channel: chat}\n"
            "steps:\n  - {text: Asks about the warranty, touchpoint: livechat}\n",
        ),
        fix=Template(
            "doc.unknown-touchpoint.fix",
            "Use the id of one of the journey's touchpoints, or add the touchpoint to a stage.",
        ),
        document=check_touchpoint_refs,
    ),
    Rule(
        id=RuleId.UNKNOWN_ACTOR,
        severity="error",
        summary=Template(
            "doc.unknown-actor.summary",
            "A step's actor is neither a declared persona nor a declared team.",
        ),
        what=Template(
            "doc.unknown-actor.what",
            "A step whose `actor` names nobody under `personas:` nor any team under `owners:` "
            "in jcode.yaml. Only checked when jcode.yaml declares personas or owners.",
        ),
        why=Template(
            "doc.unknown-actor.why",
            "A step someone other than the customer takes (an adviser calls back, a courier "
            "delivers) is shown with who takes it; an undeclared actor is a name nobody can "
            "tell apart from a typo, and it appears on no team's page.",
        ),
        example=Template(
            "doc.unknown-actor.example",
            "steps:\n  - {text: Calls the customer back, actor: customer-car}\n",
        ),
        fix=Template(
            "doc.unknown-actor.fix",
            "Use a declared persona or team id, or declare it in jcode.yaml.",
        ),
        document=check_actors,
    ),
    Rule(
        id=RuleId.UNKNOWN_OPPORTUNITY,
        severity="error",
        summary=Template(
            "doc.unknown-opportunity.summary",
            "A pain point's `addressed_by` names an opportunity the stage does not have.",
        ),
        what=Template(
            "doc.unknown-opportunity.what",
            "An id under a pain point's `addressed_by:` that is not the `id` of an opportunity "
            "of the same stage.",
        ),
        why=Template(
            "doc.unknown-opportunity.why",
            "Linking a pain point to the opportunities that address it is how the map shows "
            "which pains have an answer; a link to nothing makes a pain look addressed when "
            "it is not.",
        ),
        example=Template(
            "doc.unknown-opportunity.example",
            "pain_points:\n  - {text: Shipping costs appear late, addressed_by: [show-costs]}\n"
            "opportunities:\n  - {id: show-cost, text: Show shipping costs on the product page}\n",
        ),
        fix=Template(
            "doc.unknown-opportunity.fix",
            "Use the id of one of the stage's opportunities, or give the opportunity that id.",
        ),
        document=check_opportunity_refs,
    ),
    Rule(
        id=RuleId.UNKNOWN_JOURNEY,
        severity="error",
        summary=Template("doc.unknown-journey.summary", "A `related` entry names no journey."),
        what=Template(
            "doc.unknown-journey.what",
            "An id under a journey's `related:` that no journey file in the run declares.",
        ),
        why=Template(
            "doc.unknown-journey.why",
            "Related journeys are links on the site; a link to nothing is a dead end for the "
            "stakeholder who follows it.",
        ),
        example=Template(
            "doc.unknown-journey.example", "related: [laptop-repair]   # no journey has this id\n"
        ),
        fix=Template(
            "doc.unknown-journey.fix", "Use the id of an existing journey, or remove the entry."
        ),
        portfolio=check_related,
    ),
)
