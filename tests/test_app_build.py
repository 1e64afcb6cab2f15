"""jcode.app.build: lint, then build the site (or not, with --strict and errors); progress and
mkdocs' warnings are returned to the caller, never printed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jcode.app.build import BuildRequest, build
from jcode.site.checks import MARKER

from .helpers import TODAY

PROJECT = Path(__file__).parent / "site_project"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(PROJECT, tmp_path / "project")
    monkeypatch.chdir(tmp_path / "project")
    return tmp_path / "project"


def test_build_writes_the_site_beside_jcode_yaml_and_reports_progress(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    steps: list[tuple[int, int]] = []
    outcome = build(BuildRequest(today=TODAY, progress=lambda *step: steps.append(step)))
    assert (outcome.built, outcome.out, outcome.warnings) == (True, project / "site", ())
    assert (project / "site" / "index.html").is_file() and (project / "site" / MARKER).is_file()
    total = steps[-1][1]
    assert steps == [(done, total) for done in range(1, total + 1)]  # one call per page
    assert outcome.result.counts() == {"error": 2, "warning": 10, "info": 3}
    assert capsys.readouterr() == ("", "")


def test_strict_with_errors_builds_nothing_and_keeps_only_the_errors(project: Path) -> None:
    out = project / "public"
    outcome = build(BuildRequest(today=TODAY, out=out, strict=True))
    assert (outcome.built, outcome.out) == (False, out)
    assert not out.exists()
    errors = [(f.file, f.line, f.rule) for f in outcome.errors().findings]
    assert errors == [
        ("journeys/broken.yaml", 1, "schema"),
        ("journeys/syntax.yaml", 3, "yaml-syntax"),
    ]
    assert len(outcome.result.findings) == 15  # the outcome still holds every finding
