"""libyaml's events -> plain data and where each value and key stands, in one pass.

We drive libyaml's event parser ourselves instead of calling yaml.load: the C parser does the
scanning, and a single loop builds the data and records where every value and key stands.
PyYAML's own loader builds a node graph and then walks it again in Python; this is faster,
and it lets us see what yaml.load hides (duplicate keys) and refuse what would hurt us (alias
bombs, absurd nesting) before any of it is expanded. Scalars are resolved with PyYAML's
YAML 1.1 resolver and constructors, so the data is what yaml.safe_load returns; a test checks
that over every fixture.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from yaml import _yaml  # the libyaml binding; jcode requires PyYAML built with it
from yaml._yaml import CParser
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from jcode.findings import Problem
from jcode.i18n import Message
from jcode.text import clip
from jcode.yaml_messages import (
    ALIAS_BOMB,
    ALIAS_LOOP,
    ANCHOR_AGAIN,
    COLLECTION_KEY,
    DOCUMENTS,
    DUPLICATE_KEY,
    INVALID_SCALAR,
    LONG_NUMBER,
    MERGE,
    TOO_DEEP,
    TOO_MANY_ITEMS,
    TOO_MANY_VALUES,
    UNKNOWN_ALIAS,
    UNSUPPORTED_TAG,
)

MAX_DEPTH = 100
MAX_ITEMS = 10_000
MAX_NODES = 20_000  # a real journey map has about a thousand values
MAX_NUMBER_CHARS = 100  # int("9" * 10**6) takes seconds; no KPI needs a number that long
MAX_ALIAS_EXPANSION = 10_000  # below MAX_NODES, so a bomb is named as one
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "null", "bool", "int", "float", "timestamp", "binary")
)
_NUMBER_TAGS = frozenset(("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"))
_RESOLVERS = Resolver.yaml_implicit_resolvers
_CONSTRUCTOR = SafeConstructor()


class Parsed:
    """What the event loop builds: the data, libyaml's marks (0-based line and column) of
    every value and key by JSON Pointer, and the keys that repeat."""

    __slots__ = ("data", "duplicate_keys", "empty", "key_positions", "positions")

    def __init__(self) -> None:
        self.data: Any = None
        self.positions: dict[str, Any] = {}
        self.key_positions: dict[str, Any] = {}
        self.duplicate_keys: list[Problem] = []  # at the second key
        self.empty = False


class Refused(Exception):
    """A structure jcode refuses to expand or read (an alias bomb, a tag it does not know)."""

    def __init__(self, message: Message, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def escape_token(token: str) -> str:
    """Escape a mapping key for use in a JSON Pointer (RFC 6901)."""
    if "~" in token or "/" in token:
        return token.replace("~", "~0").replace("/", "~1")
    return token


def _resolve(value: str, tag: str | None, plain: bool, mark: Any) -> Any:
    """A scalar's value: plain ones through the YAML 1.1 resolvers, tagged ones by their tag."""
    if tag is None or tag == "!":
        if tag == "!" or not plain:
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
    if len(value) > MAX_NUMBER_CHARS and tag in _NUMBER_TAGS:
        raise _refused(LONG_NUMBER(length=len(value)), mark)
    if tag not in _SCALAR_TAGS:
        raise _refused(UNSUPPORTED_TAG(tag=tag), mark)
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, ScalarNode(tag, value))
    except (ConstructorError, ValueError) as exc:
        kind = tag.rsplit(":", 1)[-1]
        raise _refused(
            INVALID_SCALAR(value=clip(value), type=kind, reason=str(exc)), mark
        ) from None


class _MergeKeyType:
    __slots__ = ()


_MergeKey = _MergeKeyType()
_NoKey = object()
_MISS = object()
# Plain scalars resolve by their text alone, and keys and short values repeat across files:
# remember what short texts resolve to. Every resolved value is immutable (str, int, float,
# bool, None, date, datetime), so sharing them is safe. Texts that fail to resolve raise and are
# never remembered.
_PLAIN: dict[str, Any] = {}
_PLAIN_CACHE_TEXT = 40
_PLAIN_CACHE_SIZE = 50_000


def _refused(message: Message, mark: Any) -> Refused:
    return Refused(message, mark.line + 1, mark.column + 1)


class _Frame:
    """An open mapping or list while its events stream in."""

    __slots__ = (
        "anchor",
        "container",
        "is_map",
        "key",
        "key_pointer",
        "merges",
        "pointer",
        "start",
    )

    def __init__(self, container: Any, pointer: str, anchor: str | None, start: int) -> None:
        self.container = container
        self.is_map = type(container) is dict
        self.pointer = pointer
        self.anchor = anchor
        self.start = start  # the node count when it opened: its size is the count at close - this
        self.key: Any = _NoKey
        self.key_pointer = ""  # the pointer of the value the current key introduces
        self.merges: list[tuple[Any, Any]] | None = None


