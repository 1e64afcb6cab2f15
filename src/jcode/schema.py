"""The published JSON Schemas, generated from the pydantic models (the one source of truth):
pydantic's JSON Schema made exact (what the fast path is compiled from), then shaped for
editors (jcode.editor_schema)."""

from __future__ import annotations

import json
import sys
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from jcode.editor_schema import for_editors
from jcode.spec.config import Config
from jcode.spec.models import Journey

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "journey.schema.json": Journey,
    "config.schema.json": Config,
}
# NaN passes every comparison (each keyword fails only when its comparison holds), so NaN alone
# is both >= 0 and < 0; the bounds refuse the infinities.
FINITE: dict[str, Any] = {
    "minimum": -sys.float_info.max,
    "maximum": sys.float_info.max,
    "not": {"minimum": 0, "exclusiveMaximum": 0},
    "$comment": "A finite number: YAML's .inf and .nan are refused.",
}


def end_of_text(pattern: str) -> str:
    """A pattern whose final `$` means the end of the text everywhere. pydantic's regex engine
    and ECMA-262 (editors) read `$` so; Python's `re`, which the `jsonschema` library uses, also
    matches it before a final newline, and would let "id\\n" through."""
    body = pattern[:-1]
    escaped = (len(body) - len(body.rstrip("\\"))) % 2 == 1
    return pattern + r"(?!\n)" if pattern.endswith("$") and not escaped else pattern


class _Published(GenerateJsonSchema):
    """pydantic's JSON Schema, plus what the models enforce that it leaves out, so that a JSON
    Schema validator accepts exactly what the models accept."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        json_schema = super().str_schema(schema)
        if "pattern" in json_schema:
            json_schema["pattern"] = end_of_text(json_schema["pattern"])
        return json_schema

    def float_schema(self, schema: core_schema.FloatSchema) -> JsonSchemaValue:
        json_schema = super().float_schema(schema)
        if not schema.get("allow_inf_nan", self._config.allow_inf_nan):
            # Bounds of the field's own (a share's 0-100) are finite already, and stay.
            json_schema.update({k: v for k, v in FINITE.items() if k not in json_schema})
        return json_schema

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        json_schema = super().dict_schema(schema)
        if "patternProperties" in json_schema:
            # A key that matches no pattern would be allowed (pydantic leaves this out); the
            # model refuses it.
            json_schema["additionalProperties"] = False
        return json_schema


def exact_schema(model: type[BaseModel]) -> dict[str, Any]:
    """What the model accepts, as pydantic writes it plus what it leaves out (_Published)."""
    return model.model_json_schema(mode="validation", schema_generator=_Published)


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    """The published schema: the exact one, as editors read it best."""
    return {"$schema": DRAFT, **for_editors(exact_schema(model))}


def render(model: type[BaseModel]) -> str:
    return json.dumps(schema_of(model), indent=2, ensure_ascii=False) + "\n"
