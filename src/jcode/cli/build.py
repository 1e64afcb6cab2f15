"""`jcode build`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from jcode import i18n
from jcode.cli.options import config_option, lang_option, paths_argument, today_option
from jcode.cli.output import use_color
from jcode.errors import ExitCode
from jcode.findings import COUNTS, severity_counts
from jcode.i18n import Plural, Template
from jcode.reporters import LINT, ReportOptions

NOT_BUILT = Plural(
    "cli.build.not-built",
    "jcode: {count} error; site not built (--strict), '{out}' unchanged",
    "jcode: {count} errors; site not built (--strict), '{out}' unchanged",
)
MKDOCS_WARNING = Template("cli.build.mkdocs-warning", "jcode: mkdocs: {warning}")
BUILT = Template("cli.build.built", "{journeys}, {counts}; site: {index}")
PROGRESS = Template("cli.build.progress", "rendering pages [{bar}] {done}/{total}")


@click.command("build")
@paths_argument
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Build the site into DIR (default: site/ beside jcode.yaml).",
    metavar="DIR",
)
@config_option
@today_option()
@click.option(
    "--strict", is_flag=True, help="Exit 1, and keep the previous site, when lint finds errors."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@lang_option
def command(
    paths: tuple[Path, ...],
    out: Path | None,
    config_file: Path | None,
    today: date | None,
    strict: bool,
    quiet: bool,
) -> int:
    """Lint the journeys and build the stakeholder site (mkdocs-material).

    Without --strict the site is built whatever lint finds, and shows the findings. The
    previous site is replaced only when the new one is complete; a folder that jcode did not
    write is never replaced.

    \b
    Examples:
      jcode build
      jcode build --out public --strict
    """
    from jcode.app.build import BuildRequest, build  # mkdocs: only for this command

    catalog = i18n.current.get()
    progress = _progress_bar if sys.stderr.isatty() and not quiet else None
    request = BuildRequest(paths, config_file, today, out=out, strict=strict, progress=progress)
    outcome = build(request)
    counts = outcome.result.counts()
    if not outcome.built:
        options = ReportOptions(use_color(None, sys.stdout), True, "error", Path.cwd(), catalog)
        LINT["text"](outcome.errors(), sys.stdout, options)
        click.echo(catalog(NOT_BUILT, count=counts["error"], out=str(outcome.out)), err=True)
        return ExitCode.FINDINGS
    for warning in outcome.warnings:
        click.echo(catalog(MKDOCS_WARNING, warning=warning), err=True)
    if not quiet and outcome.translation is not None:
        click.echo(catalog.render(outcome.translation))
    if not quiet:
        journeys = sum(1 for f in outcome.result.files if f.journey is not None)
        line = catalog(
            BUILT,
            journeys=COUNTS["journey"](count=journeys),
            counts=severity_counts(counts, catalog),
            index=str((outcome.out / "index.html").resolve()),
        )
        click.echo(line)
    return ExitCode.OK


def _progress_bar(done: int, total: int) -> None:
    filled = 30 * done // max(total, 1)
    bar = "#" * filled + "." * (30 - filled)
    line = i18n.current.get()(PROGRESS, bar=bar, done=done, total=total)
    sys.stderr.write(f"\r{line}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()
