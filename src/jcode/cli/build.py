"""`jcode build`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from jcode import i18n
from jcode.cli.options import config_option, paths_argument, today_option
from jcode.cli.output import use_color
from jcode.errors import ExitCode
from jcode.findings import plural, severity_counts
from jcode.reporters import LINT, ReportOptions


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

    progress = _progress_bar if sys.stderr.isatty() and not quiet else None
    request = BuildRequest(paths, config_file, today, out=out, strict=strict, progress=progress)
    outcome = build(request)
    counts = outcome.result.counts()
    if not outcome.built:
        options = ReportOptions(use_color(None, sys.stdout), True, "error", Path.cwd())
        LINT["text"](outcome.errors(), sys.stdout, options)
        click.echo(
            f"jcode: {plural(counts['error'], 'error')}; site not built (--strict), "
            f"'{outcome.out}' unchanged",
            err=True,
        )
        return ExitCode.FINDINGS
    for warning in outcome.warnings:
        click.echo(f"jcode: mkdocs: {warning}", err=True)
    if not quiet and outcome.translation is not None:
        click.echo(i18n.current.get().render(outcome.translation))
    if not quiet:
        journeys = sum(1 for f in outcome.result.files if f.journey is not None)
        click.echo(
            f"{plural(journeys, 'journey')}, {severity_counts(counts)}; "
            f"site: {(outcome.out / 'index.html').resolve()}"
        )
    return ExitCode.OK


def _progress_bar(done: int, total: int) -> None:
    filled = 30 * done // max(total, 1)
    bar = "#" * filled + "." * (30 - filled)
    sys.stderr.write(f"\rrendering pages [{bar}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()
