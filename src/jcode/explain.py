"""Why a document is not a valid journey: pydantic's validation errors turned into precise schema
problems (the field, the value, what was expected, the nearest known name).

Imported only for documents the fast check (jcode.spec.runtime) refused: pydantic costs more to
import than a hundred valid files cost to lint."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any, Final

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from jcode import schema_messages as words
from jcode.findings import Problem
from jcode.i18n import Arg, Message
from jcode.loader import Document
from jcode.record import Record
from jcode.spec import models
from jcode.spec.agreement import disagreement
from jcode.spec.models import (
    Backstage,
    Exit,
    Kpi,
    Opportunity,
    PainPoint,
    Stage,
    Step,
    Suppression,
    Touchpoint,
)
from jcode.spec.values import ID_PATTERN
from jcode.text import UNSAFE_CHAR_RE, about_digits, closest, show
from jcode.yaml_events import escape_token

_MODELS: dict[str, type[BaseModel]] = {  # the model of each list's elements, by its key
    "stages": Stage,
    "touchpoints": Touchpoint,
    "kpis": Kpi,
    "suppress": Suppression,
    "steps": Step,
    "backstage": Backstage,
    "exits": Exit,
    "pain_points": PainPoint,
    "opportunities": Opportunity,
}
# Errors that say only that a value is not of a branch's type: where a union has another
# branch with more to say (pain_points: text, or an object), that branch's errors are shown.
_TYPE_ERRORS = frozenset(
    {"string_type", "list_type", "model_type", "model_attributes_type", "dict_type"}
)
_ID_RE = re.compile(ID_PATTERN)
MAX_SCHEMA_PROBLEMS = 200


def pointer_of(loc: Sequence[int | str]) -> str:
    """The JSON Pointer of pydantic's `loc`."""
    return "".join("/" + escape_token(str(part)) for part in loc)


_ABOUT_A_KEY = frozenset({"missing", "extra_forbidden"})


def _in_data(data: object, error: ErrorDetails) -> list[int | str]:
    """pydantic's `loc` without the names it gives a union's branches (`phases/list[Phase]/0`
    is `phases/0` in the file): the keys and indexes that are in the data, and the last key of
    a missing or an unknown field, which is not. A mapping's key that is wrong (`[key]`) is
    named by its place."""
    loc = error["loc"]
    path: list[int | str] = []
    for i, part in enumerate(loc):
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if (isinstance(data, dict) and part in data) or in_list:
            data = data[part]  # type: ignore[index]
        elif not (isinstance(data, dict) and i == len(loc) - 1 and error["type"] in _ABOUT_A_KEY):
            continue  # a branch's name, or `[key]`
        path.append(part)
    return path


def _value(value: object) -> Arg:
    """The value a field holds, as a message names it: "the number 5", "a list"."""
    if value is None:
        return words.EMPTY()
    if isinstance(value, bool):
        return words.BOOLEAN(value=str(value).lower())
    if isinstance(value, int | float):
        shown = _shown(value)
        return shown if isinstance(shown, Message) else words.NUMBER(value=shown)
    if isinstance(value, date):
        return words.DATE(value=value.isoformat())
    if isinstance(value, str):
        return words.TEXT(value=show(value))
    if isinstance(value, list):
        return words.LIST()
    if isinstance(value, dict):
        return words.MAPPING()
    return type(value).__name__


