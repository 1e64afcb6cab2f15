"""The two sides of `jcode diff`: a git revision, a folder or the working tree, each linted as
`jcode lint` lints it and with its own jcode.yaml.

A revision is read from git's object store (`git ls-tree`, then `git cat-file --batch` for all
its files in one process): no checkout and no temporary worktree, so it works in a shallow
clone as long as the revision itself was fetched.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from jcode.collect import collect_files, is_journey_name
from jcode.config import (
    default_project,
    find_config,
    load_project,
    parse_config_bytes,
)
from jcode.diff import Side
from jcode.errors import JcodeError
from jcode.i18n import Message, Template
from jcode.layout import CONFIG_NAME, JOURNEYS
from jcode.linter import LintResult, display_path, lint
from jcode.spec import Project
from jcode.text import printable

WORKING_TREE = "working tree"

NOT_IN_GIT = Template(
    "error.diff.not-in-git",
    "'{side}' is not a folder, and {folder} is not in a git repository where it could be a "
    "revision",
)
NOT_A_REVISION = Template(
    "error.diff.not-a-revision",
    "'{side}' is neither a folder nor a revision of the git repository in {top} (in a shallow "
    "clone, fetch the revision first)",
)
OUTSIDE_WORK_TREE = Template(
    "error.diff.outside-work-tree", "the project in {folder} is outside the git work tree {top}"
)
AT_REVISION = Template("error.diff.at-revision", "at revision '{revision}': {error}")
GIT_FAILED = Template("error.diff.git-failed", "git {command} failed: {reason}")
NO_GIT = Template("error.diff.no-git", "git is not installed (jcode diff reads revisions with it)")


def read_side(spec: str | None, today: date) -> Side:
    """None: the working tree's project (the jcode.yaml found upward from here, journeys/
    beside it). A folder that exists: that folder. Anything else: a git revision of the
    repository holding this project."""
    if spec is None:
        project = load_project(None)
        return Side(WORKING_TREE, *_lint_project(project, today))
    folder = Path(spec)
    if folder.is_dir():
        return Side(spec, *_lint_folder(folder, today))
    return Side(spec, *_lint_revision(spec, _project_root(), today))


def _project_root() -> Path:
    """The folder of the jcode.yaml found upward from here, else here."""
    config = find_config(Path.cwd())
    return config.parent if config is not None else Path.cwd().resolve()


# What a side is read as: its journeys linted, the project they were linted with, the folder
# its paths are shown relative to, and the journeys folder it lacks (None when it has one).
Read = tuple[LintResult, Project, str, str | None]


def _lint_project(project: Project, today: date) -> Read:
    journeys = project.root / JOURNEYS
    if not journeys.is_dir():
        missing = display_path(journeys)
        return lint([], project, today), project, display_path(project.root), missing
    return (
        lint(collect_files([journeys]), project, today),
        project,
        display_path(project.root),
        None,
    )


def _lint_folder(folder: Path, today: date) -> Read:
    """A project folder (holding jcode.yaml) is read as `jcode lint` run in it reads it; any
    other folder as `jcode lint FOLDER` does: its journey files, the jcode.yaml found upward."""
    if (folder / CONFIG_NAME).is_file():
        result, project, _, missing = _lint_project(load_project(folder / CONFIG_NAME), today)
        return result, project, display_path(folder), missing
    project = load_project(None, search_from=folder)
    return lint(collect_files([folder]), project, today), project, display_path(folder), None


def _lint_revision(revision: str, root: Path, today: date) -> Read:
    """The journeys of a revision at the place of this project's journeys/, linted with the
    revision's jcode.yaml at the place of this project's (the defaults when it has none)."""
    shown = printable(revision)
    listed = _git(root, "rev-parse", "--show-toplevel")
    if listed.returncode != 0:
        raise JcodeError(NOT_IN_GIT(side=shown, folder=printable(str(root))))
    top = Path(listed.stdout.decode().rstrip("\n"))
    commit = _git(
        top, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"
    )
    if commit.returncode != 0:
        raise JcodeError(NOT_A_REVISION(side=shown, top=printable(str(top))))
    if not root.is_relative_to(top):  # GIT_DIR or GIT_WORK_TREE point elsewhere
        raise JcodeError(OUTSIDE_WORK_TREE(folder=printable(str(root)), top=printable(str(top))))
    prefix = root.relative_to(top).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    sha = commit.stdout.decode().strip()
    config_path = prefix + CONFIG_NAME
    journeys = prefix + JOURNEYS + "/"
    entries, has_journeys = _ls_tree(top, sha, config_path, journeys)
    blobs = _read_blobs(top, [blob for _, blob in entries])
    sources: list[tuple[str, bytes]] = []
    project = None
    for (path, _), content in zip(entries, blobs, strict=True):
        if path == config_path:
            try:
                project = parse_config_bytes(content, Path(display_path(top / path)))
            except JcodeError as exc:  # jcode.yaml's error, as it says it (a Message or text)
                said = exc.args[0] if exc.args else None
                error = said if isinstance(said, Message) else str(exc)
                raise JcodeError(AT_REVISION(revision=shown, error=error)) from None
        else:
            sources.append((display_path(top / path), content))
    if project is None:
        project = default_project(root)
    sources.sort(key=lambda source: source[0])
    missing = None if has_journeys else display_path(root / JOURNEYS)
    return lint(sources, project, today), project, display_path(root), missing


def _ls_tree(
    top: Path, commit: str, config_path: str, journeys: str
) -> tuple[list[tuple[str, str]], bool]:
    """(path from the repository's top, blob id) of the config and the journey files, and
    whether the revision has the journeys folder at all."""
    listed = _git(top, "ls-tree", "-r", "-z", commit, "--", config_path, journeys)
    if listed.returncode != 0:
        reason = printable(listed.stderr.decode().strip())
        raise JcodeError(GIT_FAILED(command="ls-tree", reason=reason))
    entries = []
    has_journeys = False
    for entry in listed.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, blob = meta.decode().split()
        path = raw_path.decode("utf-8", "surrogateescape")
        has_journeys = has_journeys or path.startswith(journeys)
        if kind != "blob" or mode == "120000":  # submodules and symbolic links hold no journey
            continue
        if path == config_path or (
            path.startswith(journeys)
            and is_journey_name(path.rpartition("/")[2])
            and not any(part.startswith(".") for part in path[len(journeys) :].split("/"))
        ):
            entries.append((path, blob))
    return entries, has_journeys


def _read_blobs(top: Path, blobs: list[str]) -> list[bytes]:
    if not blobs:
        return []
    batch = _git(top, "cat-file", "--batch", stdin="".join(b + "\n" for b in blobs).encode())
    if batch.returncode != 0:
        reason = printable(batch.stderr.decode().strip())
        raise JcodeError(GIT_FAILED(command="cat-file", reason=reason))
    out = batch.stdout
    contents = []
    at = 0
    for _ in blobs:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        contents.append(out[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1  # the content is followed by a newline
    return contents


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(cwd), "--literal-pathspecs", *args],
            input=stdin,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise JcodeError(NO_GIT()) from None
