"""SARIF 2.1.0, with what GitHub code scanning reads: rules with descriptions and help, results
with a repository-relative location and fingerprints that survive line drift; and what Azure
DevOps' ingestion requires besides (the driver's full name, the run's automation id).

Text is English. Each rule lists its finding messages as `messageStrings` (`{0}`, `{1}` ... for
their fields), and each result names its message by `id` with its `arguments`, so that a viewer
with jcode's catalogs can show it in another language (the multitool's SARIF2002)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from jcode import __version__
from jcode.i18n import fields, positional, source_entries
from jcode.rules import RULES

if TYPE_CHECKING:
    from jcode.findings import Finding, RuleId
    from jcode.i18n import Message
    from jcode.linter import LintResult
    from jcode.reporters import ReportOptions

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/jcode-dev/jcode"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# The run's category, as GitHub files alerts by it: the one the README's upload step names.
# upload-sarif sets an id only where a run has none, so this one is what GitHub sees.
AUTOMATION_ID = "jcode/"


def _message_strings(rule_id: RuleId) -> dict[str, dict[str, str]]:
    """The rule's finding messages by id, their fields numbered in the order they appear (as a
    result's `arguments` list them). SARIF has no plural forms: a plural template is two
    strings, its id for the plural and `<id>.one` for the singular."""
    rule = RULES[rule_id]
    strings = {}
    for id, text in sorted(source_entries().items()):
        if not rule.owns(id):
            continue
        if isinstance(text, str):
            strings[id] = {"text": sentence(positional(text, fields(text)))}
            continue
        singular, plural = text[0], text[-1]
        names = fields(plural)
        strings[id] = {"text": sentence(positional(plural, names))}
        strings[f"{id}.one"] = {"text": sentence(positional(singular, names))}
    return dict(sorted(strings.items()))


def _message_id(message: Message) -> str:
    template = message.template
    if template.plural is not None and dict(message.args).get(template.count) == 1:
        return f"{template.id}.one"
    return template.id


def sentence(text: str) -> str:
    """SARIF wants messages to be sentences (SARIF2001): jcode's, written for a terminal line
    (`file:line:column: severity: message`), get their full stop here."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _rule(rule_id: RuleId) -> dict[str, Any]:
    rule = RULES[rule_id]
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary.text},
        "fullDescription": {"text": rule.what.text},
        "messageStrings": _message_strings(rule_id),
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
        "message": {
            "text": sentence(finding.message),
            "id": _message_id(finding.msg),
            "arguments": finding.msg.arguments(),
        },
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
