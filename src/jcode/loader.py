"""YAML text -> plain data plus a map from JSON Pointer to (line, column), in one pass.

We drive libyaml's event parser ourselves instead of calling yaml.load: the C parser does the
scanning, and a single loop builds the data and records where every value and key stands.
PyYAML's own loader builds a node graph and then walks it again in Python; this is faster,
and it lets us see what yaml.load hides (duplicate keys) and refuse what would hurt us (alias
bombs, absurd nesting) before any of it is expanded. Scalars are resolved with PyYAML's
YAML 1.1 resolver and constructors, so the data is what yaml.safe_load returns; a test checks
that over every fixture.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events as ev
from yaml._yaml import CParser  # the libyaml binding; jcode requires PyYAML built with it
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

Position = tuple[int, int]  # 1-based line and column

MAX_DEPTH = 100
MAX_ITEMS = 10_000
MAX_ALIAS_EXPANSION = 100_000
MAX_FILE_BYTES = 64 * 1024 * 1024

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "null", "bool", "int", "float", "timestamp", "binary")
)
_RESOLVERS = Resolver.yaml_implicit_resolvers
_CONSTRUCTOR = SafeConstructor()


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """A problem found while reading the file: yaml-syntax or duplicate-key."""

    rule: str
    line: int
    column: int
    pointer: str
    message: str


@dataclass(slots=True)
class Document:
    """A parsed journey file: its data, and where each part of it stands in the text."""

    data: Any = None
    positions: dict[str, Position] = field(default_factory=dict)
    key_positions: dict[str, Position] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)
    empty: bool = False
    lines: int = 0

    @property
    def readable(self) -> bool:
        return not any(p.rule == "yaml-syntax" for p in self.problems)

    def position(self, pointer: str) -> Position:
        """Where the value at `pointer` stands; the nearest enclosing value when it is absent
        (a missing field, or data that came through an alias or a merge)."""
        positions = self.positions
        while pointer not in positions:
            if not pointer:
                return (1, 1)
            pointer = pointer[: pointer.rfind("/")]
        return positions[pointer]

    def key_position(self, pointer: str) -> Position:
        """Where the key of the field at `pointer` stands (for unknown and duplicate keys)."""
        return self.key_positions.get(pointer) or self.position(pointer)


class _Refused(Exception):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def escape_token(token: str) -> str:
    """Escape a mapping key for use in a JSON Pointer (RFC 6901)."""
    if "~" in token or "/" in token:
        return token.replace("~", "~0").replace("/", "~1")
    return token


def _resolve_scalar(event: Any) -> Any:
    value: str = event.value
    tag = event.tag
    if tag is None or tag == "!":
        if tag == "!" or not event.implicit[0]:
            return value  # quoted, or the non-specific tag: a string
        for resolved_tag, regexp in _RESOLVERS.get(value[:1] if value else "", ()):
            if regexp.match(value):
                tag = resolved_tag
                break
        else:
            return value
        if tag == _MERGE:
            return _MergeKey
    if tag == _STR:
        return value
    if tag not in _SCALAR_TAGS:
        mark = event.start_mark
        raise _Refused(f"unsupported tag '{tag}'", mark.line + 1, mark.column + 1)
    node = ScalarNode(tag, value)
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
    except (ConstructorError, ValueError) as exc:
        mark = event.start_mark
        raise _Refused(
            f"'{_clip(value)}' is not a valid {tag.rsplit(':', 1)[-1]} ({exc})",
            mark.line + 1,
            mark.column + 1,
        ) from None


class _MergeKeyType:
    __slots__ = ()


_MergeKey = _MergeKeyType()


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Frame:
    __slots__ = ("anchor", "container", "count", "key", "key_text", "merges", "pointer", "size")

    def __init__(self, container: Any, pointer: str, anchor: str | None) -> None:
        self.container = container
        self.pointer = pointer
        self.anchor = anchor
        self.key: Any = _NoKey
        self.key_text = ""
        self.merges: list[Any] | None = None
        self.size = 1  # nodes below, aliases expanded: how big the value really is
        self.count = 0


_NoKey = object()


def load(text: str) -> Document:
    """Parse one journey file's text. Never raises for bad input: problems are recorded."""
    doc = Document()
    doc.lines = text.count("\n") + 1
    try:
        _build(text, doc)
    except _Refused as exc:
        doc.data = None
        doc.problems.append(LoadProblem("yaml-syntax", exc.line, exc.column, "", exc.message))
    except yaml.MarkedYAMLError as exc:
        doc.data = None
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{what} ({exc.context}"
            if exc.context_mark and exc.context_mark is not mark:
                what += f" at line {exc.context_mark.line + 1}"
            what += ")"
        if _char_at(text, line, column) == "\t":
            what = "a tab character where YAML expects indentation or a value; indent with spaces"
        doc.problems.append(LoadProblem("yaml-syntax", line, column, "", what))
    except yaml.YAMLError as exc:  # a reader error: a character YAML does not allow
        doc.data = None
        line, column = _reader_position(text, exc)
        doc.problems.append(LoadProblem("yaml-syntax", line, column, "", str(exc).split("\n")[0]))
    return doc


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line)
    if len(lines) < line:
        return ""
    row = lines[line - 1]
    return row[column - 1] if 0 < column <= len(row) else ""


