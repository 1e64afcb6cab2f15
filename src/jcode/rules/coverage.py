"""Rules about the shape of the journey: phases covered, touchpoints before, during and after
the purchase, assistance and feedback. A journey whose `scope` leaves a moment out is not asked
for what that moment would hold; messages name moments by the journey's labels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from jcode.findings import Problem, RuleId
from jcode.i18n import Template
from jcode.rules.base import Rule
from jcode.spec.walk import stage_pointer

if TYPE_CHECKING:
    from jcode.rules.base import Context
    from jcode.spec import Journey, Stage


NO_TOUCHPOINTS = Template("stage-without-touchpoints", "stage '{stage}' has no touchpoints")
NO_POST_PURCHASE = Template(
    "missing-post-purchase", "journey '{journey}' has no stage in the moment '{moment}'"
)
NO_POST_PURCHASE_TOUCHPOINT_STAGE = Template(
    "missing-post-purchase.stage",
    "journey '{journey}' has no touchpoint in the moment '{moment}' (its stage '{stage}' has none)",
)
NO_POST_PURCHASE_TOUCHPOINT_STAGES = Template(
    "missing-post-purchase.stages",
    "journey '{journey}' has no touchpoint in the moment '{moment}' "
    "(its stages {stages} have none)",
)
NO_PHASE = Template("missing-phase", "journey '{journey}' has no stage in phase '{phase}'")
OUT_OF_ORDER = Template(
    "phase-order",
    "stage '{stage}' is in phase '{phase}', which comes before phase '{earlier_phase}' of the "
    "earlier stage '{earlier_stage}'",
)
OUTSIDE_SCOPE = Template(
    "stage-outside-scope",
    "stage '{stage}' is in phase '{phase}', of the moment '{moment}', which the journey's scope "
    "leaves out",
)
NO_ASSISTANCE = Template(
    "purchase-without-assistance",
    "no touchpoint of journey '{journey}' in the moment '{moment}' offers a person to help "
    "(assisted channels: {channels})",
)
NO_FEEDBACK_ONE = Template(
    "no-feedback-loop.touchpoint",
    "the one touchpoint of journey '{journey}' in the moment '{moment}' does not collect feedback",
)
# Never fewer than two: one touchpoint has the template above, so no plural forms are needed.
NO_FEEDBACK_ANY = Template(
    "no-feedback-loop.touchpoints",
    "none of the {count} touchpoints of journey '{journey}' in the moment '{moment}' "
    "collects feedback",
)


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
            yield Problem(stage_pointer(si), NO_TOUCHPOINTS(stage=stage.id))


def check_post_purchase(journey: Journey, context: Context) -> Iterator[Problem]:
    if "post-purchase" not in context.project.scope(journey):
        return
    after = _stages_in(journey, context, "post-purchase")
    moment = context.project.moment_names(journey)["post-purchase"]
    if not after:
        yield Problem("", NO_POST_PURCHASE(journey=journey.id, moment=moment))
    elif not any(stage.touchpoints for _, stage in after):
        if len(after) == 1:
            message = NO_POST_PURCHASE_TOUCHPOINT_STAGE(
                journey=journey.id, moment=moment, stage=after[0][1].id
            )
        else:
            stages = ", ".join(f"'{stage.id}'" for _, stage in after)
            message = NO_POST_PURCHASE_TOUCHPOINT_STAGES(
                journey=journey.id, moment=moment, stages=stages
            )
        yield Problem("", message)


def check_missing_phases(journey: Journey, context: Context) -> Iterator[Problem]:
    present = {stage.phase for stage in journey.stages}
    covered = context.project.scope(journey)
    for phase in context.project.phases:
        if not phase.optional and phase.moment in covered and phase.id not in present:
            yield Problem("", NO_PHASE(journey=journey.id, phase=phase.id))


def check_phase_order(journey: Journey, context: Context) -> Iterator[Problem]:
    phases = context.project.phase_by_id
    latest: tuple[int, Stage] | None = None
    for si, stage in enumerate(journey.stages):
        phase = phases.get(stage.phase)
        if phase is None:
            continue
        if latest is not None and phase.index < phases[latest[1].phase].index:
            earlier = latest[1]
            yield Problem(
                stage_pointer(si),
                OUT_OF_ORDER(
                    stage=stage.id,
                    phase=stage.phase,
                    earlier_phase=earlier.phase,
                    earlier_stage=earlier.id,
                ),
            )
        if latest is None or phase.index > phases[latest[1].phase].index:
            latest = (si, stage)


def check_scope(journey: Journey, context: Context) -> Iterator[Problem]:
    """A stage in a moment the journey's `scope` leaves out: the map says it does not cover
    that moment, and the rules about the moment are silent, yet here is one of its stages."""
    if journey.scope is None:
        return
    covered = context.project.scope(journey)
    labels = context.project.moment_names(journey)
    for si, stage in enumerate(journey.stages):
        phase = context.project.phase_by_id.get(stage.phase)
        if phase is not None and phase.moment not in covered:
            yield Problem(
                stage_pointer(si),
                OUTSIDE_SCOPE(stage=stage.id, phase=stage.phase, moment=labels[phase.moment]),
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
        moment = context.project.moment_names(journey)["purchase"]
        yield Problem(
            stage_pointer(first_index),
            NO_ASSISTANCE(journey=journey.id, moment=moment, channels=assisted),
        )


def check_feedback(journey: Journey, context: Context) -> Iterator[Problem]:
    if "post-purchase" not in context.project.scope(journey):
        return
    touchpoints = [
        t for _, stage in _stages_in(journey, context, "post-purchase") for t in stage.touchpoints
    ]
    if touchpoints and not any(t.feedback for t in touchpoints):
        moment = context.project.moment_names(journey)["post-purchase"]
        if len(touchpoints) == 1:
            message = NO_FEEDBACK_ONE(journey=journey.id, moment=moment)
        else:
            message = NO_FEEDBACK_ANY(journey=journey.id, moment=moment, count=len(touchpoints))
        yield Problem("", message)


RULES = (
    Rule(
        id=RuleId.STAGE_WITHOUT_TOUCHPOINTS,
        severity="warning",
        summary=Template("doc.stage-without-touchpoints.summary", "A stage lists no touchpoints."),
        what=Template(
            "doc.stage-without-touchpoints.what",
            "A stage with no `touchpoints:` (or an empty list).",
        ),
        why=Template(
            "doc.stage-without-touchpoints.why",
            "A journey is lived through its touchpoints: the website, a review site, the store, "
            "a phone call. A stage without any says nothing about how the customer meets the "
            "brand there; it is a placeholder, not a map.",
        ),
        example=Template(
            "doc.stage-without-touchpoints.example",
            "- id: evaluation\n  name: Comparing options\n  phase: evaluation\n",
        ),
        fix=Template(
            "doc.stage-without-touchpoints.fix",
            "List the touchpoints the customer uses in this stage, owned or third-party.",
        ),
        document=check_stage_touchpoints,
    ),
    Rule(
        id=RuleId.MISSING_POST_PURCHASE,
        severity="warning",
        summary=Template(
            "doc.missing-post-purchase.summary",
            "No touchpoint of the journey is in a post-purchase stage.",
        ),
        what=Template(
            "doc.missing-post-purchase.what",
            "A journey in which no touchpoint sits in a post-purchase stage: there is no such "
            "stage, or those stages have no touchpoints. Reported once per journey, unless its "
            "`scope` leaves post-purchase out.",
        ),
        why=Template(
            "doc.missing-post-purchase.why",
            "The journey does not end at the checkout: after-sales care, loyalty and "
            "recommendation are where a customer becomes an ambassador of the brand, or leaves. "
            '"Many companies focus only on the sale, neglecting what happens before and after" '
            "(the domain sources, 004).",
        ),
        example=Template(
            "doc.missing-post-purchase.example",
            "stages:\n  - {id: discovery, name: Discovery, phase: discovery, touchpoints: [...]}\n"
            "  - {id: checkout, name: Checkout, phase: purchase, touchpoints: [...]}\n",
        ),
        fix=Template(
            "doc.missing-post-purchase.fix",
            "Add the stages after the purchase (delivery, support, loyalty) with their "
            "touchpoints; or, for a map that ends at the purchase on purpose, say so with "
            "`scope: [pre-purchase, purchase]`.",
        ),
        document=check_post_purchase,
    ),
    Rule(
        id=RuleId.MISSING_PHASE,
        severity="warning",
        summary=Template(
            "doc.missing-phase.summary", "A non-optional phase of the phase model has no stage."
        ),
        what=Template(
            "doc.missing-phase.what",
            "A phase of the project's phase model, not marked optional, in which the journey has "
            "no stage. Reported once per missing phase; phases of a moment the journey's "
            "`scope` leaves out are not asked for.",
        ),
        why=Template(
            "doc.missing-phase.why",
            'The journey is a chain: "if one link is weak, the customer may not go on" (000). '
            "A phase nobody mapped is a link nobody looks after.",
        ),
        example=Template(
            "doc.missing-phase.example", "# seven-stage model, no stage with phase: loyalty\n"
        ),
        fix=Template(
            "doc.missing-phase.fix",
            "Add a stage for the phase, mark the phase optional in a custom phase model, or "
            "leave its moment out of the journey's `scope` if the map does not cover it.",
        ),
        document=check_missing_phases,
    ),
    Rule(
        id=RuleId.PHASE_ORDER,
        severity="warning",
        summary=Template(
            "doc.phase-order.summary",
            "A stage's phase comes before the phase of an earlier stage.",
        ),
        what=Template(
            "doc.phase-order.what",
            "A stage whose phase comes earlier in the phase model than the phase of a stage "
            "listed before it. Reported at that stage.",
        ),
        why=Template(
            "doc.phase-order.why",
            "Stages are read in order, as the customer walks them; the site draws them left to "
            "right. A purchase listed after the loyalty stage is almost always a misplaced stage "
            "or a wrong phase.",
        ),
        example=Template(
            "doc.phase-order.example",
            "stages:\n  - {id: checkout, name: Checkout, phase: purchase}\n"
            "  - {id: research, name: Research, phase: evaluation}   # before purchase\n",
        ),
        fix=Template(
            "doc.phase-order.fix",
            "Move the stage to its place in the journey, or correct its phase.",
        ),
        document=check_phase_order,
    ),
    Rule(
        id=RuleId.STAGE_OUTSIDE_SCOPE,
        severity="warning",
        summary=Template(
            "doc.stage-outside-scope.summary",
            "A stage is in a moment that the journey's `scope` leaves out.",
        ),
        what=Template(
            "doc.stage-outside-scope.what",
            "A journey with `scope:` and a stage whose phase belongs to a moment the scope does "
            "not list. Reported at that stage.",
        ),
        why=Template(
            "doc.stage-outside-scope.why",
            "The scope says what the map covers: the site tells readers the map leaves that "
            "moment out, and the rules about it stay silent. A stage of that moment makes both "
            "untrue, and its gaps go unreported.",
        ),
        example=Template(
            "doc.stage-outside-scope.example",
            "scope: [pre-purchase]\nstages:\n"
            "  - {id: checkout, name: Checkout, phase: purchase}   # the purchase is left out\n",
        ),
        fix=Template(
            "doc.stage-outside-scope.fix",
            "Add the stage's moment to `scope:`, or correct the stage's phase.",
        ),
        document=check_scope,
    ),
    Rule(
        id=RuleId.PURCHASE_WITHOUT_ASSISTANCE,
        severity="info",
        summary=Template(
            "doc.purchase-without-assistance.summary",
            "No purchase-moment touchpoint is on an assisted channel.",
        ),
        # The assisted channels of the built-in catalog, as spec/builtins.py marks them (a
        # template is literal text, for the catalogs; a test keeps this list in step).
        what=Template(
            "doc.purchase-without-assistance.what",
            "A journey whose purchase-moment stages have touchpoints, none on an assisted "
            "channel (chat, phone, store, event, branch, video-call, in-person, or one declared "
            "`assisted: true`). Reported at the first purchase stage, unless the journey's "
            "`scope` leaves the purchase out.",
        ),
        why=Template(
            "doc.purchase-without-assistance.why",
            '"During the purchase we must let the customer clear any doubt, with customer care '
            'that answers immediately" (the domain sources, 000). A checkout without a person '
            "to ask loses the customers who hesitate.",
        ),
        example=Template(
            "doc.purchase-without-assistance.example",
            "- id: checkout\n  name: Checkout\n  phase: purchase\n  touchpoints:\n"
            "    - {id: cart, name: Online checkout, channel: web}\n",
        ),
        fix=Template(
            "doc.purchase-without-assistance.fix",
            "Add an assisted touchpoint to the purchase: live chat, a phone line, the store.",
        ),
        document=check_assistance,
    ),
    Rule(
        id=RuleId.NO_FEEDBACK_LOOP,
        severity="info",
        summary=Template(
            "doc.no-feedback-loop.summary",
            "Post-purchase touchpoints exist but none collects feedback.",
        ),
        what=Template(
            "doc.no-feedback-loop.what",
            "A journey with touchpoints in post-purchase stages, none marked `feedback: true`. "
            "Not checked when the journey's `scope` leaves post-purchase out.",
        ),
        why=Template(
            "doc.no-feedback-loop.why",
            '"After the purchase, to keep the relationship alive and make sure all is well, '
            'send a satisfaction survey or ask for a review" (the domain sources, 000). Without '
            "feedback the team cannot tell how the journey ends.",
        ),
        example=Template(
            "doc.no-feedback-loop.example",
            "- id: delivery\n  name: Delivery\n  phase: post-purchase\n  touchpoints:\n"
            "    - {id: tracking, name: Tracking emails, channel: email}\n",
        ),
        fix=Template(
            "doc.no-feedback-loop.fix",
            "Add a survey or review request after the purchase and mark it `feedback: true`.",
        ),
        document=check_feedback,
    ),
)
