"""Options that several commands take, spelt and explained once."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from jcode import i18n
from jcode.i18n import Template

NOT_A_DATE = Template("cli.option.not-a-date", "'{value}' is not a date written YYYY-MM-DD")
NOT_A_LANGUAGE = Template(
    "cli.option.not-a-language", "'{value}' is not a language code such as 'en', 'it' or 'pt_BR'"
)

Decorated = TypeVar("Decorated", bound=Callable[..., Any])


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """--today: a YYYY-MM-DD date. (click.DateTime would import _strptime: start-up time.)"""
    if value is None:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise click.BadParameter(i18n.current.get()(NOT_A_DATE, value=value))


config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this jcode.yaml instead of searching upward from here.",
)


def today_option(
    help_text: str = "Today's date, for stale-journey (default: today).",
) -> Callable[[Decorated], Decorated]:
    """--today, with the help its command gives it (diff: on both sides)."""
    return click.option("--today", callback=_iso_date, metavar="YYYY-MM-DD", help=help_text)


color_option = click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output (default: on a terminal, unless NO_COLOR is set).",
)

# Journey files and folders. Not click's readable check: a file jcode may not read is a finding,
# as it is in a folder, and the files after it are still linted.
paths_argument = click.argument("paths", nargs=-1, type=click.Path(readable=False, path_type=Path))


def _language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--lang: set the terminal's catalog for this run (the environment's when not given)."""
    if value is not None and not _LANG_RE.fullmatch(value):
        raise click.BadParameter(i18n.current.get()(NOT_A_LANGUAGE, value=value))
    if value is not None or ctx.parent is None:
        i18n.current.set(i18n.catalog(i18n.terminal_language(value)))
    return value


_LANG_RE = re.compile(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})?(\.[A-Za-z0-9_-]+)?(@\w+)?")

lang_option = click.option(
    "--lang",
    metavar="LANG",
    callback=_language,
    is_eager=True,
    expose_value=False,
    help="The language of the terminal's messages (default: JCODE_LANG, else LC_ALL, "
    "LC_MESSAGES or LANG, else English).",
)
