"""lint(): journey files in, findings out, with no command line in between: what each scope of
rules finds, placed, rated and suppressed; rules run from the registry, and only those on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jcode.config import parse_config
from jcode.findings import Problem, RuleId
from jcode.linter import LintResult, lint
from jcode.rules import RULES, Rule

from .helpers import CONFIG, EXAMPLE, EXAMPLE_FILE, TODAY, said

SETTINGS = """\
phases: [{id: buy, name: Buy, moment: purchase}, {id: after, name: After, moment: post-purchase}]
owners: {sales: {name: Sales}}
rules: {purchase-without-assistance: off, no-feedback-loop: off}
"""
SHOP = """\
id: shop
title: Shopping
owner: sales
related: [nowhere, elsewhere]
suppress: [{rule: stage-without-kpi, reason: Measured by the shop team}]
stages:
  - {id: checkout, name: Checkout, phase: buy, touchpoints: [{id: web, name: Web, channel: web}]}
  - {id: after, name: After, phase: after, owner: nobody}
"""
NO_TOUCHPOINT_AFTER = (
    "journey 'shop' has no touchpoint in the moment 'After the purchase' (its stage 'after' has "
    "none)"
)
UNKNOWN_OWNER = "owner 'nobody' is not declared in jcode.yaml (declared: sales)"


def _shown(result: LintResult) -> list[tuple[Any, ...]]:
    """Each file, then its findings and suppressed findings, as plain tuples."""
    rows: list[tuple[Any, ...]] = []
    for file in result.files:
        rows.append((file.path, file.journey_id, file.valid, file.journey is not None))
        rows += [
            (f.line, f.column, f.rule, f.severity, f.pointer, f.journey, f.message, f.element)
            for f in file.findings
        ]
        rows += [
            (s.finding.line, s.finding.rule, s.finding.pointer, s.reason) for s in file.suppressed
        ]
    return rows


def test_every_scope_finds_and_places_its_problems() -> None:
    project = parse_config(SETTINGS, Path("jcode.yaml"))
    sources: list[str | tuple[str, bytes]] = [
        ("journeys/a.yaml", SHOP.encode()),
        ("journeys/b.yaml", SHOP.replace("related: [nowhere, elsewhere]\n", "").encode()),
        ("journeys/c.yaml", "id: shop\n".encode("utf-16")),
        ("journeys/d.yaml", b"id: broken\nid: broken\ntitle: Broken\nstages: []\n"),
    ]
    result = lint(sources, project, TODAY, jobs=1, other_ids=frozenset({"elsewhere"}))
    assert _shown(result) == [
        ("journeys/a.yaml", "shop", True, True),
        (1, 1, "missing-post-purchase", "warning", "", "shop", NO_TOUCHPOINT_AFTER, ""),
        (4, 11, "unknown-journey", "error", "/related/0", "shop",
         "related journey 'nowhere' does not exist", "related/nowhere"),
        (8, 5, "stage-without-touchpoints", "warning", "/stages/1", "shop",
         "stage 'after' has no touchpoints", "stages/after"),
        (8, 51, "unknown-owner", "error", "/stages/1/owner", "shop", UNKNOWN_OWNER,
         "stages/after/owner"),
        (7, "stage-without-kpi", "/stages/0", "Measured by the shop team"),
        (8, "stage-without-kpi", "/stages/1", "Measured by the shop team"),
        ("journeys/b.yaml", "shop", True, True),
        (1, 1, "missing-post-purchase", "warning", "", "shop", NO_TOUCHPOINT_AFTER, ""),
        (1, 5, "duplicate-id", "error", "/id", "shop",
         "journey id 'shop' is already used in journeys/a.yaml", "id"),
        (7, 5, "stage-without-touchpoints", "warning", "/stages/1", "shop",
         "stage 'after' has no touchpoints", "stages/after"),
        (7, 51, "unknown-owner", "error", "/stages/1/owner", "shop", UNKNOWN_OWNER,
         "stages/after/owner"),
        (6, "stage-without-kpi", "/stages/0", "Measured by the shop team"),
        (7, "stage-without-kpi", "/stages/1", "Measured by the shop team"),
        ("journeys/c.yaml", None, False, False),
        (1, 1, "yaml-syntax", "error", "", None, "the file is UTF-16; save it as UTF-8", ""),
        ("journeys/d.yaml", "broken", False, False),
        (2, 1, "duplicate-key", "error", "/id", "broken",
         "key 'id' is repeated; YAML keeps only the last value", "id"),
        (4, 9, "schema", "error", "/stages", "broken", "'stages' should list at least 1 item",
         "stages"),
    ]  # fmt: skip
    assert result.project_findings == []
    assert [f.whole_file for f in result.findings] == [
        f.rule == "yaml-syntax" for f in result.findings
    ]


def _rule_with(rule: Rule, **checks: Any) -> Rule:
    """The rule with other checks, the rest as it is."""
    scopes = {"parse": rule.parse, "document": rule.document, "portfolio": rule.portfolio,
              "project": rule.project, **checks}  # fmt: skip
    return Rule(
        rule.id, rule.severity, rule.summary, rule.what, rule.why, rule.example, rule.fix,
        name=rule.name, whole_file=rule.whole_file, **scopes,
    )  # fmt: skip


SCHEMA_FILE = Path("schema", "journey.schema.json")


def _parse(doc: object, journey: object) -> Iterator[Problem]:
    yield Problem("", said("seen"), (1, 2))


def _document(journey: object, context: object) -> Iterator[Problem]:
    yield Problem("/id", said("seen"))  # placed by the linter


def _portfolio(portfolio: object) -> Iterator[tuple[int, Problem]]:
    yield 0, Problem("/id", said("seen"), (2, 5))


def _project(project: object) -> Iterator[tuple[Path, Problem]]:
    yield SCHEMA_FILE, Problem("", said("seen"), (1, 1))


SCOPES = {
    "parse": (RuleId.YAML_SYNTAX, _parse, (1, 2)),
    "document": (RuleId.STAGE_WITHOUT_KPI, _document, (2, 5)),
    "portfolio": (RuleId.UNKNOWN_JOURNEY, _portfolio, (2, 5)),
    "project": (RuleId.STALE_PROJECT_SCHEMA, _project, (1, 1)),
}


@pytest.mark.parametrize("scope", SCOPES)
def test_each_scope_runs_its_rules_from_the_registry(
    scope: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The linter names no rule: whatever check the registry holds at a scope is what runs."""
    rule_id, check, (line, column) = SCOPES[scope]
    monkeypatch.setitem(RULES, rule_id, _rule_with(RULES[rule_id], **{scope: check}))
    project = parse_config(CONFIG, Path("jcode.yaml"))
    result = lint([(EXAMPLE_FILE, EXAMPLE.encode())], project, TODAY, jobs=1)
    file = SCHEMA_FILE.as_posix() if scope == "project" else EXAMPLE_FILE
    line, column = {"parse": (1, 2), "document": (2, 5), "portfolio": (2, 5), "project": (1, 1)}[
        scope
    ]
    assert [(f.file, f.line, f.column, f.rule, f.message) for f in result.findings] == [
        (file, line, column, rule_id, "seen")
    ]  # fmt: skip


def test_a_rule_turned_off_does_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """schema: off spares even the import of pydantic that explains a bad file."""
    import jcode.explain

    def explain(*args: object) -> list[Problem]:
        raise AssertionError("the schema rule ran though it is off")

    monkeypatch.setattr(jcode.explain, "journey_problems", explain)
    project = parse_config("rules: {schema: off}\n", Path("jcode.yaml"))
    result = lint([("j.yaml", b"id: j\ntitle: J\n")], project, TODAY, jobs=1)
    assert _shown(result) == [("j.yaml", "j", False, False)]


def test_a_result_never_changes_and_keeping_gives_a_new_one() -> None:
    project = parse_config(SETTINGS, Path("jcode.yaml"))
    result = lint([("journeys/a.yaml", SHOP.encode())], project, TODAY, jobs=1)
    before = _shown(result)
    errors = [f for f in result.findings if f.severity == "error"]
    kept = result.keeping(errors)
    assert _shown(result) == before
    assert [f.rule for f in errors] == ["unknown-journey", "unknown-journey", "unknown-owner"]
    assert kept.findings == errors
    assert kept.suppressed == result.suppressed
    assert kept.files[0].journey is result.files[0].journey
