"""What a rule is: metadata, documentation and a check that yields problems.

Every rule documents itself in fixed sections (what it flags, why it matters, an example that
fires, the fix); `jcode rules`, the README's table and the site's rule pages are rendered from
these, and a test fails when a section is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from jcode.findings import Problem, Severity

if TYPE_CHECKING:
    from jcode.spec import Journey, Project


@dataclass(frozen=True, slots=True)
class Context:
    """What a check may read besides the journey: the project settings and today's date."""

    project: Project
    today: date


JourneyCheck = Callable[["Journey", Context], Iterator[Problem]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    summary: str  # one line, for `jcode rules` and the README table
    what: str
    why: str
    example: str  # YAML that fires the rule
    fix: str
    check: JourneyCheck | None = None  # None: reported by the loader, validation or linter

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


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to a misspelt word, for "did you mean ...?" hints."""
    import difflib  # only on the way to a "did you mean": it costs start-up time

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None
