"""Files -> findings: read each file, run the rules of each scope from the registry, then rate
and suppress what they found.

Returns data and prints nothing. Files are checked independently (in parallel when there are
many) by the parse and document rules, then the portfolio rules see them all together, then
the project rules look at the repository around them.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Final

from jcode.findings import (
    Finding,
    Problem,
    RuleId,
    Severity,
    SuppressedFinding,
    count_by_severity,
    element_key,
    printable_message,
    rule_id,
)
from jcode.forking import Numbers, forked
from jcode.i18n import Message
from jcode.loader import MAX_FILE_BYTES, Document, decode, load
from jcode.record import Record
from jcode.rules import RULES, Context, Member, Portfolio
from jcode.rules.base import DocumentCheck, ParseCheck, PortfolioCheck, ProjectCheck
from jcode.rules.parsing import suppressions
from jcode.spec import Journey, Project, parse_journey
from jcode.spec.agreement import FastPathError
from jcode.text import printable as printable  # site/pages.py still imports it from here
from jcode.yaml_messages import BROKEN_LINK, NOT_A_FILE, TOO_BIG, UNREADABLE

_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}\Z")
PARALLEL_MIN_FILES = 64


class JourneyFile(Record):
    """One journey file after linting: its model (when it matched the schema and the models
    were kept), the id it declares, and its findings."""

    __slots__ = ("findings", "journey", "journey_id", "path", "suppressed", "valid")

    def __init__(
        self,
        path: str,
        journey: Journey | None = None,
        journey_id: str | None = None,
        valid: bool = False,  # it matched the schema, so the document rules ran on it
        findings: tuple[Finding, ...] = (),
        suppressed: tuple[SuppressedFinding, ...] = (),
    ) -> None:
        self.path: Final = path
        self.journey: Final = journey
        self.journey_id: Final = journey_id
        self.valid: Final = valid
        self.findings: Final = findings
        self.suppressed: Final = suppressed


class LintResult(Record):
    """What a run found, file by file, and about the repository (stale-project-schema). It
    never changes: a baseline, say, gives a new one (`keeping`)."""

    __slots__ = ("files", "project")

    def __init__(
        self, files: Sequence[JourneyFile], project_findings: Sequence[Finding] = ()
    ) -> None:
        self.files: Final = tuple(files)
        self.project: Final = tuple(project_findings)

    @property
    def project_findings(self) -> list[Finding]:
        return list(self.project)

    @property
    def findings(self) -> list[Finding]:
        return [f for file in self.files for f in file.findings] + list(self.project)

    @property
    def suppressed(self) -> list[SuppressedFinding]:
        return [s for file in self.files for s in file.suppressed]

    def counts(self) -> dict[Severity, int]:
        return count_by_severity(self.findings)

    def keeping(self, findings: Sequence[Finding]) -> LintResult:
        """The same result with only these of its findings (the very objects)."""
        kept = set(map(id, findings))
        files = [
            JourneyFile(
                file.path,
                file.journey,
                file.journey_id,
                file.valid,
                tuple(f for f in file.findings if id(f) in kept),
                file.suppressed,
            )
            for file in self.files
        ]
        return LintResult(files, [f for f in self.project if id(f) in kept])


def display_path(path: Path) -> str:
    """A path as the user will read it: relative to the current directory when under it."""
    if not path.is_absolute():
        return Path(os.path.normpath(path)).as_posix()
    relative = os.path.relpath(path)
    return Path(relative).as_posix() if not relative.startswith("..") else path.as_posix()


def declared_id(data: Any) -> str | None:
    """The journey id a file's data declares, when it is one, whether or not the rest of the
    file is a valid journey: the file's identity for the cross-file rules, diff and baselines."""
    return _as_id(data.get("id")) if isinstance(data, dict) else None


def _as_id(value: object) -> str | None:
    return value if isinstance(value, str) and _ID_RE.match(value) else None


class _Rules:
    """The rules a project has on, by scope, with the severity it gives each."""

    def __init__(self, project: Project) -> None:
        self.severity: dict[RuleId, Severity] = {}
        for rule in RULES.values():
            severity = project.severities.get(rule.id, rule.severity)
            if severity is not None:
                self.severity[rule.id] = severity
        on = [RULES[r] for r in self.severity]
        self.parse: list[tuple[RuleId, ParseCheck]] = [
            (r.id, r.parse) for r in on if r.parse is not None
        ]
        self.document: list[tuple[RuleId, DocumentCheck]] = [
            (r.id, r.document) for r in on if r.document is not None
        ]
        self.portfolio: list[tuple[RuleId, PortfolioCheck]] = [
            (r.id, r.portfolio) for r in on if r.portfolio is not None
        ]
        self.project: list[tuple[RuleId, ProjectCheck]] = [
            (r.id, r.project) for r in on if r.project is not None
        ]


