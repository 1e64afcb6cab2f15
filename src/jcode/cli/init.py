"""`jcode init`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from jcode.app.init import defaults, init, keeps_config, settings
from jcode.app.project import shown
from jcode.errors import ExitCode
from jcode.spec import PHASE_MODELS
from jcode.spec.values import LANGUAGES


@click.command("init")
@click.argument(
    "directory", default=".", type=click.Path(file_okay=False, path_type=Path), metavar="[DIR]"
)
@click.option("--title", help="The site's title.")
@click.option("--language", type=click.Choice(LANGUAGES), help="The site's language.")
@click.option("--phases", type=click.Choice(list(PHASE_MODELS)), help="The phase model.")
@click.option("--yes", "-y", is_flag=True, help="Ask nothing: the flags given, else defaults.")
def command(
    directory: Path, title: str | None, language: str | None, phases: str | None, yes: bool
) -> int:
    """Start a journeys repository in DIR (default: here): a commented jcode.yaml, an example
    journey, the project schema for editors, a pre-commit hook, a GitHub workflow, and /site/
    in .gitignore.

    On a terminal it asks for the title, language and phase model (--yes, or the flags, skip
    the questions). It never replaces a file: it lists those it left alone. An existing
    jcode.yaml is kept, with its settings.

    \b
    Examples:
      jcode init customer-journeys
      jcode init --yes --title "Acme customer journeys" --language it --phases five-stage
    """
    default = defaults()
    ask = not yes and not keeps_config(directory) and on_terminal()
    if ask and title is None:
        title = click.prompt("Site title", default=default.title)
    if ask and language is None:
        language = click.prompt(
            "Site language", type=click.Choice(LANGUAGES), default=default.language
        )
    if ask and phases is None:
        phases = click.prompt(
            "Phase model", type=click.Choice(list(PHASE_MODELS)), default=default.phases
        )
    done = init(directory, settings(title, language, phases))
    created = done.scaffold
    for verb, names in (("created", created.created), ("appended /site/ to", created.appended)):
        for name in names:
            click.echo(f"{verb} {shown(directory / name)}")
    for name in created.skipped:
        click.echo(f"skipped {shown(directory / name)}: it exists")
    if done.kept_config:
        click.echo("kept the settings of the existing jcode.yaml")
    where = shown(directory)
    click.echo(f"Next, in {where}:" if where != "." else "Next:")
    click.echo("  jcode lint          check the journeys")
    click.echo("  jcode build         build the site into site/, then open site/index.html")
    click.echo("  jcode new ID        start a journey of your own")
    return ExitCode.OK


def on_terminal() -> bool:
    """Whether someone can answer questions: standard input and output are a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()
