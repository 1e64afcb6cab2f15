"""Hypothesis strategies for valid journeys and jcode.yaml settings, derived from the models.

The values come from the models' JSON Schemas (jcode.schema.schema_of, what `jcode schema`
publishes): a field added to a model is generated without a change here. What a schema cannot
say is added by hand, and only that: a project's phase model, channels, owners and personas,
which journeys refer to, and the limits of a journey file (a number is at most 100 characters).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import date
from typing import Any

from hypothesis import strategies as st

from jcode.editor_schema import ABSENT
from jcode.rules import RULES
from jcode.schema import end_of_text, schema_of
from jcode.spec import BUILTIN_CHANNELS, PHASE_MODELS
from jcode.spec.config import Config
from jcode.spec.models import Journey
from jcode.spec.values import ID_PATTERN, SAFE_TEXT_PATTERN
from jcode.text import UNSAFE_CHAR_RE
from jcode.yaml_events import MAX_NUMBER_CHARS

JOURNEY_SCHEMA = schema_of(Journey)
CONFIG_SCHEMA = schema_of(Config)
Schema = Mapping[str, Any]
Overrides = Mapping[str, st.SearchStrategy[Any]]

# Text may hold any character but the unsafe ones (and lone surrogates, which no file holds).
_UNSAFE = [chr(c) for c in range(0x3000) if UNSAFE_CHAR_RE.match(chr(c))]
SAFE_CHARACTERS = st.characters(exclude_categories=["Cs"], exclude_characters=_UNSAFE)
_ID_START = "abcdefghijklmnopqrstuvwxyz0123456789"
IDS = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(_ID_START),
    st.text(alphabet=_ID_START + "-", max_size=8)
    | st.text(alphabet=_ID_START + "-", min_size=63, max_size=63),
)
# A journey file refuses numbers longer than MAX_NUMBER_CHARS characters: "-" and 99 digits.
_LARGEST_INT = 10 ** (MAX_NUMBER_CHARS - 1) - 1
NUMBERS = (
    st.floats(allow_nan=False, allow_infinity=False)
    | st.integers(-_LARGEST_INT, _LARGEST_INT)
    | st.sampled_from([0, -0.0, sys.float_info.max, -sys.float_info.max, 5e-324, _LARGEST_INT])
)
DATES = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


def _text(schema: Schema) -> st.SearchStrategy[str]:
    low, high = schema.get("minLength", 0), schema.get("maxLength", 10_000)
    pattern: str | None = schema.get("pattern")
    if pattern == end_of_text(ID_PATTERN):
        return IDS.filter(lambda value: low <= len(value) <= high)
    if pattern == end_of_text(SAFE_TEXT_PATTERN) or pattern is None:
        alphabet = SAFE_CHARACTERS if pattern else st.characters(exclude_categories=["Cs"])
        short = st.text(alphabet, min_size=low, max_size=min(high, 30))
        longest = alphabet.map(lambda character: character * high)
        return _now_and_then(longest, short)
    return st.from_regex(pattern).filter(lambda value: low <= len(value) <= high)


def _now_and_then(
    rare: st.SearchStrategy[Any], usual: st.SearchStrategy[Any]
) -> st.SearchStrategy[Any]:
    """`rare` about one time in ten (st.one_of would draw it one time in two)."""
    return st.integers(0, 9).flatmap(lambda roll: rare if roll == 0 else usual)


def from_schema(
    schema: Schema, defs: Mapping[str, Schema], overrides: Overrides
) -> st.SearchStrategy[Any]:
    """Values the schema accepts. `overrides`: property name -> the strategy for its values."""
    if "$ref" in schema:
        return from_schema(defs[schema["$ref"].rsplit("/", 1)[-1]], defs, overrides)
    if schema == ABSENT:  # an optional field's null (jcode.editor_schema)
        return st.none()
    # A oneOf beside a type only names the built-in values of open text (phase, channel).
    if "anyOf" in schema or ("oneOf" in schema and "type" not in schema):
        options = schema.get("anyOf", schema.get("oneOf"))
        return st.one_of([from_schema(option, defs, overrides) for option in options])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        low, high = schema.get("minimum", -_LARGEST_INT), schema.get("maximum", _LARGEST_INT)
        whole = st.integers(low, high)
        return whole | whole.map(float)  # JSON Schema's integer includes 1.0, and so does jcode
    if kind == "number" and ("minimum" in schema or "maximum" in schema):  # a share, 0-100
        low, high = schema.get("minimum"), schema.get("maximum")
        bounds = st.sampled_from([v for v in (low, high) if v is not None])
        return st.floats(low, high, allow_nan=False) | bounds | bounds.map(float)
    if kind == "number":
        return NUMBERS
    if kind == "string" and schema.get("format") == "date":
        return DATES | DATES.map(date.isoformat)  # a YAML date, or a quoted one
    if kind == "string":
        return _text(schema)
    if kind == "array":
        items = from_schema(schema["items"], defs, overrides)
        return st.lists(items, min_size=schema.get("minItems", 0), max_size=3)
    if kind == "object" and "properties" in schema:
        required = set(schema.get("required", ()))
        fields = {
            name: overrides[name] if name in overrides else from_schema(field, defs, overrides)
            for name, field in schema["properties"].items()
        }
        return st.fixed_dictionaries(
            {name: value for name, value in fields.items() if name in required},
            optional={name: value for name, value in fields.items() if name not in required},
        )
    if kind == "object":  # a mapping of names (channels, owners, personas, rules)
        patterns = schema.get("patternProperties", {})
        (values,) = patterns.values() if patterns else [schema["additionalProperties"]]
        keys = dict(schema.get("propertyNames", {}))
        if patterns:
            (keys["pattern"],) = patterns
        names = st.sampled_from(keys["enum"]) if "enum" in keys else _text(keys)  # moments
        return st.dictionaries(names, from_schema(values, defs, overrides), max_size=3)
    raise ValueError(f"no strategy for {schema}")


def _defs(schema: Schema) -> dict[str, Schema]:
    return {name: dict(definition) for name, definition in schema.get("$defs", {}).items()}


def _or_any_id(known: list[str]) -> st.SearchStrategy[str]:
    """Mostly a value the project declares, now and then one it does not."""
    return st.sampled_from(known) | IDS if known else IDS


def configs() -> st.SearchStrategy[dict[str, Any]]:
    """jcode.yaml settings that load: a built-in or custom phase model, known rule ids."""
    defs = _defs(CONFIG_SCHEMA)
    phase = from_schema(defs["Phase"], defs, {})
    channel = from_schema(defs["ChannelSpec"], defs, {})
    overrides = {
        # A channel the catalog lacks must say its mode: a schema cannot say "unless built-in".
        "channels": st.dictionaries(
            st.sampled_from(sorted(BUILTIN_CHANNELS)) | IDS, channel, max_size=3
        ).flatmap(_with_modes),
        "phases": st.sampled_from(sorted(PHASE_MODELS))
        | st.lists(phase, min_size=1, max_size=6, unique_by=lambda p: p["id"]),
        "rules": st.dictionaries(
            st.sampled_from(sorted(str(rule_id) for rule_id in RULES)),
            st.sampled_from(["off", "info", "warning", "error", False]),
            max_size=3,
        ),
    }
    return from_schema(CONFIG_SCHEMA, defs, overrides)


def _with_modes(specs: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The channel specs, each channel the catalog lacks given a mode when it has none."""
    modes = st.sampled_from(["online", "offline"])

    def spec_of(cid: str, spec: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
        if cid in BUILTIN_CHANNELS or spec.get("mode") is not None:
            return st.just(spec)
        return modes.map(lambda mode: {**spec, "mode": mode})

    return st.fixed_dictionaries({cid: spec_of(cid, spec) for cid, spec in specs.items()})


def journeys(
    config: Mapping[str, Any] | None = None, journey_ids: list[str] | None = None
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid journeys, referring mostly to what `config` declares and to `journey_ids`."""
    config = config or {}
    phases = config.get("phases", "seven-stage")
    phase_ids = [p.id for p in PHASE_MODELS[phases]] if isinstance(phases, str) else []
    phase_ids += [p["id"] for p in phases] if isinstance(phases, list) else []
    owners = st.none() | _or_any_id(sorted(config.get("owners", {})))
    overrides = {
        "phase": _or_any_id(phase_ids),
        "channel": _or_any_id(sorted({*BUILTIN_CHANNELS, *config.get("channels", {})})),
        "owner": owners,
        "persona": st.none() | _or_any_id(sorted(config.get("personas", {}))),
        "actor": st.none()
        | _or_any_id(sorted({*config.get("personas", {}), *config.get("owners", {})})),
        "related": st.lists(_or_any_id(journey_ids or []), max_size=3),
        "rule": st.sampled_from(sorted(str(rule_id) for rule_id in RULES))
        | _text({"minLength": 1, "maxLength": 100}),
    }
    return from_schema(JOURNEY_SCHEMA, _defs(JOURNEY_SCHEMA), overrides)


@st.composite
def projects(draw: st.DrawFn, max_journeys: int = 4) -> tuple[dict[str, Any], list[Any]]:
    """A jcode.yaml and journeys written for it, whose ids sometimes repeat."""
    config = draw(configs())
    ids = draw(st.lists(IDS, min_size=1, max_size=max_journeys))
    return config, [{**draw(journeys(config, ids)), "id": journey_id} for journey_id in ids]
