"""`jcode init`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from jcode import i18n
from jcode.app.init import defaults, init, keeps_config, settings
from jcode.app.project import shown
from jcode.cli.options import lang_option
from jcode.errors import ExitCode
from jcode.i18n import Template
from jcode.spec import PHASE_MODELS
from jcode.spec.values import LANGUAGES

ASK_TITLE = Template("cli.init.ask-title", "Site title")
ASK_LANGUAGE = Template("cli.init.ask-language", "Site language")
ASK_PHASES = Template("cli.init.ask-phases", "Phase model")
CREATED = Template("cli.init.created", "created {path}")
APPENDED = Template("cli.init.appended", "appended /site/ to {path}")
SKIPPED = Template("cli.init.skipped", "skipped {path}: it exists")
KEPT = Template("cli.init.kept-config", "kept the settings of the existing jcode.yaml")
NEXT_IN = Template("cli.init.next-in", "Next, in {folder}:")
NEXT_HERE = Template("cli.init.next", "Next:")
# What to run next: each command, and what it does (the commands line up).
NEXT_STEPS = (
    ("jcode lint", Template("cli.init.next-lint", "check the journeys")),
    (
        "jcode build",
        Template("cli.init.next-build", "build the site into site/, then open site/index.html"),
    ),
    ("jcode new ID", Template("cli.init.next-new", "start a journey of your own")),
)


@click.command("init")
@click.argument(
    "directory", default=".", type=click.Path(file_okay=False, path_type=Path), metavar="[DIR]"
)
@click.option("--title", help="The site's title.")
@click.option("--language", type=click.Choice(LANGUAGES), help="The site's language.")
@click.option("--phases", type=click.Choice(list(PHASE_MODELS)), help="The phase model.")
@click.option("--yes", "-y", is_flag=True, help="Ask nothing: the flags given, else defaults.")
@lang_option
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
    catalog = i18n.current.get()
    default = defaults()
    ask = not yes and not keeps_config(directory) and on_terminal()
    if ask and title is None:
        title = click.prompt(catalog(ASK_TITLE), default=default.title)
    if ask and language is None:
        language = click.prompt(
            catalog(ASK_LANGUAGE), type=click.Choice(LANGUAGES), default=default.language
        )
    if ask and phases is None:
        phases = click.prompt(
            catalog(ASK_PHASES), type=click.Choice(list(PHASE_MODELS)), default=default.phases
        )
    done = init(directory, settings(title, language, phases))
    created = done.scaffold
    for template, names in (
        (CREATED, created.created),
        (APPENDED, created.appended),
        (SKIPPED, created.skipped),
    ):
        for name in names:
            click.echo(catalog(template, path=shown(directory / name)))
    if done.kept_config:
        click.echo(catalog(KEPT))
    where = shown(directory)
    click.echo(catalog(NEXT_IN, folder=where) if where != "." else catalog(NEXT_HERE))
    for step, what in NEXT_STEPS:
        click.echo(f"  {step:<20}{catalog(what)}")
    return ExitCode.OK


def on_terminal() -> bool:
    """Whether someone can answer questions: standard input and output are a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()
