"""The `jcode` group, main() and its error handler: a JcodeError is exit 2 with one line,
Ctrl-C is 130, and anything unexpected one line and exit 3 (the traceback only with --debug)."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys

import click

from jcode import ISSUES_URL, __version__, i18n
from jcode.cli.options import lang_option
from jcode.cli.output import error_line
from jcode.errors import ExitCode, JcodeError
from jcode.i18n import Template

ABORTED = Template("cli.aborted", "Aborted.")
INTERRUPTED = Template("cli.interrupted", "Interrupted.")
INTERNAL_ERROR = Template(
    "cli.internal-error",
    "jcode {version}: internal error: {error}: {detail}. Please report it at {url} "
    "(run with --debug for the traceback)",
)
INTERNAL_ERROR_DEBUG = Template(  # after the traceback, which --debug printed
    "cli.internal-error-debug",
    "jcode {version}: internal error: {error}: {detail}. Please report it at {url}",
)

# The commands, each the module of jcode.cli that defines it as `command`. A module is imported
# only when its command runs (or for --help): `jcode lint` does not pay for the others.
COMMANDS = ("build", "diff", "export", "import", "init", "lint", "new", "rules", "schema", "serve")


def module(command: str) -> str:
    """The module of jcode.cli that defines a command (`import` is a keyword of Python)."""
    return f"jcode.cli.{'importing' if command == 'import' else command}"


class _Commands(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        command: click.Command = importlib.import_module(module(cmd_name)).command
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:  # with "Did you mean": click's hint
            raise click.exceptions.NoSuchCommand(exc.command_name, None, COMMANDS, ctx) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="jcode")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@lang_option
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Customer journeys as code: lint, render and diff journey maps kept in git.

    \b
    Example:
      jcode lint journeys/
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def main(argv: list[str] | None = None) -> int:
    # The environment's language until --lang says otherwise, and for this run only: a program
    # that calls main() has its own catalog again afterwards.
    token = i18n.current.set(i18n.catalog(i18n.terminal_language(None)))
    try:
        return _handled(argv)
    finally:
        i18n.current.reset(token)


def _handled(argv: list[str] | None) -> int:
    """The command's exit code, every error mapped to its own, with one line in the terminal's
    language."""
    state: dict[str, bool] = {}  # the group's options, as click parsed them (--debug)
    try:
        code = cli.main(args=argv, prog_name="jcode", standalone_mode=False, obj=state)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return ExitCode.USAGE
    except click.exceptions.Abort:
        click.echo(i18n.current.get()(ABORTED), err=True)
        return ExitCode.INTERRUPTED
    except JcodeError as exc:
        click.echo(error_line(exc), err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo(i18n.current.get()(INTERRUPTED), err=True)
        return ExitCode.INTERRUPTED
    except Exception as exc:
        debug = state.get("debug", False)
        if debug:
            import traceback  # only here: it costs start-up time

            traceback.print_exc()
        line = i18n.current.get()(
            INTERNAL_ERROR_DEBUG if debug else INTERNAL_ERROR,
            version=__version__,
            error=type(exc).__name__,
            detail=str(exc),
            url=ISSUES_URL,
        )
        click.echo(line, err=True)
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
