"""Rules about how stages are measured."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from jcode.findings import Problem, RuleId
from jcode.rules.base import Rule
from jcode.spec.walk import kpi_pointer, stage_pointer

if TYPE_CHECKING:
    from jcode.rules.base import Context
    from jcode.spec import Journey


def _number(value: float) -> str:
    return f"{value:g}"


def check_target(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        for ki, kpi in enumerate(stage.kpis):
            if kpi.target is None:
                yield Problem(kpi_pointer(si, ki), f"KPI '{kpi.id}' has no target")


def check_improvement(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        for ki, kpi in enumerate(stage.kpis):
            if kpi.baseline is None or kpi.target is None or kpi.direction is None:
                continue
            better = (
                kpi.target > kpi.baseline
                if kpi.direction == "increase"
                else kpi.target < kpi.baseline
            )
            if not better:
                yield Problem(
                    f"{kpi_pointer(si, ki)}/target",
                    f"KPI '{kpi.id}' should {kpi.direction}, but its target "
                    f"{_number(kpi.target)} does not improve on its baseline "
                    f"{_number(kpi.baseline)}",
                )


def check_baseline(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        for ki, kpi in enumerate(stage.kpis):
            if kpi.baseline is None:
                yield Problem(kpi_pointer(si, ki), f"KPI '{kpi.id}' has no baseline")


def check_stage_kpi(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        if not stage.kpis:
            yield Problem(stage_pointer(si), f"stage '{stage.id}' has no KPI")


def check_key_moment_kpi(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        if stage.kpis:
            continue
        if stage.key_moment is not None:
            yield Problem(
                stage_pointer(si),
                f"stage '{stage.id}' is a key moment but has no KPI to tell whether it goes well",
            )
            continue
        steps = [str(i + 1) for i, step in enumerate(stage.steps) if step.key_moment is not None]
        if len(steps) == 1:
            yield Problem(
                stage_pointer(si),
                f"step {steps[0]} of stage '{stage.id}' is a key moment, but the stage has no "
                "KPI to tell whether it goes well",
            )
        elif steps:
            yield Problem(
                stage_pointer(si),
                f"steps {', '.join(steps)} of stage '{stage.id}' are key moments, but the stage "
                "has no KPI to tell whether they go well",
            )


RULES = (
    Rule(
        id=RuleId.KPI_WITHOUT_TARGET,
        severity="warning",
        summary="A KPI has no target.",
        what="A KPI without `target:`.",
        why=(
            "A figure without a target is a dashboard, not a goal: nobody can say whether the "
            "stage works, or whether a change made it better."
        ),
        example="- {id: csat, name: Customer satisfaction, baseline: 4.1}\n",
        fix="Agree a target with the KPI's owner and add `target:` (and `direction:`).",
        document=check_target,
    ),
    Rule(
        id=RuleId.KPI_TARGET_NOT_IMPROVEMENT,
        severity="warning",
        summary="The target does not improve on the baseline in the KPI's direction.",
        what=(
            "A KPI with `baseline`, `target` and `direction` set, whose target is not better "
            "than its baseline: not higher for `increase`, not lower for `decrease`."
        ),
        why=(
            "A target equal to or worse than today's figure is almost always a swapped pair or "
            "a wrong direction, and it makes every report on the KPI say the opposite of the "
            "truth."
        ),
        example=(
            "- id: cart-abandonment\n  name: Cart abandonment\n  direction: decrease\n"
            "  baseline: 59\n  target: 65\n"
        ),
        fix="Swap baseline and target, or correct the direction.",
        document=check_improvement,
    ),
    Rule(
        id=RuleId.KPI_WITHOUT_BASELINE,
        severity="info",
        summary="A KPI has no baseline.",
        what="A KPI without `baseline:`.",
        why="Without today's figure nobody can tell how far the target is, or whether it moved.",
        example="- {id: nps, name: Net Promoter Score, target: 45}\n",
        fix="Measure the KPI now and record it as `baseline:`, with its `source:`.",
        document=check_baseline,
    ),
    Rule(
        id=RuleId.STAGE_WITHOUT_KPI,
        severity="info",
        summary="A stage has no KPI.",
        what="A stage without `kpis:` (or with an empty list).",
        why=(
            "What is not measured is not improved: a KPI per stage tells the team whether the "
            "stage works for the customer (conversion, satisfaction, abandonment)."
        ),
        example="- id: discovery\n  name: Discovery\n  phase: discovery\n  touchpoints: [...]\n",
        fix="Add at least one KPI with a baseline and a target.",
        document=check_stage_kpi,
    ),
    Rule(
        id=RuleId.KEY_MOMENT_WITHOUT_KPI,
        severity="info",
        summary="A stage with a key moment (its own or a step's) has no KPI.",
        what=(
            "A stage without `kpis:` whose `key_moment:` is set, or one of whose steps has a "
            "`key_moment:`. Reported once per stage."
        ),
        why=(
            "A key moment is where the journey is won or lost; without a figure the team "
            "cannot tell whether that moment goes well, nor whether a change helped it."
        ),
        example=(
            "- id: checkout\n  name: Checkout\n  phase: purchase\n"
            "  key_moment: Most customers who leave, leave here\n"
        ),
        fix="Add a KPI that measures the moment (conversion, abandonment, satisfaction).",
        document=check_key_moment_kpi,
    ),
)
