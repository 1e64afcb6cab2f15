"""Bad inputs too big to commit, generated here: each gets one precise finding, fast."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import CASES, lint_paths, render

HEAD = "id: big\ntitle: Big\n"


def _huge_string() -> str:
    return HEAD + "summary: " + "x" * (30 * 1024 * 1024) + "\nstages: []\n"


def _many_stages() -> str:
    stage = "  - {id: s, name: S, phase: discovery}\n"
    return HEAD + "stages:\n" + stage * 200_000


def _many_files_ok() -> str:
    return HEAD + "stages:\n  - {id: s, name: S, phase: discovery}\n"


GENERATED: dict[str, tuple[Callable[[], str], list[str]]] = {
    "30-mb-string": (
        _huge_string,
        [
            "30-mb-string.yaml:3:10 | error | schema | /summary | 'summary' is 31457280 "
            "characters long; at most 5000 are allowed",
            "30-mb-string.yaml:4:9 | error | schema | /stages | 'stages' should list at least 1 "
            "item",
        ],
    ),
    "200000-stages": (
        _many_stages,
        [
            "200000-stages.yaml:2861:5 | error | yaml-syntax | '' | more than 20000 values in "
            "one file: too large for a journey map"
        ],
    ),
}


@pytest.mark.parametrize("name", list(GENERATED))
def test_generated_bad_input(name: str, tmp_path: Path) -> None:
    make, expected = GENERATED[name]
    (tmp_path / "jcode.yaml").write_bytes((CASES / "bad-input" / "jcode.yaml").read_bytes())
    path = tmp_path / f"{name}.yaml"
    path.write_text(make(), encoding="utf-8")
    before = path.read_bytes()
    result = lint_paths([path], cwd=tmp_path)
    assert [render(f) for f in result.findings] == expected
    assert path.read_bytes() == before  # jcode never writes to journey files


def test_other_files_are_still_linted(tmp_path: Path) -> None:
    (tmp_path / "jcode.yaml").write_bytes((CASES / "bad-input" / "jcode.yaml").read_bytes())
    (tmp_path / "a-broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (tmp_path / "b-fine.yaml").write_text(_many_files_ok(), encoding="utf-8")
    result = lint_paths([tmp_path], cwd=tmp_path)
    files = {f.file for f in result.findings}
    assert files == {"a-broken.yaml", "b-fine.yaml"}
    assert [f.rule for f in result.findings if f.file == "a-broken.yaml"] == ["yaml-syntax"]
    assert result.files[1].valid


def _project(tmp_path: Path) -> Path:
    (tmp_path / "jcode.yaml").write_bytes((CASES / "bad-input" / "jcode.yaml").read_bytes())
    return tmp_path


def test_special_files_are_findings_not_hangs(tmp_path: Path) -> None:
    project = _project(tmp_path)
    os.mkfifo(project / "fifo.yaml")
    (project / "zero.yaml").symlink_to("/dev/zero")
    (project / "fine.yaml").write_text(_many_files_ok(), encoding="utf-8")
    result = lint_paths([project], cwd=project)
    assert [render(f) for f in result.findings if f.rule == "yaml-syntax"] == [
        "fifo.yaml:1:1 | error | yaml-syntax | '' | not a regular file; cannot read it",
        "zero.yaml:1:1 | error | yaml-syntax | '' | not a regular file; cannot read it",
    ]
    assert result.files[0].path == "fifo.yaml" and result.files[1].valid  # the others linted


def test_non_utf8_file_name_is_shown_escaped(tmp_path: Path) -> None:
    project = _project(tmp_path)
    name = os.fsencode(project) + b"/caf\xe9.yaml"
    with open(name, "wb") as stream:  # noqa: PTH123 - a bytes path on purpose
        stream.write(b"id: [\n")
    [finding] = lint_paths([project], cwd=project).findings
    assert finding.file == "caf\\xe9.yaml"
    finding.file.encode("utf-8")  # printable anywhere


def test_a_file_reached_twice_is_linted_once(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "sub").mkdir()
    (project / "sub" / "j.yaml").write_text(_many_files_ok(), encoding="utf-8")
    (project / "link").symlink_to(project / "sub")
    result = lint_paths(
        [project / "sub" / "j.yaml", Path("sub/../sub/j.yaml"), project / "link"], cwd=project
    )
    assert [f.path for f in result.files] == ["sub/j.yaml"]
    assert "duplicate-id" not in {f.rule for f in result.findings}
