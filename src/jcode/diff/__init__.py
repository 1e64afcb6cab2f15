"""Two linted sides of a journeys repository -> what changed, in journey terms, and which
findings came and went. Returns data and prints nothing.

Journeys are matched by id, never by file: a journey moved to another file is a renamed file;
what changed inside a journey is jcode.diff.changes'. Findings are matched by their identity
(journey, rule, element by ids), so a finding that only moved lines is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from jcode.diff.changes import Change, journey_changes
from jcode.findings import Finding, Identity, unmatched
from jcode.i18n import SOURCE_LANGUAGE
from jcode.linter import JourneyFile, LintResult
from jcode.record import Record
from jcode.spec import Project


class JourneyDiff(Record):
    """A journey that changed between the sides; a file is None on the side it is absent from."""

    __slots__ = ("base_file", "changes", "head_file", "id", "title")

    def __init__(
        self,
        id: str,
        title: str | None,
        base_file: str | None,
        head_file: str | None,
        changes: tuple[Change, ...],
    ) -> None:
        self.id: Final = id
        self.title: Final = title  # HEAD's (BASE's when removed); None when its file is invalid
        self.base_file: Final = base_file
        self.head_file: Final = head_file
        self.changes: Final = changes


class Diff(Record):
    __slots__ = ("base", "head", "journeys", "language", "new", "resolved", "unchanged")

    def __init__(
        self,
        base: str,
        head: str,
        journeys: tuple[JourneyDiff, ...],
        new: tuple[Finding, ...],
        resolved: tuple[Finding, ...],
        unchanged: int,
        language: str = SOURCE_LANGUAGE,
    ) -> None:
        self.base: Final = base  # the sides as the user named them
        self.head: Final = head
        self.journeys: Final = journeys  # by id
        self.new: Final = new  # HEAD's findings that BASE did not have
        self.resolved: Final = resolved  # BASE's findings that HEAD no longer has
        self.unchanged: Final = unchanged
        # HEAD's site.language: what a pull-request comment is written in, as the site is.
        self.language: Final = language

    @property
    def added(self) -> list[str]:
        return [j.id for j in self.journeys if j.base_file is None]

    @property
    def removed(self) -> list[str]:
        return [j.id for j in self.journeys if j.head_file is None]

    @property
    def changed(self) -> list[JourneyDiff]:
        return [j for j in self.journeys if j.base_file is not None and j.head_file is not None]


class Side(Record):
    """One side of a diff: how the user named it, its journeys linted with its project, and
    the folder its file paths are relative to when the sides' files are compared (as paths are
    shown)."""

    __slots__ = ("label", "missing", "project", "result", "root")

    def __init__(
        self,
        label: str,
        result: LintResult,
        project: Project,
        root: str,
        missing: str | None = None,
    ) -> None:
        self.label: Final = label
        self.result: Final = result
        self.project: Final = project
        self.root: Final = root
        self.missing: Final = missing  # the journeys folder this side lacks, as shown

    def relative(self, path: str) -> str:
        if self.root == ".":
            return path
        return path.removeprefix(self.root.rstrip("/") + "/")


def compare(base_side: Side, head_side: Side) -> Diff:
    base, head = base_side.result, head_side.result
    base_files, head_files = _by_journey(base), _by_journey(head)
    # A file that is not readable YAML on one side names no journey there; its journey is not
    # "added" or "removed" by that: its yaml-syntax finding says what happened.
    base_unreadable, head_unreadable = _unreadable(base_side), _unreadable(head_side)
    journeys = []
    for journey_id in sorted(base_files.keys() | head_files.keys()):
        before, after = base_files.get(journey_id), head_files.get(journey_id)
        if (
            before is None
            and after is not None
            and head_side.relative(after.path) in base_unreadable
        ) or (
            after is None
            and before is not None
            and base_side.relative(before.path) in head_unreadable
        ):
            continue
        changes = tuple(_file_changes(before, after, base_side, head_side))
        if changes:
            shown = after if after is not None else before
            assert shown is not None
            title = shown.journey.title if shown.journey is not None else None
            journeys.append(
                JourneyDiff(
                    journey_id,
                    title,
                    before.path if before is not None else None,
                    after.path if after is not None else None,
                    changes,
                )
            )
    new, resolved, unchanged = _findings(base_side, head_side)
    language = head_side.project.config.site.language
    return Diff(
        base_side.label, head_side.label, tuple(journeys), new, resolved, unchanged, language
    )


def _by_journey(result: LintResult) -> dict[str, JourneyFile]:
    """Journey id -> its file; the first in path order when two files claim one id (lint
    reports the other as a duplicate-id)."""
    files: dict[str, JourneyFile] = {}
    for file in result.files:
        if file.journey_id is not None:
            files.setdefault(file.journey_id, file)
    return files


def _unreadable(side: Side) -> set[str]:
    """The side's files that name no journey, relative to the side."""
    return {side.relative(file.path) for file in side.result.files if file.journey_id is None}


def _file_changes(
    before: JourneyFile | None, after: JourneyFile | None, base: Side, head: Side
) -> Iterator[Change]:
    if before is None:
        assert after is not None
        yield Change("journey-added", "", "", None, after.path)
        return
    if after is None:
        yield Change("journey-removed", "", "", before.path, None)
        return
    if base.relative(before.path) != head.relative(after.path):
        yield Change("journey-file-renamed", "", "", before.path, after.path)
    # A file that does not match the schema has no trusted content to compare: its findings
    # say what is wrong with it.
    if before.journey is not None and after.journey is not None:
        yield from journey_changes(before.journey, after.journey, base.project, head.project)


def _findings(base: Side, head: Side) -> tuple[tuple[Finding, ...], tuple[Finding, ...], int]:
    """(new, resolved, unchanged count): findings paired by identity (with its file relative
    to its side, for a file without a readable journey)."""
    before, after = base.result.findings, head.result.findings
    new, resolved = unmatched(
        [(_identity(f, head), f.message) for f in after],
        [(_identity(f, base), f.message) for f in before],
    )
    return tuple(after[i] for i in new), tuple(before[i] for i in resolved), len(after) - len(new)


def _identity(finding: Finding, side: Side) -> Identity:
    journey_or_file, rule, element = finding.identity
    if finding.journey is None:
        journey_or_file = side.relative(journey_or_file)
    return journey_or_file, rule, element


FAIL_ON: tuple[str, ...] = ("new-error", "new-warning", "never")


def fails(diff: Diff, fail_on: str) -> bool:
    """Whether HEAD adds findings at the --fail-on level: new-error, new-warning or never."""
    threshold = {"new-error": "error", "new-warning": "warning"}.get(fail_on)
    return threshold is not None and any(f.at_least(threshold) for f in diff.new)
