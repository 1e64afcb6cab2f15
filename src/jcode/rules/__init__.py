"""The rule registry: every rule by id, and the rules of each scope in the order they run. An
unknown id fails loudly, with the nearest known one."""

from __future__ import annotations

from jcode.findings import SEVERITY_RANK, RuleId, rule_id
from jcode.i18n import Template
from jcode.rules import coverage, kpis, ownership, parsing, project, references, stages
from jcode.rules.base import Context, Member, Portfolio, Rule
from jcode.text import closest

__all__ = [
    "RULES",
    "Context",
    "Member",
    "Portfolio",
    "Rule",
    "UnknownRuleError",
    "get_rule",
    "rules_table_markdown",
]


def _collect() -> dict[RuleId, Rule]:
    rules: dict[RuleId, Rule] = {}
    names: set[str] = set()
    for module in (parsing, references, coverage, ownership, kpis, stages, project):
        for rule in module.RULES:
            if rule.id in rules:
                raise RuntimeError(f"rule id {rule.id!r} is defined twice")
            # SARIF consumers show the name as the rule's label: it must tell rules apart and
            # differ from the id even to a reader that ignores case (the SARIF validator).
            if rule.name.casefold() in names or rule.name.casefold() == rule.id.casefold():
                raise RuntimeError(f"rule {rule.id!r} needs a name of its own, not {rule.name!r}")
            if not (rule.parse or rule.document or rule.portfolio or rule.project):
                raise RuntimeError(f"rule {rule.id!r} checks nothing: give it a check")
            names.add(rule.name.casefold())
            rules[rule.id] = rule
    missing = [str(r) for r in RuleId if r not in rules]
    if missing:
        raise RuntimeError(f"no rule for the ids {', '.join(missing)}")
    # Errors first, then warnings, then info; within a severity, in the order written.
    ordered = sorted(rules.values(), key=lambda r: -SEVERITY_RANK[r.severity])
    return {r.id: r for r in ordered}


RULES: dict[RuleId, Rule] = _collect()


UNKNOWN_RULE = Template("error.unknown-rule", "unknown rule '{rule}'")
UNKNOWN_RULE_HINT = Template(
    "error.unknown-rule.hint", "unknown rule '{rule}'; did you mean '{hint}'?"
)


class UnknownRuleError(KeyError):
    """A rule id that names no rule; its message (str() in English) names the closest one."""

    def __init__(self, rule_id: str) -> None:
        super().__init__(rule_id)
        self.rule_id = rule_id
        self.suggestion = closest(rule_id, RULES)
        self.message = (
            UNKNOWN_RULE_HINT(rule=rule_id, hint=self.suggestion)
            if self.suggestion
            else UNKNOWN_RULE(rule=rule_id)
        )

    def __str__(self) -> str:
        return self.message.text


def rules_table_markdown() -> str:
    """The README's rule table, rendered from the rules (a test keeps the README in step)."""
    rows = ["| rule | severity | fires when |", "|---|---|---|"]
    rows += [f"| `{r.id}` | {r.severity} | {r.summary.text} |" for r in RULES.values()]
    return "\n".join(rows) + "\n"


def get_rule(name: str) -> Rule:
    """The rule with this id; raises UnknownRuleError (with the closest id) otherwise."""
    known = rule_id(name)
    if known is None:
        raise UnknownRuleError(name)
    return RULES[known]
