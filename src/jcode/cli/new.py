"""`jcode new`."""

from __future__ import annotations

from pathlib import Path

import click

from jcode import i18n
from jcode.app.new import NewRequest, new_journey
from jcode.app.project import shown
from jcode.cli.options import config_option, lang_option
from jcode.errors import ExitCode
from jcode.i18n import Plural, Template

WROTE = Plural(
    "cli.new.wrote",
    "wrote {path}: {count} stage to fill in (phase model '{phase_model}')",
    "wrote {path}: {count} stages to fill in (phase model '{phase_model}')",
)
NO_SCHEMA = Template(
    "cli.new.no-schema", "no project schema for editors yet: `jcode schema --project` writes it"
)


@click.command("new")
@click.argument("journey_id")
@click.option("--title", help="The journey's title (default: from the id, marked TODO).")
@click.option("--persona", metavar="ID", help="A persona declared in jcode.yaml.")
@click.option("--owner", metavar="ID", help="The owning team, declared in jcode.yaml.")
@config_option
@lang_option
def command(
    journey_id: str,
    title: str | None,
    persona: str | None,
    owner: str | None,
    config_file: Path | None,
) -> int:
    """Start a journey: journeys/JOURNEY_ID.yaml beside jcode.yaml, one stage per phase of the
    project's phase model (optional phases left out), in order, with TODO placeholders.

    The new file is a valid journey, but lint warns (stage-without-touchpoints and others)
    until it is filled in. An existing file or journey id is never replaced (exit 2).

    \b
    Examples:
      jcode new opening-an-account
      jcode new renewal --title "Renewing a home insurance policy" --owner customer-care
    """
    new = new_journey(NewRequest(journey_id, title, persona, owner, config_file))
    catalog = i18n.current.get()
    click.echo(catalog(WROTE, path=shown(new.path), count=new.stages, phase_model=new.phase_model))
    if not new.has_schema:
        click.echo(catalog(NO_SCHEMA))
    return ExitCode.OK
