"""jcode.app.new: a journey skeleton written beside the others, never over one."""

from __future__ import annotations

from pathlib import Path

import pytest

from jcode.app.new import NewJourney, NewRequest, new_journey
from jcode.errors import JcodeError
from jcode.linter import lint

from .helpers import TODAY


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "jcode.yaml").write_text(
        "phases: four-stage\nowners: {sales: {name: Sales}}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_writes_one_stage_per_phase(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = new_journey(NewRequest("renewal", owner="sales"))
    path = project / "journeys" / "renewal.yaml"
    assert new == NewJourney(path, 4, "four-stage", has_schema=False)
    text = path.read_text(encoding="utf-8")
    assert "owner: sales\n" in text and "title: Renewal  # TODO" in text
    assert capsys.readouterr() == ("", "")
    (project / "schema").mkdir()
    (project / "schema" / "journey.schema.json").write_text("{}", encoding="utf-8")
    assert new_journey(NewRequest("other")).has_schema


def test_new_never_replaces_a_journey(project: Path) -> None:
    new_journey(NewRequest("renewal"))
    with pytest.raises(JcodeError) as caught:
        new_journey(NewRequest("renewal", title="Another"))
    assert (
        str(caught.value) == "journeys/renewal.yaml already exists; jcode new never replaces a file"
    )
    from jcode.config import load_project

    [file] = lint(["journeys/renewal.yaml"], load_project(None), TODAY).files
    assert file.valid and file.journey is not None and file.journey.title == "Renewal"
