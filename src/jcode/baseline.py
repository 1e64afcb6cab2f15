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
from jcode.linter import LintResult
from jcode.record import Record
from jcode.text import printable

VERSION = 1


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

    def describe(self) -> str:
        where = f"journey '{self.journey}'" if self.journey else f"file '{self.file}'"
        element = f" at {self.element}" if self.element else ""
        return printable(f"{where}, {self.rule}{element}: {self.message}")


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
        raise JcodeError(f"cannot write baseline '{path}': {exc.strerror}") from None
    return len(entries)


def read_baseline(path: Path) -> list[Entry]:
    name = printable(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise JcodeError(
            f"baseline '{name}' does not exist; write one with --write-baseline {name}"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8"
        raise JcodeError(f"cannot read baseline '{name}': {reason}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JcodeError(f"{name}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise JcodeError(
            f"'{name}' is not a jcode baseline (version {VERSION}); write one with "
            f"--write-baseline {name}"
        )
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise JcodeError(f"baseline '{name}': 'findings' should be a list")
    return [_entry(item, i, name) for i, item in enumerate(findings)]


def _entry(item: Any, index: int, name: str) -> Entry:
    def text(key: str, required: bool = True) -> str | None:
        value = item.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str):
            raise JcodeError(f"baseline '{name}': entry {index + 1} needs '{key}' as text")
        return value

    if not isinstance(item, dict):
        raise JcodeError(f"baseline '{name}': entry {index + 1} should be a mapping")
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
