"""Rules about how stages are measured."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from jcode.findings import Problem, RuleId
from jcode.i18n import Template
from jcode.rules.base import Rule
from jcode.spec.walk import kpi_pointer, stage_pointer

if TYPE_CHECKING:
    from jcode.rules.base import Context
    from jcode.spec import Journey


NO_TARGET = Template("kpi-without-target", "KPI '{kpi}' has no target")
# By the KPI's `direction`: the word is the sentence's verb, which a translation conjugates.
NOT_BETTER = {
    "increase": Template(
        "kpi-target-not-improvement.increase",
        "KPI '{kpi}' should increase, but its target {target} does not improve on its "
        "baseline {baseline}",
    ),
    "decrease": Template(
        "kpi-target-not-improvement.decrease",
        "KPI '{kpi}' should decrease, but its target {target} does not improve on its "
        "baseline {baseline}",
    ),
}
NO_BASELINE = Template("kpi-without-baseline", "KPI '{kpi}' has no baseline")
NO_KPI = Template("stage-without-kpi", "stage '{stage}' has no KPI")
KEY_STAGE = Template(
    "key-moment-without-kpi",
    "stage '{stage}' is a key moment but has no KPI to tell whether it goes well",
)
KEY_STEP = Template(
    "key-moment-without-kpi.step",
    "step {step} of stage '{stage}' is a key moment, but the stage has no KPI to tell whether "
    "it goes well",
)
KEY_STEPS = Template(
    "key-moment-without-kpi.steps",
    "steps {steps} of stage '{stage}' are key moments, but the stage has no KPI to tell whether "
    "they go well",
)


def _number(value: float) -> str:
    return f"{value:g}"


def check_target(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        for ki, kpi in enumerate(stage.kpis):
            if kpi.target is None:
                yield Problem(kpi_pointer(si, ki), NO_TARGET(kpi=kpi.id))


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
                    NOT_BETTER[kpi.direction](
                        kpi=kpi.id, target=_number(kpi.target), baseline=_number(kpi.baseline)
                    ),
                )


def check_baseline(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        for ki, kpi in enumerate(stage.kpis):
            if kpi.baseline is None:
                yield Problem(kpi_pointer(si, ki), NO_BASELINE(kpi=kpi.id))


def check_stage_kpi(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        if not stage.kpis:
            yield Problem(stage_pointer(si), NO_KPI(stage=stage.id))


def check_key_moment_kpi(journey: Journey, context: Context) -> Iterator[Problem]:
    for si, stage in enumerate(journey.stages):
        if stage.kpis:
            continue
        if stage.key_moment is not None:
            yield Problem(stage_pointer(si), KEY_STAGE(stage=stage.id))
            continue
        steps = [str(i + 1) for i, step in enumerate(stage.steps) if step.key_moment is not None]
        if len(steps) == 1:
            yield Problem(stage_pointer(si), KEY_STEP(step=steps[0], stage=stage.id))
        elif steps:
            yield Problem(stage_pointer(si), KEY_STEPS(steps=", ".join(steps), stage=stage.id))


RULES = (
    Rule(
        id=RuleId.KPI_WITHOUT_TARGET,
        severity="warning",
        summary=Template("doc.kpi-without-target.summary", "A KPI has no target."),
        what=Template("doc.kpi-without-target.what", "A KPI without `target:`."),
        why=Template(
            "doc.kpi-without-target.why",
            "A figure without a target is a dashboard, not a goal: nobody can say whether the "
            "stage works, or whether a change made it better.",
        ),
        example=Template(
            "doc.kpi-without-target.example",
            "- {id: csat, name: Customer satisfaction, baseline: 4.1}\n",
        ),
        fix=Template(
            "doc.kpi-without-target.fix",
            "Agree a target with the KPI's owner and add `target:` (and `direction:`).",
        ),
        document=check_target,
    ),
    Rule(
        id=RuleId.KPI_TARGET_NOT_IMPROVEMENT,
        severity="warning",
        summary=Template(
            "doc.kpi-target-not-improvement.summary",
            "The target does not improve on the baseline in the KPI's direction.",
        ),
        what=Template(
            "doc.kpi-target-not-improvement.what",
            "A KPI with `baseline`, `target` and `direction` set, whose target is not better "
            "than its baseline: not higher for `increase`, not lower for `decrease`.",
        ),
        why=Template(
            "doc.kpi-target-not-improvement.why",
            "A target equal to or worse than today's figure is almost always a swapped pair or "
            "a wrong direction, and it makes every report on the KPI say the opposite of the "
            "truth.",
        ),
        example=Template(
            "doc.kpi-target-not-improvement.example",
            "- id: cart-abandonment\n  name: Cart abandonment\n  direction: decrease\n"
            "  baseline: 59\n  target: 65\n",
        ),
        fix=Template(
            "doc.kpi-target-not-improvement.fix",
            "Swap baseline and target, or correct the direction.",
        ),
        document=check_improvement,
    ),
    Rule(
        id=RuleId.KPI_WITHOUT_BASELINE,
        severity="info",
        summary=Template("doc.kpi-without-baseline.summary", "A KPI has no baseline."),
        what=Template("doc.kpi-without-baseline.what", "A KPI without `baseline:`."),
        why=Template(
            "doc.kpi-without-baseline.why",
            "Without today's figure nobody can tell how far the target is, or whether it moved.",
        ),
        example=Template(
            "doc.kpi-without-baseline.example",
            "- {id: nps, name: Net Promoter Score, target: 45}\n",
        ),
        fix=Template(
            "doc.kpi-without-baseline.fix",
            "Measure the KPI now and record it as `baseline:`, with its `source:`.",
        ),
        document=check_baseline,
    ),
    Rule(
        id=RuleId.STAGE_WITHOUT_KPI,
        severity="info",
        summary=Template("doc.stage-without-kpi.summary", "A stage has no KPI."),
        what=Template(
            "doc.stage-without-kpi.what", "A stage without `kpis:` (or with an empty list)."
        ),
        why=Template(
            "doc.stage-without-kpi.why",
            "What is not measured is not improved: a KPI per stage tells the team whether the "
            "stage works for the customer (conversion, satisfaction, abandonment).",
        ),
        example=Template(
            "doc.stage-without-kpi.example",
            "- id: discovery\n  name: Discovery\n  phase: discovery\n  touchpoints: [...]\n",
        ),
        fix=Template(
            "doc.stage-without-kpi.fix", "Add at least one KPI with a baseline and a target."
        ),
        document=check_stage_kpi,
    ),
    Rule(
        id=RuleId.KEY_MOMENT_WITHOUT_KPI,
        severity="info",
        summary=Template(
            "doc.key-moment-without-kpi.summary",
            "A stage with a key moment (its own or a step's) has no KPI.",
        ),
        what=Template(
            "doc.key-moment-without-kpi.what",
            "A stage without `kpis:` whose `key_moment:` is set, or one of whose steps has a "
            "`key_moment:`. Reported once per stage.",
        ),
        why=Template(
            "doc.key-moment-without-kpi.why",
            "A key moment is where the journey is won or lost; without a figure the team "
            "cannot tell whether that moment goes well, nor whether a change helped it.",
        ),
        example=Template(
            "doc.key-moment-without-kpi.example",
            "- id: checkout\n  name: Checkout\n  phase: purchase\n"
            "  key_moment: Most customers who leave, leave here\n",
        ),
        fix=Template(
            "doc.key-moment-without-kpi.fix",
            "Add a KPI that measures the moment (conversion, abandonment, satisfaction).",
        ),
        document=check_key_moment_kpi,
    ),
)