# PyYAML's C parser builds each event by calling a Python class whose __init__ sets its fields
# one by one: that is a third of the cost of reading a journey file. While we parse, the
# binding's event classes are swapped for exception classes (whose construction is all C,
# keeping the arguments as .args) and swapped back afterwards. The fields come in the order
# of yaml.events' __init__ signatures; test_loader checks the data against yaml.safe_load.
_EVENT_NAMES = (
    "StreamStartEvent",
    "StreamEndEvent",
    "DocumentStartEvent",
    "DocumentEndEvent",
    "AliasEvent",
    "ScalarEvent",
    "SequenceStartEvent",
    "SequenceEndEvent",
    "MappingStartEvent",
    "MappingEndEvent",
)
_LEAN_EVENTS = {name: type(name, (BaseException,), {"__slots__": ()}) for name in _EVENT_NAMES}
_SCALAR = _LEAN_EVENTS["ScalarEvent"]  # (anchor, tag, implicit, value, start, end, style)
_MAP_START = _LEAN_EVENTS["MappingStartEvent"]  # (anchor, tag, implicit, start, end, flow)
_SEQ_START = _LEAN_EVENTS["SequenceStartEvent"]  # (anchor, tag, implicit, start, end, flow)
_MAP_END = _LEAN_EVENTS["MappingEndEvent"]  # (start, end)
_SEQ_END = _LEAN_EVENTS["SequenceEndEvent"]  # (start, end)
_ALIAS = _LEAN_EVENTS["AliasEvent"]  # (anchor, start, end)
_DOC_START = _LEAN_EVENTS["DocumentStartEvent"]  # (start, end, explicit, version, tags)
_STREAM_END = _LEAN_EVENTS["StreamEndEvent"]  # (start, end)


def build(text: str, doc: Parsed) -> None:
    standard = {name: getattr(_yaml, name) for name in _EVENT_NAMES}
    for name, lean in _LEAN_EVENTS.items():
        setattr(_yaml, name, lean)
    try:
        _read_events(CParser(text).get_event, doc)
    finally:
        for name, event_class in standard.items():
            setattr(_yaml, name, event_class)


def _define(defined: dict[str, Any], anchor: str, mark: Any) -> None:
    """Refuse a second anchor of the same name, as PyYAML does: YAML would let the later one
    win, which is never what a journey's author meant."""
    first = defined.get(anchor)
    if first is not None:
        raise _refused(ANCHOR_AGAIN(anchor=anchor, line=first.line + 1), mark)
    defined[anchor] = mark


