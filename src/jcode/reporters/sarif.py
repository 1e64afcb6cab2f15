"""SARIF 2.1.0, with what GitHub code scanning reads: rules with descriptions and help, results
with a repository-relative location and fingerprints that survive line drift; and what Azure
DevOps' ingestion requires besides (the driver's full name, the run's automation id)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from jcode import __version__
from jcode.rules import RULES

if TYPE_CHECKING:
    from jcode.findings import Finding, RuleId
    from jcode.linter import LintResult
    from jcode.reporters import ReportOptions

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/jcode-dev/jcode"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# The run's category, as GitHub files alerts by it: the one the README's upload step names.
# upload-sarif sets an id only where a run has none, so this one is what GitHub sees.
AUTOMATION_ID = "jcode/"


def _rule(rule_id: RuleId) -> dict[str, Any]:
    rule = RULES[rule_id]
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what},
        "help": {"text": rule.docs_text(), "markdown": rule.docs_markdown()},
        "helpUri": f"{INFORMATION_URI}#rules",
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["customer-journey"]},
    }


def _result(finding: Finding, index: dict[RuleId, int], options: ReportOptions) -> dict[str, Any]:
    return {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": options.repo_uri(finding.file),
                        "uriBaseId": "%SRCROOT%",
                    },
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                }
            }
        ],
        "partialFingerprints": {"jcodeFinding/v1": finding.fingerprint},
        "properties": {"pointer": finding.pointer, "journey": finding.journey},
    }


def document(result: LintResult, options: ReportOptions) -> dict[str, Any]:
    index = {rule_id: i for i, rule_id in enumerate(RULES)}
    results = [_result(f, index, options) for f in result.findings]
    for suppressed in result.suppressed:
        entry = _result(suppressed.finding, index, options)
        entry["suppressions"] = [{"kind": "inSource", "justification": suppressed.reason}]
        results.append(entry)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "jcode",
                        "fullName": f"jcode {__version__}",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(rule_id) for rule_id in RULES],
                    }
                },
                "automationDetails": {"id": AUTOMATION_ID},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def report(result: LintResult, out: TextIO, options: ReportOptions) -> None:
    json.dump(document(result, options), out, indent=2, ensure_ascii=False)
    out.write("\n")
