"""What the commands share: the project they work on, the journey files they read, and the
files they must never write."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from jcode.collect import collect_files, journey_ids, journey_paths
from jcode.config import load_project
from jcode.errors import JcodeError
from jcode.i18n import Template
from jcode.layout import JOURNEYS
from jcode.spec import Project

NO_CONFIG = Template(
    "error.no-config",
    "no jcode.yaml in this folder or above it; `jcode init` creates one (or give --config FILE)",
)
JOURNEY_TARGET = Template(
    "error.journey-target", "'{path}' is a journey file; jcode never writes to those"
)
# A file a command could not write (the reason is the system's).
CANNOT_WRITE = Template("error.cannot-write-file", "cannot write '{path}': {reason}")


def declared_project(config_file: Path | None) -> Project:
    """The project of the jcode.yaml in use; an error when there is none (defaults would do)."""
    project = load_project(config_file)
    if project.config_path is None:
        raise JcodeError(NO_CONFIG())
    return project


def journey_files(project: Project, paths: Sequence[Path]) -> list[str]:
    """The journey files to read for PATHS (journeys/ beside jcode.yaml when there are none)."""
    return collect_files(journey_paths(paths, project))


def other_journey_ids(project: Project, paths: Sequence[Path], files: list[str]) -> frozenset[str]:
    """Given some of the project's journey files (as pre-commit gives the changed ones), the
    ids of the others: a journey may relate to one that is not linted now."""
    folder = project.root / JOURNEYS
    if not paths or not folder.is_dir():
        return frozenset()
    linted = set(files)
    return frozenset(journey_ids(f for f in collect_files([folder]) if f not in linted))


def refuse_journey_targets(targets: Iterable[Path | None], files: list[str]) -> None:
    """An error when a file the command is to write is one of the journey files."""
    journey_files = {os.path.realpath(f) for f in files}
    for target in targets:  # real paths: a symlink must not lead a report into a journey
        if target is not None and os.path.realpath(target) in journey_files:
            raise JcodeError(JOURNEY_TARGET(path=str(target)))


def shown(path: Path) -> str:
    """A path as the user will read it: relative to the current folder when it is below it."""
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)