def _read_events(get_event: Callable[[], Any], doc: Parsed) -> None:
    positions = doc.positions
    key_positions = doc.key_positions
    plain = _PLAIN
    anchors: dict[str, tuple[Any, int]] = {}
    defined: dict[str, Any] = {}  # anchor -> where it was defined
    stack: list[_Frame] = []
    frame: _Frame | None = None
    nodes = 0  # values seen so far, aliases counted at their expanded size
    expanded = 0

    while True:
        event = get_event()
        etype = type(event)
        if etype is _SCALAR:
            anchor, tag, implicit, raw, mark, _, _ = event.args
            nodes += 1
            if anchor is not None:
                _define(defined, anchor, mark)
            if tag is None and implicit[0]:  # plain: resolved by its text alone
                value = plain.get(raw, _MISS)
                if value is _MISS:
                    value = _resolve(raw, None, True, mark)
                    if len(raw) <= _PLAIN_CACHE_TEXT and len(plain) < _PLAIN_CACHE_SIZE:
                        plain[raw] = value
            else:
                value = _resolve(raw, tag, implicit[0], mark)
            if frame is not None and frame.is_map and frame.key is _NoKey:  # a key
                if value is _MergeKey:
                    frame.key = _MergeKey
                    continue
                if type(value) is not str and not isinstance(value, Hashable):
                    raise _refused(COLLECTION_KEY(), mark)
                frame.key = value
                pointer = (
                    frame.pointer
                    + "/"
                    + (raw if "/" not in raw and "~" not in raw else escape_token(raw))
                )
                frame.key_pointer = pointer
                if value in frame.container:
                    doc.duplicate_keys.append(
                        Problem(
                            pointer, DUPLICATE_KEY(key=clip(raw)), (mark.line + 1, mark.column + 1)
                        )
                    )
                key_positions[pointer] = mark
                continue
            if anchor is not None:
                anchors[anchor] = (value, 1)
        elif etype is _MAP_START or etype is _SEQ_START:
            anchor, tag, _, mark, _, _ = event.args
            if anchor is not None:
                _define(defined, anchor, mark)
            # Checked where values pile up: every container opens here, and each holds at
            # most MAX_ITEMS; aliases are checked below.
            if nodes > MAX_NODES:
                raise _refused(TOO_MANY_VALUES(limit=MAX_NODES), mark)
            nodes += 1
            if tag is not None and tag != "!" and tag != (_MAP if etype is _MAP_START else _SEQ):
                raise _refused(UNSUPPORTED_TAG(tag=tag), mark)
            if len(stack) >= MAX_DEPTH:
                raise _refused(TOO_DEEP(limit=MAX_DEPTH), mark)
            value = {} if etype is _MAP_START else []
            if frame is None:
                if doc.data is not None or positions:
                    raise _refused(DOCUMENTS(), mark)
                doc.data = value
                pointer = ""
            else:
                if frame.is_map and frame.key is _NoKey:
                    raise _refused(COLLECTION_KEY(), mark)
                pointer = _attach(frame, value, mark)
            positions[pointer] = mark
            frame = _Frame(value, pointer, anchor, nodes)
            stack.append(frame)
            continue
        elif etype is _MAP_END or etype is _SEQ_END:
            closed = stack.pop()
            if closed.merges is not None:
                _apply_merges(closed)
            if closed.anchor is not None:
                anchors[closed.anchor] = (closed.container, nodes - closed.start + 1)
            frame = stack[-1] if stack else None
            continue
        elif etype is _ALIAS:
            anchor, mark, _ = event.args
            if anchor not in anchors:
                if any(f.anchor == anchor for f in stack):
                    raise _refused(ALIAS_LOOP(anchor=anchor), mark)
                raise _refused(UNKNOWN_ALIAS(anchor=anchor), mark)
            value, size = anchors[anchor]
            nodes += size
            expanded += size
            if nodes > MAX_NODES and expanded <= MAX_ALIAS_EXPANSION:
                raise _refused(TOO_MANY_VALUES(limit=MAX_NODES), mark)
            if expanded > MAX_ALIAS_EXPANSION:
                raise _refused(ALIAS_BOMB(limit=MAX_ALIAS_EXPANSION), mark)
            if frame is not None and frame.is_map and frame.key is _NoKey:
                if not isinstance(value, Hashable):
                    raise _refused(COLLECTION_KEY(), mark)
                frame.key = value
                frame.key_pointer = frame.pointer + "/" + escape_token(str(value))
                if value in frame.container:
                    doc.duplicate_keys.append(
                        Problem(
                            frame.key_pointer,
                            DUPLICATE_KEY(key=clip(str(value))),
                            (mark.line + 1, mark.column + 1),
                        )
                    )
                continue
        elif etype is _STREAM_END:
            if doc.data is None and not positions:
                doc.empty = True
            return
        elif etype is _DOC_START:
            if doc.data is not None or positions:
                raise _refused(DOCUMENTS(), event.args[0])
            continue
        else:
            continue
        # A scalar value or an alias: attach it to its parent.
        if frame is None:
            if positions:
                raise _refused(DOCUMENTS(), mark)
            doc.data = value
            if etype is _SCALAR and value is None and not raw and not tag:
                doc.empty = True  # a document with nothing in it ("---" alone)
            positions[""] = mark
            continue
        container = frame.container
        if frame.is_map and frame.key is not _MergeKey and len(container) < MAX_ITEMS:
            container[frame.key] = value  # inlined from _attach: the most common case by far
            frame.key = _NoKey
            positions[frame.key_pointer] = mark
        else:
            positions[_attach(frame, value, mark)] = mark


def _attach(frame: _Frame, value: Any, mark: Any) -> str:
    """Put a value into the innermost container; return its pointer."""
    container = frame.container
    if len(container) >= MAX_ITEMS:
        raise _refused(TOO_MANY_ITEMS(limit=MAX_ITEMS), mark)
    if not frame.is_map:
        container.append(value)
        return frame.pointer + "/" + str(len(container) - 1)
    key = frame.key
    frame.key = _NoKey
    if key is _MergeKey:
        if frame.merges is None:
            frame.merges = []
        frame.merges.append((value, mark))
        return frame.pointer + "/<<"
    container[key] = value
    return frame.key_pointer


def _apply_merges(frame: _Frame) -> None:
    """Apply `<<` merge keys as PyYAML does: explicit keys win, then earlier merges."""
    assert frame.merges is not None
    merged: dict[Any, Any] = {}
    for value, mark in frame.merges:
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(source, dict) for source in sources):
            raise _refused(MERGE(), mark)
        # In a list, the first mapping's keys take precedence (YAML merge key spec).
        for source in reversed(sources):
            merged.update(source)
    explicit = dict(frame.container)
    frame.container.clear()
    frame.container.update(merged)
    frame.container.update(explicit)
