"""Rules about the customer's experience of a stage: pain points, opportunities, emotion."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from jcode.findings import Problem, RuleId
from jcode.i18n import Plural, Template
from jcode.rules.base import Rule
from jcode.spec.stages import links_pains, pains
from jcode.spec.walk import stage_pointer

if TYPE_CHECKING:
    from jcode.rules.base import Context
    from jcode.spec import Journey


NO_OPPORTUNITIES = Plural(
    "pain-point-without-opportunity",
    "stage '{stage}' lists {count} pain point but no opportunities",
    "stage '{stage}' lists {count} pain points but no opportunities",
)
UNADDRESSED = Template(
    "pain-point-without-opportunity.pain-point",
    "pain point '{pain_point}' of stage '{stage}' is addressed by no opportunity",
)
NO_PAIN_POINT = Template(
    "negative-emotion-without-pain-point",
    "stage '{stage}' has emotion {emotion} but lists no pain points",
)


def check_opportunities(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        if links_pains(stage):
            # The stage says which opportunity addresses which pain point: each one left
            # without is a finding of its own, whatever other opportunities the stage lists.
            for pi, pain in enumerate(pains(stage)):
                if not pain.addressed_by:
                    yield Problem(
                        f"{stage_pointer(si)}/pain_points/{pi}",
                        UNADDRESSED(pain_point=pain.text, stage=stage.id),
                    )
        elif stage.pain_points and not stage.opportunities:
            yield Problem(
                stage_pointer(si), NO_OPPORTUNITIES(stage=stage.id, count=len(stage.pain_points))
            )


def check_emotion(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        if stage.emotion is not None and stage.emotion < 0 and not stage.pain_points:
            yield Problem(stage_pointer(si), NO_PAIN_POINT(stage=stage.id, emotion=stage.emotion))


RULES = (
    Rule(
        id=RuleId.PAIN_POINT_WITHOUT_OPPORTUNITY,
        severity="info",
        summary=Template(
            "doc.pain-point-without-opportunity.summary",
            "A pain point has no opportunity to address it.",
        ),
        what=Template(
            "doc.pain-point-without-opportunity.what",
            "A stage with `pain_points:` and no `opportunities:`, reported at the stage. Where "
            "the stage links pain points to opportunities (a pain point written with "
            "`addressed_by:`), each pain point that names no opportunity, reported at it.",
        ),
        why=Template(
            "doc.pain-point-without-opportunity.why",
            'Mapping the journey is a means "to start the activities that improve the '
            "customer's experience\" (the domain sources, 001): a pain point with no idea "
            "attached is a complaint filed away.",
        ),
        example=Template(
            "doc.pain-point-without-opportunity.example",
            "- id: evaluation\n  name: Comparing options\n  phase: evaluation\n"
            "  pain_points: [Delivery dates are hidden until checkout]\n",
        ),
        fix=Template(
            "doc.pain-point-without-opportunity.fix",
            "Add at least one opportunity that would relieve the pain; in a stage that links "
            "them, name it under the pain point's `addressed_by:`.",
        ),
        document=check_opportunities,
    ),
    Rule(
        id=RuleId.NEGATIVE_EMOTION_WITHOUT_PAIN_POINT,
        severity="info",
        summary=Template(
            "doc.negative-emotion-without-pain-point.summary",
            "A stage's emotion is below 0 and it lists no pain points.",
        ),
        what=Template(
            "doc.negative-emotion-without-pain-point.what",
            "A stage with `emotion:` -1 or -2 and no `pain_points:`.",
        ),
        why=Template(
            "doc.negative-emotion-without-pain-point.why",
            "If the customer feels bad at a stage, the map should say why; a low point without "
            "a cause cannot be fixed.",
        ),
        example=Template(
            "doc.negative-emotion-without-pain-point.example",
            "- id: discovery\n  name: Discovery\n  phase: discovery\n  emotion: -2\n",
        ),
        fix=Template(
            "doc.negative-emotion-without-pain-point.fix",
            "List what frustrates the customer at this stage under `pain_points:`.",
        ),
        document=check_emotion,
    ),
)
