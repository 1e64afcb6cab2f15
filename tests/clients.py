"""Where the suite finds the real clients and reference files it checks jcode's output with.

Each is installed by .ci/run: Debian's chromium, the npm packages of package.json (under
node_modules/), and ../shared/ beside the checkout. A test that needs one skips, saying what to
install, on a developer's machine without it; under CI=true it fails instead, so a missing
install step can never pass as a green run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
NODE_MODULES = ROOT / "node_modules"
SHARED = ROOT.parent / "shared"


def unavailable(reason: str) -> None:
    """Skip the test, or fail it under CI=true."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI=true, so this test must run", pytrace=False)
    pytest.skip(reason)


def node() -> str:
    exe = shutil.which("node")
    if exe is None:
        unavailable("node is not installed (apt-get install nodejs npm)")
    assert exe is not None
    return exe


def node_module(path: str) -> Path:
    """A file of an npm package of package.json, as `npm ci` installs it."""
    found = NODE_MODULES / path
    if not found.is_file():
        unavailable(f"{found} is missing (npm ci)")
    return found


def shared(path: str) -> Path:
    """A file or folder of ../shared/, beside the checkout."""
    found = SHARED / path
    if not found.exists():
        unavailable(f"{found} is missing: shared/ must be beside the checkout")
    return found
