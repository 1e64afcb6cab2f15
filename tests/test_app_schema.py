"""jcode.app.schema: the published schemas, and the project schema written (or left alone)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jcode.app.schema import SchemaWritten, published_schema, write_project_schema
from jcode.errors import JcodeError

from .helpers import ROOT

CONFIG = "owners: {sales: {name: Sales}, care: {name: Customer care}}\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "jcode.yaml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_published_schemas_are_the_committed_files() -> None:
    schema = ROOT / "schema"
    assert published_schema() == (schema / "journey.schema.json").read_text(encoding="utf-8")
    assert published_schema(config_schema=True) == (schema / "config.schema.json").read_text(
        encoding="utf-8"
    )


def test_the_project_schema_is_written_once_then_up_to_date(project: Path) -> None:
    target = project / "schema" / "journey.schema.json"
    assert write_project_schema(None, None) == SchemaWritten(target, changed=True)
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert schema["properties"]["owner"]["oneOf"][0]["enum"] == ["sales", "care"]
    before = target.stat().st_mtime_ns
    assert write_project_schema(None, None) == SchemaWritten(target, changed=False)
    assert target.stat().st_mtime_ns == before
    (project / "jcode.yaml").write_text("owners: {sales: {name: Sales}}\n", encoding="utf-8")
    other = project / "elsewhere.json"
    assert write_project_schema(other, project / "jcode.yaml") == SchemaWritten(other, True)
    assert json.loads(other.read_text(encoding="utf-8"))["properties"]["owner"]["oneOf"][0][
        "enum"
    ] == ["sales"]


def test_a_file_jcode_did_not_write_is_never_replaced(project: Path) -> None:
    (project / "schema").mkdir()
    (project / "schema" / "journey.schema.json").write_text("{}\n", encoding="utf-8")
    with pytest.raises(JcodeError) as caught:
        write_project_schema(None, None)
    assert str(caught.value) == (
        "'schema/journey.schema.json' exists and was not written by `jcode schema --project`; "
        "refusing to replace it (choose another --out, or remove it yourself)"
    )
    assert (project / "schema" / "journey.schema.json").read_text(encoding="utf-8") == "{}\n"


def test_the_project_schema_needs_a_jcode_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(JcodeError) as caught:
        write_project_schema(None, None)
    assert str(caught.value) == (
        "no jcode.yaml in this folder or above it; `jcode init` creates one (or give --config FILE)"
    )
    assert list(tmp_path.iterdir()) == []
