"""A draft journey as the YAML a person would write: keys in the order of the format (the
models' field order, which jcode.spec.runtime keeps), one key a line, lists as block lists (ids
in a flow list), multi-line text as a literal block, anything else plain or double-quoted as
YAML needs (jcode.authoring.scalar), and a note as a comment at the end of its line.

Every value is written exactly: the text reads back as the draft, whatever it holds.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any, Final

import yaml

from jcode.authoring import MODELINE, scalar
from jcode.record import Record
from jcode.spec.runtime import (
    Backstage,
    Exit,
    Journey,
    Kpi,
    Opportunity,
    PainPoint,
    Stage,
    Step,
    Suppression,
    Touchpoint,
)

Draft = dict[str, Any]  # a journey, a stage or an item, by field

# The fields of each kind of element, in the format's order.
ORDER: Final = {
    "journey": Journey.__slots__,
    "stage": Stage.__slots__,
    "touchpoints": Touchpoint.__slots__,
    "kpis": Kpi.__slots__,
    "steps": Step.__slots__,
    "backstage": Backstage.__slots__,
    "exits": Exit.__slots__,
    "pain_points": PainPoint.__slots__,
    "opportunities": Opportunity.__slots__,
    "suppress": Suppression.__slots__,
}
_ID_LISTS = frozenset({"addressed_by", "related", "scope"})
_INDENT = "  "
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Noted(Record):
    """A value with a comment for the reader after it (`# TODO: ...`)."""

    __slots__ = ("note", "value")

    def __init__(self, value: Any, note: str) -> None:
        self.value: Final = value
        self.note: Final = " ".join(note.split())  # on its line, whatever the note holds


def journey_yaml(journey: Draft, header: list[str]) -> str:
    """The file: the modeline, `header` as comment lines, then the journey."""
    lines = [MODELINE]
    for paragraph in header:
        lines.extend(textwrap.wrap(paragraph, 98, initial_indent="# ", subsequent_indent="#   "))
    lines.extend(_mapping(journey, "journey", ""))
    return "\n".join(lines) + "\n"


def _mapping(fields: Draft, kind: str, indent: str) -> list[str]:
    lines: list[str] = []
    for key in sorted(fields, key=ORDER[kind].index):
        lines.extend(_entry(key, fields[key], kind, indent))
    return lines


def _entry(key: str, value: Any, kind: str, indent: str) -> list[str]:
    note = ""
    if isinstance(value, Noted):
        note, value = f"  # {value.note}", value.value
    if not isinstance(value, list):
        head = f"{indent}{key}: "
        return _value(head, value, indent + _INDENT, note, date=key == "reviewed")
    if not value:
        return [f"{indent}{key}: []{note}"]
    if key in _ID_LISTS:
        return [f"{indent}{key}: [{', '.join(scalar(v, flow=True) for v in value)}]{note}"]
    lines = [f"{indent}{key}:{note}"]
    inner = indent + _INDENT
    item_kind = "stage" if key == "stages" else key
    for item in value:
        if isinstance(item, dict):
            body = _mapping(item, item_kind, inner + _INDENT)
            lines.append(f"{inner}- {body[0].lstrip()}")
            lines.extend(body[1:])
        else:
            lines.extend(_value(f"{inner}- ", item, inner + 2 * _INDENT))
    return lines


def _value(head: str, value: Any, indent: str, note: str = "", *, date: bool = False) -> list[str]:
    """A value after `head` (`key: ` or `- `), a block's lines below it at `indent`; `date`: a
    date as people write it, unquoted."""
    if isinstance(value, str):
        if date and _DATE_RE.fullmatch(value):
            return [f"{head}{value}{note}"]
        block = _block(value, indent)
        if block is not None:
            return [f"{head}{block[0]}{note}", *block[1:]]
        return [f"{head}{scalar(value)}{note}"]
    if isinstance(value, bool):
        return [f"{head}{'true' if value else 'false'}{note}"]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if value is None:
        return [f"{head}null{note}"]
    return [f"{head}{value!r}{note}"]


def _block(text: str, indent: str) -> list[str] | None:
    """Multi-line text as a literal block scalar (`|`, `|-`, `|+` as its last line ends),
    when YAML reads it back unchanged; None for one line, or text a block cannot hold."""
    if "\n" not in text.rstrip("\n"):
        return None
    body = text.rstrip("\n")
    trailing = len(text) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = [f"|{chomp}"] + [f"{indent}{line}" if line else "" for line in body.split("\n")]
    lines += [""] * (trailing - 1 if trailing > 1 else 0)
    probe = "key: " + "\n".join(lines) + "\n"
    try:
        same = yaml.safe_load(probe) == {"key": text}
    except yaml.YAMLError:
        same = False
    return lines if same else None
