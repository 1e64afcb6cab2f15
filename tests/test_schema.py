"""The published schemas are generated from the models, current, and agree with the linter."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from jcode.editor_schema import ABSENT, holders
from jcode.loader import decode, load
from jcode.rules.parsing import validate
from jcode.schema import SCHEMA_FILES, end_of_text, render
from jcode.spec import parse_config, parse_journey
from jcode.spec.values import ID_PATTERN

from .fuzzing import schema_accepts
from .test_runtime import CONFIG_CORNERS, CORNERS

ROOT = Path(__file__).parent.parent
SCHEMA = ROOT / "schema"
CASES = Path(__file__).parent / "cases"
ID = end_of_text(ID_PATTERN)


@pytest.mark.parametrize("name", list(SCHEMA_FILES))
def test_committed_schema_is_current(name: str) -> None:
    committed = (SCHEMA / name).read_text(encoding="utf-8")
    assert committed == render(SCHEMA_FILES[name]), f"run `make schema` ({name} is stale)"


def test_schemas_are_valid_draft_2020_12() -> None:
    for name in SCHEMA_FILES:
        jsonschema.Draft202012Validator.check_schema(json.loads((SCHEMA / name).read_text()))


_SELF_EVIDENT = {"id", "name", "suppress", "touchpoints", "kpis", "stages", "title", "tags"}


def test_every_field_of_the_whole_map_says_what_it_holds() -> None:
    # An editor shows a field's description on hover: the map's new fields each have one.
    schema = json.loads((SCHEMA / "journey.schema.json").read_text())
    undescribed = sorted(
        f"{name}.{field}"
        for name, definition in [("Journey", schema), *schema["$defs"].items()]
        for field, spec in definition["properties"].items()
        if "description" not in spec and field not in _SELF_EVIDENT
    )
    # Three fields of the first format, which say what they hold by their names alone.
    assert undescribed == ["Journey.status", "Journey.summary", "Touchpoint.description"]


def test_schema_has_editor_help() -> None:
    schema = json.loads((SCHEMA / "journey.schema.json").read_text())
    stage = schema["$defs"]["Stage"]["properties"]
    assert "description" in schema["$defs"]["Touchpoint"]["properties"]["managed_by"]
    # An optional field: its own title and description once, no default, null not offered.
    assert stage["emotion"] == {
        "description": "How the customer feels, from -2 (awful) to 2 (delighted).",
        "oneOf": [{"maximum": 2, "minimum": -2, "type": "integer"}, ABSENT],
        "title": "Emotion",
    }
    assert stage["owner"] == {
        "description": "A team declared under `owners` in jcode.yaml. Inherited when absent.",
        "examples": ["customer-care"],
        "oneOf": [{"maxLength": 64, "pattern": ID, "type": "string"}, ABSENT],
        "title": "Owner",
    }
    # Open text, with the built-in values named.
    assert stage["phase"]["oneOf"][0]["enum"][:3] == ["discovery", "evaluation", "interest"]
    assert stage["phase"]["oneOf"][0]["enumDescriptions"][:3] == [
        "Discovery (seven-stage, five-stage models)",
        "Evaluation (seven-stage, five-stage models)",
        "Interest (seven-stage model)",
    ]
    assert stage["phase"]["oneOf"][1] == {"not": {"enum": stage["phase"]["oneOf"][0]["enum"]}}
    assert "examples" not in stage["phase"] and stage["phase"]["pattern"] == ID


@pytest.mark.parametrize("name", list(SCHEMA_FILES))
def test_no_field_offers_null(name: str) -> None:
    """The YAML language server offers `default: null` as a "Default value" item, and a null
    alternative as `null`; an optional field has neither."""
    schema = json.loads((SCHEMA / name).read_text(encoding="utf-8"))
    fields = {
        (holder.get("title"), field): prop
        for holder in holders(schema)
        for field, prop in holder["properties"].items()
    }
    optional = {key for key, prop in fields.items() if ABSENT in prop.get("oneOf", ())}
    assert optional  # summary, goal, emotion, owner...; contact, repo_url...
    for key, prop in fields.items():
        assert prop.get("default", "") is not None, key
        alternatives = [*prop.get("anyOf", ()), *prop.get("oneOf", ())]
        assert {"type": "null"} not in alternatives, key


def _documents() -> list[Path]:
    return sorted(
        p
        for p in [*CASES.rglob("*.yaml"), *(ROOT / "journeys").rglob("*.yaml")]
        if p.name != "jcode.yaml"
    )


@pytest.mark.parametrize("path", _documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_json_schema_and_models_agree(path: Path) -> None:
    text, problem = decode(path.read_bytes())
    if problem is not None or text is None:
        return
    doc = load(text)
    if not doc.readable or doc.empty:
        return
    journey, _ = validate(doc)
    assert schema_accepts(doc.data) == (journey is not None)


@pytest.mark.parametrize("data", CORNERS.values(), ids=CORNERS.keys())
def test_json_schema_agrees_on_the_corner_cases(data: object) -> None:
    """Where JSON Schema and pydantic part ways (a trailing newline, NaN, 1.0 as a whole
    number), the published schema says what the model says."""
    valid = parse_journey(data) is not None  # test_runtime: the same verdict as the model
    assert schema_accepts(data) == valid


@pytest.mark.parametrize("data", CONFIG_CORNERS.values(), ids=CONFIG_CORNERS.keys())
def test_config_json_schema_agrees_on_the_corner_cases(data: object) -> None:
    valid = parse_config(data) is not None
    assert schema_accepts(data, "config") == valid


def test_check_jsonschema_accepts_valid_and_rejects_invalid(tmp_path: Path) -> None:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert exe, "check-jsonschema is a test dependency"
    schema = str(SCHEMA / "journey.schema.json")
    good = subprocess.run(
        [exe, "--schemafile", schema, str(ROOT / "journeys" / "laptop-replacement.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        yaml.safe_dump({"id": "Bad Id", "title": "T", "stages": [{"id": "s", "name": "S"}]}),
        encoding="utf-8",
    )
    result = subprocess.run(
        [exe, "--schemafile", schema, str(bad)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "'Bad Id' does not match" in result.stdout
    assert "'phase' is a required property" in result.stdout
