"""jcode.layout: the repository's fixed names, the same for every command that uses them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jcode import layout
from jcode.app.init import defaults, init
from jcode.app.lint import LintRequest, lint_journeys
from jcode.app.new import NewRequest, new_journey
from jcode.app.schema import write_project_schema
from jcode.errors import JcodeError

SRC = Path(__file__).parent.parent / "src" / "jcode"


def test_init_new_lint_and_schema_agree_on_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done = init(tmp_path, defaults())
    assert {layout.CONFIG_NAME, layout.PROJECT_SCHEMA_PATH.as_posix()} <= set(done.scaffold.created)
    monkeypatch.chdir(tmp_path)
    new = new_journey(NewRequest("renewal"))
    assert new.path == tmp_path / layout.JOURNEYS / "renewal.yaml"
    assert new.has_schema  # where init wrote it
    files = [f.path for f in lint_journeys(LintRequest()).result.files]
    assert files == [f"{layout.JOURNEYS}/first-order.yaml", f"{layout.JOURNEYS}/renewal.yaml"]
    written = write_project_schema(None, None)
    assert (written.path, written.changed) == (tmp_path / layout.PROJECT_SCHEMA_PATH, False)


def test_lint_without_the_journeys_folder_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / layout.CONFIG_NAME).write_text("{}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(JcodeError) as caught:
        lint_journeys(LintRequest())
    assert str(caught.value) == (
        f"no journeys folder at '{tmp_path / 'journeys'}'; give the journey files or folders to use"
    )


def test_no_module_spells_the_folder_names_itself() -> None:
    """The journeys folder and jcode.yaml are named once, in layout.py: no path is built from
    the literal names."""
    folder = re.compile(r"""(/ |Path\()\s*["'](journeys|jcode\.yaml)["']""")
    spelt = sorted(
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if folder.search(path.read_text(encoding="utf-8"))
    )
    assert spelt == []  # each says layout.JOURNEYS or layout.CONFIG_NAME
