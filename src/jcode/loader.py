"""YAML text -> plain data plus a map from JSON Pointer to (line, column), in one pass
(jcode.yaml_events), and what is wrong with a file that is not readable YAML, in its terms.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

import yaml

from jcode.findings import Position, Problem
from jcode.i18n import Message
from jcode.yaml_events import Parsed, Refused, build
from jcode.yaml_messages import (
    COLON_IN_TEXT,
    NOT_UTF8,
    TAB,
    UNCLOSED,
    UNCLOSED_QUOTE,
    UTF16,
    parser_problem,
    reader_problem,
)

MAX_FILE_BYTES = 64 * 1024 * 1024


class Document(Parsed):
    """A parsed journey file: its data, where each part of it stands in the text, and what the
    parser found wrong with it (the yaml-syntax and duplicate-key rules report it)."""

    __slots__ = ("declared_id", "error")

    def __init__(self) -> None:
        super().__init__()
        self.declared_id: str | None = None  # an unreadable file's `id:` line, when it has one
        self.error: Problem | None = None  # why the text cannot be read; then data is None

    @classmethod
    def unreadable(cls, message: Message, position: Position = (1, 1)) -> Document:
        """A file whose text never reached the parser: not a file, too big, not UTF-8."""
        doc = cls()
        doc.error = Problem("", message, position)
        return doc

    @property
    def readable(self) -> bool:
        return self.error is None

    @property
    def problems(self) -> list[Problem]:
        """What the parser found, in the order of the text: the error stops it."""
        return [*self.duplicate_keys, *([self.error] if self.error is not None else [])]

    def position(self, pointer: str) -> Position:
        """Where the value at `pointer` stands; the nearest enclosing value when it is absent
        (a missing field, or data that came through an alias or a merge)."""
        positions = self.positions
        while pointer not in positions:
            if not pointer:
                return (1, 1)
            pointer = pointer[: pointer.rfind("/")]
        mark = positions[pointer]
        return (mark.line + 1, mark.column + 1)

    def key_position(self, pointer: str) -> Position:
        """Where the key of the field at `pointer` stands (for unknown and duplicate keys)."""
        mark = self.key_positions.get(pointer)
        return (mark.line + 1, mark.column + 1) if mark else self.position(pointer)


def load(text: str) -> Document:
    """Parse one journey file's text. Never raises for bad input: problems are recorded."""
    doc = Document()
    try:
        try:
            build(text, doc)
        except yaml.MarkedYAMLError as exc:
            if not _is_libyaml_depth_limit(exc):
                raise
            # libyaml 0.2.6 (PyYAML 6.0.4) stops at 1,000 levels of its own, and its scanner
            # reads ahead, so it can fire before our 100 do. The text before its mark is over
            # 100 levels deep: parsed alone, it meets our limit at the same place as under
            # libyaml 0.2.5, so every PyYAML gives the same finding.
            doc = Document()
            with contextlib.suppress(yaml.YAMLError):
                build(_text_before(text, exc.problem_mark), doc)
            raise exc from None
    except Refused as exc:
        doc.data = None
        doc.error = Problem("", exc.message, (exc.line, exc.column))
    except yaml.MarkedYAMLError as exc:
        doc.data = None
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        opened = exc.context_mark
        since = opened.line + 1 if opened and opened is not mark else None
        what = parser_problem(exc.problem, exc.context, since)
        if _char_at(text, line, column) == "\t":
            what = TAB()  # whatever libyaml made of it
        elif (hint := _hint(text, exc, what)) is not None:
            what = hint
        doc.error = Problem("", what, (line, column))
        doc.declared_id = _declared_id(text)
    except yaml.YAMLError as exc:  # a reader error: a character YAML does not allow
        doc.data = None
        said = str(exc).split("\n")[0]
        doc.error = Problem("", reader_problem(exc, said), _reader_position(text, exc))
        doc.declared_id = _declared_id(text)
    return doc


# A key written plainly at the start of a line (after its indentation and any "- "), and the
# text after it: where an unquoted ": " in that text is what YAML refused.
_PLAIN_KEY = re.compile(r"[ ]*(?:-[ ]+)*([^\s#'\"\[\]{}:,&*!|>%@`-][^:#]*?):[ \t]+")
_COMMENT = re.compile(r"[ \t]+#.*$")
_CLOSERS = {"while parsing a flow sequence": ("[", "]"), "while parsing a flow mapping": ("{", "}")}


def _hint(text: str, exc: yaml.MarkedYAMLError, what: Message) -> Message | None:
    """libyaml's commonest complaints (`what`) with their likely cause and the fix, in the
    file's terms."""
    mark, opened = exc.problem_mark, exc.context_mark
    if exc.problem == "mapping values are not allowed in this context" and mark is not None:
        row = _LINE_BREAK.split(text, mark.line + 1)[mark.line]
        key = _PLAIN_KEY.match(row)
        if key is not None and key.end() <= mark.column:  # the ": " is inside the value
            value = _COMMENT.sub("", row[key.end() :]).rstrip()
            quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            return COLON_IN_TEXT(problem=what, key=key.group(1), quoted=quoted)
    if exc.context in _CLOSERS and opened is not None:
        opener, closer = _CLOSERS[exc.context]
        return UNCLOSED(
            problem=what,
            opener=opener,
            line=opened.line + 1,
            column=opened.column + 1,
            closer=closer,
        )
    if exc.context == "while scanning a quoted scalar" and opened is not None:
        quote = _char_at(text, opened.line + 1, opened.column + 1)
        return UNCLOSED_QUOTE(
            problem=what, quote=quote, line=opened.line + 1, column=opened.column + 1
        )
    return None


def _declared_id(text: str) -> str | None:
    """The journey id of a file YAML cannot read, when its top-level `id:` line still says it,
    so that the file keeps its identity (in diff and baselines) while it is broken."""
    for row in _LINE_BREAK.split(text):
        if row.startswith("id:"):
            value = _COMMENT.sub("", row[3:]).strip()
            if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            return value or None
    return None


# The line breaks libyaml counts lines by, so that every position jcode gives is on its lines.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _char_at(text: str, line: int, column: int) -> str:
    lines = _LINE_BREAK.split(text, line)
    if len(lines) < line:
        return ""
    row = lines[line - 1]
    return row[column - 1] if 0 < column <= len(row) else ""


def _is_libyaml_depth_limit(exc: yaml.MarkedYAMLError) -> bool:
    return exc.problem_mark is not None and "maximum nesting depth" in (exc.problem or "")


def _text_before(text: str, mark: Any) -> str:
    """The text that comes before a libyaml mark (0-based line and column)."""
    lines = _LINE_BREAK.split(text, mark.line)
    offset = len(text) - len(lines[-1]) if len(lines) > mark.line else len(text)
    return text[: offset + mark.column]


def _position_after(text: str) -> Position:
    """Where the character that follows `text` stands."""
    lines = _LINE_BREAK.split(text)
    return len(lines), len(lines[-1]) + 1


def _reader_position(text: str, exc: yaml.YAMLError) -> Position:
    position = getattr(exc, "position", None)
    return _position_after(text[:position]) if isinstance(position, int) else (1, 1)


def decode(raw: bytes) -> tuple[str | None, Problem | None]:
    """Bytes -> text. UTF-8 only (a BOM is fine); anything else is a precise yaml-syntax problem."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem("", UTF16(), (1, 1))
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, Problem(
            "",
            NOT_UTF8(byte=f"{raw[exc.start]:02x}"),
            _position_after(raw[: exc.start].decode("utf-8")),  # valid up to there
        )
