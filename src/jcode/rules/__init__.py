"""The rule registry: every rule by id. An unknown id fails loudly, with the nearest known one."""

from __future__ import annotations

from jcode.rules import coverage, kpis, ownership, parsing, references, stages
from jcode.rules.base import Context, Rule, closest

__all__ = ["RULES", "Context", "Rule", "UnknownRuleError", "closest", "get_rule"]


def _collect() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for module in (parsing, references, coverage, ownership, kpis, stages):
        for rule in module.RULES:
            if rule.id in rules:
                raise RuntimeError(f"rule id {rule.id!r} is defined twice")
            rules[rule.id] = rule
    return rules


RULES: dict[str, Rule] = _collect()


class UnknownRuleError(KeyError):
    def __init__(self, rule_id: str) -> None:
        super().__init__(rule_id)
        self.rule_id = rule_id
        self.suggestion = closest(rule_id, RULES)

    def __str__(self) -> str:
        hint = f"; did you mean '{self.suggestion}'?" if self.suggestion else ""
        return f"unknown rule '{self.rule_id}'{hint}"


def get_rule(rule_id: str) -> Rule:
    """The rule with this id; raises UnknownRuleError (with the closest id) otherwise."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise UnknownRuleError(rule_id) from None
