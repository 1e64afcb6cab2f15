"""The command line: parse options, call the library, return an exit code.

This is the only layer that prints or exits. main() maps a JcodeError to exit 2, Ctrl-C to
130 and anything unexpected to one line and exit 3 (the traceback only with --debug).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

import click

from jcode import ISSUES_URL, __version__
from jcode.collect import collect_files, journey_ids, journey_paths
from jcode.config import CONFIG_NAME, PROJECT_SCHEMA_PATH, load_project
from jcode.diff import FAIL_ON
from jcode.errors import ExitCode, JcodeError
from jcode.export import FORMATS as EXPORT_FORMATS
from jcode.export import WHAT as EXPORT_WHAT
from jcode.findings import SEVERITIES, Finding, Severity, plural, severity_counts
from jcode.linter import JourneyFile, LintResult, lint, printable
from jcode.reporters import (
    DIFF_REPORTERS,
    REPORTERS,
    ReportOptions,
    find_repo_root,
    get_diff_reporter,
    get_reporter,
)
from jcode.rules import RULES, UnknownRuleError, get_rule, rules_table_markdown
from jcode.spec import PHASE_MODELS, Project, Site
from jcode.spec.builtins import DEFAULT_PHASE_MODEL
from jcode.spec.values import LANGUAGES


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """--today: a YYYY-MM-DD date. (click.DateTime would import _strptime: start-up time.)"""
    if value is None:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise click.BadParameter(f"'{value}' is not a date written YYYY-MM-DD")


_config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this jcode.yaml instead of searching upward from here.",
)
_today_option = click.option(
    "--today",
    callback=_iso_date,
    metavar="YYYY-MM-DD",
    help="Today's date, for stale-journey (default: today).",
)


_color_option = click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output (default: on a terminal, unless NO_COLOR is set).",
)


# Journey files and folders. Not click's readable check: a file jcode may not read is a finding,
# as it is in a folder, and the files after it are still linted.
_paths_argument = click.argument("paths", nargs=-1, type=click.Path(readable=False, path_type=Path))


def _use_color(flag: bool | None, stream: TextIO) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="jcode")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Customer journeys as code: lint, render and diff journey maps kept in git.

    \b
    Example:
      jcode lint journeys/
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def plan_outputs(
    formats: tuple[str, ...], output: Path | None, per_format: dict[str, Path | None]
) -> list[tuple[str, Path | None]]:
    """Where each report goes: (format, file), None meaning standard output.

    A format goes to its --output-FORMAT file; else to --output (which only one format may
    take: the one format that is not text, or text alone); else to standard output, which
    only one format may take. --output-FORMAT alone also asks for that format, beside text.
    """
    chosen = list(dict.fromkeys(formats))
    chosen += [name for name, path in per_format.items() if path and name not in chosen]
    if not formats and "text" not in chosen:
        chosen.insert(0, "text")
    plan = [(name, per_format[name]) for name in chosen if per_format.get(name)]
    rest = [name for name in chosen if not per_format.get(name)]
    if output is not None:
        takers = [n for n in rest if n != "text"] or rest
        if len(takers) != 1:
            raise JcodeError(
                "--output takes one format; with several, give each its --output-FORMAT file"
                if takers
                else "--output has no format left to write (each has its --output-FORMAT)"
            )
        plan.append((takers[0], output))
        rest.remove(takers[0])
    if len(rest) > 1:
        raise JcodeError(
            f"formats {', '.join(rest)} would all go to standard output; "
            "give all but one an --output-FORMAT file"
        )
    return plan + [(name, None) for name in rest]


def _output_options(command: Callable[..., int]) -> Callable[..., int]:
    for name in reversed(list(REPORTERS)):
        command = click.option(
            f"--output-{name}",
            f"output_{name}",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="FILE",
            help=f"Write the {name} report to FILE (implies --format {name}).",
        )(command)
    return command


def _journey_files(project: Project, paths: tuple[Path, ...]) -> list[str]:
    return collect_files(journey_paths(paths, project))


def _other_journey_ids(
    project: Project, paths: tuple[Path, ...], files: list[str]
) -> frozenset[str]:
    """Given some of the project's journey files (as pre-commit gives the changed ones), the
    ids of the others: a journey may relate to one that is not linted now."""
    folder = project.root / "journeys"
    if not paths or not folder.is_dir():
        return frozenset()
    linted = set(files)
    return frozenset(journey_ids(f for f in collect_files([folder]) if f not in linted))


@cli.command("lint")
@_paths_argument
@click.option(
    "--format",
    "formats",
    type=click.Choice(list(REPORTERS)),
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
@_config_option
@_today_option
@click.option("--quiet", "-q", is_flag=True, help="Print only the findings, no summary.")
@_color_option
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
def lint_command(
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
    from jcode.baseline import apply_baseline, read_baseline, write_baseline

    if baseline is not None and baseline_out is not None:
        raise JcodeError("give --baseline or --write-baseline, not both")
    plan = plan_outputs(formats, output, {name: per_format[f"output_{name}"] for name in REPORTERS})
    project = load_project(config_file)
    files = _journey_files(project, paths)
    _refuse_journey_targets([target for _, target in plan] + [baseline_out], files)
    entries = read_baseline(baseline) if baseline is not None else None
    others = _other_journey_ids(project, paths, files)
    result = lint(files, project, today, keep_models=False, other_ids=others)
    if baseline_out is not None:
        written = write_baseline(baseline_out, result.findings)
        click.echo(f"jcode: wrote {plural(written, 'finding')} to '{baseline_out}'", err=True)
        return ExitCode.OK
    if entries is not None:
        result, accepted, fixed = apply_baseline(result, entries)
        if not quiet:
            click.echo(
                f"jcode: {plural(accepted, 'finding')} accepted by baseline '{baseline}'",
                err=True,
            )
        if fixed:
            click.echo(
                f"jcode: fixed (no finding matches them any more): {len(fixed)} of the "
                f"{len(entries)} baseline entries; rewrite '{baseline}' with --write-baseline "
                "to drop them:",
                err=True,
            )
            for entry in fixed:
                click.echo(f"  {entry.describe()}", err=True)
    repo_root = find_repo_root(Path.cwd())
    for name, target in plan:
        reporter = get_reporter(name)
        if target is None:
            options = ReportOptions(_use_color(color, sys.stdout), quiet, fail_on, repo_root)
            reporter(result, sys.stdout, options)
            continue
        try:
            with target.open("w", encoding="utf-8", newline="\n") as stream:
                reporter(result, stream, ReportOptions(bool(color), quiet, fail_on, repo_root))
        except OSError as exc:
            raise JcodeError(f"cannot write '{target}': {exc.strerror}") from None
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and any(name == "github" for name, _ in plan):
        _append_step_summary(Path(summary), result, ReportOptions(repo_root=repo_root))
    failed = any(f.at_least(fail_on) for f in result.findings)
    return ExitCode.FINDINGS if failed else ExitCode.OK


def _refuse_journey_targets(targets: list[Path | None], files: list[str]) -> None:
    journey_files = {os.path.realpath(f) for f in files}
    for target in targets:  # real paths: a symlink must not lead a report into a journey
        if target is not None and os.path.realpath(target) in journey_files:
            raise JcodeError(f"'{target}' is a journey file; jcode never writes to those")


@cli.command("export")
@_paths_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="json",
    show_default=True,
    help="JSON for other tools, CSV for spreadsheets.",
)
@click.option(
    "--what",
    type=click.Choice(EXPORT_WHAT),
    help="What to export (default: journeys as JSON, touchpoints as CSV).",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write to FILE instead of standard output.",
)
@_config_option
@_today_option
def export_command(
    paths: tuple[Path, ...],
    fmt: str,
    what: str | None,
    output: Path | None,
    config_file: Path | None,
    today: date | None,
) -> int:
    """Export the linted journeys: the resolved model as JSON (effective owners, phase
    moments, channel modes, the findings of each element), or one row per journey, touchpoint
    or KPI as CSV for spreadsheets (UTF-8 with a byte order mark; formulas neutralised).

    PATHS are journey files or folders (default: journeys/ beside jcode.yaml). Files that are
    not valid journeys are left out, and named on standard error.

    \b
    Examples:
      jcode export > journeys.json
      jcode export --format csv --what kpis --output kpis.csv
    """
    from jcode.export import DEFAULT_WHAT, export

    project = load_project(config_file)
    files = _journey_files(project, paths)
    _refuse_journey_targets([output], files)
    result = lint(files, project, today, keep_models=True)
    data = export(result, project, fmt, what or DEFAULT_WHAT[fmt]).encode("utf-8")
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)  # bytes: the CSV's BOM and CRLF whatever the locale
        sys.stdout.buffer.flush()
    else:
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise JcodeError(f"cannot write '{output}': {exc.strerror}") from None
    left_out = [printable(f.path) for f in result.files if f.journey is None]
    if left_out:
        click.echo(f"jcode: not valid journeys, not exported: {', '.join(left_out)}", err=True)
    return ExitCode.OK


def _append_step_summary(path: Path, result: LintResult, options: ReportOptions) -> None:
    """In GitHub Actions, the full list of findings for the job summary: the annotations of
    one step stop at 10 of each level."""
    from jcode.reporters.github import step_summary

    try:
        with path.open("a", encoding="utf-8", newline="\n") as stream:
            stream.write(step_summary(result, options))
    except OSError as exc:
        raise JcodeError(f"cannot write the job summary '{path}': {exc.strerror}") from None


@cli.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(DIFF_REPORTERS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="never",
    show_default=True,
    help="Exit 1 when HEAD adds findings at this level.",
)
@click.option(
    "--today",
    callback=_iso_date,
    metavar="YYYY-MM-DD",
    help="Today's date for stale-journey (YYYY-MM-DD), on both sides.",
)
@_color_option
def diff_command(
    base: str, head: str | None, fmt: str, fail_on: str, today: date | None, color: bool | None
) -> int:
    """Show what changed in the journeys between BASE and HEAD, in journey terms.

    BASE and HEAD are git revisions of this repository or folders; without HEAD, the working
    tree. Journeys, stages, touchpoints and KPIs are matched by id, so a move is not a removal
    and an addition; each side is linted with its own jcode.yaml, and findings are new,
    resolved or unchanged.

    \b
    Examples:
      jcode diff main
      jcode diff origin/main HEAD --format markdown --fail-on new-warning
      jcode diff old-copy/ new-copy/ --format json
    """
    from jcode.diff import compare, fails
    from jcode.sides import read_side

    day = today or date.today()
    before, after = read_side(base, day), read_side(head, day)
    sides = {"BASE": before, "HEAD": after}
    lacking = {name: side for name, side in sides.items() if side.missing is not None}
    if len(lacking) == 2:
        raise JcodeError(
            f"no journeys folder at '{before.missing}' in BASE ({printable(before.label)}) nor "
            f"at '{after.missing}' in HEAD ({printable(after.label)}): nothing to compare"
        )
    for name, side in lacking.items():  # a pull request may add the first journeys
        other = "added" if name == "BASE" else "removed"
        click.echo(
            f"jcode: no journeys folder at '{side.missing}' in {name} "
            f"({printable(side.label)}): every journey counts as {other}",
            err=True,
        )
    diff = compare(before, after)
    options = ReportOptions(_use_color(color, sys.stdout))
    get_diff_reporter(fmt)(diff, sys.stdout, options)
    return ExitCode.FINDINGS if fails(diff, fail_on) else ExitCode.OK


@cli.command("build")
@_paths_argument
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Build the site into DIR (default: site/ beside jcode.yaml).",
    metavar="DIR",
)
@_config_option
@_today_option
@click.option(
    "--strict", is_flag=True, help="Exit 1, and keep the previous site, when lint finds errors."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def build_command(
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
    from jcode.site import build_site, check_out_dir  # mkdocs: only for this command

    project = load_project(config_file)
    out = out if out is not None else project.root / "site"
    check_out_dir(out)
    files = _journey_files(project, paths)
    result = lint(files, project, today, keep_models=True)
    counts = result.counts()
    if strict and counts["error"]:
        options = ReportOptions(_use_color(None, sys.stdout), True, "error", Path.cwd())
        errors = [f for f in result.findings if f.severity == "error"]
        get_reporter("text")(_only(result, errors), sys.stdout, options)
        click.echo(
            f"jcode: {plural(counts['error'], 'error')}; site not built (--strict), '{out}' "
            "unchanged",
            err=True,
        )
        return ExitCode.FINDINGS
    warnings = build_site(result, project, out, progress=sys.stderr.isatty() and not quiet)
    for warning in warnings:
        click.echo(f"jcode: mkdocs: {warning}", err=True)
    if not quiet:
        journeys = sum(1 for f in result.files if f.journey is not None)
        click.echo(
            f"{plural(journeys, 'journey')}, {severity_counts(counts)}; "
            f"site: {(out / 'index.html').resolve()}"
        )
    return ExitCode.OK


@cli.command("serve")
@_paths_argument
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@_config_option
@_today_option
def serve_command(
    paths: tuple[Path, ...],
    port: int,
    open_browser: bool,
    config_file: Path | None,
    today: date | None,
) -> int:
    """Preview the site on http://127.0.0.1:PORT/, rebuilt when a journey changes.

    Nothing is written beside the journeys: the site lives in a temporary folder.
    """
    from jcode.site.serve import serve  # mkdocs: only for this command

    project = load_project(config_file)
    config_path = project.config_path

    def lint_again() -> tuple[LintResult, Project]:
        current = load_project(config_path) if config_path else project
        files = _journey_files(current, paths)
        return lint(files, current, today, keep_models=True), current

    watched = journey_paths(paths, project)
    if config_path is not None:
        watched.append(config_path)
    serve(lint_again, watched, port, open_browser)
    return ExitCode.OK


def _only(result: LintResult, findings: list[Finding]) -> LintResult:
    """The result with only these findings (for printing)."""
    keep = set(map(id, findings))
    files = [
        JourneyFile(file.path, findings=tuple(f for f in file.findings if id(f) in keep))
        for file in result.files
    ]
    return LintResult(files)


@cli.command()
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
def schema(config_schema: bool, project: bool, out: Path | None, config_file: Path | None) -> int:
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
        return _write_project_schema(out, config_file)
    if out is not None or config_file is not None:
        raise JcodeError("--out and --config go with --project")
    from jcode.schema import SCHEMA_FILES, render  # imports pydantic

    models = list(SCHEMA_FILES.values())
    click.echo(render(models[1] if config_schema else models[0]), nl=False)
    return ExitCode.OK


def _write_project_schema(out: Path | None, config_file: Path | None) -> int:
    from jcode.project_schema import is_project_schema, render

    project = _declared_project(config_file)
    target = out if out is not None else project.root / PROJECT_SCHEMA_PATH
    text = render(project)
    shown = _shown(target)
    if target.exists():
        try:
            before = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise JcodeError(f"cannot read '{shown}': {exc}") from None
        if not is_project_schema(before):
            raise JcodeError(
                f"'{shown}' exists and was not written by `jcode schema --project`; refusing to "
                "replace it (choose another --out, or remove it yourself)"
            )
        if before == text:
            click.echo(f"{shown} is up to date")
            return ExitCode.OK
    _write_text(target, text)
    click.echo(f"wrote {shown}")
    return ExitCode.OK


def _declared_project(config_file: Path | None) -> Project:
    """The project of the jcode.yaml in use; an error when there is none (defaults would do)."""
    project = load_project(config_file)
    if project.config_path is None:
        raise JcodeError(
            "no jcode.yaml in this folder or above it; `jcode init` creates one "
            "(or give --config FILE)"
        )
    return project


def _shown(path: Path) -> str:
    """A path as the user will read it: relative to the current folder when it is below it."""
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


def _write_text(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise JcodeError(f"cannot write '{_shown(path)}': {exc.strerror}") from None


@cli.command("init")
@click.argument(
    "directory", default=".", type=click.Path(file_okay=False, path_type=Path), metavar="[DIR]"
)
@click.option("--title", help="The site's title.")
@click.option("--language", type=click.Choice(LANGUAGES), help="The site's language.")
@click.option("--phases", type=click.Choice(list(PHASE_MODELS)), help="The phase model.")
@click.option("--yes", "-y", is_flag=True, help="Ask nothing: the flags given, else defaults.")
def init_command(
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
    from jcode.authoring import InitSettings, scaffold

    defaults = Site()
    keeps_config = (directory / CONFIG_NAME).exists()
    ask = not yes and not keeps_config and _on_terminal()
    if ask and title is None:
        title = click.prompt("Site title", default=defaults.title)
    if ask and language is None:
        language = click.prompt(
            "Site language", type=click.Choice(LANGUAGES), default=defaults.language
        )
    if ask and phases is None:
        phases = click.prompt(
            "Phase model", type=click.Choice(list(PHASE_MODELS)), default=DEFAULT_PHASE_MODEL
        )
    settings = InitSettings(
        title if title is not None else defaults.title,
        language or defaults.language,
        phases or DEFAULT_PHASE_MODEL,
    )
    done = scaffold(directory, settings)
    for verb, names in (("created", done.created), ("appended /site/ to", done.appended)):
        for name in names:
            click.echo(f"{verb} {_shown(directory / name)}")
    for name in done.skipped:
        click.echo(f"skipped {_shown(directory / name)}: it exists")
    if keeps_config:
        click.echo("kept the settings of the existing jcode.yaml")
    where = _shown(directory)
    click.echo(f"Next, in {where}:" if where != "." else "Next:")
    click.echo("  jcode lint          check the journeys")
    click.echo("  jcode build         build the site into site/, then open site/index.html")
    click.echo("  jcode new ID        start a journey of your own")
    return ExitCode.OK


def _on_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


@cli.command("new")
@click.argument("journey_id")
@click.option("--title", help="The journey's title (default: from the id, marked TODO).")
@click.option("--persona", metavar="ID", help="A persona declared in jcode.yaml.")
@click.option("--owner", metavar="ID", help="The owning team, declared in jcode.yaml.")
@_config_option
def new_command(
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
    from jcode.authoring import journey_path, new_journey

    project = _declared_project(config_file)
    path = journey_path(project, journey_id)
    text = new_journey(project, journey_id, title, persona, owner)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as stream:  # "x": never replace
            stream.write(text)
    except OSError as exc:
        raise JcodeError(f"cannot write '{_shown(path)}': {exc.strerror}") from None
    stages = text.count("\n  - id: ")
    click.echo(
        f"wrote {_shown(path)}: {stages} stage{'' if stages == 1 else 's'} to fill in "
        f"(phase model '{project.phase_model}')"
    )
    if not (project.root / PROJECT_SCHEMA_PATH).is_file():
        click.echo("no project schema for editors yet: `jcode schema --project` writes it")
    return ExitCode.OK


@cli.command()
@click.argument("rule_id", required=False)
@click.option("--markdown", is_flag=True, help="Print the rule table as Markdown (the README's).")
def rules(rule_id: str | None, markdown: bool) -> int:
    """List the rules, or show one rule's documentation.

    \b
    Examples:
      jcode rules
      jcode rules stage-without-touchpoints
    """
    if markdown:
        click.echo(rules_table_markdown(), nl=False)
        return ExitCode.OK
    if rule_id is None:
        width = max(len(r) for r in RULES)
        for rule in RULES.values():
            click.echo(f"{rule.id:<{width}}  {rule.severity:<7}  {rule.summary}")
        return ExitCode.OK
    try:
        click.echo(get_rule(rule_id).docs_text(), nl=False)
    except UnknownRuleError as exc:
        raise JcodeError(str(exc)) from None
    return ExitCode.OK


def main(argv: list[str] | None = None) -> int:
    state: dict[str, bool] = {}  # the group's options, as click parsed them (--debug)
    try:
        code = cli.main(args=argv, prog_name="jcode", standalone_mode=False, obj=state)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return ExitCode.USAGE
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except JcodeError as exc:
        click.echo(f"jcode: error: {exc}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130
    except Exception as exc:
        debug = state.get("debug", False)
        if debug:
            import traceback  # only here: it costs start-up time

            traceback.print_exc()
        click.echo(
            f"jcode {__version__}: internal error: {type(exc).__name__}: {exc}. "
            f"Please report it at {ISSUES_URL}"
            + ("" if debug else " (run with --debug for the traceback)"),
            err=True,
        )
        return ExitCode.INTERNAL
    return int(code) if isinstance(code, int) else ExitCode.OK


def run() -> None:
    """The console script: main(), then leave at once. Tearing the interpreter down (freeing
    every module and object one by one) takes longer than linting ten journeys, and there is
    nothing left to clean up: every output file is closed by then; the streams are flushed here.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a closed pipe (`jcode lint | head`)
            stream.flush()
    os._exit(code)
