"""The `jcode` console script.

Apart from jcode.cli so that the garbage collector can be off while jcode and its libraries are
imported: they allocate hundreds of thousands of objects and none is garbage, yet the collector
would walk them again and again, a few milliseconds of every run. What is imported is then
frozen out of later collections.
"""

from __future__ import annotations

import gc
import signal
from types import FrameType


def run() -> None:
    # `kill` (SIGTERM) unwinds like an error: a build removes its work folder and keeps the
    # previous site. (Without this, Python would die on the spot, leaving both behind.)
    signal.signal(signal.SIGTERM, _terminate)
    gc.disable()
    from jcode.cli import run as run_cli  # imported with the collector off

    gc.freeze()
    gc.enable()
    run_cli()


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)
