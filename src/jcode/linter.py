"""Files -> findings. load -> validate -> run the rules -> apply severities and suppressions.

Returns data and prints nothing. Files are checked independently (in parallel when there are
many), then the cross-file rules run: journey ids unique across files, related journeys exist.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

from jcode.errors import JcodeError
from jcode.findings import (
    Finding,
    Severity,
    SuppressedFinding,
    count_by_severity,
    element_key,
)
from jcode.layout import CONFIG_NAME, JOURNEYS, PROJECT_SCHEMA_PATH
from jcode.loader import MAX_FILE_BYTES, Document, LoadProblem, Position, decode, load
from jcode.rules import RULES
from jcode.rules.base import Context
from jcode.rules.parsing import suppressions
from jcode.spec import Journey, Project
from jcode.text import printable as printable  # site/pages.py still imports it from here
from jcode.validation import validate

JOURNEY_SUFFIXES = (".yaml", ".yml")
_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}\Z")
PARALLEL_MIN_FILES = 64


class JourneyFile:
    """One journey file after linting: its model (when it is valid) and its findings."""

    __slots__ = (
        "elements",
        "findings",
        "id_position",
        "journey",
        "journey_id",
        "path",
        "problems",
        "related",
        "suppressed",
        "suppressions",
        "valid",
    )

    def __init__(self, path: str) -> None:
        self.path = path
        self.journey: Journey | None = None
        self.journey_id: str | None = None
        self.valid = False  # it matched the schema, so the rules ran on it
        self.findings: list[Finding] = []
        self.suppressed: list[SuppressedFinding] = []
        # Kept from the per-file pass for the cross-file rules and the final step.
        self.problems: list[LoadProblem] = []
        self.id_position: Position = (1, 1)
        self.related: list[tuple[str, str, Position]] = []
        self.suppressions: list[tuple[str, str, str]] = []
        self.elements: dict[str, str] = {}  # pointer -> element by ids


class LintResult:
    __slots__ = ("files", "project_findings")

    def __init__(
        self, files: list[JourneyFile], project_findings: list[Finding] | None = None
    ) -> None:
        self.files = files
        # About the repository rather than one journey file (stale-project-schema).
        self.project_findings = project_findings or []

    @property
    def findings(self) -> list[Finding]:
        return [f for file in self.files for f in file.findings] + self.project_findings

    @property
    def suppressed(self) -> list[SuppressedFinding]:
        return [s for file in self.files for s in file.suppressed]

    def counts(self) -> dict[Severity, int]:
        return count_by_severity(self.findings)


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
        raise JcodeError(
            f"no journeys folder at '{default}'; give the journey files or folders to use"
        )
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
    in_use = (
        f"'{display_path(project.config_path)}'"
        if project.config_path is not None
        else "none: no jcode.yaml here or above"
    )
    what = "the jcode.yaml" if path.name == CONFIG_NAME else "the project schema of the jcode.yaml"
    raise JcodeError(
        f"'{printable(display_path(path))}' is not {what} in use ({in_use}); to lint the "
        f"journeys of its project, give --config {printable(display_path(theirs))}"
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
                raise JcodeError(f"path '{path}' does not exist") from None
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


def display_path(path: Path) -> str:
    """A path as the user will read it: relative to the current directory when under it."""
    if not path.is_absolute():
        return Path(os.path.normpath(path)).as_posix()
    relative = os.path.relpath(path)
    return Path(relative).as_posix() if not relative.startswith("..") else path.as_posix()


def _check_document(doc: Document, result: JourneyFile, context: Context) -> None:
    _run_checks(doc, result, context)
    data = doc.data
    result.elements = {
        p.pointer: element_key(data, p.pointer) for p in result.problems if p.pointer
    }
    result.elements.update((pointer, f"related/{rid}") for rid, pointer, _ in result.related)


def _run_checks(doc: Document, result: JourneyFile, context: Context) -> None:
    result.problems.extend(doc.problems)
    if not doc.readable:
        declared = doc.declared_id
        if declared is not None and _ID_RE.match(declared):
            result.journey_id = declared  # the file's identity, though YAML cannot read it
        return
    journey, schema_problems = validate(doc)
    if journey is None:
        result.problems.extend(schema_problems)
        data = doc.data
        if isinstance(data, dict) and isinstance(data.get("id"), str) and _ID_RE.match(data["id"]):
            result.journey_id = data["id"]  # known, though the journey is not trusted
        return
    result.journey = journey
    result.journey_id = journey.id
    result.valid = True
    result.id_position = doc.position("/id")
    result.related = [
        (rid, f"/related/{i}", doc.position(f"/related/{i}"))
        for i, rid in enumerate(journey.related)
    ]
    result.suppressions = [
        (element, s.rule, s.reason)
        for element, _, s in suppressions(journey)
        if s.reason and s.rule in RULES
    ]
    severities = context.project.severities
    for rule in RULES.values():
        if rule.check is None or (rule.id in severities and severities[rule.id] is None):
            continue
        for problem in rule.check(journey, context):
            line, column = doc.position(problem.pointer)
            result.problems.append(
                LoadProblem(rule.id, line, column, problem.pointer, problem.message)
            )


def check_file(path: str, context: Context) -> JourneyFile:
    """Read and lint one file. Unreadable or undecodable files become findings, not errors, and
    so does a folder that could not be listed (collect_files() gives it in place of its files)."""
    result = JourneyFile(path)
    what = "file"
    try:
        status = Path(path).stat()
        if stat.S_ISDIR(status.st_mode):
            what = "folder"
            os.scandir(path).close()  # raises why it could not be listed
        if not stat.S_ISREG(status.st_mode):
            result.problems.append(
                LoadProblem("yaml-syntax", 1, 1, "", "not a regular file; cannot read it")
            )
            return result
        size = status.st_size
        if size > MAX_FILE_BYTES:
            result.problems.append(_too_big(size))
            return result
        with Path(path).open("rb") as stream:
            # Asking for the size we saw, not for the limit: read(64 MiB) allocates 64 MiB.
            raw = stream.read(size + 1)
            if len(raw) > size:  # it grew since: read on, up to the limit
                raw += stream.read(MAX_FILE_BYTES + 1 - len(raw))
    except OSError as exc:
        result.problems.append(LoadProblem("yaml-syntax", 1, 1, "", _unreadable(path, what, exc)))
        return result
    _check_bytes(raw, result, context)
    return result


def _unreadable(path: str, what: str, exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError) and Path(path).is_symlink():
        return f"the file is a symbolic link to '{Path(path).readlink()}', which does not exist"
    return f"cannot read the {what}: {exc.strerror or exc}"


def _too_big(size: int) -> LoadProblem:
    return LoadProblem(
        "yaml-syntax",
        1,
        1,
        "",
        f"the file is {size // (1024 * 1024)} MiB; journey files are limited to "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MiB",
    )


def _check_bytes(raw: bytes, result: JourneyFile, context: Context) -> None:
    text, problem = decode(raw)
    if problem is not None:
        result.problems.append(problem)
        return
    assert text is not None
    _check_document(load(text), result, context)


Source = str | tuple[str, bytes]  # a file, or (path as shown, content) read from elsewhere


def _check_source(source: Source, context: Context) -> JourneyFile:
    if isinstance(source, str):
        return check_file(source, context)
    path, raw = source
    result = JourneyFile(path)
    if len(raw) > MAX_FILE_BYTES:
        result.problems.append(_too_big(len(raw)))
    else:
        _check_bytes(raw, result, context)
    return result


def _path(source: Source) -> str:
    return source if isinstance(source, str) else source[0]


def _check_chunk(
    sources: Sequence[Source], context: Context, keep_models: bool
) -> list[JourneyFile]:
    gc.disable()  # the loader makes no reference cycles; collecting only costs time here
    results = []
    try:
        for source in sources:
            result = _check_source(source, context)
            if not keep_models:
                result.journey = None  # let it go now: 10,000 models would not fit in memory
            results.append(result)
    finally:
        gc.enable()
    return results


def lint(
    paths: Sequence[Source],
    project: Project,
    today: date | None = None,
    *,
    jobs: int | None = None,
    keep_models: bool = True,
    other_ids: frozenset[str] = frozenset(),
) -> LintResult:
    """Lint journey files (already collected, in path order) with a project's settings. A
    journey that is not a file on disk (a git revision's) is given as (path as shown, content).
    `other_ids`: the ids of journeys that exist beside these files but are not linted now."""
    context = Context(project, today or date.today())
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(paths) >= PARALLEL_MIN_FILES and hasattr(os, "fork"):
        # Interleaved shares balance big and small files.
        shares = [list(paths[i::workers]) for i in range(workers)]
        chunks = _forked(lambda share: _check_chunk(share, context, keep_models), shares)
        by_path = {r.path: r for chunk in chunks for r in chunk}
        files = [by_path[_path(source)] for source in paths]
    else:
        files = _check_chunk(paths, context, keep_models=True)
    return _complete(files, project, keep_models, other_ids)


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
        data = load(text).data if text is not None else None
        if isinstance(data, dict) and isinstance(data.get("id"), str) and _ID_RE.match(data["id"]):
            ids.setdefault(data["id"], path)
    return ids


def _complete(
    files: list[JourneyFile],
    project: Project,
    keep_models: bool,
    other_ids: frozenset[str] = frozenset(),
) -> LintResult:
    """The cross-file rules, then severities and suppressions."""
    _check_portfolio(files, other_ids)
    for file in files:
        _finish(file, project)
        if not keep_models:
            file.journey = None
    return LintResult(files, _check_project(project))


def _forked(
    work: Callable[[list[Source]], list[JourneyFile]], shares: list[list[Source]]
) -> list[list[JourneyFile]]:
    """work(share) for every share: the first in this process, the others in forked children
    that send their results back pickled through a pipe.

    A bare fork and a pipe, not multiprocessing: importing multiprocessing and starting its
    pool costs more than linting a hundred files, and the children need nothing but this.
    """
    import pickle
    import signal

    children: list[tuple[int, int]] = []
    try:
        for share in shares[1:]:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: work, send, and leave without running the parent's cleanup
                os.close(read_end)
                status = 0
                try:
                    payload = pickle.dumps((True, work(share)), pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:  # everything goes back to the parent, even Ctrl-C
                    payload = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
                    status = 1
                try:
                    with os.fdopen(write_end, "wb") as pipe:
                        pipe.write(payload)
                finally:
                    os._exit(status)
            os.close(write_end)
            children.append((pid, read_end))
        results = [work(shares[0])]
        while children:
            pid, read_end = children[0]
            with os.fdopen(read_end, "rb") as pipe:
                payload = pipe.read()
            children.pop(0)
            _, status = os.waitpid(pid, 0)
            if not payload:
                raise RuntimeError(f"a worker process ended without results (status {status})")
            ok, value = pickle.loads(payload)
            if not ok:
                raise RuntimeError(f"a worker process failed: {value}")
            results.append(value)
        return results
    finally:
        for pid, read_end in children:  # left behind by an error: stop and reap them
            os.close(read_end)
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)


def _check_portfolio(files: Sequence[JourneyFile], other_ids: frozenset[str]) -> None:
    """The cross-file rules: duplicate journey ids, related journeys that do not exist (among
    these files or the others, `other_ids`).

    A file with a schema error still declares its id when the id is readable: it counts as
    existing (for `related`) and as the first holder of its id, but gets no finding itself,
    since such a file is not checked further.
    """
    first: dict[str, str] = {}
    for file in files:
        if file.journey_id is None:
            continue
        if file.journey_id in first and file.valid:
            file.problems.append(
                LoadProblem(
                    "duplicate-id",
                    *file.id_position,
                    "/id",
                    f"journey id '{file.journey_id}' is already used in {first[file.journey_id]}",
                )
            )
        first.setdefault(file.journey_id, file.path)
    for file in files:
        for related_id, pointer, (line, column) in file.related:
            if related_id not in first and related_id not in other_ids:
                file.problems.append(
                    LoadProblem(
                        "unknown-journey",
                        line,
                        column,
                        pointer,
                        f"related journey '{related_id}' does not exist",
                    )
                )


def _check_project(project: Project) -> list[Finding]:
    """The rules about the repository: a project schema that jcode.yaml has left behind."""
    rule = RULES["stale-project-schema"]
    severity = project.severities.get(rule.id, rule.severity)
    path = project.root / PROJECT_SCHEMA_PATH
    if severity is None or project.config_path is None or not path.is_file():
        return []
    from jcode.project_schema import staleness  # json: only where there is a schema file

    message = staleness(path, project)
    if message is None:
        return []
    shown = printable(display_path(path))
    return [Finding(shown, 1, 1, rule.id, severity, "", None, message)]


def _finish(file: JourneyFile, project: Project) -> None:
    """Apply configured severities and suppressions; sort by position."""
    severities = project.severities
    shown = printable(file.path)
    for problem in sorted(file.problems, key=lambda p: (p.line, p.column, p.rule, p.message)):
        severity = severities.get(problem.rule, RULES[problem.rule].severity)
        if severity is None:
            continue
        finding = Finding(
            shown,
            problem.line,
            problem.column,
            problem.rule,
            severity,
            printable(problem.pointer),
            file.journey_id,
            printable(problem.message),
            file.elements.get(problem.pointer, problem.pointer.lstrip("/")),
        )
        reason = _suppression(file, problem.rule, problem.pointer)
        if reason is None:
            file.findings.append(finding)
        else:
            file.suppressed.append(SuppressedFinding(finding, reason))
    file.problems = []


def _suppression(file: JourneyFile, rule: str, pointer: str) -> str | None:
    for element, suppressed_rule, reason in file.suppressions:
        if suppressed_rule == rule and (
            not element or pointer == element or pointer.startswith(element + "/")
        ):
            return reason
    return None
