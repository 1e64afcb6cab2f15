"""Journeys on real file systems: symlinks and their loops, files and folders jcode may not
read, names with spaces and non-ASCII characters, output folders it may not write.

Permissions mean nothing to root, and the suite runs as root in CI: the tests about them run
jcode as an unprivileged user then (setpriv), in a folder that user can reach.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jcode.errors import ExitCode

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


NOBODY = 65534


class Unprivileged:
    """jcode in a process that file permissions apply to, in a folder that it can reach."""

    def __init__(self, folder: Path, prefix: list[str]) -> None:
        self.folder = folder
        self.prefix = prefix

    def jcode(self, *argv: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
        return subprocess.run(
            [*self.prefix, sys.executable, "-m", "jcode", *argv],
            cwd=self.folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def lint(self, *argv: str) -> tuple[int, dict[str, Any]]:
        done = self.jcode("lint", "--format", "json", *argv)
        assert done.stderr == ""
        return done.returncode, json.loads(done.stdout)


def _restore_permissions(folder: Path) -> None:
    folder.chmod(0o755)
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root, name)
            if not path.is_symlink():
                path.chmod(0o755)


@pytest.fixture
def unprivileged() -> Iterator[Unprivileged]:
    """As root (CI, containers), jcode runs as nobody: root reads and writes whatever the
    permissions say, and the test would prove nothing. The folder is not under pytest's
    tmp_path, which only its owner may enter."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root, and without setpriv to run jcode as another user")
        prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    folder = Path(tempfile.mkdtemp(prefix="jcode-fs-"))
    try:
        folder.chmod(0o755)
        probe_code = "import jcode, os, sys; os.listdir(sys.argv[1])"
        probe = subprocess.run(
            [*prefix, sys.executable, "-c", probe_code, str(folder)],
            capture_output=True,
            text=True,
        )
        if probe.returncode != 0:
            pytest.skip(f"the unprivileged user cannot run jcode in {folder}: {probe.stderr}")
        yield Unprivileged(start_project(folder), prefix)
    finally:
        _restore_permissions(folder)
        shutil.rmtree(folder)


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


# --- 2. permission denied ---------------------------------------------------------------------


def unreadable(findings: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(f["file"], f["message"]) for f in findings if f["rule"] == "yaml-syntax"]


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        pytest.param(
            ["journeys"],
            [
                ("journeys/private", "cannot read the folder: Permission denied"),
                ("journeys/secret.yaml", "cannot read the file: Permission denied"),
            ],
            id="a folder",
        ),
        pytest.param(
            [],
            [
                ("journeys/private", "cannot read the folder: Permission denied"),
                ("journeys/secret.yaml", "cannot read the file: Permission denied"),
            ],
            id="the default folder",
        ),
        pytest.param(
            ["journeys/secret.yaml", "journeys/private/p.yaml", "journeys/a.yaml"],
            [
                ("journeys/private/p.yaml", "cannot read the file: Permission denied"),
                ("journeys/secret.yaml", "cannot read the file: Permission denied"),
            ],
            id="files named, as pre-commit names them",
        ),
    ],
)
def test_what_jcode_may_not_read_is_a_finding_and_the_rest_is_linted(
    paths: list[str], expected: list[tuple[str, str]], unprivileged: Unprivileged
) -> None:
    journeys = unprivileged.folder / "journeys"
    journey(journeys / "a.yaml", "a")
    journey(journeys / "secret.yaml", "secret").chmod(0)
    journey(journeys / "private" / "p.yaml", "p")
    (journeys / "private").chmod(0)
    code, report = unprivileged.lint(*paths)
    assert code == ExitCode.FINDINGS
    assert unreadable(report["findings"]) == expected
    assert report["summary"]["files"] == 3 and report["summary"]["journeys"] == 1  # a.yaml


def test_a_journeys_folder_jcode_may_not_read_is_a_finding_not_a_clean_lint(
    unprivileged: Unprivileged,
) -> None:
    journey(unprivileged.folder / "journeys" / "a.yaml", "a")
    (unprivileged.folder / "journeys").chmod(0)
    code, report = unprivileged.lint()
    assert code == ExitCode.FINDINGS
    assert unreadable(report["findings"]) == [
        ("journeys", "cannot read the folder: Permission denied")
    ]
