"""`jcode diff`."""

from __future__ import annotations

import sys
from datetime import date

import click

from jcode import i18n
from jcode.app.diff import DiffRequest, diff_sides
from jcode.cli.options import color_option, lang_option, today_option
from jcode.cli.output import use_color
from jcode.diff import FAIL_ON
from jcode.errors import ExitCode
from jcode.i18n import Template
from jcode.reporters import DIFF, ReportOptions
from jcode.text import printable

# A side without a journeys folder: every journey of the other side is added, or removed.
LACKING = {
    "BASE": Template(
        "cli.diff.no-journeys-in-base",
        "jcode: no journeys folder at '{missing}' in BASE ({label}): every journey counts as added",
    ),
    "HEAD": Template(
        "cli.diff.no-journeys-in-head",
        "jcode: no journeys folder at '{missing}' in HEAD ({label}): every journey counts as "
        "removed",
    ),
}


@click.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(DIFF)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="never",
    show_default=True,
    help="Exit 1 when HEAD adds findings at this level.",
)
@today_option("Today's date for stale-journey (YYYY-MM-DD), on both sides.")
@color_option
@lang_option
def command(
    base: str, head: str | None, fmt: str, fail_on: str, today: date | None, color: bool | None
) -> int:
    """Show what changed in the journeys between BASE and HEAD, in journey terms.

    BASE and HEAD are git revisions of this repository or folders; without HEAD, the working
    tree. Journeys, stages, touchpoints and KPIs are matched by id, so a move is not a removal
    and an addition; each side is linted with its own jcode.yaml, and findings are new,
    resolved or unchanged.

    \b
    Examples:
      jcode diff main
      jcode diff origin/main HEAD --format markdown --fail-on new-warning
      jcode diff old-copy/ new-copy/ --format json
    """
    outcome = diff_sides(DiffRequest(base, head, today))
    catalog = i18n.current.get()
    for name, side in outcome.lacking:
        line = catalog(LACKING[name], missing=str(side.missing), label=printable(side.label))
        click.echo(line, err=True)
    options = ReportOptions(use_color(color, sys.stdout), catalog=catalog)
    DIFF[fmt](outcome.diff, sys.stdout, options)
    return ExitCode.FINDINGS if outcome.failed(fail_on) else ExitCode.OK
