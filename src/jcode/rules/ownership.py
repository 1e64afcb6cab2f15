"""Rules about who looks after the journey, and when it was last looked at."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from jcode.findings import Problem, RuleId
from jcode.rules.base import Rule

if TYPE_CHECKING:
    from jcode.rules.base import Context
    from jcode.spec import Journey


def check_owner(journey: Journey, context: Context) -> Iterator[Problem]:
    """One finding per journey, at the journey: giving it an owner fixes every stage at once."""
    if journey.owner is not None:
        return
    orphans = [f"'{stage.id}'" for stage in journey.stages if stage.owner is None]
    if not orphans:
        message = f"journey '{journey.id}' has no owner (each of its stages has one)"
    elif len(orphans) == 1:
        message = f"journey '{journey.id}' has no owner, and neither has its stage {orphans[0]}"
    else:
        message = (
            f"journey '{journey.id}' has no owner, and neither have its stages {', '.join(orphans)}"
        )
    yield Problem("", message)


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
        summary="The journey has no owner.",
        what=(
            "A journey without `owner`, reported once, at the journey; the message names its "
            "stages that have no `owner` of their own either. A journey with an owner passes: "
            "its stages inherit it."
        ),
        why=(
            "Journey maps in slides rot because nobody owns them. An owner is who answers for "
            "the gaps, reviews the map and is asked when something changes."
        ),
        example="id: bank-account\ntitle: Opening a bank account\nstages: [...]   # no owner\n",
        fix="Set `owner:` on the journey (stages inherit it, and may name their own).",
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
