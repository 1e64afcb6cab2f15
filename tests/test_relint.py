"""The Relinter: after any sequence of saves, deletions and renames, each run says what a fresh
lint() says, while checking again only the files whose bytes changed."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jcode import linter, relint
from jcode.config import parse_config
from jcode.forking import forked
from jcode.linter import LintResult, lint
from jcode.project_schema import render
from jcode.relint import Changes, Relinter
from jcode.spec import Project

from .helpers import TODAY

SETTINGS = """\
phases: [{id: buy, name: Buy, moment: purchase}, {id: after, name: After, moment: post-purchase}]
owners: {sales: {name: Sales}}
rules: {purchase-without-assistance: off, no-feedback-loop: off, missing-post-purchase: off}
"""
IDS = ["shop", "care", "returns"]
NAMES = ["a.yaml", "b.yaml", "c.yaml", "d.yaml"]
KPIS = "kpis: [{id: %s, name: Sales, baseline: 1, target: 2, direction: increase}]"


def journey(journey_id: str, related: list[str], kind: str) -> str:
    """A journey file's text: clean, with findings, with a suppressed one, not YAML, or not a
    journey; the last two declare their id all the same."""
    if kind == "not-yaml":
        return f"id: {journey_id}\ntitle: [unclosed\n"
    if kind == "not-a-journey":
        return f"id: {journey_id}\ntitle: Not a journey\nstages: none\n"
    after = {
        "clean": "touchpoints: [{id: mail, name: Mail, channel: email}], " + KPIS % "kept",
        "findings": "owner: nobody",  # and no touchpoints
        "suppressed": "touchpoints: [{id: mail, name: Mail, channel: email}]",  # and no KPI
    }[kind]
    text = (
        f"id: {journey_id}\ntitle: Journey {journey_id}\nowner: sales\n"
        f"related: [{', '.join(related)}]\nstages:\n"
        f"  - {{id: checkout, name: Checkout, phase: buy, touchpoints: [{{id: web, name: Web, "
        f"channel: web}}], {KPIS % 'sales'}}}\n"
        f"  - {{id: after, name: After, phase: after, {after}}}\n"
    )
    if kind == "suppressed":
        text += "suppress: [{rule: stage-without-kpi, reason: Not measured}]\n"
    return text


CONTENTS = st.builds(
    journey,
    st.sampled_from(IDS),
    st.lists(st.sampled_from([*IDS, "nowhere"]), max_size=2),
    st.sampled_from(["clean", "findings", "suppressed", "not-yaml", "not-a-journey"]),
)
NAME = st.sampled_from(NAMES)
EDITS = st.one_of(
    st.tuples(st.just("write"), NAME, CONTENTS),
    st.tuples(st.just("delete"), NAME),
    st.tuples(st.just("rename"), NAME, NAME),
    st.tuples(st.just("touch"), NAME),
    st.tuples(st.just("comment"), NAME),  # other bytes, the same findings and model
)
# Before every run, the edits saved together since the last one (an editor, a git checkout).
SAVES = st.lists(st.lists(EDITS, min_size=1, max_size=3), min_size=1, max_size=6)


class Folder:
    """Journey files in a folder, edited as an editor saves them, by name. `apart`: every save
    leaves its own modification time, as saves seconds apart do; otherwise they come as fast
    as the test makes them, within the file system's clock tick."""

    def __init__(self, root: Path, apart: bool) -> None:
        self.root = root
        self.apart = apart
        self.clock = time.time_ns() - 1000 * 10**9  # the saves' times, when apart

    def path(self, name: str) -> Path:
        return self.root / name

    def files(self) -> list[str]:
        return sorted(str(p) for p in self.root.glob("*.yaml"))

    def edit(self, edit: tuple[Any, ...]) -> str | None:
        """Apply an edit; the path it saved to, if any (None: nothing to do)."""
        kind, name, *rest = edit
        path = self.path(name)
        if kind == "write":
            path.write_text(rest[0], encoding="utf-8")
        elif not path.exists() or (kind == "rename" and rest[0] == name):
            return None
        elif kind == "delete":
            path.unlink()
            return None
        elif kind == "rename":
            path = self.path(rest[0])
            self.path(name).replace(path)
        elif kind == "comment":
            path.write_text(path.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
        else:
            os.utime(path)
        if self.apart:
            self.clock += 10**9
            os.utime(path, ns=(self.clock, self.clock))
        return str(path)


@contextmanager
def counting() -> Iterator[tuple[mock.MagicMock, mock.MagicMock]]:
    """(the files read by the Relinter, the files parsed)."""
    with (
        mock.patch("jcode.relint.read_file", wraps=linter.read_file) as reads,
        mock.patch.object(linter, "_parse", wraps=linter._parse) as parses,
    ):
        yield reads, parses


@contextmanager
def settled() -> Iterator[None]:
    """Runs ten seconds after the files' last changes: their stat is to be trusted."""
    now = time.time_ns
    with mock.patch.object(relint, "time_ns", lambda: now() + 10 * 10**9):
        yield


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("relint")


def _project(root: Path) -> Project:
    return parse_config(SETTINGS, root / "jcode.yaml")


@pytest.mark.parametrize("apart", [True, False], ids=["saved-apart", "saved-just-now"])
@settings(max_examples=20)
@given(initial=st.dictionaries(NAME, CONTENTS, min_size=1), saves=SAVES)
def test_every_run_is_a_fresh_lint_and_checks_only_what_changed(
    root: Path, apart: bool, initial: dict[str, str], saves: list[list[tuple[Any, ...]]]
) -> None:
    folder = Folder(Path(tempfile.mkdtemp(dir=root)), apart)
    project = _project(root)
    relinter = Relinter(project, TODAY, jobs=1)
    for name, text in initial.items():
        folder.edit(("write", name, text))
    before: LintResult = LintResult([])
    run_bytes: dict[str, bytes] = {}  # each file's bytes at the last run
    saved: set[str] = set(folder.files())
    with settled() if apart else nullcontext():
        for batch in [[], *saves]:
            for edit in batch:
                path = folder.edit(edit)
                if path is not None:
                    saved.add(path)
            files = folder.files()
            now = {path: Path(path).read_bytes() for path in files}
            with counting() as (reads, parses):
                result = relinter.lint(files)
            fresh = lint(files, project, TODAY, jobs=1)
            assert result == fresh
            previous = {file.path: file for file in before.files}
            rechecked = [path for path in files if run_bytes.get(path) != now[path]]
            assert relinter.changes == Changes(
                added=[path for path in files if path not in previous],
                changed=[f.path for f in fresh.files if previous.get(f.path, f) != f],
                removed=[path for path in previous if path not in now],
                rechecked=rechecked,
            )
            assert parses.call_count == len(rechecked)
            # Saves apart, a file is read when its stat changed; just now, every time.
            read = [path for path in files if path in saved or path not in run_bytes]
            assert [c.args[0] for c in reads.call_args_list] == (read if apart else files)
            before, run_bytes, saved = fresh, now, set()


def test_an_unchanged_file_is_neither_read_nor_parsed_again(tmp_path: Path) -> None:
    paths = [tmp_path / name for name in NAMES[:3]]
    for path, journey_id in zip(paths, IDS, strict=True):
        path.write_text(journey(journey_id, [], "findings"), encoding="utf-8")
    files = [str(path) for path in paths]
    relinter = Relinter(_project(tmp_path), TODAY, jobs=1)
    with settled():
        with counting() as (reads, parses):
            first = relinter.lint(files)
        assert (reads.call_count, parses.call_count) == (3, 3)
        assert relinter.changes == Changes(added=files, rechecked=files)
        with counting() as (reads, parses):
            assert relinter.lint(files) == first
        assert (reads.call_count, parses.call_count) == (0, 0)
        assert relinter.changes == Changes()
        os.utime(paths[1], ns=(1, 1))  # touched: read, the same bytes, not parsed
        with counting() as (reads, parses):
            assert relinter.lint(files) == first
        assert (reads.call_count, parses.call_count) == (1, 0)
        assert relinter.changes == Changes()
        paths[1].write_text(journey("care", [], "clean"), encoding="utf-8")
        with counting() as (reads, parses):
            edited = relinter.lint(files)
        assert (reads.call_count, parses.call_count) == (1, 1)
        assert relinter.changes == Changes(changed=[files[1]], rechecked=[files[1]])
    assert edited == lint(files, _project(tmp_path), TODAY, jobs=1)
    assert [file.findings for file in edited.files] == [
        first.files[0].findings,
        (),
        first.files[2].findings,
    ]
    assert edited.files[0] is first.files[0]  # kept as it was, not made again


def test_a_file_changed_just_before_a_run_is_read_again_at_the_next(tmp_path: Path) -> None:
    """Two saves within one tick of the file system's clock can leave the same size and times:
    a stat is trusted only once the file has been left alone for a while (SETTLED_NS)."""
    path = tmp_path / "a.yaml"
    path.write_text(journey("shop", [], "clean"), encoding="utf-8")
    relinter = Relinter(_project(tmp_path), TODAY, jobs=1)
    relinter.lint([str(path)])
    for clock, expected_reads in [(time.time_ns, 1), (None, 1), (None, 0)]:
        at = settled() if clock is None else mock.patch.object(relint, "time_ns", clock)
        with at, counting() as (reads, parses):
            relinter.lint([str(path)])
        assert (reads.call_count, parses.call_count) == (expected_reads, 0)


@pytest.mark.parametrize("in_place", [True, False], ids=["rewritten", "replaced"])
def test_a_file_saved_with_its_old_size_and_time_is_read_again(
    tmp_path: Path, in_place: bool
) -> None:
    """As tar, `cp -p` or `rsync -t` save it: the inode or the change time still differ."""
    path = tmp_path / "a.yaml"
    path.write_text(journey("shop", [], "clean"), encoding="utf-8")
    project = _project(tmp_path)
    relinter = Relinter(project, TODAY, jobs=1)
    with settled():
        relinter.lint([str(path)])
        saved = path.stat().st_mtime_ns
        time.sleep(0.05)  # past the tick of the file system's clock: a new change time
        new = tmp_path / "new.yaml" if not in_place else path
        new.write_text(journey("care", [], "clean"), encoding="utf-8")  # as long as "shop"
        os.utime(new, ns=(saved, saved))
        new.replace(path)
        result = relinter.lint([str(path)])
    assert relinter.changes == Changes(changed=[str(path)], rechecked=[str(path)])
    assert result.files[0].journey_id == "care"
    assert result == lint([str(path)], project, TODAY, jobs=1)


def test_the_cross_file_findings_do_not_stay_with_the_files_they_were_found_in(
    tmp_path: Path,
) -> None:
    """A duplicate id appears and goes; a related journey goes and comes back. The files that
    did not change are not checked again, and their findings follow the others'."""
    a, b, c = (str(tmp_path / name) for name in NAMES[:3])
    files = [a, b, c]
    texts = {
        a: journey("shop", ["care"], "clean"),
        b: journey("care", [], "clean"),
        c: journey("returns", [], "clean"),
    }
    project = _project(tmp_path)
    relinter = Relinter(project, TODAY, jobs=1)

    def run(**saved: str) -> list[tuple[str, int, int, str, str]]:
        for name, text in saved.items():
            Path(tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
        result = relinter.lint(files)
        assert result == lint(files, project, TODAY, jobs=1)
        return [(Path(f.file).name, f.line, f.column, f.rule, f.message) for f in result.findings]

    for path, text in texts.items():
        Path(path).write_text(text, encoding="utf-8")
    assert run() == []
    assert run(c=journey("shop", [], "clean")) == [
        ("c.yaml", 1, 5, "duplicate-id", f"journey id 'shop' is already used in {a}"),
    ]
    assert relinter.changes == Changes(changed=[c], rechecked=[c])
    assert run(b=journey("shipping", [], "clean")) == [
        ("a.yaml", 4, 11, "unknown-journey", "related journey 'care' does not exist"),
        ("c.yaml", 1, 5, "duplicate-id", f"journey id 'shop' is already used in {a}"),
    ]
    assert relinter.changes == Changes(changed=[a, b], rechecked=[b])
    assert run(b=texts[b], c=texts[c]) == []
    assert relinter.changes == Changes(changed=[a, b, c], rechecked=[b, c])


def test_files_no_longer_given_leave_the_cache(tmp_path: Path) -> None:
    """Deleted and renamed files: nothing of theirs is kept after the next run."""
    paths = [tmp_path / name for name in NAMES[:3]]
    for path, journey_id in zip(paths, IDS, strict=True):
        path.write_text(journey(journey_id, [], "clean"), encoding="utf-8")
    files = [str(path) for path in paths]
    relinter = Relinter(_project(tmp_path), TODAY, jobs=1)
    relinter.lint(files)
    paths[0].unlink()
    renamed = tmp_path / "renamed.yaml"
    paths[1].replace(renamed)
    now = [str(paths[2]), str(renamed)]
    assert relinter.lint(now) == lint(now, _project(tmp_path), TODAY, jobs=1)
    assert relinter.changes == Changes(added=[now[1]], removed=files[:2], rechecked=[now[1]])
    assert list(relinter._cache) == now  # what it keeps for the next run


def test_an_unreadable_file_is_checked_every_run(tmp_path: Path) -> None:
    link = tmp_path / "a.yaml"
    link.symlink_to(tmp_path / "target.yaml")
    project = _project(tmp_path)
    relinter = Relinter(project, TODAY, jobs=1)
    for _ in range(2):
        result = relinter.lint([str(link)])
        assert [(f.rule, f.message) for f in result.findings] == [
            (
                "yaml-syntax",
                f"the file is a symbolic link to '{tmp_path}/target.yaml', which does not exist",
            )
        ]
        assert relinter.changes.rechecked == (str(link),)
    (tmp_path / "target.yaml").write_text(journey("shop", [], "clean"), encoding="utf-8")
    assert relinter.lint([str(link)]) == lint([str(link)], project, TODAY, jobs=1)
    assert relinter.lint([str(link)]).findings == []
    assert relinter.changes == Changes()


def test_the_project_rules_look_at_the_repository_every_run(tmp_path: Path) -> None:
    project = _project(tmp_path)
    path = tmp_path / "a.yaml"
    path.write_text(journey("shop", [], "clean"), encoding="utf-8")
    relinter = Relinter(project, TODAY, jobs=1)
    assert relinter.lint([str(path)]).project_findings == []
    schema = tmp_path / "schema" / "journey.schema.json"
    schema.parent.mkdir()
    fewer_owners = SETTINGS.replace("owners: {sales: {name: Sales}}", "owners: {}")
    schema.write_text(render(parse_config(fewer_owners, tmp_path / "jcode.yaml")))
    result = relinter.lint([str(path)])
    assert result == lint([str(path)], project, TODAY, jobs=1)
    assert [(f.rule, f.message) for f in result.project_findings] == [
        (
            "stale-project-schema",
            "the project schema lacks owner 'sales'; run `jcode schema --project` to update it",
        )
    ]


def test_it_forks_only_when_many_files_changed(tmp_path: Path) -> None:
    """PARALLEL_MIN_FILES, as lint() applies it to all files, applied to the changed ones."""
    paths = [tmp_path / f"{n}.yaml" for n in range(4)]
    for n, path in enumerate(paths):
        path.write_text(journey(f"j{n}", [], "findings"), encoding="utf-8")
    files = [str(path) for path in paths]
    project = _project(tmp_path)
    relinter = Relinter(project, TODAY, jobs=2)
    with (
        mock.patch.object(linter, "PARALLEL_MIN_FILES", 3),
        mock.patch("jcode.linter.forked", wraps=forked) as forking,
    ):
        for changed in [paths, paths[:1], paths[1:]]:
            for path in changed:
                path.write_text(path.read_text(encoding="utf-8") + "# saved\n", encoding="utf-8")
            assert relinter.lint(files) == lint(files, project, TODAY, jobs=1)
        # What each fork shared out (the files, taken one by one) and between how many processes.
        shared = [(len(c.args[0].args[0]), len(c.args[1])) for c in forking.call_args_list]
    assert shared == [(4, 2), (3, 2)]  # the first run's four files, then the last run's three