def _reader_position(text: str, exc: yaml.YAMLError) -> Position:
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        before = text[:position]
        return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1
    return 1, 1


def _build(text: str, doc: Document) -> None:
    parser = CParser(text)
    # Events are typed loosely on purpose: this loop reads their attributes by event kind.
    get_event: Callable[[], Any] = parser.get_event
    positions = doc.positions
    key_positions = doc.key_positions
    anchors: dict[str, tuple[Any, int]] = {}
    open_anchors: set[str] = set()
    stack: list[_Frame] = []
    expanded = 0
    documents = 0
    scalar_t, mstart_t, sstart_t = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    mend_t, send_t, alias_t = ev.MappingEndEvent, ev.SequenceEndEvent, ev.AliasEvent

    while True:
        event = get_event()
        etype = type(event)
        size = 1
        if etype is scalar_t:
            value = _resolve_scalar(event)
            if stack:
                frame = stack[-1]
                if frame.key is _NoKey and type(frame.container) is dict:  # a key
                    if value is _MergeKey:
                        frame.key = _MergeKey
                    else:
                        frame.key = value
                        frame.key_text = event.value
                        mark = event.start_mark
                        pointer = frame.pointer + "/" + escape_token(event.value)
                        if value in frame.container:
                            doc.problems.append(
                                LoadProblem(
                                    "duplicate-key",
                                    mark.line + 1,
                                    mark.column + 1,
                                    pointer,
                                    f"key '{_clip(event.value)}' is repeated; "
                                    "YAML keeps only the last value",
                                )
                            )
                        key_positions[pointer] = (mark.line + 1, mark.column + 1)
                    continue
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
        elif etype is mstart_t or etype is sstart_t:
            tag = event.tag
            if tag is not None and tag != "!" and tag != (_MAP if etype is mstart_t else _SEQ):
                mark = event.start_mark
                raise _Refused(f"unsupported tag '{tag}'", mark.line + 1, mark.column + 1)
            container: Any = {} if etype is mstart_t else []
            if len(stack) >= MAX_DEPTH:
                mark = event.start_mark
                raise _Refused(
                    f"nesting deeper than {MAX_DEPTH} levels", mark.line + 1, mark.column + 1
                )
            if stack and stack[-1].key is _NoKey and type(stack[-1].container) is dict:
                mark = event.start_mark
                raise _Refused("a mapping or list used as a key", mark.line + 1, mark.column + 1)
            pointer = _attach(stack, container, event) if stack else ""
            if not stack:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    raise _Refused(
                        "more than one YAML document: a journey file holds one journey",
                        mark.line + 1,
                        mark.column + 1,
                    )
                doc.data = container
            mark = event.start_mark
            positions[pointer] = (mark.line + 1, mark.column + 1)
            if event.anchor is not None:
                open_anchors.add(event.anchor)
            stack.append(_Frame(container, pointer, event.anchor))
            continue
        elif etype is mend_t or etype is send_t:
            frame = stack.pop()
            if frame.merges is not None:
                _apply_merges(frame)
            size = frame.size
            if frame.anchor is not None:
                open_anchors.discard(frame.anchor)
                anchors[frame.anchor] = (frame.container, size)
            if not stack:
                continue
            stack[-1].size += size
            continue
        elif etype is alias_t:
            mark = event.start_mark
            anchor = event.anchor
            if anchor in open_anchors:
                raise _Refused(
                    f"alias '*{anchor}' refers to a value that contains it",
                    mark.line + 1,
                    mark.column + 1,
                )
            if anchor not in anchors:
                raise _Refused(f"alias '*{anchor}' names no anchor", mark.line + 1, mark.column + 1)
            value, size = anchors[anchor]
            expanded += size
            if expanded > MAX_ALIAS_EXPANSION:
                raise _Refused(
                    f"aliases expand to more than {MAX_ALIAS_EXPANSION} values "
                    "(an alias bomb?); refusing to expand them",
                    mark.line + 1,
                    mark.column + 1,
                )
            if stack and stack[-1].key is _NoKey and type(stack[-1].container) is dict:
                frame = stack[-1]
                if not isinstance(value, str | int | float | bool | type(None)):
                    raise _Refused(
                        "a mapping or list used as a key", mark.line + 1, mark.column + 1
                    )
                frame.key = value
                frame.key_text = str(value)
                continue
        elif etype is ev.StreamEndEvent:
            if documents == 0 and doc.data is None:
                doc.empty = True
            return
        elif etype is ev.DocumentStartEvent:
            if documents >= 1:
                mark = event.start_mark
                raise _Refused(
                    "more than one YAML document: a journey file holds one journey",
                    mark.line + 1,
                    mark.column + 1,
                )
            continue
        else:
            continue
        # A scalar value or an alias: attach it to its parent.
        if not stack:
            documents += 1
            doc.data = value
            if etype is scalar_t and value is None and event.value == "" and not event.tag:
                doc.empty = True  # a document with nothing in it ("---" alone)
            mark = event.start_mark
            positions[""] = (mark.line + 1, mark.column + 1)
            continue
        frame = stack[-1]
        frame.size += size
        pointer = _attach(stack, value, event)
        mark = event.start_mark
        positions[pointer] = (mark.line + 1, mark.column + 1)


