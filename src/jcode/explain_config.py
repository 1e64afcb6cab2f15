"""Why jcode.yaml is not valid settings: pydantic's errors turned into one line per setting
(the file, line and column, the setting, what is wrong with it, the nearest known name).

Imported only for a jcode.yaml the fast check (jcode.spec.runtime) refused, as jcode.explain
is for journeys.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from jcode import schema_messages as words
from jcode.explain import one_branch, pointer_of
from jcode.i18n import Arg, Message
from jcode.loader import Document
from jcode.spec import config as models_config
from jcode.spec.agreement import disagreement
from jcode.text import closest


def config_errors(doc: Document, name: str) -> list[Message]:
    """Why jcode.yaml is invalid: one 'file:line:column: field: message' line per error."""
    try:
        models_config.Config.model_validate(doc.data)
    except ValidationError as exc:
        lines = []
        for error in one_branch(exc.errors(include_url=False), doc.data):
            pointer = pointer_of(error["loc"])
            about_key = error["type"] in ("extra_forbidden", "key_literal")
            line, column = doc.key_position(pointer) if about_key else doc.position(pointer)
            field = pointer.lstrip("/") or "jcode.yaml"
            problem = _setting_problem(error)
            lines.append(
                words.SETTING(file=name, line=line, column=column, field=field, problem=problem)
            )
        return lines
    raise disagreement("these settings", "the model jcode.spec.config.Config", name)


def _setting_problem(error: ErrorDetails) -> Message:
    """What is wrong with a setting: in pydantic's words, mirrored by templates of ours where
    we know them, so that they read in the team's language. Where ours no longer say what
    pydantic says (another pydantic), pydantic's are passed on."""
    said = error["msg"]
    if error["type"] == "extra_forbidden":
        known = list(_model_at(models_config.Config, error["loc"][:-1]).model_fields)
        hint = closest(str(error["loc"][-1]), known)
        return words.UNKNOWN_SETTING_HINT(hint=hint) if hint else words.UNKNOWN_SETTING()
    if error["type"] == "key_literal":  # moments: {during: ...}
        english = "unknown key; " + said[0].lower() + said[1:]
        expected = _expected(error)
        ours = None if expected is None else words.UNKNOWN_KEY(expected=expected)
    else:
        english = said
        ours = _pydantic(error)
    return ours if ours is not None and ours.text == english else words.PASSED_ON(detail=english)


def _pydantic(error: ErrorDetails) -> Message | None:
    """Our template for what pydantic says, where we have one."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return words.REQUIRED()
    if kind == "greater_than_equal":
        return words.AT_LEAST(ge=str(ctx.get("ge")))
    if kind == "less_than_equal":
        return words.AT_MOST(le=str(ctx.get("le")))
    if kind == "string_pattern_mismatch":
        return words.PATTERN(pattern=str(ctx.get("pattern")))
    if kind == "string_too_short":
        return words.SHORTER(min_length=ctx.get("min_length", ""))
    if kind == "string_too_long":
        return words.LONGER(max_length=ctx.get("max_length", ""))
    if kind == models_config.NUMBER_AS_RULE_SETTING:
        return words.RULE_SETTING()
    expected = _expected(error)
    return None if expected is None else words.SHOULD_BE(expected=expected)


def _expected(error: ErrorDetails) -> Arg | None:
    """What a value should be, as pydantic says it after "Input should be"."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in words.EXPECTED:
        return words.EXPECTED[kind]()
    if kind == "model_type":
        return words.EXPECTED_MODEL(model=str(ctx.get("class_name")))
    if kind in ("literal_error", "key_literal"):  # 'a', 'b' or 'c'
        choices = re.findall(r"'[^']*'", str(ctx.get("expected", "")))
        if len(choices) < 2:
            return choices[0] if choices else None
        return words.OR(earlier=", ".join(choices[:-1]), last=choices[-1])
    if kind == "union_type":  # a valid string or a valid list
        branches = [_expected(branch) for branch in ctx.get("branches", ())]
        known = [branch for branch in branches if branch is not None]
        if not known or len(known) < len(branches):
            return None
        joined = known[0]
        for branch in known[1:]:
            joined = words.OR(earlier=joined, last=branch)
        return joined
    return None


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
