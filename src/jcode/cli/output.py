"""What the commands share in writing: the line of a JcodeError, report files, colour."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from jcode import i18n
from jcode.app.project import CANNOT_WRITE
from jcode.errors import JcodeError
from jcode.i18n import Catalog, Template

_ERROR = Template("cli.error", "jcode: error: {message}")


def error_line(exc: JcodeError, catalog: Catalog | None = None) -> str:
    """The one line of an error, in the terminal's language (or the catalog given: a thread
    of its own does not see the terminal's)."""
    catalog = catalog or i18n.current.get()
    message = exc.args[0] if exc.args else ""
    return catalog(_ERROR, message=message if isinstance(message, i18n.Message) else str(exc))


@contextlib.contextmanager
def output_file(target: Path) -> Iterator[TextIO]:
    """The file a report or an export goes to, in UTF-8 and with line ends as written (the
    CSV's CRLF); a file jcode cannot write is a JcodeError."""
    try:
        with target.open("w", encoding="utf-8", newline="") as stream:
            yield stream
    except OSError as exc:
        raise JcodeError(CANNOT_WRITE(path=str(target), reason=str(exc.strerror))) from None


def use_color(flag: bool | None, stream: TextIO) -> bool:
    """--color/--no-color when given; else colour on a terminal, unless NO_COLOR is set."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()
