"""Why a document is not a valid journey: pydantic's validation errors turned into precise schema
problems (the field, the value, what was expected, the nearest known name).

Imported only for documents the fast check (jcode.spec.runtime) refused: pydantic costs more to
import than a hundred valid files cost to lint."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from jcode.findings import Problem
from jcode.loader import Document
from jcode.spec import config as models_config
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
from jcode.text import UNSAFE_CHAR_RE, closest, show
from jcode.yaml_events import escape_token

_KINDS: dict[str, tuple[str, type[BaseModel]]] = {
    "stages": ("stage", Stage),
    "touchpoints": ("touchpoint", Touchpoint),
    "kpis": ("KPI", Kpi),
    "suppress": ("suppression", Suppression),
    "steps": ("step", Step),
    "backstage": ("backstage item", Backstage),
    "exits": ("exit", Exit),
    "pain_points": ("pain point", PainPoint),
    "opportunities": ("opportunity", Opportunity),
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


def _model_at(model: type[BaseModel], loc: Sequence[int | str]) -> type[BaseModel]:
    """The model whose fields are allowed at `loc` under `model` (the settings' keys, to say
    which one was meant): through lists, mappings, optionals and a union's branches."""
    for part in loc:
        if isinstance(part, str) and part in model.model_fields:
            found = _models_in(model.model_fields[part].annotation)
            if found:
                model = found[0]
    return model


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def _type_name(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return (
            show(value)
            if isinstance(value, int) and value.bit_length() > 200
            else (f"the number {show(value)}")
        )
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return f"the text '{show(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _element(loc: Sequence[int | str], data: Any) -> tuple[str, type[BaseModel]]:
    """Describe the model element that holds the field at `loc`: ("stage 'delivery'", Stage)."""
    description = "the journey"
    model: type[BaseModel] = models.Journey
    node = data
    i = 0
    while i + 1 < len(loc) and isinstance(loc[i], str) and isinstance(loc[i + 1], int):
        kind = _KINDS.get(str(loc[i]))
        if kind is None:
            break
        try:
            node = node[loc[i]][loc[i + 1]]
        except (KeyError, IndexError, TypeError):
            node = None
        index = int(loc[i + 1])
        element_id = node.get("id") if isinstance(node, dict) else None
        if isinstance(element_id, str) and _ID_RE.fullmatch(element_id):
            description = f"{kind[0]} '{element_id}'"
        else:
            description = f"{kind[0]} {index + 1}"
        model = kind[1]
        i += 2
    return description, model


def _field_label(loc: Sequence[int | str]) -> str:
    if not loc:
        return "the journey"
    last = loc[-1]
    if isinstance(last, int):
        return f"item {last + 1} of '{loc[-2]}'" if len(loc) > 1 else f"item {last + 1}"
    return f"'{last}'"


def _message(error: ErrorDetails, data: Any) -> str:
    loc = error["loc"]
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        owner, model = _element(loc, data) if loc else ("the journey", models.Journey)
    else:
        owner, model = _element(loc[:-1], data) if loc else ("the journey", models.Journey)
    field = _field_label(loc)
    where = f" in {owner}" if loc[:-1] else ""
    if kind == "missing":
        return f"{owner} is missing the required field '{loc[-1]}'"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = list(model.model_fields)
        hint = closest(name, known)
        return f"unknown field '{show(name)}'{where}" + (
            f"; did you mean '{hint}'?" if hint else f" (known fields: {', '.join(known)})"
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        what = owner if loc else "a journey file"
        required = [n for n, f in model.model_fields.items() if f.is_required()]
        return f"{what} should be a mapping with {', '.join(required)}, not {_type_name(value)}"
    if kind == "string_pattern_mismatch":
        if isinstance(value, str) and UNSAFE_CHAR_RE.search(value):
            bad = UNSAFE_CHAR_RE.search(value)
            assert bad is not None
            return (
                f"{field}{where} contains the control or bidirectional-override character "
                f"U+{ord(bad.group()):04X} at character {bad.start() + 1}; remove it"
            )
        return (
            f"{field}{where}: '{show(value)}' is not a valid id: use lowercase letters a-z, "
            "digits and hyphens, starting with a letter or digit"
        )
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "?"
        return (
            f"{field}{where} is {length} characters long; at most {ctx.get('max_length')} "
            "are allowed"
        )
    if kind == "string_too_short":
        return f"{field}{where} is empty"
    if kind == "string_type" and loc and loc[-1] == "key_moment" and isinstance(value, bool):
        # `key_moment: true` means "yes, it matters": the field wants the reason why.
        return (
            f"{field}{where} should be text saying why this is a moment that matters, "
            f"not {_type_name(value)}"
        )
    if kind == "string_type":
        hint = "; put it in quotes" if isinstance(value, bool | int | float | date) else ""
        return f"{field}{where} should be text, not {_type_name(value)}{hint}"
    if kind in ("int_type", "int_from_float"):
        return f"{field}{where} should be a whole number, not {_type_name(value)}"
    if kind == "greater_than_equal":
        return f"{field}{where} is {show(value)}, below the least allowed, {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"{field}{where} is {show(value)}, above the most allowed, {ctx.get('le')}"
    if kind == "float_type":
        return f"{field}{where} should be a number, not {_type_name(value)}"
    if kind == "finite_number":
        return f"{field}{where} should be a finite number, not {show(value)}"
    if kind == "bool_type":
        return f"{field}{where} should be true or false, not {_type_name(value)}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        choices = [c.strip() for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        hint = closest(str(value), choices) if isinstance(value, str) else None
        return f"{field}{where} is {_type_name(value)}; expected one of: {', '.join(choices)}" + (
            f" (did you mean '{hint}'?)" if hint else ""
        )
    if kind == "key_literal":  # a mapping whose keys are fixed (moments)
        expected = str(ctx.get("expected", "")).replace("'", "")
        choices = [c.strip() for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        name = str(loc[-1])
        hint = closest(name, choices)
        return (
            f"'{show(name)}' is not a key of '{loc[-2]}'{where}; expected one of: "
            f"{', '.join(choices)}" + (f" (did you mean '{hint}'?)" if hint else "")
        )
    if kind == "union_type":  # text, or an object (pain points, opportunities)
        _, model = _element(loc, data)
        required = [n for n, f in model.model_fields.items() if f.is_required()]
        return (
            f"{field}{where} should be text or a mapping with {', '.join(required)}, "
            f"not {_type_name(value)}"
        )
    if kind == "list_type":
        return f"{field}{where} should be a list, not {_type_name(value)}"
    if kind == "too_short":
        return f"{field}{where} should list at least {ctx.get('min_length', 1)} item"
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        return f"{field}{where} should be a date written YYYY-MM-DD, not {_type_name(value)}"
    return f"{field}{where}: {error['msg']}"


def _one_branch(errors: list[ErrorDetails], data: object) -> list[ErrorDetails]:
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
        said = [e["msg"] for branch in branches.values() for e in branch]
        joined = said[0] + "".join(" or " + m.removeprefix("Input should be ") for m in said[1:])
        first = next(iter(branches.values()))[0]
        kept.append({**first, "type": "union_type", "loc": item, "msg": joined})
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
            problems.append(
                Problem("", f"{hidden} more schema violations not listed; fix these first", (1, 1))
            )
        for error in _one_branch(errors, data):
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


def config_errors(doc: Document, name: str) -> list[str]:
    """Why jcode.yaml is invalid: one 'file:line:column: field: message' line per error."""
    try:
        models_config.Config.model_validate(doc.data)
    except ValidationError as exc:
        lines: list[str] = []
        for error in _one_branch(exc.errors(include_url=False), doc.data):
            pointer = pointer_of(error["loc"])
            about_key = error["type"] in ("extra_forbidden", "key_literal")
            line, column = doc.key_position(pointer) if about_key else doc.position(pointer)
            field = pointer.lstrip("/") or "jcode.yaml"
            message = error["msg"]
            if error["type"] == "key_literal":  # moments: {during: ...}
                message = "unknown key; " + message[0].lower() + message[1:]
            elif error["type"] == "extra_forbidden":
                known = list(_model_at(models_config.Config, error["loc"][:-1]).model_fields)
                hint = closest(str(error["loc"][-1]), known)
                message = "unknown setting" + (f"; did you mean '{hint}'?" if hint else "")
            lines.append(f"{name}:{line}:{column}: {field}: {message}")
        return lines
    raise disagreement("these settings", "the model jcode.spec.config.Config", name)
