"""Lint the same journey files again and again, as `jcode serve` does after every save.

A file whose bytes did not change keeps what the per-file rules found in it the last time; the
portfolio rules (ids across files) and the project rules run again over everything, so every
run returns what lint() would return for the same files at that moment.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from datetime import date
from time import time_ns
from typing import Final

from jcode.findings import Problem, RuleId
from jcode.linter import Checked, JourneyFile, Linter, LintResult, Source, read_file, source_path
from jcode.record import Record
from jcode.spec import Project

# A file's stat says "unchanged" only once its last change is this much older than the run: two
# writes within one tick of the file system's clock (milliseconds on Linux, two seconds on FAT)
# can leave the same size and times, so a file changed more recently is read and compared again
# (git's "racily clean" entries).
SETTLED_NS: Final = 2_000_000_000

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
Found = list[tuple[RuleId, Problem]]


class Changes(Record):
    """What a Relinter's last run did, by path as given.

    `rechecked`: the files it parsed and checked again (new, with other bytes than the last
    time, or unreadable); every other file kept its per-file results. `added`: the files the
    previous run did not have; `changed`: the others whose JourneyFile (id, model, findings,
    suppressed findings) differs from the previous run's; `removed`: the previous run's files
    this run was not given. All in their run's path order; the first run adds every file.
    """

    __slots__ = ("added", "changed", "rechecked", "removed")

    def __init__(
        self,
        added: Sequence[str] = (),
        changed: Sequence[str] = (),
        removed: Sequence[str] = (),
        rechecked: Sequence[str] = (),
    ) -> None:
        self.added: Final = tuple(added)
        self.changed: Final = tuple(changed)
        self.removed: Final = tuple(removed)
        self.rechecked: Final = tuple(rechecked)


class _Cached:
    """A file as the last run left it."""

    __slots__ = ("checked", "content", "file", "found", "stamp")

    def __init__(self, stamp: Stamp | None, content: bytes | None, checked: Checked) -> None:
        self.stamp = stamp  # None: not to be trusted, the bytes are compared
        self.content = content  # None: it could not be read, so it is checked every run
        self.checked: Final = checked  # the per-file rules' results, never the portfolio's
        self.found: Found | None = None  # the portfolio rules' problems that `file` was made with
        self.file: JourneyFile | None = None


class Relinter:
    """lint() again and again over the journey files of one project on one day, keeping each
    file's per-file results while its bytes stay the same. `changes` tells what the last run
    did. A new project or a new day needs a new Relinter."""

    def __init__(self, project: Project, today: date, *, jobs: int | None = None) -> None:
        self._linter = Linter(project, today)
        self._jobs = jobs
        self._cache: dict[str, _Cached] = {}
        self.changes = Changes()

    def lint(self, sources: Sequence[Source]) -> LintResult:
        """What lint(sources, project, today, keep_models=True) returns now, checking again
        only the files whose bytes changed (in parallel when there are many of them)."""
        previous = self._cache
        cache, again = self._kept(sources)
        changed_sources = [source for source, _, _ in again]
        checked = self._linter.check(changed_sources, self._jobs, keep_models=True)
        for (_, stamp, content), file_checked in zip(again, checked, strict=True):
            cache[file_checked.path] = _Cached(stamp, content, file_checked)
        ordered = [cache[source_path(source)] for source in sources]
        before = {path: cached.file for path, cached in previous.items()}
        found = self._linter.portfolio([cached.checked for cached in ordered], frozenset())
        files = []
        for cached, problems in zip(ordered, found, strict=True):
            if cached.file is None or cached.found != problems:
                cached.file = self._linter.finish(cached.checked, problems)
                cached.found = problems
            files.append(cached.file)
        self._cache = {cached.checked.path: cached for cached in ordered}
        self.changes = Changes(
            [file.path for file in files if file.path not in before],
            [file.path for file in files if _differs(before.get(file.path, file), file)],
            [path for path in previous if path not in self._cache],
            [file_checked.path for file_checked in checked],
        )
        return LintResult(files, self._linter.project_findings())

    def _kept(
        self, sources: Sequence[Source]
    ) -> tuple[dict[str, _Cached], list[tuple[Source, Stamp | None, bytes | None]]]:
        """The files whose bytes are the last run's, by path; and the others, to be checked
        again with their stamp and bytes: as read here, or as given when they cannot be read
        (checking reads them again and says why)."""
        now = time_ns()
        kept: dict[str, _Cached] = {}
        again: list[tuple[Source, Stamp | None, bytes | None]] = []
        for source in sources:
            path = source_path(source)
            old = self._cache.get(path)
            if isinstance(source, str):
                stamp = _stamp(path, now)
                if old is not None and stamp is not None and stamp == old.stamp:
                    kept[path] = old
                    continue
                content = read_file(path)
            else:
                stamp, content = None, source[1]
            if not isinstance(content, bytes):
                again.append((source, None, None))
            elif old is not None and content == old.content:
                old.stamp = stamp  # touched, not changed
                kept[path] = old
            else:
                again.append(((path, content), stamp, content))
        return kept, again


def _differs(before: JourneyFile | None, now: JourneyFile) -> bool:
    # A file kept from the last run is the very same object: no need to compare its model.
    return before is not now and before != now


def _stamp(path: str, now: int) -> Stamp | None:
    """What the file's stat says about its content, if it is a regular file changed long
    enough before `now` for its stat to be trusted."""
    try:
        status = os.stat(path)  # noqa: PTH116 - a Path per file would cost more than the stat
    except OSError:
        return None  # read_file says why
    if not stat.S_ISREG(status.st_mode):
        return None
    if now - max(status.st_mtime_ns, status.st_ctime_ns) < SETTLED_NS:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
