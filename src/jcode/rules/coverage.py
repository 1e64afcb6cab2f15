"""Rules about the shape of the journey: phases covered, touchpoints before, during and after
the purchase, assistance and feedback. A journey whose `scope` leaves a moment out is not asked
for what that moment would hold; messages name moments by the journey's labels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from jcode.findings import Problem, RuleId
from jcode.rules.base import Rule
from jcode.spec.builtins import BUILTIN_CHANNELS
from jcode.spec.walk import stage_pointer

if TYPE_CHECKING:
    from jcode.rules.base import Context
    from jcode.spec import Journey, Stage


def _stages_in(journey: Journey, context: Context, moment: str) -> list[tuple[int, Stage]]:
    phases = context.project.phase_by_id
    return [
        (i, s)
        for i, s in enumerate(journey.stages)
        if s.phase in phases and phases[s.phase].moment == moment
    ]


def check_stage_touchpoints(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        if not stage.touchpoints:
            yield Problem(stage_pointer(si), f"stage '{stage.id}' has no touchpoints")


def check_post_purchase(journey: Journey, context: Context) -> Iterator[Problem]:
    if "post-purchase" not in context.project.scope(journey):
        return
    after = _stages_in(journey, context, "post-purchase")
    moment = context.project.labels(journey)["post-purchase"]
    if not after:
        yield Problem("", f"journey '{journey.id}' has no stage in the moment '{moment}'")
    elif not any(stage.touchpoints for _, stage in after):
        names = ", ".join(f"'{stage.id}'" for _, stage in after)
        if len(after) == 1:
            message = (
                f"journey '{journey.id}' has no touchpoint in the moment '{moment}' "
                f"(its stage {names} has none)"
            )
        else:
            message = (
                f"journey '{journey.id}' has no touchpoint in the moment '{moment}' "
                f"(its stages {names} have none)"
            )
        yield Problem("", message)


def check_missing_phases(journey: Journey, context: Context) -> Iterator[Problem]:
    present = {stage.phase for stage in journey.stages}
    covered = context.project.scope(journey)
    for phase in context.project.phases:
        if not phase.optional and phase.moment in covered and phase.id not in present:
            yield Problem("", f"journey '{journey.id}' has no stage in phase '{phase.id}'")


def check_phase_order(journey: Journey, context: Context) -> Iterator[Problem]:
    phases = context.project.phase_by_id
    latest: tuple[int, Stage] | None = None
    for si, stage in enumerate(journey.stages):
        phase = phases.get(stage.phase)
        if phase is None:
            continue
        if latest is not None and phase.index < phases[latest[1].phase].index:
            yield Problem(
                stage_pointer(si),
                f"stage '{stage.id}' is in phase '{stage.phase}', which comes before phase "
                f"'{latest[1].phase}' of the earlier stage '{latest[1].id}'",
            )
        if latest is None or phase.index > phases[latest[1].phase].index:
            latest = (si, stage)


def check_scope(journey: Journey, context: Context) -> Iterator[Problem]:
    """A stage in a moment the journey's `scope` leaves out: the map says it does not cover
    that moment, and the rules about the moment are silent, yet here is one of its stages."""
    if journey.scope is None:
        return
    covered = context.project.scope(journey)
    labels = context.project.labels(journey)
    for si, stage in enumerate(journey.stages):
        phase = context.project.phase_by_id.get(stage.phase)
        if phase is not None and phase.moment not in covered:
            yield Problem(
                stage_pointer(si),
                f"stage '{stage.id}' is in phase '{stage.phase}', of the moment "
                f"'{labels[phase.moment]}', which the journey's scope leaves out",
            )


def check_assistance(journey: Journey, context: Context) -> Iterator[Problem]:
    if "purchase" not in context.project.scope(journey):
        return
    buying = _stages_in(journey, context, "purchase")
    touchpoints = [t for _, stage in buying for t in stage.touchpoints]
    if not touchpoints:
        return
    channels = context.project.channels
    if not any(t.channel in channels and channels[t.channel].assisted for t in touchpoints):
        assisted = ", ".join(c.id for c in channels.values() if c.assisted)
        first_index = buying[0][0]
        moment = context.project.labels(journey)["purchase"]
        yield Problem(
            stage_pointer(first_index),
            f"no touchpoint of journey '{journey.id}' in the moment '{moment}' offers a person "
            f"to help (assisted channels: {assisted})",
        )


def check_feedback(journey: Journey, context: Context) -> Iterator[Problem]:
    if "post-purchase" not in context.project.scope(journey):
        return
    touchpoints = [
        t for _, stage in _stages_in(journey, context, "post-purchase") for t in stage.touchpoints
    ]
    if touchpoints and not any(t.feedback for t in touchpoints):
        moment = context.project.labels(journey)["post-purchase"]
        if len(touchpoints) == 1:
            message = (
                f"the one touchpoint of journey '{journey.id}' in the moment '{moment}' "
                "does not collect feedback"
            )
        else:
            message = (
                f"none of the {len(touchpoints)} touchpoints of journey '{journey.id}' in the "
                f"moment '{moment}' collects feedback"
            )
        yield Problem("", message)


RULES = (
    Rule(
        id=RuleId.STAGE_WITHOUT_TOUCHPOINTS,
        severity="warning",
        summary="A stage lists no touchpoints.",
        what="A stage with no `touchpoints:` (or an empty list).",
        why=(
            "A journey is lived through its touchpoints: the website, a review site, the store, "
            "a phone call. A stage without any says nothing about how the customer meets the "
            "brand there; it is a placeholder, not a map."
        ),
        example="- id: evaluation\n  name: Comparing options\n  phase: evaluation\n",
        fix="List the touchpoints the customer uses in this stage, owned or third-party.",
        document=check_stage_touchpoints,
    ),
    Rule(
        id=RuleId.MISSING_POST_PURCHASE,
        severity="warning",
        summary="No touchpoint of the journey is in a post-purchase stage.",
        what=(
            "A journey in which no touchpoint sits in a post-purchase stage: there is no such "
            "stage, or those stages have no touchpoints. Reported once per journey, unless its "
            "`scope` leaves post-purchase out."
        ),
        why=(
            "The journey does not end at the checkout: after-sales care, loyalty and "
            "recommendation are where a customer becomes an ambassador of the brand, or leaves. "
            '"Many companies focus only on the sale, neglecting what happens before and after" '
            "(the domain sources, 004)."
        ),
        example=(
            "stages:\n  - {id: discovery, name: Discovery, phase: discovery, touchpoints: [...]}\n"
            "  - {id: checkout, name: Checkout, phase: purchase, touchpoints: [...]}\n"
        ),
        fix=(
            "Add the stages after the purchase (delivery, support, loyalty) with their "
            "touchpoints; or, for a map that ends at the purchase on purpose, say so with "
            "`scope: [pre-purchase, purchase]`."
        ),
        document=check_post_purchase,
    ),
    Rule(
        id=RuleId.MISSING_PHASE,
        severity="warning",
        summary="A non-optional phase of the phase model has no stage.",
        what=(
            "A phase of the project's phase model, not marked optional, in which the journey has "
            "no stage. Reported once per missing phase; phases of a moment the journey's "
            "`scope` leaves out are not asked for."
        ),
        why=(
            'The journey is a chain: "if one link is weak, the customer may not go on" (000). '
            "A phase nobody mapped is a link nobody looks after."
        ),
        example="# seven-stage model, no stage with phase: loyalty\n",
        fix=(
            "Add a stage for the phase, mark the phase optional in a custom phase model, or "
            "leave its moment out of the journey's `scope` if the map does not cover it."
        ),
        document=check_missing_phases,
    ),
    Rule(
        id=RuleId.PHASE_ORDER,
        severity="warning",
        summary="A stage's phase comes before the phase of an earlier stage.",
        what=(
            "A stage whose phase comes earlier in the phase model than the phase of a stage "
            "listed before it. Reported at that stage."
        ),
        why=(
            "Stages are read in order, as the customer walks them; the site draws them left to "
            "right. A purchase listed after the loyalty stage is almost always a misplaced stage "
            "or a wrong phase."
        ),
        example=(
            "stages:\n  - {id: checkout, name: Checkout, phase: purchase}\n"
            "  - {id: research, name: Research, phase: evaluation}   # before purchase\n"
        ),
        fix="Move the stage to its place in the journey, or correct its phase.",
        document=check_phase_order,
    ),
    Rule(
        id=RuleId.STAGE_OUTSIDE_SCOPE,
        severity="warning",
        summary="A stage is in a moment that the journey's `scope` leaves out.",
        what=(
            "A journey with `scope:` and a stage whose phase belongs to a moment the scope does "
            "not list. Reported at that stage."
        ),
        why=(
            "The scope says what the map covers: the site tells readers the map leaves that "
            "moment out, and the rules about it stay silent. A stage of that moment makes both "
            "untrue, and its gaps go unreported."
        ),
        example=(
            "scope: [pre-purchase]\nstages:\n"
            "  - {id: checkout, name: Checkout, phase: purchase}   # the purchase is left out\n"
        ),
        fix="Add the stage's moment to `scope:`, or correct the stage's phase.",
        document=check_scope,
    ),
    Rule(
        id=RuleId.PURCHASE_WITHOUT_ASSISTANCE,
        severity="info",
        summary="No purchase-moment touchpoint is on an assisted channel.",
        what=(
            "A journey whose purchase-moment stages have touchpoints, none on an assisted "
            "channel ("
            + ", ".join(c.id for c in BUILTIN_CHANNELS.values() if c.assisted)
            + ", or one declared `assisted: true`). Reported at the first purchase stage, "
            "unless the journey's `scope` leaves the purchase out."
        ),
        why=(
            '"During the purchase we must let the customer clear any doubt, with customer care '
            'that answers immediately" (the domain sources, 000). A checkout without a person '
            "to ask loses the customers who hesitate."
        ),
        example=(
            "- id: checkout\n  name: Checkout\n  phase: purchase\n  touchpoints:\n"
            "    - {id: cart, name: Online checkout, channel: web}\n"
        ),
        fix="Add an assisted touchpoint to the purchase: live chat, a phone line, the store.",
        document=check_assistance,
    ),
    Rule(
        id=RuleId.NO_FEEDBACK_LOOP,
        severity="info",
        summary="Post-purchase touchpoints exist but none collects feedback.",
        what=(
            "A journey with touchpoints in post-purchase stages, none marked `feedback: true`. "
            "Not checked when the journey's `scope` leaves post-purchase out."
        ),
        why=(
            '"After the purchase, to keep the relationship alive and make sure all is well, '
            'send a satisfaction survey or ask for a review" (the domain sources, 000). Without '
            "feedback the team cannot tell how the journey ends."
        ),
        example=(
            "- id: delivery\n  name: Delivery\n  phase: post-purchase\n  touchpoints:\n"
            "    - {id: tracking, name: Tracking emails, channel: email}\n"
        ),
        fix="Add a survey or review request after the purchase and mark it `feedback: true`.",
        document=check_feedback,
    ),
)
