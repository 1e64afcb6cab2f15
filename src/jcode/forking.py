"""Work split between processes: a bare fork and a pipe per share."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TypeVar

Share = TypeVar("Share")
Result = TypeVar("Result")


def forked(work: Callable[[Share], Result], shares: list[Share]) -> list[Result]:
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


class Numbers:
    """The numbers 0 to count - 1 for forked() processes to share out by time, not by count:
    each process takes the next one when it is free, so that one slow page or file does not
    keep the others waiting. They are written into a pipe before the fork and read from it
    after; a pipe's reads are serialised, so each number is read whole by one process.

    Past _MOST numbers, each read takes a run of them, so that all fit in the pipe before
    anyone reads (16 KiB, the smallest pipe buffer of the systems that fork)."""

    _MOST = 4096

    def __init__(self, count: int) -> None:
        self.count = count
        self._step = max(1, -(-count // self._MOST))
        self._read, write_end = os.pipe()
        starts = range(0, count, self._step)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(b"".join(start.to_bytes(4, "little") for start in starts))

    def __iter__(self) -> Iterator[int]:
        """The numbers this process takes, until none is left."""
        while True:
            data = os.read(self._read, 4)
            if not data:
                return
            if len(data) < 4:  # a pipe's reads of a few bytes are whole: never seen
                raise RuntimeError("a number was read in part from the pipe")
            start = int.from_bytes(data, "little")
            yield from range(start, min(start + self._step, self.count))

    def close(self) -> None:
        os.close(self._read)

    def __enter__(self) -> Numbers:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