def _attach(stack: list[_Frame], value: Any, event: Any) -> str:
    """Put a value into the innermost container; return its pointer."""
    frame = stack[-1]
    container = frame.container
    frame.count += 1
    if frame.count > MAX_ITEMS:
        mark = event.start_mark
        raise _Refused(
            f"more than {MAX_ITEMS} items in one list or mapping", mark.line + 1, mark.column + 1
        )
    if type(container) is list:
        container.append(value)
        return frame.pointer + "/" + str(len(container) - 1)
    key = frame.key
    frame.key = _NoKey
    if key is _MergeKey:
        if frame.merges is None:
            frame.merges = []
        frame.merges.append((value, event))
        return frame.pointer + "/<<"
    container[key] = value
    return frame.pointer + "/" + escape_token(frame.key_text)


def _apply_merges(frame: _Frame) -> None:
    """Apply `<<` merge keys as PyYAML does: explicit keys win, then earlier merges."""
    assert frame.merges is not None
    merged: dict[Any, Any] = {}
    for value, event in frame.merges:
        sources = value if isinstance(value, list) else [value]
        for source in sources:
            if not isinstance(source, dict):
                mark = event.start_mark
                raise _Refused(
                    "a merge key '<<' needs a mapping or a list of mappings",
                    mark.line + 1,
                    mark.column + 1,
                )
        # In a list, the first mapping's keys take precedence (YAML merge key spec).
        for source in reversed(sources):
            merged.update(source)
    explicit = dict(frame.container)
    frame.container.clear()
    frame.container.update(merged)
    frame.container.update(explicit)


def decode(raw: bytes) -> tuple[str | None, LoadProblem | None]:
    """Bytes -> text. UTF-8 only (a BOM is fine); anything else is a precise yaml-syntax problem."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, LoadProblem("yaml-syntax", 1, 1, "", "the file is UTF-16; save it as UTF-8")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        return None, LoadProblem(
            "yaml-syntax",
            line,
            column,
            "",
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
        )
