"""Lint baselines: the findings a project accepts for now, so that `jcode lint --baseline FILE`
reports only the others, and a repository can adopt jcode without fixing everything first.

An entry is keyed as a finding's identity is: journey id (the file, for a file with no
readable journey), rule and element by ids; never by line, so entries survive edits
elsewhere in the file. Its message is kept for the people who read the file. An entry that no
longer matches a finding is fixed: the CLI says so, so that the baseline can shrink.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from jcode.errors import JcodeError
from jcode.findings import Finding, Identity, unmatched
from jcode.i18n import ENGLISH, Catalog, Template
from jcode.linter import LintResult
from jcode.record import Record
from jcode.text import printable

VERSION = 1

# An entry as `jcode lint --baseline` lists the fixed ones: of a journey or of a file, at an
# element or not.
DESCRIBED = {
    (True, True): Template(
        "cli.lint.fixed-entry.journey-element",
        "journey '{journey}', {rule} at {element}: {message}",
    ),
    (True, False): Template(
        "cli.lint.fixed-entry.journey", "journey '{journey}', {rule}: {message}"
    ),
    (False, True): Template(
        "cli.lint.fixed-entry.file-element", "file '{file}', {rule} at {element}: {message}"
    ),
    (False, False): Template("cli.lint.fixed-entry.file", "file '{file}', {rule}: {message}"),
}
CANNOT_WRITE = Template("error.baseline.cannot-write", "cannot write baseline '{path}': {reason}")
MISSING = Template(
    "error.baseline.missing",
    "baseline '{path}' does not exist; write one with --write-baseline {path}",
)
CANNOT_READ = Template("error.baseline.cannot-read", "cannot read baseline '{path}': {reason}")
NOT_UTF8 = Template("error.baseline.not-utf8", "cannot read baseline '{path}': it is not UTF-8")
NOT_JSON = Template("error.baseline.not-json", "{path}:{line}:{column}: not JSON: {reason}")
NOT_A_BASELINE = Template(
    "error.baseline.not-a-baseline",
    "'{path}' is not a jcode baseline (version {version}); write one with --write-baseline {path}",
)
FINDINGS_NOT_A_LIST = Template(
    "error.baseline.findings-not-a-list", "baseline '{path}': 'findings' should be a list"
)
ENTRY_NEEDS_TEXT = Template(
    "error.baseline.entry-needs-text", "baseline '{path}': entry {entry} needs '{key}' as text"
)
ENTRY_NOT_A_MAPPING = Template(
    "error.baseline.entry-not-a-mapping", "baseline '{path}': entry {entry} should be a mapping"
)


class Entry(Record):
    __slots__ = ("element", "file", "journey", "message", "rule")

    def __init__(
        self, journey: str | None, file: str | None, rule: str, element: str, message: str
    ) -> None:
        self.journey: Final = journey  # None for a file with no readable journey
        self.file: Final = file  # only then
        self.rule: Final = rule
        self.element: Final = element
        self.message: Final = message

    @classmethod
    def of(cls, finding: Finding) -> Entry:
        journey_or_file, rule, element = finding.identity
        by_file = finding.journey is None
        return cls(
            None if by_file else journey_or_file,
            journey_or_file if by_file else None,
            rule,
            element,
            finding.message,
        )

    @property
    def identity(self) -> Identity:
        return (self.journey or self.file or "", self.rule, self.element)

    def describe(self, catalog: Catalog = ENGLISH) -> str:
        return catalog(
            DESCRIBED[bool(self.journey), bool(self.element)],
            journey=printable(self.journey or ""),
            file=printable(self.file or ""),
            rule=printable(self.rule),
            element=printable(self.element),
            message=printable(self.message),
        )


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    """Write every finding as an entry, in a stable order; returns how many."""
    entries = sorted(
        (Entry.of(f) for f in findings),
        key=lambda e: (e.journey is None, *e.identity, e.message),
    )
    document = {
        "version": VERSION,
        "findings": [
            {
                **({"journey": e.journey} if e.journey is not None else {"file": e.file}),
                "rule": e.rule,
                "element": e.element,
                "message": e.message,
            }
            for e in entries
        ],
    }
    try:
        with path.open("w", encoding="utf-8", newline="\n") as stream:
            json.dump(document, stream, indent=2, ensure_ascii=False)
            stream.write("\n")
    except OSError as exc:
        raise JcodeError(CANNOT_WRITE(path=str(path), reason=str(exc.strerror))) from None
    return len(entries)


def read_baseline(path: Path) -> list[Entry]:
    name = printable(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise JcodeError(MISSING(path=name)) from None
    except UnicodeDecodeError:
        raise JcodeError(NOT_UTF8(path=name)) from None
    except OSError as exc:
        raise JcodeError(CANNOT_READ(path=name, reason=str(exc.strerror))) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        message = NOT_JSON(path=name, line=exc.lineno, column=exc.colno, reason=exc.msg)
        raise JcodeError(message) from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise JcodeError(NOT_A_BASELINE(path=name, version=VERSION))
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise JcodeError(FINDINGS_NOT_A_LIST(path=name))
    return [_entry(item, i, name) for i, item in enumerate(findings)]


def _entry(item: Any, index: int, name: str) -> Entry:
    def text(key: str, required: bool = True) -> str | None:
        value = item.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str):
            raise JcodeError(ENTRY_NEEDS_TEXT(path=name, entry=index + 1, key=key))
        return value

    if not isinstance(item, dict):
        raise JcodeError(ENTRY_NOT_A_MAPPING(path=name, entry=index + 1))
    journey = text("journey", required=False)
    file = None if journey is not None else text("file")
    rule, element = text("rule"), text("element")
    assert rule is not None and element is not None
    return Entry(journey, file, rule, element, text("message", required=False) or "")


def apply_baseline(result: LintResult, entries: list[Entry]) -> tuple[LintResult, int, list[Entry]]:
    """The result without the findings the baseline accepts (each entry accepts one finding),
    how many it accepted, and the entries that matched none: fixed."""
    findings = result.findings  # a file's, then those about the project as a whole
    kept, fixed = unmatched(
        [(finding.identity, finding.message) for finding in findings],
        [(entry.identity, entry.message) for entry in entries],
    )
    return (
        result.keeping([findings[i] for i in kept]),
        len(findings) - len(kept),
        [entries[j] for j in fixed],
    )