def _shown(value: object) -> Arg:
    """A value quoted in a message (text.show), a number too long to quote by its size."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return words.HUGE_NUMBER(digits=about_digits(value))
    return show(value)


class _Element(Record):
    """The model element that holds a field: how messages name it, alone and after "in"."""

    __slots__ = ("model", "name", "within")

    def __init__(self, name: Message, within: Message, model: type[BaseModel]) -> None:
        self.name: Final = name
        self.within: Final = within
        self.model: Final = model


_JOURNEY = _Element(words.JOURNEY(), words.IN_JOURNEY(), models.Journey)


def _element(loc: Sequence[int | str], data: Any) -> _Element:
    """The model element that holds the field at `loc`: stage 'delivery', Stage."""
    element = _JOURNEY
    node = data
    i = 0
    while i + 1 < len(loc) and isinstance(loc[i], str) and isinstance(loc[i + 1], int):
        kind = str(loc[i])
        if kind not in _MODELS:
            break
        try:
            node = node[loc[i]][loc[i + 1]]
        except (KeyError, IndexError, TypeError):
            node = None
        named, numbered, in_named, in_numbered = words.ELEMENTS[kind]
        element_id = node.get("id") if isinstance(node, dict) else None
        if isinstance(element_id, str) and _ID_RE.fullmatch(element_id):
            element = _Element(named(id=element_id), in_named(id=element_id), _MODELS[kind])
        else:
            number = int(loc[i + 1]) + 1
            element = _Element(numbered(number=number), in_numbered(number=number), _MODELS[kind])
        i += 2
    return element


def _field(loc: Sequence[int | str], data: Any) -> Message:
    """The field at `loc`, and the element it is in unless that is the journey's top level:
    'name' in stage 'delivery', item 2 of 'tags'."""
    if not loc:
        return words.JOURNEY()
    last = loc[-1]
    if isinstance(last, int):
        label = (
            words.ITEM(number=last + 1, list=str(loc[-2]))
            if len(loc) > 1
            else words.ITEM_ALONE(number=last + 1)
        )
    else:
        label = words.FIELD(name=str(last))
    return _within(label, loc[:-1], data)


def _within(label: Message, holder: Sequence[int | str], data: Any) -> Message:
    """A field with the element at `holder` that holds it; alone at the journey's top level."""
    return words.FIELD_IN(field=label, where=_element(holder, data).within) if holder else label


def _choices(ctx: dict[str, Any]) -> list[str]:
    expected = str(ctx.get("expected", "")).replace("'", "")
    return [c.strip() for c in expected.replace(" or ", ", ").split(",") if c.strip()]


def _required(model: type[BaseModel]) -> str:
    return ", ".join(n for n, f in model.model_fields.items() if f.is_required())


_MAPPING_ERRORS = frozenset({"model_type", "model_attributes_type", "dict_type"})


def _message(error: ErrorDetails, data: Any) -> Message:
    loc = error["loc"]
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return words.MISSING(element=_element(loc[:-1], data).name, name=str(loc[-1]))
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = list(_element(loc[:-1], data).model.model_fields)
        hint = closest(name, known)
        field = _within(words.FIELD(name=show(name)), loc[:-1], data)
        if hint:
            return words.UNKNOWN_FIELD_HINT(field=field, hint=hint)
        return words.UNKNOWN_FIELD(field=field, known=", ".join(known))
    if kind in _MAPPING_ERRORS:
        element = _element(loc, data)
        what = element.name if loc else words.JOURNEY_FILE()
        return words.NOT_MAPPING(
            element=what, required=_required(element.model), value=_value(value)
        )
    field = _field(loc, data)
    if kind == "string_pattern_mismatch":
        bad = UNSAFE_CHAR_RE.search(value) if isinstance(value, str) else None
        if bad is not None:
            code = f"{ord(bad.group()):04X}"
            return words.CONTROL_CHARACTER(field=field, code=code, position=bad.start() + 1)
        return words.INVALID_ID(field=field, value=_shown(value))
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "?"
        return words.TOO_LONG(field=field, length=length, limit=str(ctx.get("max_length")))
    if kind == "string_too_short":
        return words.EMPTY_TEXT(field=field)
    if kind == "string_type" and loc and loc[-1] == "key_moment" and isinstance(value, bool):
        # `key_moment: true` means "yes, it matters": the field wants the reason why.
        return words.KEY_MOMENT(field=field, value=_value(value))
    if kind == "string_type":
        quote = isinstance(value, bool | int | float | date)
        return (words.NOT_TEXT_QUOTE if quote else words.NOT_TEXT)(field=field, value=_value(value))
    if kind in ("int_type", "int_from_float"):
        return words.NOT_WHOLE_NUMBER(field=field, value=_value(value))
    if kind == "greater_than_equal":
        return words.BELOW_MINIMUM(field=field, value=_shown(value), minimum=str(ctx.get("ge")))
    if kind == "less_than_equal":
        return words.ABOVE_MAXIMUM(field=field, value=_shown(value), maximum=str(ctx.get("le")))
    if kind == "float_type":
        return words.NOT_NUMBER(field=field, value=_value(value))
    if kind == "finite_number":
        return words.NOT_FINITE(field=field, value=_shown(value))
    if kind == "bool_type":
        return words.NOT_BOOLEAN(field=field, value=_value(value))
    if kind == "literal_error":
        choices = _choices(ctx)
        hint = closest(str(value), choices) if isinstance(value, str) else None
        said = {"field": field, "value": _value(value), "choices": ", ".join(choices)}
        return words.NOT_A_CHOICE_HINT(**said, hint=hint) if hint else words.NOT_A_CHOICE(**said)
    if kind == "key_literal":  # a mapping whose keys are fixed (moments)
        choices = _choices(ctx)
        name = str(loc[-1])
        hint = closest(name, choices)
        mapping = _within(words.FIELD(name=str(loc[-2])), loc[:-1], data)
        said = {"key": show(name), "field": mapping, "choices": ", ".join(choices)}
        return words.NOT_A_KEY_HINT(**said, hint=hint) if hint else words.NOT_A_KEY(**said)
    if kind == "union_type":  # text, or an object (pain points, opportunities)
        required = _required(_element(loc, data).model)
        return words.NOT_TEXT_OR_MAPPING(field=field, required=required, value=_value(value))
    if kind == "list_type":
        return words.NOT_LIST(field=field, value=_value(value))
    if kind == "too_short":
        return words.TOO_FEW(field=field, count=ctx.get("min_length", 1))
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        return words.NOT_DATE(field=field, value=_value(value))
    return words.OTHER(field=field, detail=error["msg"])


