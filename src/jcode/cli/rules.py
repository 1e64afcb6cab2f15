"""`jcode rules`."""

from __future__ import annotations

import click

from jcode.errors import ExitCode, JcodeError
from jcode.rules import RULES, UnknownRuleError, get_rule, rules_table_markdown


@click.command("rules")
@click.argument("rule_id", required=False)
@click.option("--markdown", is_flag=True, help="Print the rule table as Markdown (the README's).")
def command(rule_id: str | None, markdown: bool) -> int:
    """List the rules, or show one rule's documentation.

    \b
    Examples:
      jcode rules
      jcode rules stage-without-touchpoints
    """
    if markdown:
        click.echo(rules_table_markdown(), nl=False)
        return ExitCode.OK
    if rule_id is None:
        width = max(len(r) for r in RULES)
        for rule in RULES.values():
            click.echo(f"{rule.id:<{width}}  {rule.severity:<7}  {rule.summary.text}")
        return ExitCode.OK
    try:
        click.echo(get_rule(rule_id).docs_text(), nl=False)
    except UnknownRuleError as exc:
        raise JcodeError(str(exc)) from None
    return ExitCode.OK
