"""The published schemas shaped for editors: what the YAML language server (VS Code's YAML
extension, yaml-language-server 1.25) shows from them, without changing what they accept.

Measured with the real server (tests/test_editor_schema.py drives it over stdio):

- A property written as pydantic writes an optional field, `anyOf: [X, {"type": "null"}]`
  with `default: null`, hovers as "Emotion || Emotion": the server joins the titles of an
  `anyOf` whose alternatives all matched by its own count, lending each the property's
  title. It never does so for a `oneOf`.
- Completion turns `default: null` into a "Default value" item that inserts `null`, and adds
  a bare `null` for every alternative whose `type` is null or whose `enum` or `const` holds
  null. It reads only `anyOf`, `oneOf` and `allOf`, not `if` or `not`.
- Completion offers every value of an `enum` with its `enumDescriptions`, in a `oneOf`
  alternative too, and hover names the value under the cursor; `examples` complete bare
  values and hover as one "Example:" block each.

So an optional field is `oneOf: [X, ABSENT]` with the field's own title and description and no
default: the models read null as the field left out, and so does ABSENT, which no editor
offers. A phase or a channel stays open text (custom phase models, channels of jcode.yaml)
with the built-in ones as a `oneOf` of them and the rest, which completes and names them.

No pydantic here: the project schema (jcode.project_schema) is made at lint time.
"""

from __future__ import annotations

import json
from typing import Any, Final

from jcode.spec.builtins import BUILTIN_CHANNELS, PHASE_MODELS

NULL: Final = {"type": "null"}
ABSENT: Final[dict[str, Any]] = {
    "$comment": "Or null, which is the same as leaving the field out.",
    "if": NULL,
    "else": False,
}
# What only explains a value: lifted from X to the field, where hover and completion read it.
_ANNOTATIONS = ("title", "description", "examples")


def built_in_values() -> dict[str, dict[str, str]]:
    """Field -> {built-in value: what it is}, for the journey fields that also take others."""
    names: dict[str, str] = {}
    models: dict[str, list[str]] = {}
    for model, phases in PHASE_MODELS.items():
        for phase in phases:
            names.setdefault(phase.id, phase.name)
            models.setdefault(phase.id, []).append(model)
    return {
        "phase": {
            pid: f"{names[pid]} ({', '.join(ms)} model{'s' if len(ms) > 1 else ''})"
            for pid, ms in models.items()
        },
        "channel": {cid: channel.name for cid, channel in BUILTIN_CHANNELS.items()},
    }


def for_editors(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with each optional field and each field of built-in values reshaped; it
    accepts exactly what it accepted."""
    # A deep copy, reshaped in place; a copy again, so that no two places share ABSENT.
    shaped: dict[str, Any] = json.loads(json.dumps(schema))
    suggested = built_in_values()
    for holder in holders(shaped):
        properties = holder["properties"]
        for name, prop in properties.items():
            if NULL in prop.get("anyOf", ()):
                properties[name] = _optional(prop)
            elif name in suggested:
                properties[name] = _with_built_ins(prop, suggested[name])
    copied: dict[str, Any] = json.loads(json.dumps(shaped))
    return copied


def holders(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The schema and each of its $defs (stage, touchpoint, KPI...) that has properties."""
    defs = schema.get("$defs")
    candidates = [schema, *(defs.values() if isinstance(defs, dict) else ())]
    return [c for c in candidates if isinstance(c, dict) and isinstance(c.get("properties"), dict)]


def _optional(prop: dict[str, Any]) -> dict[str, Any]:
    (value,) = [option for option in prop["anyOf"] if option != NULL]  # one type, or null
    lifted = {k: v for k, v in value.items() if k in _ANNOTATIONS}
    checks = {k: v for k, v in value.items() if k not in _ANNOTATIONS}
    own = {k: v for k, v in prop.items() if k != "anyOf" and not (k == "default" and v is None)}
    return dict(sorted({**lifted, **own, "oneOf": [checks, ABSENT]}.items()))


def _with_built_ins(prop: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    listed = list(values)
    built_in = {"enum": listed, "enumDescriptions": list(values.values())}
    own = {k: v for k, v in prop.items() if k != "examples"}  # the built-ins are the examples
    return dict(sorted({**own, "oneOf": [built_in, {"not": {"enum": listed}}]}.items()))
