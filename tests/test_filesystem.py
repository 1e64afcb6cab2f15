"""Journeys on real file systems: symlinks and their loops, files and folders jcode may not
read, names with spaces and non-ASCII characters, output folders it may not write.

Permissions mean nothing to root, and the suite runs as root in CI: the tests about them run
jcode as root without its capabilities then (setpriv), bound by permission bits like any user.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from jcode.errors import ExitCode

from .helpers import CASES, lint_paths, render, run
from .test_site import Node, body_rows, parse

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
    """As root (CI, containers), jcode runs without root's capabilities: root reads and writes
    whatever the permissions say, and the test would prove nothing."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root, and without setpriv to run jcode without root's powers")
        # Root without its capabilities: still the owner of the checkout (which may be a folder
        # only root may enter), but bound by permission bits like any user.
        prefix = [setpriv, "--bounding-set=-all", "--inh-caps=-all"]
    folder = Path(tempfile.mkdtemp(prefix="jcode-fs-"))
    try:
        folder.chmod(0o755)
        probe_code = "import jcode, os, sys; os.listdir(sys.argv[1])"
        try:
            probe = subprocess.run(
                [*prefix, sys.executable, "-c", probe_code, str(folder)],
                capture_output=True,
                text=True,
            )
            problem = probe.stderr if probe.returncode != 0 else None
        except OSError as exc:  # this Python may not be started by that user at all
            problem = str(exc)
        if problem is not None:
            pytest.skip(f"jcode cannot run without privileges in {folder}: {problem}")
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
    # A process with a time limit: walking a loop, or the whole disk, must not hang the suite.
    done = subprocess.run(
        [sys.executable, "-m", "jcode", "lint", "--format", "json", "journeys"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (ExitCode.FINDINGS, "")
    report = json.loads(done.stdout)
    assert report["summary"]["files"] == 4  # each once
    assert {f["file"] for f in report["findings"]} == {
        "journeys/a.yaml",
        "journeys/gone.yaml",
        "journeys/shared/b.yaml",
        "journeys/shared/sub/c.yaml",
    }
    assert [
        (f["file"], f["line"], f["message"])
        for f in report["findings"]
        if f["rule"] in ("yaml-syntax", "duplicate-id")
    ] == [
        (
            "journeys/gone.yaml",
            1,
            "the file is a symbolic link to 'nowhere.yaml', which does not exist",
        )
    ]


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


WALKED = [
    ("journeys/private", "cannot read the folder: Permission denied"),
    ("journeys/secret.yaml", "cannot read the file: Permission denied"),
]


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        pytest.param(["journeys"], WALKED, id="a folder"),
        pytest.param([], WALKED, id="the default folder"),
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


# --- 3. names with spaces and non-ASCII characters ----------------------------------------------

SEA = "journeys/viaggio al mare/città.yaml"
SALE = "journeys/🚀 lanci/saldi 50% #estate.yaml"  # % and # end a URL's path, unescaped
DRAFT = 'journeys/🚀 lanci/R&D "nuovo", 50%: <bozza>.yaml'  # what each format must escape
DRAFT_ERROR = "did not find expected node content (while parsing a flow node at line 2)"
REPO_URL = "https://example.com/acme/journeys"


@pytest.fixture
def names(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose journeys have such names, and a repository address for source links;
    the current directory."""
    config = project / "jcode.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "  title: Rule cases\n", f"  title: Rule cases\n  repo_url: {REPO_URL}\n"
    )
    config.write_text(text, encoding="utf-8")
    journey(project / SEA, "mare", "Al mare")
    journey(project / SALE, "saldi", "Saldi")
    (project / DRAFT).write_text("id: [\n", encoding="utf-8")
    monkeypatch.chdir(project)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return project


def _text_files(out: str) -> set[str]:
    return {re.match(r"(.*):\d+:\d+: ", line)[1] for line in out.splitlines()[:-1]}  # type: ignore[index]


def _json_files(out: str) -> set[str]:
    return {f["file"] for f in json.loads(out)["findings"]}


def _sarif_files(out: str) -> set[str]:
    results = json.loads(out)["runs"][0]["results"]
    return {
        unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], errors="strict")
        for r in results
    }


def _github_files(out: str) -> set[str]:
    files = set()
    for line in out.splitlines()[:-1]:
        properties = line.split(" ", 1)[1].split("::", 1)[0]
        escaped = dict(p.split("=", 1) for p in properties.split(","))["file"]
        files.add(unquote(escaped, errors="strict"))  # GitHub's escapes are %XX
    return files


def _junit_files(out: str) -> set[str]:
    return {case.get("classname", "") for case in ET.fromstring(out).iter("testcase")}


@pytest.mark.parametrize(
    ("fmt", "files_in", "draft"),
    [
        ("text", _text_files, f"{DRAFT}:2:1: error: {DRAFT_ERROR} [yaml-syntax]\n"),
        ("json", _json_files, json.dumps(DRAFT, ensure_ascii=False)),
        (
            "sarif",
            _sarif_files,
            '"uri": "journeys/%F0%9F%9A%80%20lanci/R%26D%20%22nuovo%22%2C%2050%25%3A%20%3Cbozza'
            '%3E.yaml"',
        ),
        (
            "github",
            _github_files,
            '::error file=journeys/🚀 lanci/R&D "nuovo"%2C 50%25%3A <bozza>.yaml,line=2,col=1,'
            f"title=yaml-syntax::{DRAFT_ERROR}\n",
        ),
        (
            "junit",
            _junit_files,
            'classname="journeys/🚀 lanci/R&amp;D &quot;nuovo&quot;, 50%: &lt;bozza&gt;.yaml" '
            'name="journeys/🚀 lanci/R&amp;D &quot;nuovo&quot;, 50%: &lt;bozza&gt;.yaml:2:1: ',
        ),
    ],
)
def test_every_format_keeps_such_names_whole_and_escaped_its_way(
    fmt: str,
    files_in: Callable[[str], set[str]],
    draft: str,
    names: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["lint", "--today", "2026-11-22", "--format", fmt], capsys)
    assert (code, err) == (ExitCode.FINDINGS, "")
    assert files_in(out) == {SEA, SALE, DRAFT}
    assert draft in out
    report = names / "report.out"  # and the same bytes through --output
    argv = ["lint", "--today", "2026-11-22", "--format", fmt, "--output", str(report)]
    assert run(argv, capsys) == (ExitCode.FINDINGS, "", "")
    assert report.read_text(encoding="utf-8") == out


def source_link(site: Path, journey_id: str) -> Node:
    """The journey page's link to its file in the repository."""
    page = parse((site / "journeys" / f"{journey_id}.html").read_text(encoding="utf-8"))
    [link] = [a for a in page.find_all("a") if (a.get("href") or "").startswith(REPO_URL)]
    return link


def test_the_site_of_such_names_builds_and_names_them(
    names: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = Path("sito è", "out 🚀")
    code, _, err = run(["build", "--today", "2026-11-22", "--quiet", "--out", str(out)], capsys)
    assert (code, err) == (ExitCode.OK, "")
    sea = source_link(out, "mare")
    assert sea.get("href") == f"{REPO_URL}/blob/HEAD/journeys/viaggio%20al%20mare/citt%C3%A0.yaml"
    assert sea.text() == SEA
    sale = source_link(out, "saldi")
    assert sale.get("href") == (
        f"{REPO_URL}/blob/HEAD/journeys/%F0%9F%9A%80%20lanci/saldi%2050%25%20%23estate.yaml"
    )
    assert sale.text() == SALE
    gaps = parse((out / "gaps.html").read_text(encoding="utf-8"))
    gaps.by_id("invalid")  # "Files that could not be read"
    rows = [row for table in gaps.find_all("table", "jc-findings") for row in body_rows(table)]
    assert [f"{DRAFT}:2", "error", "yaml-syntax", DRAFT_ERROR] in rows
    where = {row[0] for row in rows}
    assert where == {f"{SEA}:1", f"{SEA}:3", f"{SALE}:1", f"{SALE}:3", f"{DRAFT}:2"}


def test_a_name_that_is_not_utf8_is_shown_escaped_by_junit_and_the_site(
    names: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = os.fsdecode(b"journeys/caf\xe9.yaml")
    journey(names / name, "cafe")
    shown = "journeys/caf\\xe9.yaml"  # as in every other finding (test_bad_input)
    code, out, err = run(["lint", "--today", "2026-11-22", "--format", "junit"], capsys)
    assert (code, err) == (ExitCode.FINDINGS, "")
    assert shown in _junit_files(out)
    code, _, err = run(["build", "--today", "2026-11-22", "--quiet", "--out", "site"], capsys)
    assert (code, err) == (ExitCode.OK, "")
    link = source_link(names / "site", "cafe")
    assert (link.get("href"), link.text()) == (f"{REPO_URL}/blob/HEAD/journeys/caf%E9.yaml", shown)


# --- 4. output folders jcode may not write ------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under `folder`: relative path -> bytes (None for a folder)."""
    return {
        p.relative_to(folder).as_posix(): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def read_only(unprivileged: Unprivileged, capsys: pytest.CaptureFixture[str]) -> Unprivileged:
    """ro/ holds a site and may not be written; rw/ may, and holds a site that may not be."""
    folder = unprivileged.folder
    journey(folder / "journeys" / "a.yaml", "a")
    for out in ("ro/site", "rw/site"):
        argv = ["build", "--today", "2026-11-22", "--quiet", "--out", str(folder / out)]
        assert run(argv, capsys) == (ExitCode.OK, "", "")
    (folder / "ro").chmod(0o555)
    (folder / "rw").chmod(0o777)
    (folder / "rw" / "site").chmod(0o555)
    return unprivileged


BESIDE = "jcode builds the new site there, beside '{}', and then swaps it in"


@pytest.mark.parametrize(
    ("out", "message"),
    [
        pytest.param("ro/site", f"cannot write in 'ro': {BESIDE.format('ro/site')}", id="a site"),
        pytest.param("ro/new", f"cannot write in 'ro': {BESIDE.format('ro/new')}", id="no site"),
        pytest.param(
            "rw/site",
            "cannot replace 'rw/site': the folder is not writable (jcode moves the previous site "
            "aside, then the new one in)",
            id="the site folder itself",
        ),
        pytest.param(
            "ro/new/deeper", "cannot create 'ro/new': Permission denied", id="a folder to create"
        ),
    ],
)
def test_build_into_a_read_only_folder_is_exit_2_and_changes_nothing(
    out: str, message: str, read_only: Unprivileged
) -> None:
    before = snapshot(read_only.folder)
    done = read_only.jcode("build", "--today", "2026-11-22", "--quiet", "--out", out)
    assert (done.returncode, done.stdout, done.stderr) == (
        ExitCode.USAGE,
        "",
        f"jcode: error: {message}\n",
    )
    assert snapshot(read_only.folder) == before  # the previous site whole, nothing beside it


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "json", "--output", "ro/lint.json"], "cannot write 'ro/lint.json'"),
        (["--output-sarif", "ro/lint.sarif", "--quiet"], "cannot write 'ro/lint.sarif'"),
        (["--write-baseline", "ro/baseline.json"], "cannot write baseline 'ro/baseline.json'"),
    ],
)
def test_lint_report_into_a_read_only_folder_is_exit_2(
    argv: list[str], message: str, read_only: Unprivileged
) -> None:
    before = snapshot(read_only.folder)
    done = read_only.jcode("lint", "--today", "2026-11-22", *argv)
    assert (done.returncode, done.stderr) == (
        ExitCode.USAGE,
        f"jcode: error: {message}: Permission denied\n",
    )
    assert snapshot(read_only.folder) == before
