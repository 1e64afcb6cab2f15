"""`jcode rules`."""

from __future__ import annotations

import click

from jcode import i18n
from jcode.cli.options import lang_option
from jcode.errors import ExitCode, JcodeError
from jcode.findings import SEVERITIES, SEVERITY_NAMES
from jcode.rules import RULES, UnknownRuleError, get_rule, rules_table_markdown


@click.command("rules")
@click.argument("rule_id", required=False)
@click.option("--markdown", is_flag=True, help="Print the rule table as Markdown (the README's).")
@lang_option
def command(rule_id: str | None, markdown: bool) -> int:
    """List the rules, or show one rule's documentation.

    \b
    Examples:
      jcode rules
      jcode rules stage-without-touchpoints
    """
    if markdown:  # the README's, in English whatever the terminal's language
        click.echo(rules_table_markdown(), nl=False)
        return ExitCode.OK
    catalog = i18n.current.get()
    if rule_id is None:
        severities = {s: catalog.text(SEVERITY_NAMES[s]) for s in SEVERITIES}
        width = max(len(r) for r in RULES)
        column = max(len(name) for name in severities.values())
        for rule in RULES.values():
            severity = severities[rule.severity]
            click.echo(f"{rule.id:<{width}}  {severity:<{column}}  {catalog.text(rule.summary)}")
        return ExitCode.OK
    try:
        click.echo(get_rule(rule_id).docs_text(catalog), nl=False)
    except UnknownRuleError as exc:
        raise JcodeError(exc.message) from None
    return ExitCode.OK
