"""A file to import: its text, how it was decoded, and errors placed at a line and column of it.

Spreadsheets write UTF-8 with or without a byte order mark (Excel's "CSV UTF-8", LibreOffice),
UTF-16 with one (Excel's "Unicode text"), or the Windows code page of the machine (Excel's plain
"CSV", Windows-1252 in western Europe). A file that is not UTF-8 and has no mark is read as
Windows-1252, and the import says so: the user can check the accents.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from jcode.errors import JcodeError
from jcode.i18n import Message, Template
from jcode.record import Record
from jcode.text import printable

AT = Template("error.import.at", "{file}:{line}:{column}: {problem}")
UNREADABLE = Template("error.import.unreadable", "cannot read '{path}': {reason}")
NOT_TEXT = Template(
    "error.import.not-text",
    "byte {byte} is neither UTF-8 nor Windows-1252; save the file as CSV UTF-8 or as text",
)
BINARY = Template(
    "error.import.binary",
    "this is not a text file (an .xlsx or .ods workbook?); save the sheet as CSV from the "
    "spreadsheet",
)
TOO_BIG = Template("error.import.too-big", "more than {limit} MB: too big for a sheet or a diagram")
MAX_BYTES = 16 * 1024 * 1024  # a sheet of 100,000 touchpoints is about 20 MB; beyond: not a sheet

_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
_ZIP = b"PK\x03\x04"  # .xlsx and .ods are zip files


class Source(Record):
    """A file's text (line ends as the file has them), its name as the user gave it, and the
    encoding it was read in when that is not UTF-8."""

    __slots__ = ("encoding", "name", "text")

    def __init__(self, name: str, text: str, encoding: str | None = None) -> None:
        self.name: Final = name
        self.text: Final = text
        self.encoding: Final = encoding  # None: UTF-8

    @property
    def stem(self) -> str:
        """The file's name without its folder and its extension: a journey's id when the
        file does not name one."""
        return self.name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]

    def error(self, line: int, column: int, problem: Message) -> JcodeError:
        """An error at a place of the file (1-based line and column, in characters)."""
        return JcodeError(AT(file=printable(self.name), line=line, column=column, problem=problem))


def read(path: Path) -> Source:
    name = str(path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise JcodeError(UNREADABLE(path=printable(name), reason=str(exc.strerror))) from None
    return decode(name, raw)


def decode(name: str, raw: bytes) -> Source:
    source = Source(name, "")
    if len(raw) > MAX_BYTES:
        raise source.error(1, 1, TOO_BIG(limit=MAX_BYTES // (1024 * 1024)))
    if raw.startswith(_UTF16_MARKS):
        try:
            return Source(name, raw.decode("utf-16"), "UTF-16")
        except UnicodeDecodeError:
            raise source.error(1, 1, BINARY()) from None
    if raw.startswith(_ZIP) or b"\x00" in raw[:4096]:
        raise source.error(1, 1, BINARY())
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return Source(name, raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        return Source(name, raw.decode("cp1252"), "Windows-1252")
    except UnicodeDecodeError as exc:  # one of the five bytes Windows-1252 leaves undefined
        before = raw[: exc.start].decode("cp1252")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise source.error(line, column, NOT_TEXT(byte=f"0x{raw[exc.start]:02x}")) from None
