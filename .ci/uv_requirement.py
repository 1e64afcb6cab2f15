"""Print uv's pinned requirement, with every hash uv.lock records for it, for pip's
--require-hashes: the Makefile bootstraps uv from the lock it then installs everything else by.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

LOCK = Path(__file__).parent.parent / "uv.lock"


def main() -> int:
    lock = tomllib.loads(LOCK.read_text(encoding="utf-8"))
    for package in lock["package"]:
        if package["name"] == "uv":
            files = [package.get("sdist", {}), *package.get("wheels", [])]
            hashes = " ".join(f"--hash={f['hash']}" for f in files if "hash" in f)
            print(f"uv=={package['version']} {hashes}")
            return 0
    sys.exit(f"{LOCK} pins no uv: add it to the dev dependency group and run `make lock`")


if __name__ == "__main__":
    raise SystemExit(main())
