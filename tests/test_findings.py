"""Findings: identity and fingerprint (what baselines, diffs and SARIF match them by), and the
types that keep rule ids and findings from being misspelt or changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from jcode.findings import Finding, RuleId

from .helpers import said


def _finding(rule: RuleId, line: int, journey: str | None, message: str, **kw: bool) -> Finding:
    return Finding(
        "journeys/j.yaml", line, 3, rule, "error", "", journey, said(message), "stages/s", **kw
    )


def test_a_whole_file_finding_is_known_by_file_and_rule_alone() -> None:
    """A parser's message names lines, and the journey id of an unreadable file is a guess
    from its text: neither may make it a new finding in a baseline, a diff or SARIF."""
    first = _finding(RuleId.YAML_SYNTAX, 3, "j", "no ']' (at line 2)", whole_file=True)
    moved = _finding(RuleId.YAML_SYNTAX, 9, None, "no ']' (at line 8)", whole_file=True)
    assert first.identity == ("j", "yaml-syntax", "")
    assert moved.identity == ("journeys/j.yaml", "yaml-syntax", "")
    assert first.fingerprint == moved.fingerprint


def test_any_other_finding_is_known_by_journey_rule_element_and_message() -> None:
    finding = _finding(RuleId.SCHEMA, 3, "j", "'name' is empty")
    assert finding.identity == ("j", "schema", "stages/s")
    assert _finding(RuleId.SCHEMA, 9, "j", "'name' is empty").fingerprint == finding.fingerprint
    assert _finding(RuleId.SCHEMA, 3, "j", "'goal' is empty").fingerprint != finding.fingerprint
    assert _finding(RuleId.SCHEMA, 3, "k", "'name' is empty").fingerprint != finding.fingerprint


MISTAKES = """\
from jcode.findings import Finding, RuleId
from jcode.i18n import Template
from jcode.linter import LintResult

finding = Finding("j.yaml", 1, 1, "yaml-sintax", "error", "", None, Template("t", "m")())
rule = RuleId.YAML_SINTAX
finding.line = 2
LintResult([]).files = ()
"""


def test_misspelt_rule_ids_and_changed_findings_are_type_errors(tmp_path: Path) -> None:
    (tmp_path / "mistakes.py").write_text(MISTAKES, encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "mistakes.py",
         "--cache-dir", str(tmp_path / "cache")],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert [line.split(" error: ")[-1] for line in checked.stdout.splitlines()] == [
        'Argument 4 to "Finding" has incompatible type "str"; expected "RuleId"  [arg-type]',
        '"type[RuleId]" has no attribute "YAML_SINTAX"  [attr-defined]',
        'Cannot assign to final attribute "line"  [misc]',
        'Cannot assign to final attribute "files"  [misc]',
    ]