class Checked:
    """A file after the per-file rules, waiting for the portfolio rules and the final step."""

    __slots__ = ("elements", "journey", "member", "path", "problems", "suppressions")

    def __init__(self, path: str) -> None:
        self.path = path
        self.journey: Journey | None = None
        self.member = Member(path, None, False)
        self.problems: list[tuple[RuleId, Problem]] = []  # placed: each has its position
        self.elements: dict[str, str] = {}  # pointer -> element by ids
        self.suppressions: list[tuple[str, str, str]] = []  # (element, rule, reason)


def _check(path: str, doc: Document, rules: _Rules, context: Context) -> Checked:
    checked = Checked(path)
    # The fast path builds the journey or nothing; the parse rules say what is wrong.
    journey = parse_journey(doc.data) if doc.readable else None
    problems = checked.problems
    for rule, parse in rules.parse:
        problems.extend((rule, _placed(problem, doc)) for problem in parse(doc, journey))
    if journey is None:
        # A file that YAML cannot read may still say its id on an `id:` line.
        declared = declared_id(doc.data) if doc.readable else _as_id(doc.declared_id)
        checked.member = Member(path, declared, False)
    else:
        related = tuple(
            (rid, f"/related/{i}", doc.position(f"/related/{i}"))
            for i, rid in enumerate(journey.related)
        )
        checked.member = Member(path, journey.id, True, doc.position("/id"), related)
        checked.journey = journey
        checked.suppressions = [
            (element, s.rule, s.reason)
            for element, _, s in suppressions(journey)
            if s.reason and rule_id(s.rule) is not None
        ]
        for rule, document in rules.document:
            problems.extend((rule, _placed(problem, doc)) for problem in document(journey, context))
    data = doc.data
    pointers = [p.pointer for _, p in problems if p.pointer]
    pointers += [pointer for _, pointer, _ in checked.member.related]  # for the portfolio rules
    checked.elements = {pointer: element_key(data, pointer) for pointer in pointers}
    return checked


def _placed(problem: Problem, doc: Document) -> Problem:
    if problem.position is not None:
        return problem
    return Problem(problem.pointer, problem.message, doc.position(problem.pointer))


def read_file(path: str) -> bytes | Document:
    """The file's content, or a document that says why it cannot be read. A folder that could
    not be listed stands in for its files (collect_files() gives it)."""
    what = "file"
    try:
        status = Path(path).stat()
        if stat.S_ISDIR(status.st_mode):
            what = "folder"
            os.scandir(path).close()  # raises why it could not be listed
        if not stat.S_ISREG(status.st_mode):
            return Document.unreadable(NOT_A_FILE())
        size = status.st_size
        if size > MAX_FILE_BYTES:
            return _too_big(size)
        with Path(path).open("rb") as stream:
            # Asking for the size we saw, not for the limit: read(64 MiB) allocates 64 MiB.
            raw = stream.read(size + 1)
            if len(raw) > size:  # it grew since: read on, up to the limit
                raw += stream.read(MAX_FILE_BYTES + 1 - len(raw))
    except OSError as exc:
        return Document.unreadable(_unreadable(path, what, exc))
    return raw


def _unreadable(path: str, what: str, exc: OSError) -> Message:
    if isinstance(exc, FileNotFoundError) and Path(path).is_symlink():
        return BROKEN_LINK(target=str(Path(path).readlink()))
    return UNREADABLE[what](reason=exc.strerror or str(exc))


def _too_big(size: int) -> Document:
    return Document.unreadable(
        TOO_BIG(size=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024))
    )


def _parse(raw: bytes) -> Document:
    if len(raw) > MAX_FILE_BYTES:
        return _too_big(len(raw))
    text, problem = decode(raw)
    if problem is None:
        assert text is not None
        return load(text)
    assert problem.position is not None
    return Document.unreadable(problem.message, problem.position)


Source = str | tuple[str, bytes]  # a file, or (path as shown, content) read from elsewhere


def source_path(source: Source) -> str:
    return source if isinstance(source, str) else source[0]


def _check_source(source: Source, linter: Linter) -> Checked:
    path, content = (source, read_file(source)) if isinstance(source, str) else source
    doc = content if isinstance(content, Document) else _parse(content)
    try:
        return _check(path, doc, linter.rules, linter.context)
    except FastPathError as exc:
        raise FastPathError(f"{path}: {exc}") from None


def _check_chunk(sources: Iterable[Source], linter: Linter, keep_models: bool) -> list[Checked]:
    gc.disable()  # the loader makes no reference cycles; collecting only costs time here
    results = []
    try:
        for source in sources:
            checked = _check_source(source, linter)
            if not keep_models:
                checked.journey = None  # let it go now: 10,000 models would not fit in memory
            results.append(checked)
    finally:
        gc.enable()
    return results


