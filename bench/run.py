"""The benchmark: whole-process times, measured side by side in one run, printed as a table.

    python bench/run.py            # full run (100 to 10,000 journeys; many minutes)
    python bench/run.py --quick    # 100 and 1,000 journeys only
    python bench/run.py --only site  # only the site build (--only lint: only the linter)
    python bench/run.py --only serve # only jcode serve: a save to the page's new text, memory
    python bench/run.py --only setup # only the installs: the CI wait and `make demo`, uv and pip

Every figure is the median of several interleaved runs of a whole command, so that machine
noise hits each side alike; the targets are ratios between numbers measured in this run.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from generate import generate
from serve_times import ServeFigures, serve_figures
from setup_times import ci_wait_action, ci_wait_pip, demo_pip, make_demo

HERE = Path(__file__).parent
OUT = HERE / "out"
BIN = Path(sys.executable).parent
TODAY = "2026-11-22"
BARE_LOAD = (
    "import glob, yaml\n"
    "for f in sorted(glob.glob('journeys/*.yaml')):\n"
    "    with open(f, encoding='utf-8') as s: yaml.load(s, Loader=yaml.CSafeLoader)\n"
)


def corpus(count: int) -> Path:
    folder = OUT / f"c{count}"
    if not (folder / "journeys" / f"journey-{count - 1:05d}.yaml").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        generate(count, folder)
    return folder


def megabytes(corpus: Path) -> float:
    return sum(p.stat().st_size for p in (corpus / "journeys").iterdir()) / 1e6


def timed(argv: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before)


def peak_memory_kib(argv: list[str], cwd: Path) -> int:
    """Peak resident memory of the process and its children, read by GNU time."""
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *argv], cwd=cwd, capture_output=True, text=True, check=False
    )
    return int(result.stderr.strip().splitlines()[-1])


def median_times(commands: dict[str, list[str]], cwd: Path, repeat: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():  # interleaved: noise hits every command alike
            samples[name].append(timed(argv, cwd)[0])
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=["lint", "site", "serve", "setup"])
    parser.add_argument("--edits", type=int, default=20, help="timed edits under jcode serve")
    args = parser.parse_args()
    python = str(BIN / "python")
    # As `pip install` would: byte-compile jcode, so that no run pays for compiling its source
    # (this machine sets PYTHONDONTWRITEBYTECODE, so an editable install never writes them).
    source = str(HERE.parent / "src" / "jcode")
    subprocess.run([python, "-m", "compileall", "-q", source], check=True)
    jcode = [str(BIN / "jcode"), "lint", "--today", TODAY, "--quiet"]
    rows: list[tuple[str, str, str]] = []
    c1000, c100 = corpus(1000), corpus(100)
    if args.only in (None, "lint"):
        rows += lint_rows(args, python, jcode, c100, c1000)
    if args.only in (None, "site", "serve"):
        sizes = (
            [1000] if args.only == "serve" else [100, 1000] if args.quick else [100, 1000, 10_000]
        )
        builds = build_times(python, sizes, args.repeat)
        rows += site_rows(builds)
    if args.only in (None, "serve"):
        serve = serve_figures(c1000, OUT / "serve.log", TODAY, args.edits, untimed=100)
        rows += serve_rows(serve, builds[1000].build)
    if args.only in (None, "setup"):
        rows += setup_rows(args, c100)
    width = max(len(r[0]) for r in rows)
    print(f"| {'measure':<{width}} | time | verdict |\n|{'-' * (width + 2)}|---|---|")
    for name, value, verdict in rows:
        print(f"| {name:<{width}} | {value} | {verdict} |")
    return 0


def lint_rows(
    args: argparse.Namespace, python: str, jcode: list[str], c100: Path, c1000: Path
) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    size = megabytes(c1000)
    t = median_times({"bare": [python, "-c", BARE_LOAD], "lint": jcode}, c1000, args.repeat)
    ratio = t["lint"] / t["bare"]
    rows += [
        (f"bare PyYAML C-loader load, 1,000 journeys ({size:.1f} MB)", f"{t['bare']:.2f} s", ""),
        (
            "jcode lint, 1,000 journeys",
            f"{t['lint']:.2f} s",
            f"{ratio:.2f}x the bare load (target <= 0.60x) {'OK' if ratio <= 0.6 else 'MISSED'}",
        ),
    ]

    checker = shutil.which("check-jsonschema", path=str(BIN))
    if checker:
        schema = str(HERE.parent / "schema" / "journey.schema.json")
        files = sorted(str(p) for p in (c100 / "journeys").iterdir())
        t100 = median_times(
            {"cj": [checker, "--schemafile", schema, *files], "lint": jcode},
            c100,
            args.repeat,
        )
        speedup = t100["cj"] / t100["lint"]
        rows += [
            ("check-jsonschema, schema only, 100 journeys", f"{t100['cj']:.2f} s", ""),
            (
                "jcode lint, 100 journeys",
                f"{t100['lint']:.2f} s",
                f"{speedup:.0f}x faster (target >= 20x) {'OK' if speedup >= 20 else 'MISSED'}",
            ),
        ]
    if not args.quick:
        c10000 = corpus(10_000)
        t10k = median_times({"lint": jcode}, c10000, max(1, args.repeat // 2))
        per_file = (t10k["lint"] / 10_000) / (t["lint"] / 1000)
        peak = peak_memory_kib(jcode, c10000) / 1024
        rows += [
            (
                "jcode lint, 10,000 journeys",
                f"{t10k['lint']:.2f} s",
                f"per-file cost {per_file:.2f}x that at 1,000 (linear: about 1x)",
            ),
            (
                "peak memory, jcode lint of 10,000 journeys",
                f"{peak:.0f} MB",
                f"target < 400 MB {'OK' if peak < 400 else 'MISSED'}",
            ),
        ]
    return rows


class Build(NamedTuple):
    """The median times of `jcode build` and of a bare load of the same journeys, interleaved."""

    megabytes: float
    build: float
    bare: float


def build_times(python: str, sizes: list[int], repeat: int) -> dict[int, Build]:
    """jcode build (lint, pages, mkdocs-material) of each size, beside the bare load."""
    builds = {}
    for count in sizes:
        folder = corpus(count)
        site = [str(BIN / "jcode"), "build", "--today", TODAY, "--quiet", "--out"]
        commands = {
            "build": [*site, str(OUT / "sites" / f"s{count}")],
            "bare": [python, "-c", BARE_LOAD],
        }
        t = median_times(commands, folder, repeat if count <= 1000 else max(1, repeat // 2))
        builds[count] = Build(megabytes(folder), t["build"], t["bare"])
    return builds


def site_rows(builds: dict[int, Build]) -> list[tuple[str, str, str]]:
    """Each build beside its bare load; 1,000 and 10,000 beside the build of a tenth."""
    rows: list[tuple[str, str, str]] = []
    for count, b in builds.items():
        ratio = b.build / b.bare
        verdicts = [f"{ratio:.2f}x the bare load"]
        if count == 1000:
            verdicts[0] += f" (target <= 2x) {'OK' if ratio <= 2 else 'MISSED'}"
            verdicts.append(f"target < 20 s {'OK' if b.build < 20 else 'MISSED'}")
        smaller = count // 10
        if smaller in builds:  # the cost of ten times as many journeys
            growth = b.build / builds[smaller].build
            verdicts.append(
                f"{growth:.1f}x the {smaller:,}-journey build (target <= 12x) "
                f"{'OK' if growth <= 12 else 'MISSED'}"
            )
        rows += [
            (
                f"bare PyYAML C-loader load, {count:,} journeys ({b.megabytes:.1f} MB), "
                "beside the build",
                f"{b.bare:.2f} s",
                "",
            ),
            (f"jcode build, {count:,} journeys", f"{b.build:.2f} s", "; ".join(verdicts)),
        ]
    return rows


def serve_rows(serve: ServeFigures, build: float) -> list[tuple[str, str, str]]:
    """jcode serve beside the full build of the same journeys."""
    median, worst = statistics.median(serve.seconds), max(serve.seconds)
    ratio, growth = median / build, serve.after_kib / serve.first_kib
    edits = len(serve.seconds)
    return [
        (
            f"jcode serve, {serve.journeys:,} journeys: a save to the page's new text "
            f"(HTTP), median of {edits}",
            f"{median:.2f} s",
            f"{ratio:.2f}x the full build (target <= 0.1x) {'OK' if ratio <= 0.1 else 'MISSED'}; "
            f"target < 0.5 s {'OK' if median < 0.5 else 'MISSED'}",
        ),
        (
            f"the same, the worst of {edits}",
            f"{worst:.2f} s",
            f"{worst / build:.2f}x the full build",
        ),
        (
            f"peak memory of jcode serve, {serve.journeys:,} journeys, after the first build",
            f"{serve.first_kib / 1024:.0f} MB",
            "",
        ),
        (
            f"the same, after {serve.untimed_edits} edits",
            f"{serve.after_kib / 1024:.0f} MB",
            f"{growth:.2f}x that after the first build (target <= 1.2x) "
            f"{'OK' if growth <= 1.2 else 'MISSED'}",
        ),
    ]


def setup_rows(args: argparse.Namespace, c100: Path) -> list[tuple[str, str, str]]:
    """The installs, uv from the lock against plain pip, interleaved; download caches warm."""
    cache = OUT / "action-cache"  # what actions/cache restores on a runner
    ci_wait_action(c100, cache)  # fills it, as the first run of a workflow does
    samples: dict[str, list[float]] = {"action": [], "pip": [], "demo": [], "demo-pip": []}
    for _ in range(args.repeat):
        samples["action"].append(ci_wait_action(c100, cache))
        samples["pip"].append(ci_wait_pip(c100))
        with tempfile.TemporaryDirectory() as tmp:
            samples["demo"].append(make_demo(Path(tmp)))
        with tempfile.TemporaryDirectory() as tmp:
            samples["demo-pip"].append(demo_pip(Path(tmp)))
    t = {name: statistics.median(values) for name, values in samples.items()}
    return [
        (
            "CI wait: new venv, the action's install (uv, locked), lint 100 journeys",
            f"{t['action']:.1f} s",
            f"target <= 6 s {'OK' if t['action'] <= 6 else 'MISSED'}",
        ),
        ("CI wait: the same with pip install of the checkout", f"{t['pip']:.1f} s", ""),
        (
            "make demo on a fresh clone (uv, locked)",
            f"{t['demo']:.1f} s",
            f"target <= 12 s {'OK' if t['demo'] <= 12 else 'MISSED'}",
        ),
        ("the same work with python -m venv and pip install -e .", f"{t['demo-pip']:.1f} s", ""),
    ]


if __name__ == "__main__":
    raise SystemExit(main())
