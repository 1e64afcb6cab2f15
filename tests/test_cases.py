"""Data-driven rule and bad-input cases: tests/cases/<group>/**/<case>.yaml with its exact
findings in <case>.expected (one per line: file:line:column | severity | rule | pointer |
message). A case that is a folder (<case>.d/) is linted as a whole, for the cross-file rules.
Each case is linted with the nearest jcode.yaml above it and --today 2026-11-22.

Adding a case means adding two files. JCODE_REGEN=1 rewrites the .expected files: read the
diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jcode.findings import RuleId
from jcode.rules import RULES

from .helpers import CASES, lint_case, render


def _cases() -> list[Path]:
    found = []
    for path in sorted(CASES.rglob("*")):
        if (path.suffix == ".d" and path.is_dir()) or (
            path.suffix in (".yaml", ".yml")
            and path.name != "jcode.yaml"
            and not any(p.suffix == ".d" for p in path.parents)
        ):
            found.append(path)
    return found


def _expected_path(case: Path) -> Path:
    return case.with_suffix(".expected")


def run_case(case: Path) -> list[str]:
    result = lint_case(case)
    return [render(f) for f in result.findings] + [
        "suppressed: " + render(s.finding) + f" | {s.reason}" for s in result.suppressed
    ]


CASE_FILES = _cases()


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: str(p.relative_to(CASES)))
def test_case(case: Path) -> None:
    actual = run_case(case)
    expected_file = _expected_path(case)
    if os.environ.get("JCODE_REGEN"):
        expected_file.write_text("".join(line + "\n" for line in actual), encoding="utf-8")
    assert expected_file.is_file(), f"{expected_file} is missing"
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert actual == expected


def test_no_two_cases_share_an_expected_file() -> None:
    expected = [_expected_path(c) for c in CASE_FILES]
    assert len(expected) == len(set(expected))


def _rules_in(case: Path) -> set[str]:
    lines = _expected_path(case).read_text(encoding="utf-8").splitlines()
    return {line.split(" | ")[2] for line in lines if not line.startswith("suppressed: ")}


@pytest.mark.parametrize("rule_id", list(RULES))
def test_every_rule_has_cases_that_fire_and_stay_silent(rule_id: str) -> None:
    folder = CASES / "rules" / rule_id
    cases = [c for c in CASE_FILES if folder in c.parents]
    assert cases, f"no cases under {folder}"
    assert any(rule_id in _rules_in(c) for c in cases), f"no case where {rule_id} fires"
    assert any(rule_id not in _rules_in(c) for c in cases), f"no case where {rule_id} is silent"


READING = (RuleId.YAML_SYNTAX, RuleId.DUPLICATE_KEY, RuleId.SCHEMA)


def test_the_rules_that_read_a_file_say_it_with_templates_of_their_own() -> None:
    """SARIF lists a rule's messages by its id: the template of each finding of the rules
    that read the file and its schema is the rule's, or one of its variants."""
    said = [
        (finding.rule, finding.msg.id)
        for case in CASE_FILES
        for finding in lint_case(case).findings
        if finding.rule in READING
    ]
    assert {rule for rule, _ in said} == set(READING)
    assert [(r, id) for r, id in said if id != r and not id.startswith(f"{r}.")] == []
