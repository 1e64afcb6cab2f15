"""jcode.app.project: the journey files a command reads, the other journeys' ids, the files it
never writes, and the project it needs a jcode.yaml for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jcode.app.project import (
    declared_project,
    journey_files,
    other_journey_ids,
    refuse_journey_targets,
    shown,
)
from jcode.config import load_project
from jcode.errors import JcodeError


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "jcode.yaml").write_text("owners: {sales: {name: Sales}}\n", encoding="utf-8")
    (tmp_path / "journeys" / "more").mkdir(parents=True)
    for name in ("a", "b", "more/c"):
        (tmp_path / "journeys" / f"{name}.yaml").write_text(
            f"id: {name.rsplit('/')[-1]}-id\n", encoding="utf-8"
        )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_journey_files_default_to_the_journeys_folder(project: Path) -> None:
    settings = load_project(None)
    assert journey_files(settings, []) == [
        "journeys/a.yaml",
        "journeys/b.yaml",
        "journeys/more/c.yaml",
    ]
    assert journey_files(settings, [Path("journeys/b.yaml")]) == ["journeys/b.yaml"]
    # jcode.yaml among the paths stands for every journey of the project.
    assert journey_files(settings, [Path("journeys/b.yaml"), Path("jcode.yaml")]) == [
        "journeys/a.yaml",
        "journeys/b.yaml",
        "journeys/more/c.yaml",
    ]


def test_other_journey_ids_are_those_not_linted_now(project: Path) -> None:
    settings = load_project(None)
    paths = [Path("journeys/a.yaml")]
    assert other_journey_ids(settings, paths, journey_files(settings, paths)) == {"b-id", "c-id"}
    assert other_journey_ids(settings, [], journey_files(settings, [])) == frozenset()


def test_a_journey_file_is_never_a_target(project: Path) -> None:
    files = ["journeys/a.yaml"]
    refuse_journey_targets([None, Path("report.json")], files)
    (project / "link.json").symlink_to(project / "journeys" / "a.yaml")
    for target in ("journeys/a.yaml", "./journeys/a.yaml", "link.json"):
        with pytest.raises(JcodeError) as caught:
            refuse_journey_targets([Path("report.json"), Path(target)], files)
        message = f"'{Path(target)}' is a journey file; jcode never writes to those"
        assert str(caught.value) == message


def test_a_declared_project_needs_a_jcode_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(JcodeError, match=re.escape("no jcode.yaml in this folder or above it")):
        declared_project(None)
    (tmp_path / "jcode.yaml").write_text("owners: {sales: {name: Sales}}\n", encoding="utf-8")
    assert list(declared_project(None).config.owners) == ["sales"]


def test_shown_is_relative_below_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert shown(tmp_path / "schema" / "x.json") == "schema/x.json"
    assert shown(tmp_path) == "."
    assert shown(tmp_path.parent / "elsewhere") == str(tmp_path.parent / "elsewhere")
