"""What a rule is: metadata, documentation and a check that yields problems.

Every rule documents itself in fixed sections (what it flags, why it matters, an example that
fires, the fix); `jcode rules`, the README's table and the site's rule pages are rendered from
these, and a test fails when a section is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Final

from jcode.findings import Problem, Severity
from jcode.record import Record

if TYPE_CHECKING:
    from jcode.spec import Journey, Project


class Context(Record):
    """What a check may read besides the journey: the project settings and today's date."""

    __slots__ = ("project", "today")

    def __init__(self, project: Project, today: date) -> None:
        self.project: Final = project
        self.today: Final = today


JourneyCheck = Callable[["Journey", Context], Iterator[Problem]]


class Rule(Record):
    """A rule: its id and default severity, its documentation, and its check."""

    __slots__ = ("check", "example", "fix", "id", "name", "severity", "summary", "what", "why")

    def __init__(
        self,
        id: str,
        severity: Severity,
        summary: str,  # one line, for `jcode rules` and the README table
        what: str,
        why: str,
        example: str,  # YAML that fires the rule
        fix: str,
        check: JourneyCheck | None = None,  # None: reported by the loader, validation or linter
        name: str | None = None,  # only where the derived name would be the id itself
    ) -> None:
        self.id: Final = id
        # The name a SARIF viewer shows beside the id: the id in PascalCase
        # (stage-without-touchpoints: StageWithoutTouchpoints). SARIF wants it to differ from
        # the id, and its validator compares ignoring case, so a one-word id names its own.
        self.name: Final = name or "".join(word.capitalize() for word in id.split("-"))
        self.severity: Final = severity
        self.summary: Final = summary
        self.what: Final = what
        self.why: Final = why
        self.example: Final = example
        self.fix: Final = fix
        self.check: Final = check

    def docs_markdown(self) -> str:
        return (
            f"## {self.id}\n\nDefault severity: **{self.severity}**\n\n"
            f"### What it flags\n\n{self.what}\n\n### Why it matters\n\n{self.why}\n\n"
            f"### Example\n\n```yaml\n{self.example.rstrip()}\n```\n\n### Fix\n\n{self.fix}\n"
        )

    def docs_text(self) -> str:
        return (
            f"{self.id} ({self.severity})\n\nWhat it flags:\n  {self.what}\n\n"
            f"Why it matters:\n  {self.why}\n\nExample:\n"
            + "".join(f"  {line}\n" for line in self.example.rstrip().splitlines())
            + f"\nFix:\n  {self.fix}\n"
        )
