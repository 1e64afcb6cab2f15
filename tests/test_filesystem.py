"""Journeys on real file systems: symlinks and their loops, files and folders jcode may not
read, names with spaces and non-ASCII characters, output folders it may not write.

Permissions mean nothing to root, and the suite runs as root in CI: the tests about them run
jcode as an unprivileged user then (setpriv), in a folder that user can reach.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .helpers import CASES, lint_paths, render

ROOT = Path(__file__).parent.parent

JOURNEY = "id: {id}\ntitle: {title}\nstages: [{{id: s, name: S, phase: discovery}}]\n"


def journey(path: Path, journey_id: str, title: str = "A journey") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(JOURNEY.format(id=journey_id, title=title), encoding="utf-8")
    return path


def start_project(folder: Path) -> Path:
    """An empty project: the bad-input cases' jcode.yaml (one phase, no owners required)."""
    shutil.copy(CASES / "bad-input" / "jcode.yaml", folder / "jcode.yaml")
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return start_project(tmp_path)


# --- 1. symlinks ------------------------------------------------------------------------------


def test_symlinked_file_folder_loop_and_dangling_link(project: Path) -> None:
    journeys = project / "journeys"
    journey(journeys / "a.yaml", "a")
    (journeys / "0-latest.yaml").symlink_to("a.yaml")  # sorts first; a.yaml is still the name
    journey(project / "shared" / "b.yaml", "b")
    journey(project / "shared" / "sub" / "c.yaml", "c")
    (journeys / "shared").symlink_to("../shared")
    (project / "shared" / "sub" / "up").symlink_to("..")  # sub/up/sub/up/sub/...
    (journeys / "project").symlink_to("..")  # the project, holding journeys/ again
    (journeys / "root").symlink_to("/")  # the whole disk: a loop too, and never walked
    (journeys / "gone.yaml").symlink_to("nowhere.yaml")
    result = lint_paths([Path("journeys")], cwd=project)
    assert [f.path for f in result.files] == [
        "journeys/a.yaml",
        "journeys/gone.yaml",
        "journeys/shared/b.yaml",
        "journeys/shared/sub/c.yaml",
    ]
    assert [render(f) for f in result.findings if f.rule == "yaml-syntax"] == [
        "journeys/gone.yaml:1:1 | error | yaml-syntax | '' | the file is a symbolic link to "
        "'nowhere.yaml', which does not exist"
    ]
    assert "duplicate-id" not in {f.rule for f in result.findings}


def test_a_journey_is_named_by_its_file_not_by_a_link_to_it(project: Path) -> None:
    # Links that sort before and after their files, in a folder big enough that the file
    # system's own order of entries differs from the sorted one.
    journeys = project / "journeys"
    for n in range(40):
        journey(journeys / f"m{n:02}.yaml", f"j{n}")
        (journeys / f"a{n:02}.yaml").symlink_to(f"m{n:02}.yaml")
        (journeys / f"z{n:02}.yaml").symlink_to(f"m{n:02}.yaml")
    journey(journeys / "team" / "t.yaml", "t")
    (journeys / "0-team").symlink_to("team")  # a folder, too, is walked under its own name
    (journeys / "team" / "0-t.yaml").symlink_to("../team/t.yaml")
    result = lint_paths([Path("journeys")], cwd=project)
    assert [f.path for f in result.files] == [
        *(f"journeys/m{n:02}.yaml" for n in range(40)),
        "journeys/team/t.yaml",
    ]


def test_a_link_named_on_the_command_line_keeps_its_name(project: Path) -> None:
    journey(project / "journeys" / "a.yaml", "a")
    (project / "latest.yaml").symlink_to("journeys/a.yaml")
    (project / "self.yaml").symlink_to("self.yaml")
    result = lint_paths([Path("latest.yaml"), Path("self.yaml")], cwd=project)
    assert [f.path for f in result.files] == ["latest.yaml", "self.yaml"]
    assert [render(f) for f in result.findings if f.rule == "yaml-syntax"] == [
        "self.yaml:1:1 | error | yaml-syntax | '' | cannot read the file: Too many levels of "
        "symbolic links"
    ]


def test_folder_named_through_a_symlink_shows_the_names_given(project: Path) -> None:
    journey(project / "real" / "deep" / "a.yaml", "a")
    (project / "alias").symlink_to("real")
    result = lint_paths([Path("alias"), project / "real"], cwd=project)
    assert [f.path for f in result.files] == ["alias/deep/a.yaml"]
