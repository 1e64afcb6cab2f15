"""`jcode import`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from jcode import i18n
from jcode.app.importing import FORMATS, Ask, ImportRequest, import_journeys
from jcode.app.project import shown
from jcode.cli.options import color_option, config_option, lang_option, today_option
from jcode.cli.output import use_color
from jcode.errors import ExitCode, JcodeError
from jcode.i18n import Catalog, Plural, Template
from jcode.reporters import ReportOptions
from jcode.reporters.text import report
from jcode.spec import ProjectPhase
from jcode.text import printable

WROTE = Template("cli.import.wrote", "wrote {path}: {counts}")
WOULD_WRITE = Template("cli.import.would-write", "would write {path}: {counts}")
COUNTS = {
    "stages": Plural("cli.import.stages", "{count} stage", "{count} stages"),
    "steps": Plural("cli.import.steps", "{count} step", "{count} steps"),
    "touchpoints": Plural("cli.import.touchpoints", "{count} touchpoint", "{count} touchpoints"),
    "kpis": Plural("cli.import.kpis", "{count} KPI", "{count} KPIs"),
}
NOT_UTF8 = Template(
    "cli.import.not-utf8", "jcode: {file} is not UTF-8: read as {encoding}; check its accents"
)
ACTORS = Template(
    "cli.import.actors", "  actors to map to personas and teams in jcode.yaml: {actors}"
)
TODO_PHASES = Plural(
    "cli.import.todo-phases",
    "  {count} stage has phase TODO: set it in the file, or import with --phase SECTION=PHASE",
    "  {count} stages have phase TODO: set them in the file, or import with --phase SECTION=PHASE",
)
LINT_SAYS = Template("cli.import.lint-says", "jcode lint will say:")
ASK = Template("cli.import.ask", "Phase of '{section}' ({phases}; Enter to leave it TODO)")
BAD_PHASE_OPTION = Template(
    "error.import.phase-option", "--phase '{value}': write it SECTION=PHASE"
)


def _phases(values: tuple[str, ...]) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        section, sep, phase = value.rpartition("=")
        if not sep or not section.strip() or not phase.strip():
            raise JcodeError(BAD_PHASE_OPTION(value=printable(value)))
        pairs.append((section.strip(), phase.strip()))
    return pairs


def _asker(catalog: Catalog) -> Ask:
    """The phase of a section, asked on the terminal (on standard error: the output may be
    piped); an empty answer leaves it TODO."""

    def ask(section: str, phases: tuple[ProjectPhase, ...]) -> str | None:
        choices = ", ".join(p.id for p in phases)
        answer: str = click.prompt(
            catalog(ASK, section=printable(section), phases=choices),
            default="",
            show_default=False,
            err=True,
        )
        return answer.strip() or None

    return ask


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Read every file as CSV or as Mermaid (default: by its name, else by its content).",
)
@click.option(
    "--phase",
    "phases",
    multiple=True,
    metavar="SECTION=PHASE",
    help="The phase of a Mermaid section (or a sheet's stage) that names none; repeatable.",
)
@click.option(
    "--dry-run", is_flag=True, help="Show the files and what lint will say; write nothing."
)
@config_option
@today_option()
@color_option
@lang_option
def command(
    paths: tuple[Path, ...],
    fmt: str | None,
    phases: tuple[str, ...],
    dry_run: bool,
    config_file: Path | None,
    today: date | None,
    color: bool | None,
) -> int:
    """Import journeys from spreadsheets (CSV) and Mermaid journey diagrams into journey files
    under journeys/, one a journey, each starting with the schema line for editors.

    CSV: the shapes `jcode export --format csv` writes (rows of journeys, touchpoints, KPIs,
    stages, steps: give several sheets of one journey together) or a plain sheet with columns
    such as journey, stage, phase, touchpoint, channel, in English or Italian; UTF-8 (with or
    without a byte order mark) or Windows-1252, comma or semicolon. Mermaid: a .mmd file, or the
    ```mermaid journey blocks of a Markdown file; a section is a stage, a task a step.

    A value jcode cannot place is written as it is, for `jcode lint` to report; the import
    shows what lint will say. An existing file or journey id is never replaced (exit 2, nothing
    written).

    \b
    Examples:
      jcode import touchpoints.csv stages.csv
      jcode import README.md --phase "Go to work=discovery" --phase "Go home=purchase"
      jcode import journeys.csv --dry-run
    """
    catalog = i18n.current.get()
    ask = _asker(catalog) if sys.stdin.isatty() and sys.stderr.isatty() else None
    request = ImportRequest(
        paths,
        fmt,
        _phases(phases),
        dry_run=dry_run,
        config_file=config_file,
        ask=ask,
        today=today,
    )
    imported = import_journeys(request)
    for file, encoding in imported.not_utf8:
        click.echo(catalog(NOT_UTF8, file=printable(file), encoding=encoding), err=True)
    for new in imported.files:
        if dry_run:
            click.echo(f"==> {shown(new.path)} <==")
            click.echo(new.text)
        counts = ", ".join(
            catalog(COUNTS[kind], count=n)
            for kind, n in new.counts.items()
            if n or kind == "stages"
        )
        line = WROTE if imported.written else WOULD_WRITE
        click.echo(catalog(line, path=shown(new.path), counts=counts))
        if new.actors:
            click.echo(catalog(ACTORS, actors=", ".join(printable(a) for a in new.actors)))
        if new.todo_phases:
            click.echo(catalog(TODO_PHASES, count=new.todo_phases))
    click.echo(catalog(LINT_SAYS))
    options = ReportOptions(color=use_color(color, sys.stdout), catalog=catalog)
    report(imported.lint, sys.stdout, options)
    return ExitCode.OK
