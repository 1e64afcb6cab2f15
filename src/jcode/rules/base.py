"""What a rule is: metadata, documentation, and the checks that yield its problems.

A rule checks at one or more scopes, each a step of the linter with what it reads there:
- parse: the document as read (its parser errors, its duplicate keys, its fit to the schema);
- document: one journey that matched the schema, with the project's settings;
- portfolio: every journey file of the run together (ids across files);
- project: the repository around the journeys (the editor schema).
The linter runs every rule of each scope from the registry; a rule names no other.

Every rule documents itself in fixed sections (what it flags, why it matters, an example that
fires, the fix), each a Template (`doc.<rule id>.<section>`) so that catalogs translate it;
`jcode rules`, the README's table, SARIF's rule help and the site's rule pages are rendered from
these, and a test fails when a section is missing. A rule's finding messages are Templates
whose ids are its own id or start with it and a dot (`missing-owner.stages`): SARIF lists them
as the rule's messageStrings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

from jcode.findings import SEVERITY_NAMES, Position, Problem, RuleId, Severity
from jcode.i18n import ENGLISH, Catalog, Template
from jcode.record import Record

if TYPE_CHECKING:
    from jcode.loader import Document
    from jcode.spec import Journey, Project


class Context(Record):
    """What a document check may read besides the journey: the project settings and today."""

    __slots__ = ("project", "today")

    def __init__(self, project: Project, today: date) -> None:
        self.project: Final = project
        self.today: Final = today


class Member(Record):
    """A journey file as the portfolio checks see it: the id it declares (even when it does not
    match the schema: then `valid` is false), where that id stands, and its related journeys
    as (id, pointer, position)."""

    __slots__ = ("journey_id", "path", "position", "related", "valid")

    def __init__(
        self,
        path: str,
        journey_id: str | None,
        valid: bool,
        position: Position = (1, 1),
        related: tuple[tuple[str, str, Position], ...] = (),
    ) -> None:
        self.path: Final = path
        self.journey_id: Final = journey_id
        self.valid: Final = valid
        self.position: Final = position
        self.related: Final = related


class Portfolio(Record):
    """The journey files of a run, in path order, and the ids of the journeys beside them that
    are not linted now (they exist, for `related`, but are not checked)."""

    __slots__ = ("members", "other_ids")

    def __init__(self, members: Sequence[Member], other_ids: frozenset[str]) -> None:
        self.members: Final = members
        self.other_ids: Final = other_ids


# The document as read and the journey the fast path built from it, if any.
ParseCheck = Callable[["Document", "Journey | None"], Iterator[Problem]]
DocumentCheck = Callable[["Journey", Context], Iterator[Problem]]
# (the index of the member it is about, its problem placed there).
PortfolioCheck = Callable[[Portfolio], Iterator[tuple[int, Problem]]]
# (the file it is about, its problem placed there).
ProjectCheck = Callable[["Project"], Iterator[tuple[Path, Problem]]]


class Rule(Record):
    """A rule: its id and default severity, its documentation, and its check at each scope."""

    __slots__ = (
        "document",
        "example",
        "fix",
        "id",
        "name",
        "parse",
        "portfolio",
        "project",
        "severity",
        "summary",
        "what",
        "whole_file",
        "why",
    )

    def __init__(
        self,
        id: RuleId,
        severity: Severity,
        summary: Template,  # one line, for `jcode rules` and the README table
        what: Template,
        why: Template,
        example: Template,  # YAML that fires the rule (its comments are translated)
        fix: Template,
        *,
        parse: ParseCheck | None = None,
        document: DocumentCheck | None = None,
        portfolio: PortfolioCheck | None = None,
        project: ProjectCheck | None = None,
        name: str | None = None,  # only where the derived name would be the id itself
        whole_file: bool = False,
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
        self.parse: Final = parse
        self.document: Final = document
        self.portfolio: Final = portfolio
        self.project: Final = project
        # Its findings are about the file's text, not an element of the journey, and their
        # messages name lines (a parser's): they are told apart by file and rule alone, in
        # baselines, diffs and SARIF fingerprints.
        self.whole_file: Final = whole_file

    def owns(self, message_id: str) -> bool:
        """Whether a message template is one of this rule's findings'."""
        return message_id == self.id or message_id.startswith(self.id + ".")

    def docs_markdown(self, catalog: Catalog = ENGLISH) -> str:
        example = catalog.text(self.example).rstrip()
        return self._docs(_DOCS_MARKDOWN, catalog, example)

    def docs_text(self, catalog: Catalog = ENGLISH) -> str:
        lines = catalog.text(self.example).rstrip().splitlines()
        return self._docs(_DOCS_TEXT, catalog, "".join(f"  {line}\n" for line in lines))

    def _docs(self, layout: Template, catalog: Catalog, example: str) -> str:
        """The rule's sections in a catalog's language, laid out with `example` as shown."""
        t = catalog.text
        return catalog(
            layout,
            rule=self.id,
            severity=t(SEVERITY_NAMES[self.severity]),
            what=t(self.what),
            why=t(self.why),
            example=example,
            fix=t(self.fix),
        )


_DOCS_MARKDOWN = Template(
    "doc.markdown",
    "## {rule}\n\nDefault severity: **{severity}**\n\n### What it flags\n\n{what}\n\n"
    "### Why it matters\n\n{why}\n\n### Example\n\n```yaml\n{example}\n```\n\n"
    "### Fix\n\n{fix}\n",
)
_DOCS_TEXT = Template(
    "doc.text",
    "{rule} ({severity})\n\nWhat it flags:\n  {what}\n\nWhy it matters:\n  {why}\n\n"
    "Example:\n{example}\nFix:\n  {fix}\n",
)
