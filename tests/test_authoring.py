"""Authoring and adoption: the project schema, `jcode new`, `jcode init`, `jcode export`, and the
README's walk-through from `jcode init` to a built site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from jcode.cli import main
from jcode.config import load_project
from jcode.errors import ExitCode
from jcode.project_schema import COMMENT, project_schema
from jcode.schema import schema_of
from jcode.spec.models import Journey

ROOT = Path(__file__).parent.parent
CONTRACT_JOURNEY = ROOT / "journeys" / "laptop-replacement.yaml"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of this repository's jcode.yaml and contract journey, as the current folder."""
    shutil.copy(ROOT / "jcode.yaml", tmp_path / "jcode.yaml")
    (tmp_path / "journeys").mkdir()
    shutil.copy(CONTRACT_JOURNEY, tmp_path / "journeys")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _as_json(value: Any) -> Any:
    """YAML data as a JSON validator sees it: dates become ISO strings."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _journey_data(path: Path) -> Any:
    return _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))


# The project schema ------------------------------------------------------------------------


def test_schema_project_writes_each_enum_with_names(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["schema", "--project"], capsys) == (
        ExitCode.OK,
        "wrote schema/journey.schema.json\n",
        "",
    )
    schema = json.loads((repo / "schema" / "journey.schema.json").read_text(encoding="utf-8"))
    assert schema["$comment"] == COMMENT and "$id" not in schema
    stage = schema["$defs"]["Stage"]["properties"]
    assert stage["phase"]["enum"] == [
        "discovery",
        "evaluation",
        "interest",
        "purchase",
        "post-purchase",
        "loyalty",
        "advocacy",
    ]
    assert stage["phase"]["enumDescriptions"][2] == "Interest"
    channel = schema["$defs"]["Touchpoint"]["properties"]["channel"]
    assert channel["enum"][:3] == ["web", "mobile-app", "email"]
    assert channel["enumDescriptions"][:3] == ["Website", "Mobile app", "Email"]
    owners = ["ecommerce", "growth", "checkout", "customer-care", "crm"]
    names = ["E-commerce team", "Growth marketing", "Checkout squad", "Customer care"]
    for holder in (schema, *(schema["$defs"][d] for d in ("Stage", "Touchpoint", "Kpi"))):
        owner = holder["properties"]["owner"]["anyOf"]
        assert owner[0]["enum"] == owners
        assert owner[0]["enumDescriptions"][:4] == names
        assert owner[1] == {"type": "null"}
    persona = schema["properties"]["persona"]["anyOf"][0]
    assert (persona["enum"], persona["enumDescriptions"]) == (
        ["remote-professional"],
        ["Remote professional"],
    )


def test_project_schema_validates_like_the_rules(repo: Path) -> None:
    validator = _validator(project_schema(load_project(None)))
    journey = _journey_data(repo / "journeys" / "laptop-replacement.yaml")
    assert validator.is_valid(journey)
    journey["stages"][0]["touchpoints"][0]["owner"] = "marketing"  # not declared
    errors = list(validator.iter_errors(journey))
    assert [list(e.absolute_path) for e in errors] == [
        ["stages", 0, "touchpoints", 0, "owner"],
    ]
    journey["stages"][0]["touchpoints"][0]["owner"] = None  # inherited: fine
    assert validator.is_valid(journey)
    for field, where, value in [
        ("phase", ["stages", 1], "consideration"),
        ("channel", ["stages", 1, "touchpoints", 0], "fax"),
        ("persona", [], "student"),
    ]:
        bad = json.loads(json.dumps(journey))
        holder = bad
        for step in where:
            holder = holder[step]
        holder[field] = value
        assert not validator.is_valid(bad), field


def test_project_schema_without_owners_or_personas_accepts_any(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "jcode.yaml").write_text(
        "phases: four-stage\nchannels:\n  fax: {name: Fax, mode: offline}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    schema = project_schema(load_project(None))
    published = schema_of(Journey)
    assert schema["properties"]["owner"] == published["properties"]["owner"]
    assert schema["properties"]["persona"] == published["properties"]["persona"]
    channel = schema["$defs"]["Touchpoint"]["properties"]["channel"]
    assert (channel["enum"][-1], channel["enumDescriptions"][-1]) == ("fax", "Fax")
    phase = schema["$defs"]["Stage"]["properties"]["phase"]
    assert phase["enum"] == ["awareness", "consideration", "decision", "post-purchase"]


def test_project_schema_is_derived_from_the_published_schema(repo: Path) -> None:
    # jcode reads the published schema shipped with it (no pydantic at lint time): it must be
    # what the models generate.
    project = load_project(None)
    assert project_schema(project) == project_schema(project, schema_of(Journey))


def test_schema_project_out_and_refusals(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["schema", "--project", "--out", "editor/j.json"], capsys) == (
        ExitCode.OK,
        "wrote editor/j.json\n",
        "",
    )
    assert run(["schema", "--project", "--out", "editor/j.json"], capsys)[1] == (
        "editor/j.json is up to date\n"
    )
    (repo / "schema").mkdir()
    published = repo / "schema" / "journey.schema.json"
    published.write_text(json.dumps(schema_of(Journey)), encoding="utf-8")
    before = published.read_bytes()
    code, out, err = run(["schema", "--project"], capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err == (
        "jcode: error: 'schema/journey.schema.json' exists and was not written by "
        "`jcode schema --project`; refusing to replace it (choose another --out, or remove it "
        "yourself)\n"
    )
    assert published.read_bytes() == before
    code, _, err = run(["schema", "--project", "--out", "journeys/laptop-replacement.yaml"], capsys)
    assert code == ExitCode.USAGE and "was not written by" in err
    assert run(["schema", "--out", "x.json"], capsys) == (
        ExitCode.USAGE,
        "",
        "jcode: error: --out and --config go with --project\n",
    )
    assert run(["schema", "--project", "--write"], capsys)[0] == ExitCode.USAGE


def test_schema_project_needs_a_jcode_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["schema", "--project"], capsys) == (
        ExitCode.USAGE,
        "",
        "jcode: error: no jcode.yaml in this folder or above it; `jcode init` creates one "
        "(or give --config FILE)\n",
    )
    assert not (tmp_path / "schema").exists()


# stale-project-schema -----------------------------------------------------------------------


def test_stale_project_schema_fires_after_jcode_yaml_gains_an_owner(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["schema", "--project"], capsys)
    lint = ["lint", "--today", "2026-11-22", "--fail-on", "info"]
    assert run(lint, capsys) == (ExitCode.OK, "0 errors, 0 warnings, 0 info in 1 file\n", "")
    config = repo / "jcode.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "personas:", "  partners:\n    name: Partner management\npersonas:"
        ),
        encoding="utf-8",
    )
    assert run(lint, capsys) == (
        ExitCode.FINDINGS,
        "schema/journey.schema.json:1:1: info: the project schema lacks owner 'partners'; run "
        "`jcode schema --project` to update it [stale-project-schema]\n"
        "0 errors, 0 warnings, 1 info in 1 file\n",
        "",
    )
    _, out, _ = run([*lint, "--format", "junit"], capsys)
    assert 'tests="2"' in out and 'name="schema/journey.schema.json"' in out
    assert run(["schema", "--project"], capsys)[1] == "wrote schema/journey.schema.json\n"
    assert run(lint, capsys)[0] == ExitCode.OK


def test_stale_project_schema_names_what_changed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["schema", "--project"], capsys)
    config = repo / "jcode.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("Customer care", "Customer service"), encoding="utf-8")
    _, out, _ = run(["lint", "--format", "json"], capsys)
    assert json.loads(out)["findings"] == [
        {
            "rule": "stale-project-schema",
            "severity": "info",
            "file": "schema/journey.schema.json",
            "line": 1,
            "column": 1,
            "pointer": "",
            "journey": None,
            "message": "the project schema is out of date (a name in jcode.yaml, or jcode's "
            "journey format, changed); run `jcode schema --project` to update it",
        }
    ]
    assert text.endswith("rules:\n  kpi-without-baseline: warning\n")
    config.write_text(
        text.replace("phases: seven-stage", "phases: five-stage").replace(
            "  crm:\n    name: CRM and loyalty\n", ""
        )
        + "  stale-project-schema: warning\n",
        encoding="utf-8",
    )
    _, out, _ = run(["lint", "--format", "json"], capsys)
    stale = [f for f in json.loads(out)["findings"] if f["rule"] == "stale-project-schema"]
    assert [(f["severity"], f["message"]) for f in stale] == [
        (
            "warning",
            "the project schema still lists phases 'advocacy', 'interest' and still lists "
            "owner 'crm'; run `jcode schema --project` to update it",
        )
    ]
    config.write_text(text + "  stale-project-schema: off\n", encoding="utf-8")
    _, out, _ = run(["lint", "--format", "json"], capsys)
    assert json.loads(out)["findings"] == []
