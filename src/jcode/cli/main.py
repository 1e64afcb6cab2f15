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

# The commands, each the module of jcode.cli that defines it as `command`. A module is imported
# only when its command runs (or for --help): `jcode lint` does not pay for the others.
COMMANDS = ("build", "diff", "export", "init", "lint", "new", "rules", "schema", "serve")


class _Commands(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        command: click.Command = importlib.import_module(f"jcode.cli.{cmd_name}").command
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
    state: dict[str, bool] = {}  # the group's options, as click parsed them (--debug)
    i18n.current.set(i18n.catalog(i18n.terminal_language(None)))  # until --lang says otherwise
    try:
        code = cli.main(args=argv, prog_name="jcode", standalone_mode=False, obj=state)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return ExitCode.USAGE
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return ExitCode.INTERRUPTED
    except JcodeError as exc:
        click.echo(error_line(exc), err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return ExitCode.INTERRUPTED
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
