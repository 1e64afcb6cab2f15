"""`jcode schema`."""

from __future__ import annotations

from pathlib import Path

import click

from jcode.app.project import shown
from jcode.app.schema import published_schema, write_project_schema
from jcode.errors import ExitCode, JcodeError


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
            raise JcodeError("--project writes the project schema; leave out --config-schema")
        written = write_project_schema(out, config_file)
        path = shown(written.path)
        click.echo(f"wrote {path}" if written.changed else f"{path} is up to date")
        return ExitCode.OK
    if out is not None or config_file is not None:
        raise JcodeError("--out and --config go with --project")
    click.echo(published_schema(config_schema), nl=False)
    return ExitCode.OK
