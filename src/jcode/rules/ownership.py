"""Rules about who looks after the journey, and when it was last looked at."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from jcode.findings import Problem, RuleId
from jcode.i18n import Template
from jcode.rules.base import Rule

if TYPE_CHECKING:
    from jcode.rules.base import Context
    from jcode.spec import Journey


NO_OWNER = Template(
    "missing-owner", "journey '{journey}' has no owner (each of its stages has one)"
)
NO_OWNER_STAGE = Template(
    "missing-owner.stage", "journey '{journey}' has no owner, and neither has its stage '{stage}'"
)
NO_OWNER_STAGES = Template(
    "missing-owner.stages",
    "journey '{journey}' has no owner, and neither have its stages {stages}",
)
STALE = Template(
    "stale-journey",
    "journey '{journey}' was last reviewed on {reviewed}, {age} days ago "
    "(review every {every} days)",
)


def check_owner(journey: Journey, context: Context) -> Iterator[Problem]:
    """One finding per journey, at the journey: giving it an owner fixes every stage at once."""
    if journey.owner is not None:
        return
    orphans = [stage.id for stage in journey.stages if stage.owner is None]
    if not orphans:
        message = NO_OWNER(journey=journey.id)
    elif len(orphans) == 1:
        message = NO_OWNER_STAGE(journey=journey.id, stage=orphans[0])
    else:
        stages = ", ".join(f"'{stage}'" for stage in orphans)
        message = NO_OWNER_STAGES(journey=journey.id, stages=stages)
    yield Problem("", message)


def check_review(journey: Journey, context: Context) -> Iterator[Problem]:
    every = context.project.config.review_every_days
    if journey.reviewed is None:
        return
    age = (context.today - journey.reviewed).days  # no date arithmetic that can overflow
    if age > every:
        yield Problem(
            "",
            STALE(journey=journey.id, reviewed=journey.reviewed.isoformat(), age=age, every=every),
        )


RULES = (
    Rule(
        id=RuleId.MISSING_OWNER,
        severity="warning",
        summary=Template("doc.missing-owner.summary", "The journey has no owner."),
        what=Template(
            "doc.missing-owner.what",
            "A journey without `owner`, reported once, at the journey; the message names its "
            "stages that have no `owner` of their own either. A journey with an owner passes: "
            "its stages inherit it.",
        ),
        why=Template(
            "doc.missing-owner.why",
            "Journey maps in slides rot because nobody owns them. An owner is who answers for "
            "the gaps, reviews the map and is asked when something changes.",
        ),
        example=Template(
            "doc.missing-owner.example",
            "id: bank-account\ntitle: Opening a bank account\nstages: [...]   # no owner\n",
        ),
        fix=Template(
            "doc.missing-owner.fix",
            "Set `owner:` on the journey (stages inherit it, and may name their own).",
        ),
        document=check_owner,
    ),
    Rule(
        id=RuleId.STALE_JOURNEY,
        severity="warning",
        summary=Template(
            "doc.stale-journey.summary",
            "`reviewed` is older than `review_every_days` before today.",
        ),
        what=Template(
            "doc.stale-journey.what",
            "A journey whose `reviewed` date is more than `review_every_days` (jcode.yaml, "
            "default 365) before today. `--today` sets today.",
        ),
        why=Template(
            "doc.stale-journey.why",
            "Customers, channels and competitors change; a map that nobody has checked for a "
            "year describes a journey that may no longer exist.",
        ),
        example=Template("doc.stale-journey.example", "reviewed: 2024-03-01\n"),
        fix=Template(
            "doc.stale-journey.fix",
            "Walk the journey with its owner, update it, and set `reviewed:` to today's date.",
        ),
        document=check_review,
    ),
)
