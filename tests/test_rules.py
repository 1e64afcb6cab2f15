"""The registry: one rule per id, each checking at one scope at least; which rules check where."""

from __future__ import annotations

from jcode.findings import RuleId
from jcode.rules import RULES, Rule


def _scopes(rule: Rule) -> list[str]:
    return [s for s in ("parse", "document", "portfolio", "project") if getattr(rule, s)]


def test_every_id_has_its_rule_and_every_rule_a_check() -> None:
    assert sorted(RULES) == sorted(RuleId)
    assert [rule.id for rule in RULES.values() if not _scopes(rule)] == []


def test_the_rules_the_loader_explain_and_linter_reported_check_at_their_scope() -> None:
    """Once emitted by the loader, explain and the linter by id; now each from its own check."""
    assert {rule_id: _scopes(RULES[rule_id]) for rule_id in (
        RuleId.YAML_SYNTAX, RuleId.DUPLICATE_KEY, RuleId.SCHEMA, RuleId.DUPLICATE_ID,
        RuleId.UNKNOWN_JOURNEY, RuleId.STALE_PROJECT_SCHEMA,
    )} == {
        RuleId.YAML_SYNTAX: ["parse"],
        RuleId.DUPLICATE_KEY: ["parse"],
        RuleId.SCHEMA: ["parse"],
        RuleId.DUPLICATE_ID: ["document", "portfolio"],
        RuleId.UNKNOWN_JOURNEY: ["portfolio"],
        RuleId.STALE_PROJECT_SCHEMA: ["project"],
    }  # fmt: skip


def test_only_the_syntax_rule_is_about_the_whole_file() -> None:
    assert [rule.id for rule in RULES.values() if rule.whole_file] == [RuleId.YAML_SYNTAX]
