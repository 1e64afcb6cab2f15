"""Which journey files a run reads: those under the paths given, or under journeys/ beside
jcode.yaml, each once, in path order; and the ids of journeys, read without linting them."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from jcode.errors import JcodeError
from jcode.i18n import Message, Template
from jcode.layout import CONFIG_NAME, JOURNEYS, PROJECT_SCHEMA_PATH
from jcode.linter import declared_id, display_path
from jcode.loader import MAX_FILE_BYTES, decode, load
from jcode.spec import Project
from jcode.text import printable

JOURNEY_SUFFIXES = (".yaml", ".yml")

NO_JOURNEYS_FOLDER = Template(
    "error.no-journeys-folder",
    "no journeys folder at '{folder}'; give the journey files or folders to use",
)
NO_SUCH_PATH = Template("error.no-such-path", "path '{path}' does not exist")
# A jcode.yaml or project schema given as a path that is not the project's; {in_use} is the
# jcode.yaml in use, quoted, or NO_CONFIG_IN_USE.
OTHER_CONFIG = Template(
    "error.other-config",
    "'{path}' is not the jcode.yaml in use ({in_use}); to lint the journeys of its project, "
    "give --config {config}",
)
OTHER_PROJECT_SCHEMA = Template(
    "error.other-project-schema",
    "'{path}' is not the project schema of the jcode.yaml in use ({in_use}); to lint the "
    "journeys of its project, give --config {config}",
)
NO_CONFIG_IN_USE = Template("phrase.no-config-in-use", "none: no jcode.yaml here or above")


def journey_paths(paths: Sequence[Path], project: Project) -> list[Path]:
    """The journey files and folders to read for PATHS: journeys/ beside jcode.yaml when there
    are none. The project's jcode.yaml or project schema among them stands for every journey
    of the project, which it can change the findings of (pre-commit passes it when a commit
    changes it); another project's is a usage error, not a journey to lint."""
    journeys = [path for path in paths if not _settings_file(path, project)]
    if journeys and len(journeys) == len(paths):
        return journeys
    default = project.root / JOURNEYS
    if not default.is_dir():
        raise JcodeError(NO_JOURNEYS_FOLDER(folder=str(default)))
    return [*journeys, default]


def _settings_file(path: Path, project: Project) -> bool:
    """Whether `path` is the project's jcode.yaml or project schema."""
    if path.name == CONFIG_NAME:
        ours, theirs = project.config_path, path
    elif path.parts[-2:] == PROJECT_SCHEMA_PATH.parts:
        ours, theirs = project.root / PROJECT_SCHEMA_PATH, path.parent.parent / CONFIG_NAME
    else:
        return False
    if not path.is_file():  # a folder of that name, or nothing: collect_files() deals with it
        return False
    if ours is not None and os.path.realpath(path) == os.path.realpath(ours):
        return True
    in_use: str | Message = (
        f"'{display_path(project.config_path)}'"
        if project.config_path is not None
        else NO_CONFIG_IN_USE()
    )
    template = OTHER_CONFIG if path.name == CONFIG_NAME else OTHER_PROJECT_SCHEMA
    raise JcodeError(
        template(
            path=printable(display_path(path)),
            in_use=in_use,
            config=printable(display_path(theirs)),
        )
    )


def collect_files(paths: Iterable[Path]) -> list[str]:
    """Journey files under the given files and folders, in path order, as the user will read
    them (relative to the current directory). A missing path is a usage error; one that cannot
    be read is given all the same, for check_file() to say why. A file reached twice (through
    two spellings, a symlinked folder or a link to it) is linted once, under its own name
    rather than a link's when the walk meets both."""
    found: dict[str, tuple[bool, str]] = {}  # real path -> (through a symlink, as shown)
    for path in paths:
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except (FileNotFoundError, NotADirectoryError):
            if not path.is_symlink():
                raise JcodeError(NO_SUCH_PATH(path=str(path))) from None
            is_folder = False  # a dangling symlink: check_file() says so
        except OSError:  # a symlink loop, a folder we may not enter: check_file() says why
            is_folder = False
        if is_folder:
            for real, shown, is_link in _walk(path):
                if real not in found or (found[real][0] and not is_link):
                    found[real] = (is_link, shown)
        else:
            found.setdefault(os.path.realpath(path), (False, display_path(path)))
    return sorted({shown for _, shown in found.values()})


def _walk(folder: Path) -> Iterator[tuple[str, str, bool]]:
    """(real path, path as shown, whether it is reached through a symlink) of the journey files
    under a folder, and of each folder that cannot be listed (check_file() says why).

    Symlinks are followed, except to a folder already walked or to one that holds the folder
    they are in (a loop: `up -> ..`, or `disk -> /`). Symlinked folders are walked last, so that
    a folder reached both ways is walked under its own name. Only symlinks are resolved:
    realpath() costs a system call per path component."""
    top = os.path.realpath(folder)
    seen: set[str] = set()
    # (path as shown, real path, the real paths of the folders it is in, through a symlink);
    # the next one last.
    direct: list[tuple[str, str, tuple[str, ...], bool]] = [
        (display_path(folder), top, (top,), False)
    ]
    linked: list[tuple[str, str, tuple[str, ...], bool]] = []
    while direct or linked:
        shown, real, chain, through_link = (direct or linked).pop()
        if real in seen:  # reached twice, through a symlink
            continue
        seen.add(real)
        try:
            with os.scandir(real) as entries:
                listed = sorted(entries, key=lambda entry: entry.name)
        except OSError:  # its journeys would go unchecked, silently: it becomes a finding
            yield real, shown, through_link
            continue
        prefix = f"{shown}/" if shown != "." else ""
        folders = []
        for entry in listed:
            if entry.name.startswith("."):
                continue
            is_link = entry.is_symlink()
            target = os.path.realpath(entry.path) if is_link else f"{real}/{entry.name}"
            if _is_folder(entry):
                inside = target.rstrip("/") + "/"
                if not (is_link and any(f"{held}/".startswith(inside) for held in chain)):
                    folders.append(
                        (prefix + entry.name, target, (*chain, target), is_link or through_link)
                    )
            elif is_journey_name(entry.name):
                yield target, prefix + entry.name, is_link or through_link
        for child in reversed(folders):  # popped in name order
            (linked if child[3] else direct).append(child)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link into a folder we may not enter: checking it says why
        return False


def is_journey_name(name: str) -> bool:
    """Whether a file of this name under a journeys folder is a journey file."""
    return name.endswith(JOURNEY_SUFFIXES) and name != CONFIG_NAME and not name.startswith(".")


def journey_ids(paths: Iterable[str]) -> dict[str, str]:
    """The id each journey file declares -> the first file declaring it, without linting them:
    what the cross-file rules need of the journeys not linted now, and what `jcode new` must
    not reuse. Unreadable files declare none."""
    ids: dict[str, str] = {}
    for path in paths:
        try:
            if Path(path).stat().st_size > MAX_FILE_BYTES:
                continue
            text, _ = decode(Path(path).read_bytes())
        except OSError:
            continue
        journey_id = declared_id(load(text).data) if text is not None else None
        if journey_id is not None:
            ids.setdefault(journey_id, path)
    return ids
