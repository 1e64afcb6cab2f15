"""Rules about who looks after the journey, and when it was last looked at."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from jcode.findings import Problem, RuleId
from jcode.rules.base import Rule
from jcode.spec.walk import stage_pointer

if TYPE_CHECKING:
    from jcode.rules.base import Context
    from jcode.spec import Journey


def check_owner(journey: Journey, context: Context) -> Iterator[Problem]:
    if journey.owner is not None:
        return
    yield Problem("", f"journey '{journey.id}' has no owner")
    for si, stage in enumerate(journey.stages):
        if stage.owner is None:
            yield Problem(
                stage_pointer(si), f"stage '{stage.id}' has no owner, and neither has its journey"
            )


def check_review(journey: Journey, context: Context) -> Iterator[Problem]:
    every = context.project.config.review_every_days
    if journey.reviewed is None:
        return
    age = (context.today - journey.reviewed).days  # no date arithmetic that can overflow
    if age > every:
        yield Problem(
            "",
            f"journey '{journey.id}' was last reviewed on {journey.reviewed.isoformat()}, "
            f"{age} days ago (review every {every} days)",
        )


RULES = (
    Rule(
        id=RuleId.MISSING_OWNER,
        severity="warning",
        summary="The journey has no owner, nor has a stage of it.",
        what=(
            "A journey without `owner` (at the journey), and each of its stages without an "
            "`owner` (at the stage). A journey with an owner passes: its stages inherit it."
        ),
        why=(
            "Journey maps in slides rot because nobody owns them. An owner is who answers for "
            "the gaps, reviews the map and is asked when something changes."
        ),
        example="id: bank-account\ntitle: Opening a bank account\nstages: [...]   # no owner\n",
        fix="Set `owner:` on the journey (stages inherit it) or on each stage.",
        document=check_owner,
    ),
    Rule(
        id=RuleId.STALE_JOURNEY,
        severity="warning",
        summary="`reviewed` is older than `review_every_days` before today.",
        what=(
            "A journey whose `reviewed` date is more than `review_every_days` (jcode.yaml, "
            "default 365) before today. `--today` sets today."
        ),
        why=(
            "Customers, channels and competitors change; a map that nobody has checked for a "
            "year describes a journey that may no longer exist."
        ),
        example="reviewed: 2024-03-01\n",
        fix="Walk the journey with its owner, update it, and set `reviewed:` to today's date.",
        document=check_review,
    ),
)
