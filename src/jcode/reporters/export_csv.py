"""`jcode export --format csv`: one row per journey, touchpoint, KPI, stage or step, for
spreadsheets.

UTF-8 with a byte order mark (without it Excel reads the bytes in the local code page and breaks
accents), CRLF line ends and quoting as RFC 4180 (the csv module's excel dialect), and a cell of
user text that starts with =, +, -, @, a tab or a carriage return gets a leading single quote,
so that a spreadsheet shows it rather than run it as a formula (OWASP's advice against CSV
injection); so does text that starts with quotes before one of them, so that `jcode import`
takes back exactly the quote export added. A list of journey text is one item a line in its
cell (an item may hold "; "); a list of rule ids is joined with "; ". The stream must not
translate line ends (open it with newline="").
"""

from __future__ import annotations

import csv
from typing import Any, TextIO

from jcode.export import HEADERS, Export, Lines, rows
from jcode.reporters import ReportOptions

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def report(export: Export, out: TextIO, options: ReportOptions) -> None:
    out.write("\ufeff")
    writer = csv.writer(out)  # the excel dialect: CRLF, fields quoted when they need it
    writer.writerow(HEADERS[export.what])
    writer.writerows(
        [_cell(value) for value in row] for row in rows(export.result, export.project, export.what)
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):  # written by us: a negative figure is not a formula
        return str(int(value)) if float(value).is_integer() else repr(value)
    if isinstance(value, Lines):
        text = "\n".join(value)
    else:
        text = "; ".join(value) if isinstance(value, list) else str(value)
    # Text that starts with quotes before a formula character gets one more: `jcode import`
    # takes one quote back, whatever the text.
    return "'" + text if text.lstrip("'").startswith(FORMULA_START) else text
