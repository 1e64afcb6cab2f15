"""A finding: what a rule says about one place in one journey file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule yields: where (a JSON Pointer into the journey) and what, in words."""

    pointer: str
    message: str


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    pointer: str
    journey: str | None
    message: str

    def at_least(self, severity: str) -> bool:
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[severity]


@dataclass(frozen=True, slots=True)
class SuppressedFinding:
    finding: Finding
    reason: str
