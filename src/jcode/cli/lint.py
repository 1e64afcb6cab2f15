"""`jcode lint`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from jcode import i18n
from jcode.app.lint import LintRequest, append_step_summary, lint_journeys
from jcode.cli.options import (
    color_option,
    config_option,
    lang_option,
    paths_argument,
    today_option,
)
from jcode.cli.output import output_file, use_color
from jcode.errors import ExitCode
from jcode.findings import SEVERITIES, Severity
from jcode.i18n import Plural, Template
from jcode.reporters import LINT, ReportOptions, find_repo_root

BASELINE_WRITTEN = Plural(
    "cli.lint.baseline-written",
    "jcode: wrote {count} finding to '{baseline}'",
    "jcode: wrote {count} findings to '{baseline}'",
)
BASELINE_ACCEPTED = Plural(
    "cli.lint.baseline-accepted",
    "jcode: {count} finding accepted by baseline '{baseline}'",
    "jcode: {count} findings accepted by baseline '{baseline}'",
)
BASELINE_FIXED = Template(
    "cli.lint.baseline-fixed",
    "jcode: fixed (no finding matches them any more): {fixed} of the {size} baseline entries; "
    "rewrite '{baseline}' with --write-baseline to drop them:",
)


def _output_options(command: Callable[..., int]) -> Callable[..., int]:
    for name in reversed(list(LINT)):
        command = click.option(
            f"--output-{name}",
            f"output_{name}",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="FILE",
            help=f"Write the {name} report to FILE (implies --format {name}).",
        )(command)
    return command


@click.command("lint")
@paths_argument
@click.option(
    "--format",
    "formats",
    type=click.Choice(list(LINT)),
    multiple=True,
    help="Output format (default text); may be given more than once.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE instead of standard output.",
)
@_output_options
@click.option(
    "--fail-on",
    type=click.Choice(list(SEVERITIES)),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity.",
)
@config_option
@today_option()
@click.option("--quiet", "-q", is_flag=True, help="Print only the findings, no summary.")
@color_option
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Report only the findings that are not in this baseline.",
)
@click.option(
    "--write-baseline",
    "baseline_out",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write every finding into a baseline FILE, and report nothing.",
)
@lang_option
def command(
    paths: tuple[Path, ...],
    formats: tuple[str, ...],
    output: Path | None,
    fail_on: Severity,
    config_file: Path | None,
    today: date | None,
    quiet: bool,
    color: bool | None,
    baseline: Path | None,
    baseline_out: Path | None,
    **per_format: Path | None,
) -> int:
    """Check journey files against the schema and the rules.

    PATHS are journey files or folders (default: journeys/ beside jcode.yaml); jcode.yaml or
    the project schema among them stands for every journey of the project.
    Exit 0: nothing at or above --fail-on; 1: findings at or above it; 2: usage error.

    \b
    Examples:
      jcode lint
      jcode lint journeys/checkout.yaml --fail-on warning
      jcode lint --format json --output lint.json
      jcode lint --format text --format sarif --output-sarif jcode.sarif
      jcode lint --write-baseline jcode-baseline.json
      jcode lint --baseline jcode-baseline.json
    """
    request = LintRequest(
        paths,
        config_file,
        today,
        formats=formats,
        output=output,
        per_format={name: per_format[f"output_{name}"] for name in LINT},
        baseline=baseline,
        baseline_out=baseline_out,
    )
    outcome = lint_journeys(request)
    result = outcome.result
    catalog = i18n.current.get()
    if outcome.written is not None:
        written = catalog(BASELINE_WRITTEN, count=outcome.written, baseline=str(baseline_out))
        click.echo(written, err=True)
        return ExitCode.OK
    if baseline is not None:
        if not quiet:
            accepted = catalog(BASELINE_ACCEPTED, count=outcome.accepted, baseline=str(baseline))
            click.echo(accepted, err=True)
        if outcome.fixed:
            fixed = catalog(
                BASELINE_FIXED,
                fixed=len(outcome.fixed),
                size=outcome.baseline_size,
                baseline=str(baseline),
            )
            click.echo(fixed, err=True)
            for entry in outcome.fixed:
                click.echo(f"  {entry.describe(catalog)}", err=True)
    repo_root = find_repo_root(Path.cwd())
    catalog = i18n.current.get()
    for name, target in outcome.plan:
        reporter = LINT[name]
        if target is None:
            color_on = use_color(color, sys.stdout)
            options = ReportOptions(color_on, quiet, fail_on, repo_root, catalog)
            reporter(result, sys.stdout, options)
            continue
        with output_file(target) as stream:
            reporter(result, stream, ReportOptions(bool(color), quiet, fail_on, repo_root, catalog))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and any(name == "github" for name, _ in outcome.plan):
        append_step_summary(Path(summary), result, repo_root, catalog)
    return ExitCode.FINDINGS if outcome.failed(fail_on) else ExitCode.OK
