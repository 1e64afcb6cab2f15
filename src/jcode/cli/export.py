"""`jcode export`."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import click

from jcode import i18n
from jcode.app.export import ExportRequest, export_journeys
from jcode.cli.options import config_option, lang_option, paths_argument, today_option
from jcode.cli.output import output_file
from jcode.errors import ExitCode
from jcode.export import WHAT
from jcode.i18n import Template
from jcode.reporters import EXPORT, ReportOptions
from jcode.text import printable

LEFT_OUT = Template("cli.export.left-out", "jcode: not valid journeys, not exported: {files}")


@click.command("export")
@paths_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(EXPORT)),
    default="json",
    show_default=True,
    help="JSON for other tools, CSV for spreadsheets, Mermaid journey diagrams for Markdown.",
)
@click.option(
    "--what",
    type=click.Choice(WHAT),
    help="What to export (default: journeys as JSON, touchpoints as CSV).",
)
@click.option(
    "--journey",
    metavar="ID",
    help="Export only the journey with this id.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write to FILE instead of standard output.",
)
@config_option
@today_option()
@lang_option
def command(
    paths: tuple[Path, ...],
    fmt: str,
    what: str | None,
    journey: str | None,
    output: Path | None,
    config_file: Path | None,
    today: date | None,
) -> int:
    """Export the linted journeys: the resolved model as JSON (effective owners, phase
    moments, channel modes, the findings of each element), or one row per journey, touchpoint,
    KPI, stage or step as CSV for spreadsheets (UTF-8 with a byte order mark; formulas
    neutralised), or each journey as a Mermaid journey diagram (one journey as a Mermaid file,
    several as Markdown with a fenced block each).

    PATHS are journey files or folders (default: journeys/ beside jcode.yaml). Files that are
    not valid journeys are left out, and named on standard error.

    \b
    Examples:
      jcode export > journeys.json
      jcode export --format csv --what kpis --output kpis.csv
      jcode export --format mermaid --journey onboarding --output onboarding.mmd
    """
    request = ExportRequest(
        paths, config_file, today, fmt=fmt, what=what, output=output, journey=journey
    )
    exported = export_journeys(request)
    # All of it before anything is written (a failure leaves --output as it was); newline="":
    # the CSV keeps its CRLF.
    text = io.StringIO(newline="")
    EXPORT[fmt](exported.export, text, ReportOptions())
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.getvalue().encode("utf-8"))  # UTF-8 whatever the locale
        sys.stdout.buffer.flush()
    else:
        with output_file(output) as stream:
            stream.write(text.getvalue())
    if exported.left_out:
        left_out = ", ".join(printable(path) for path in exported.left_out)
        click.echo(i18n.current.get()(LEFT_OUT, files=left_out), err=True)
    return ExitCode.OK