class Linter:
    """A project's rules for one day, run in steps: the per-file rules on each file (its
    Checked), then the portfolio rules over all of them, then each file finished. lint() runs
    them once; the Relinter (jcode.relint) keeps the files' Checked between its runs."""

    def __init__(self, project: Project, today: date) -> None:
        self.project: Final = project
        self.rules: Final = _Rules(project)
        self.context: Final = Context(project, today)

    def check(
        self,
        sources: Sequence[Source],
        jobs: int | None,
        keep_models: bool,
        meanwhile: Callable[[], object] | None = None,
    ) -> list[Checked]:
        """The per-file rules on each source, in its order: in parallel when there are many.
        `meanwhile`: other work for this process, done while the others start on the files
        (jcode build prepares the site's theme), which then take more of them."""
        workers = jobs if jobs is not None else (os.cpu_count() or 1)
        if workers > 1 and len(sources) >= PARALLEL_MIN_FILES and hasattr(os, "fork"):
            # Each process takes the next file when it is free: shares even out by time.
            with Numbers(len(sources)) as numbers:
                work = partial(self._check_taken, sources, numbers, keep_models, meanwhile)
                chunks = forked(work, list(range(workers)))
            by_path = {c.path: c for chunk in chunks for c in chunk}
            return [by_path[source_path(source)] for source in sources]
        if meanwhile is not None:
            meanwhile()
        return _check_chunk(sources, self, keep_models)

    def _check_taken(
        self,
        sources: Sequence[Source],
        numbers: Numbers,
        keep_models: bool,
        meanwhile: Callable[[], object] | None,
        share: int,
    ) -> list[Checked]:
        if share == 0 and meanwhile is not None:  # this process, not a child
            meanwhile()
        return _check_chunk((sources[n] for n in numbers), self, keep_models)

    def portfolio(
        self, checked: Sequence[Checked], other_ids: frozenset[str]
    ) -> list[list[tuple[RuleId, Problem]]]:
        """What the portfolio rules find in each file, seeing them all together. Kept apart
        from the Checked, which the Relinter reuses in its next run."""
        found: list[list[tuple[RuleId, Problem]]] = [[] for _ in checked]
        portfolio = Portfolio([c.member for c in checked], other_ids)
        for rule, check_portfolio in self.rules.portfolio:
            for index, problem in check_portfolio(portfolio):
                found[index].append((rule, problem))
        return found

    def project_findings(self) -> list[Finding]:
        return [
            Finding(
                printable(display_path(path)),
                *(problem.position or (1, 1)),
                rule,
                self.rules.severity[rule],
                printable(problem.pointer),
                None,
                printable_message(problem.message),
            )
            for rule, check_project in self.rules.project
            for path, problem in check_project(self.project)
        ]

    def finish(
        self, checked: Checked, portfolio_problems: Sequence[tuple[RuleId, Problem]]
    ) -> JourneyFile:
        """Rate what the rules found, set the suppressed apart, sort by position."""
        shown = printable(checked.path)
        journey_id = checked.member.journey_id
        findings, suppressed = [], []
        for rule, problem in sorted(
            [*checked.problems, *portfolio_problems],
            key=lambda p: (p[1].position or (1, 1), p[0], str(p[1].message)),
        ):
            finding = Finding(
                shown,
                *(problem.position or (1, 1)),
                rule,
                self.rules.severity[rule],
                printable(problem.pointer),
                journey_id,
                printable_message(problem.message),
                checked.elements.get(problem.pointer, problem.pointer.lstrip("/")),
                RULES[rule].whole_file,
            )
            reason = _suppression(checked.suppressions, rule, problem.pointer)
            if reason is None:
                findings.append(finding)
            else:
                suppressed.append(SuppressedFinding(finding, reason))
        return JourneyFile(
            checked.path,
            checked.journey,
            journey_id,
            checked.member.valid,
            tuple(findings),
            tuple(suppressed),
        )


def lint(
    paths: Sequence[Source],
    project: Project,
    today: date | None = None,
    *,
    jobs: int | None = None,
    keep_models: bool = True,
    other_ids: frozenset[str] = frozenset(),
    meanwhile: Callable[[], object] | None = None,
) -> LintResult:
    """Lint journey files (already collected, in path order) with a project's settings. A
    journey that is not a file on disk (a git revision's) is given as (path as shown, content).
    `other_ids`: the ids of journeys that exist beside these files but are not linted now.
    `meanwhile`: work to do while the files are read (Linter.check)."""
    linter = Linter(project, today or date.today())
    checked = linter.check(paths, jobs, keep_models, meanwhile)
    found = linter.portfolio(checked, other_ids)
    files = [linter.finish(c, problems) for c, problems in zip(checked, found, strict=True)]
    return LintResult(files, linter.project_findings())


def _suppression(entries: list[tuple[str, str, str]], rule: str, pointer: str) -> str | None:
    for element, suppressed_rule, reason in entries:
        if suppressed_rule == rule and (
            not element or pointer == element or pointer.startswith(element + "/")
        ):
            return reason
    return None
