"""The JSON format: findings, suppressed findings (with reasons) and a summary. Version 1.

Messages are English; each finding also names its message template (`message_id`, the id of the
catalogs' entry) and the template's `arguments`, so that a tool can show it in another language.
Added keys keep the version: readers of version 1 ignore what they do not know."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from jcode.findings import Finding
    from jcode.linter import LintResult
    from jcode.reporters import ReportOptions


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "pointer": finding.pointer,
        "journey": finding.journey,
        "message": finding.message,
        "message_id": finding.msg.id,
        "arguments": finding.msg.english_values(),
    }


def document(result: LintResult) -> dict[str, Any]:
    counts = result.counts()
    return {
        "version": 1,
        "findings": [finding_dict(f) for f in result.findings],
        "suppressed": [finding_dict(s.finding) | {"reason": s.reason} for s in result.suppressed],
        "summary": {
            "files": len(result.files),
            "journeys": sum(1 for f in result.files if f.valid),
            **counts,
        },
    }


def report(result: LintResult, out: TextIO, options: ReportOptions) -> None:
    json.dump(document(result), out, indent=2, ensure_ascii=False)
    out.write("\n")
