"""jcode.app.export: what a request exports, the default subject of each format, the files left
out, and the output it refuses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jcode.app.export import ExportRequest, export_journeys
from jcode.errors import JcodeError

from .helpers import TODAY

PROJECT = Path(__file__).parent / "export_project"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(PROJECT, tmp_path / "project")
    (tmp_path / "project" / "journeys" / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "project")
    return tmp_path / "project"


@pytest.mark.parametrize(("fmt", "what"), [("json", "journeys"), ("csv", "touchpoints")])
def test_each_format_has_its_default_subject(project: Path, fmt: str, what: str) -> None:
    exported = export_journeys(ExportRequest(today=TODAY, fmt=fmt))
    assert exported.export.what == what
    assert [f.path for f in exported.export.result.files] == [
        "journeys/broken.yaml",
        "journeys/conto.yaml",
    ]
    assert exported.export.result.files[1].journey is not None  # the models are kept
    assert exported.left_out == ("journeys/broken.yaml",)  # not a valid journey
    assert exported.export.project.config.site.title == "Viaggi dei clienti"


def test_the_output_is_never_a_journey_file(project: Path) -> None:
    with pytest.raises(JcodeError) as caught:
        export_journeys(ExportRequest(output=Path("journeys/conto.yaml")))
    assert (
        str(caught.value) == "'journeys/conto.yaml' is a journey file; jcode never writes to those"
    )


def test_journey_exports_only_the_files_declaring_it(project: Path) -> None:
    exported = export_journeys(ExportRequest(today=TODAY, fmt="mermaid", journey="conto"))
    assert [f.path for f in exported.export.result.files] == ["journeys/conto.yaml"]
    assert exported.left_out == ()


def test_an_unknown_journey_is_an_error(project: Path) -> None:
    with pytest.raises(JcodeError) as caught:
        export_journeys(ExportRequest(today=TODAY, journey="carta"))
    assert str(caught.value) == "no journey file read declares the id 'carta'"


def test_mermaid_exports_journeys_only(project: Path) -> None:
    with pytest.raises(JcodeError) as caught:
        export_journeys(ExportRequest(fmt="mermaid", what="kpis"))
    assert str(caught.value) == "--format mermaid exports journeys, not kpis"
