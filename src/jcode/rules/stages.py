"""Rules about the customer's experience of a stage: pain points, opportunities, emotion."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from jcode.findings import Problem, RuleId
from jcode.rules.base import Rule
from jcode.spec.stages import links_pains, pains
from jcode.spec.walk import stage_pointer

if TYPE_CHECKING:
    from jcode.rules.base import Context
    from jcode.spec import Journey


def check_opportunities(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        if links_pains(stage):
            # The stage says which opportunity addresses which pain point: each one left
            # without is a finding of its own, whatever other opportunities the stage lists.
            for pi, pain in enumerate(pains(stage)):
                if not pain.addressed_by:
                    yield Problem(
                        f"{stage_pointer(si)}/pain_points/{pi}",
                        f"pain point '{pain.text}' of stage '{stage.id}' is addressed by no "
                        "opportunity",
                    )
        elif stage.pain_points and not stage.opportunities:
            count = len(stage.pain_points)
            yield Problem(
                stage_pointer(si),
                f"stage '{stage.id}' lists {count} pain point{'s' if count > 1 else ''} "
                "but no opportunities",
            )


def check_emotion(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        if stage.emotion is not None and stage.emotion < 0 and not stage.pain_points:
            yield Problem(
                stage_pointer(si),
                f"stage '{stage.id}' has emotion {stage.emotion} but lists no pain points",
            )


RULES = (
    Rule(
        id=RuleId.PAIN_POINT_WITHOUT_OPPORTUNITY,
        severity="info",
        summary="A pain point has no opportunity to address it.",
        what=(
            "A stage with `pain_points:` and no `opportunities:`, reported at the stage. Where "
            "the stage links pain points to opportunities (a pain point written with "
            "`addressed_by:`), each pain point that names no opportunity, reported at it."
        ),
        why=(
            'Mapping the journey is a means "to start the activities that improve the '
            "customer's experience\" (the domain sources, 001): a pain point with no idea "
            "attached is a complaint filed away."
        ),
        example=(
            "- id: evaluation\n  name: Comparing options\n  phase: evaluation\n"
            "  pain_points: [Delivery dates are hidden until checkout]\n"
        ),
        fix=(
            "Add at least one opportunity that would relieve the pain; in a stage that links "
            "them, name it under the pain point's `addressed_by:`."
        ),
        document=check_opportunities,
    ),
    Rule(
        id=RuleId.NEGATIVE_EMOTION_WITHOUT_PAIN_POINT,
        severity="info",
        summary="A stage's emotion is below 0 and it lists no pain points.",
        what="A stage with `emotion:` -1 or -2 and no `pain_points:`.",
        why=(
            "If the customer feels bad at a stage, the map should say why; a low point without "
            "a cause cannot be fixed."
        ),
        example="- id: discovery\n  name: Discovery\n  phase: discovery\n  emotion: -2\n",
        fix="List what frustrates the customer at this stage under `pain_points:`.",
        document=check_emotion,
    ),
)
