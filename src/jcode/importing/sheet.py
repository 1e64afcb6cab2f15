"""A CSV file as cells, each with the line and column where it starts.

RFC 4180 as spreadsheets write it: a delimiter of `,`, `;` (Excel where the decimal separator is
a comma: Italian, German) or a tab (Excel's "Unicode text"), chosen from the header line; cells
in double quotes may hold the delimiter, line ends and doubled quotes; records end with CRLF, LF
or CR. Read by hand rather than with the csv module, which knows neither where a cell starts
nor where an unclosed quote opened.
"""

from __future__ import annotations

import re
from typing import Final

from jcode.i18n import Template
from jcode.importing.source import Source
from jcode.record import Record

UNCLOSED = Template("error.import.csv.unclosed", "the quoted cell that starts here is never closed")
AFTER_QUOTE = Template(
    "error.import.csv.after-quote",
    "'{char}' after a closing quote; a quote inside a quoted cell is written twice (\"\")",
)
CELLS = Template(
    "error.import.csv.cells",
    "this row has {count} cells, the header {expected}; quote a cell that holds '{delimiter}'",
)
EMPTY = Template("error.import.csv.empty", "the file is empty: no header row")
DELIMITERS: Final = (",", ";", "\t")
_BREAK_RE = re.compile(r"\r\n|\r|\n")


class Cell(Record):
    __slots__ = ("column", "line", "text")

    def __init__(self, text: str, line: int, column: int) -> None:
        self.text: Final = text
        self.line: Final = line
        self.column: Final = column


def delimiter(source: Source) -> str:
    """The delimiter of the header line: the one it holds most of outside quotes (`,` if none)."""
    header = source.text.split("\n", 1)[0]
    outside = "".join(part for n, part in enumerate(header.split('"')) if n % 2 == 0)
    return max(DELIMITERS, key=outside.count) if any(d in outside for d in DELIMITERS) else ","


def records(source: Source, separator: str) -> list[list[Cell]]:
    """Every non-blank record, each the same number of cells as the first (the header)."""
    text = source.text
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    line, start = 1, 0  # the current line, and the offset where it starts
    i, end = 0, len(text)
    while True:
        cell_line, cell_column = line, i - start + 1
        cell_start = i
        if i < end and text[i] == '"':
            parts: list[str] = []
            i += 1
            while True:
                close = text.find('"', i)
                if close < 0:
                    raise source.error(cell_line, cell_column, UNCLOSED())
                parts.append(text[i:close])
                i = close + 1
                if i < end and text[i] == '"':
                    parts.append('"')
                    i += 1
                    continue
                break
            value = "".join(parts)
            breaks = _BREAK_RE.findall(text, cell_start, i)
            if breaks:  # the lines the cell spans
                line += len(breaks)
                start = max(text.rfind("\n", cell_start, i), text.rfind("\r", cell_start, i)) + 1
            if i < end and text[i] not in (separator, "\r", "\n"):
                raise source.error(line, i - start + 1, AFTER_QUOTE(char=text[i]))
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        else:
            stop = i
            while stop < end and text[stop] not in (separator, "\r", "\n"):
                stop += 1
            value, i = text[i:stop], stop
        row.append(Cell(value, cell_line, cell_column))
        if i < end and text[i] == separator:
            i += 1
            continue
        if row != [Cell("", cell_line, 1)]:  # a blank line is no record
            rows.append(row)
        row = []
        if i >= end:
            break
        i += 2 if text.startswith("\r\n", i) else 1
        line, start = line + 1, i
    if not rows:
        raise source.error(1, 1, EMPTY())
    width = len(rows[0])
    for cells in rows[1:]:
        if len(cells) != width:
            place = cells[width] if len(cells) > width else cells[0]
            shown = "tab" if separator == "\t" else separator
            problem = CELLS(count=len(cells), expected=width, delimiter=shown)
            raise source.error(place.line, place.column, problem)
    return rows
