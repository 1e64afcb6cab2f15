"""Two linted sides of a journeys repository -> what changed, in journey terms, and which
findings came and went. Returns data and prints nothing.

Journeys are matched by id, never by file: a journey moved to another file is a renamed file;
what changed inside a journey is jcode.diff.changes'. An id that several files declare on a
side (lint's duplicate-id) is matched by id and file, so that every file's changes show.
Findings are matched by their identity (journey, rule, element by ids), so a finding that only
moved lines is unchanged; a finding on such a duplicated id by its file too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from jcode.diff.changes import Change, journey_changes
from jcode.findings import Finding, Identity, unmatched
from jcode.i18n import SOURCE_LANGUAGE
from jcode.linter import JourneyFile, LintResult
from jcode.record import Record
from jcode.spec import Journey, Project


class JourneyDiff(Record):
    """A journey that changed between the sides; a file is None on the side it is absent from."""

    __slots__ = (
        "base_file",
        "base_files",
        "changes",
        "head",
        "head_file",
        "head_files",
        "id",
        "title",
    )

    def __init__(
        self,
        id: str,
        title: str | None,
        base_file: str | None,
        head_file: str | None,
        changes: tuple[Change, ...],
        base_files: tuple[str, ...] = (),
        head_files: tuple[str, ...] = (),
        head: Journey | None = None,
    ) -> None:
        self.id: Final = id
        self.title: Final = title  # HEAD's (BASE's when removed); None when its file is invalid
        self.base_file: Final = base_file
        self.head_file: Final = head_file
        self.changes: Final = changes
        # Every file that declares the id on each side, in path order: more than one is a
        # duplicate-id (then `changes` are this file's alone).
        self.base_files: Final = base_files
        self.head_files: Final = head_files
        # HEAD's journey, when HEAD has it and it matches the schema: the comment draws it.
        self.head: Final = head

    @property
    def file(self) -> str:
        """The file shown for it: HEAD's, BASE's when removed."""
        file = self.head_file or self.base_file
        assert file is not None
        return file

    def duplicates(self) -> list[tuple[str, list[str]]]:
        """("BASE" or "HEAD", the other files that declare its id there), for each side where
        more than one file does."""
        sides = (
            ("BASE", self.base_files, self.base_file),
            ("HEAD", self.head_files, self.head_file),
        )
        return [
            (side, [file for file in files if file != own])
            for side, files, own in sides
            if len(files) > 1
        ]


class Diff(Record):
    __slots__ = (
        "base",
        "head",
        "head_project",
        "journeys",
        "language",
        "new",
        "resolved",
        "unchanged",
    )

    def __init__(
        self,
        base: str,
        head: str,
        journeys: tuple[JourneyDiff, ...],
        new: tuple[Finding, ...],
        resolved: tuple[Finding, ...],
        unchanged: int,
        language: str = SOURCE_LANGUAGE,
        head_project: Project | None = None,
    ) -> None:
        self.base: Final = base  # the sides as the user named them
        self.head: Final = head
        self.journeys: Final = journeys  # by id
        self.new: Final = new  # HEAD's findings that BASE did not have
        self.resolved: Final = resolved  # BASE's findings that HEAD no longer has
        self.unchanged: Final = unchanged
        # HEAD's site.language: what a pull-request comment is written in, as the site is.
        self.language: Final = language
        self.head_project: Final = head_project  # HEAD's settings: how its journeys are drawn

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
    base_files, head_files = _by_journey(base_side.result), _by_journey(head_side.result)
    # A file that is not readable YAML on one side names no journey there; its journey is not
    # "added" or "removed" by that: its yaml-syntax finding says what happened.
    unreadable = (_unreadable(base_side), _unreadable(head_side))
    duplicated = _duplicated(base_files, head_files)
    journeys = []
    for journey_id in sorted(base_files.keys() | head_files.keys()):
        befores, afters = base_files.get(journey_id, []), head_files.get(journey_id, [])
        declared = (tuple(f.path for f in befores), tuple(f.path for f in afters))
        pairs = _pairs(befores, afters, base_side, head_side, journey_id in duplicated)
        for before, after in pairs:
            if (before is None and head_side.relative(_path(after)) in unreadable[0]) or (
                after is None and base_side.relative(_path(before)) in unreadable[1]
            ):
                continue
            changes = tuple(_file_changes(before, after, base_side, head_side))
            if changes:
                shown = after if after is not None else before
                assert shown is not None
                title = shown.journey.title if shown.journey is not None else None
                files = (_path(before) if before else None, _path(after) if after else None)
                head = after.journey if after is not None else None
                journeys.append(
                    JourneyDiff(journey_id, title, *files, changes, *declared, head=head)
                )
    new, resolved, unchanged = _findings(base_side, head_side, duplicated)
    language = head_side.project.config.site.language
    return Diff(
        base_side.label,
        head_side.label,
        tuple(journeys),
        new,
        resolved,
        unchanged,
        language,
        head_side.project,
    )


def _path(file: JourneyFile | None) -> str:
    assert file is not None
    return file.path


def _by_journey(result: LintResult) -> dict[str, list[JourneyFile]]:
    """Journey id -> the files that declare it, in path order (more than one is a
    duplicate-id)."""
    files: dict[str, list[JourneyFile]] = {}
    for file in result.files:
        if file.journey_id is not None:
            files.setdefault(file.journey_id, []).append(file)
    return files


def _duplicated(*sides: dict[str, list[JourneyFile]]) -> set[str]:
    """The journey ids that several files declare on a side: those are matched by file too,
    journeys and findings alike."""
    return {
        journey_id for files in sides for journey_id, declared in files.items() if len(declared) > 1
    }


def _pairs(
    befores: list[JourneyFile],
    afters: list[JourneyFile],
    base: Side,
    head: Side,
    duplicated: bool,
) -> Iterator[tuple[JourneyFile | None, JourneyFile | None]]:
    """The files of one journey id to compare, BASE's with HEAD's. One file a side is one
    journey, whatever its file (a rename). A duplicated id is matched by file too, in path
    order: a file with no counterpart was added or removed."""
    if not duplicated:
        yield (befores[0] if befores else None), (afters[0] if afters else None)
        return
    base_by_path = {base.relative(f.path): f for f in befores}
    head_by_path = {head.relative(f.path): f for f in afters}
    for path in sorted(base_by_path.keys() | head_by_path.keys()):
        yield base_by_path.get(path), head_by_path.get(path)


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


def _findings(
    base: Side, head: Side, duplicated: set[str]
) -> tuple[tuple[Finding, ...], tuple[Finding, ...], int]:
    """(new, resolved, unchanged count): findings paired by identity (with its file relative
    to its side, for a file without a readable journey), and by file for a duplicated id."""
    before, after = base.result.findings, head.result.findings
    new, resolved = unmatched(
        [(_key(f, head, duplicated), f.message) for f in after],
        [(_key(f, base, duplicated), f.message) for f in before],
    )
    return tuple(after[i] for i in new), tuple(before[i] for i in resolved), len(after) - len(new)


def _key(finding: Finding, side: Side, duplicated: set[str]) -> tuple[Identity, str]:
    """The finding's identity, and the file it is in (relative to its side) when its journey
    id is duplicated: the same finding in the two files of one id is two findings."""
    journey_or_file, rule, element = finding.identity
    if finding.journey is None:
        journey_or_file = side.relative(journey_or_file)
    file = side.relative(finding.file) if finding.journey in duplicated else ""
    return (journey_or_file, rule, element), file


FAIL_ON: tuple[str, ...] = ("new-error", "new-warning", "never")


def fails(diff: Diff, fail_on: str) -> bool:
    """Whether HEAD adds findings at the --fail-on level: new-error, new-warning or never."""
    threshold = {"new-error": "error", "new-warning": "warning"}.get(fail_on)
    return threshold is not None and any(f.at_least(threshold) for f in diff.new)
