"""`jcode diff`."""

from __future__ import annotations

import sys
from datetime import date

import click

from jcode.app.diff import DiffRequest, diff_sides
from jcode.cli.options import color_option, today_option
from jcode.cli.output import use_color
from jcode.diff import FAIL_ON
from jcode.errors import ExitCode
from jcode.reporters import DIFF, ReportOptions
from jcode.text import printable


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
    for name, side in outcome.lacking:
        other = "added" if name == "BASE" else "removed"
        click.echo(
            f"jcode: no journeys folder at '{side.missing}' in {name} "
            f"({printable(side.label)}): every journey counts as {other}",
            err=True,
        )
    DIFF[fmt](outcome.diff, sys.stdout, ReportOptions(use_color(color, sys.stdout)))
    return ExitCode.FINDINGS if outcome.failed(fail_on) else ExitCode.OK
