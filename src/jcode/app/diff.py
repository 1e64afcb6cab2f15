"""`jcode diff`: two sides of a journeys repository, each linted with its own jcode.yaml, and
what changed between them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

from jcode.diff import Diff, Side, compare, fails
from jcode.errors import JcodeError
from jcode.i18n import Template
from jcode.record import Record
from jcode.sides import read_side
from jcode.text import printable

NOTHING_TO_COMPARE = Template(
    "error.diff.no-journeys",
    "no journeys folder at '{base}' in BASE ({base_label}) nor at '{head}' in HEAD "
    "({head_label}): nothing to compare",
)


class DiffRequest(Record):
    __slots__ = ("base", "head", "today")

    def __init__(self, base: str, head: str | None = None, today: date | None = None) -> None:
        self.base: Final = base  # a git revision or a folder
        self.head: Final = head  # the same; None: the working tree
        self.today: Final = today  # for stale-journey, on both sides


class DiffOutcome(Record):
    __slots__ = ("diff", "lacking")

    def __init__(self, diff: Diff, lacking: Sequence[tuple[str, Side]] = ()) -> None:
        self.diff: Final = diff
        # ("BASE" or "HEAD", the side) without a journeys folder: every journey of the other
        # side counts as added or removed (a pull request may add the first journeys).
        self.lacking: Final = tuple(lacking)

    def failed(self, fail_on: str) -> bool:
        """Whether HEAD adds findings at the --fail-on level: new-error, new-warning or never."""
        return fails(self.diff, fail_on)


def diff_sides(request: DiffRequest) -> DiffOutcome:
    day = request.today or date.today()
    before, after = read_side(request.base, day), read_side(request.head, day)
    lacking = [
        (name, side)
        for name, side in (("BASE", before), ("HEAD", after))
        if side.missing is not None
    ]
    if len(lacking) == 2:
        raise JcodeError(
            NOTHING_TO_COMPARE(
                base=str(before.missing),
                base_label=printable(before.label),
                head=str(after.missing),
                head_label=printable(after.label),
            )
        )
    return DiffOutcome(compare(before, after), lacking)
