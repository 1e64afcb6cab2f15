"""`jcode schema`."""

from __future__ import annotations

from pathlib import Path

import click

from jcode import i18n
from jcode.app.project import shown
from jcode.app.schema import published_schema, write_project_schema
from jcode.cli.options import lang_option
from jcode.errors import ExitCode, JcodeError
from jcode.i18n import Template

WROTE = Template("cli.schema.wrote", "wrote {path}")
UP_TO_DATE = Template("cli.schema.up-to-date", "{path} is up to date")
PROJECT_ALONE = Template(
    "error.schema.project-alone", "--project writes the project schema; leave out --config-schema"
)
PROJECT_ONLY = Template("error.schema.project-only", "--out and --config go with --project")


@click.command("schema")
@click.option("--config-schema", is_flag=True, help="Print the schema of jcode.yaml instead.")
@click.option(
    "--project",
    is_flag=True,
    help="Write this repository's journey schema: phases, channels, owners and personas of "
    "jcode.yaml as choices.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="With --project: write to FILE (default: schema/journey.schema.json beside jcode.yaml).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --project: use this jcode.yaml instead of searching upward from here.",
)
@lang_option
def command(config_schema: bool, project: bool, out: Path | None, config_file: Path | None) -> int:
    """Print the JSON Schema of journey files (or of jcode.yaml).

    With --project, write the schema of this repository's journeys instead: the one an editor
    should use, completing the phases, channels, owners and personas that jcode.yaml declares.
    `jcode lint` reports it as stale-project-schema when jcode.yaml has changed since.

    \b
    Examples:
      jcode schema > journey.schema.json
      jcode schema --project
    """
    if project:
        if config_schema:
            raise JcodeError(PROJECT_ALONE())
        written = write_project_schema(out, config_file)
        path = shown(written.path)
        click.echo(i18n.current.get()(WROTE if written.changed else UP_TO_DATE, path=path))
        return ExitCode.OK
    if out is not None or config_file is not None:
        raise JcodeError(PROJECT_ONLY())
    click.echo(published_schema(config_schema), nl=False)
    return ExitCode.OK
