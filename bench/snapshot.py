"""Every output jcode writes for the gallery, the examples and a benchmark corpus, into one
folder, so that two versions of jcode can be compared byte for byte:

    .venv/bin/python bench/snapshot.py bench/out/snapshot-before   # on the old commit
    .venv/bin/python bench/snapshot.py bench/out/snapshot-after    # on the new one
    diff -r bench/out/snapshot-before bench/out/snapshot-after

Lint in every format (and --fail-on info), export in every format and subject, diff between
projects in every format, and the built site of each project. Each command runs from the
project's folder, with a fixed --today; the site is built in a folder of the run's own, then
copied, so that a path of the run that leaked into the site would show in the comparison.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generate import generate

ROOT = Path(__file__).parent.parent
JCODE = str(Path(sys.executable).parent / "jcode")
TODAY = ["--today", "2026-11-22"]
LINT_FORMATS = ["text", "json", "sarif", "github", "junit"]
EXPORTS = [("json", "journeys"), ("csv", "touchpoints"), ("csv", "kpis"), ("csv", "journeys")]
DIFF_FORMATS = ["text", "markdown", "json"]


def projects(corpus: Path) -> dict[str, Path]:
    found = {"gallery": ROOT}
    found |= {f"example-{p.name}": p for p in sorted((ROOT / "examples").iterdir())}
    found["corpus"] = corpus
    return found


def run(argv: list[str], cwd: Path, out: Path) -> None:
    done = subprocess.run(argv, cwd=cwd, capture_output=True, check=False)
    out.parent.mkdir(parents=True, exist_ok=True)
    end = f"\n--- exit {done.returncode}\n".encode()
    out.write_bytes(done.stdout + b"\n--- stderr ---\n" + done.stderr + end)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    folder: Path = parser.parse_args().folder.resolve()
    shutil.rmtree(folder, ignore_errors=True)
    site = Path(tempfile.mkdtemp(prefix="jcode-snapshot-")) / "site"
    corpus = Path(__file__).parent / "out" / "snapshot-corpus"
    if not corpus.is_dir():
        generate(100, corpus)
    named = projects(corpus)
    for name, project in named.items():
        here = folder / name
        for fmt in LINT_FORMATS:
            run([JCODE, "lint", *TODAY, "--format", fmt], project, here / f"lint.{fmt}")
        run([JCODE, "lint", *TODAY, "--fail-on", "info"], project, here / "lint-fail-on-info")
        for fmt, what in EXPORTS:
            run([JCODE, "export", *TODAY, "--format", fmt, "--what", what], project,
                here / f"export-{what}.{fmt}")  # fmt: skip
        shutil.rmtree(site, ignore_errors=True)
        run([JCODE, "build", *TODAY, "--quiet", "--out", str(site)], project, here / "build")
        if site.is_dir():
            shutil.copytree(site, here / "site")
    pairs = [("gallery", "example-four-stage"), ("example-four-stage", "example-five-stage")]
    for base, head in pairs:
        for fmt in DIFF_FORMATS:
            sides = [os.path.relpath(named[base], ROOT), os.path.relpath(named[head], ROOT)]
            run([JCODE, "diff", *sides, *TODAY, "--format", fmt],  # relative: no checkout path
                ROOT, folder / "diff" / f"{base}..{head}.{fmt}")  # fmt: skip
    shutil.rmtree(site.parent, ignore_errors=True)
    print(f"wrote {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