def one_branch(errors: list[ErrorDetails], data: object) -> list[ErrorDetails]:
    """pydantic's errors with the names of a union's branches taken out of their `loc`, and of
    each union only the branch that fits the value: a pain point written as text is checked
    as text, one written as a mapping as an object. Where no branch fits (a number), one error
    says what would."""
    order: list[ErrorDetails | tuple[int | str, ...]] = []  # errors, and unions where first met
    unions: dict[tuple[int | str, ...], dict[str, list[ErrorDetails]]] = {}
    for error in errors:
        loc = tuple(error["loc"])
        path = _in_data(data, error)
        if loc and loc[-1] == "[key]" and error["type"] == "literal_error":  # moments: {during:}
            order.append({**error, "type": "key_literal", "loc": tuple(path)})
            continue
        if len(path) == len(loc):
            order.append(error)
            continue
        at = next(i for i, (a, b) in enumerate(zip(loc, [*path, None], strict=False)) if a != b)
        union_loc = tuple(path[:at])
        if union_loc not in unions:
            order.append(union_loc)
        unions.setdefault(union_loc, {}).setdefault(str(loc[at]), []).append(
            {**error, "loc": tuple(path)}
        )
    kept: list[ErrorDetails] = []
    for item in order:
        if isinstance(item, dict):
            kept.append(item)
            continue
        branches = unions[item]
        telling = [b for b in branches.values() if any(e["type"] not in _TYPE_ERRORS for e in b)]
        if telling:
            kept += telling[0]
            continue
        said = [e for branch in branches.values() for e in branch]
        joined = said[0]["msg"] + "".join(
            " or " + e["msg"].removeprefix("Input should be ") for e in said[1:]
        )
        first = next(iter(branches.values()))[0]
        union = {"type": "union_type", "loc": item, "msg": joined, "ctx": {"branches": said}}
        kept.append({**first, **union})  # type: ignore[typeddict-item]
    return kept


def journey_problems(doc: Document) -> list[Problem]:
    """The schema problems, in plain words, of a document that the fast check refused."""
    data = doc.data
    try:
        models.Journey.model_validate(data)
    except ValidationError as exc:
        problems = []
        errors = exc.errors(include_url=False, include_context=True)
        if len(errors) > MAX_SCHEMA_PROBLEMS:
            hidden = len(errors) - MAX_SCHEMA_PROBLEMS
            errors = errors[:MAX_SCHEMA_PROBLEMS]
            problems.append(Problem("", words.MORE(count=hidden), (1, 1)))
        for error in one_branch(errors, data):
            loc = error["loc"]
            # A missing field is reported at the element that lacks it.
            pointer = pointer_of(loc[:-1] if error["type"] == "missing" else loc)
            if error["type"] in ("extra_forbidden", "key_literal"):
                position = doc.key_position(pointer)
            else:
                position = doc.position(pointer)
            problems.append(Problem(pointer, _message(error, data), position))
        return problems
    raise disagreement(
        "this journey", "the model jcode.spec.models.Journey"
    )  # the linter names the file
