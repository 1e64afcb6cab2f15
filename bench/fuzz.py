"""The long fuzz run: the suite's mutation fuzzing and property-based tests, for minutes.

    python bench/fuzz.py                       # 5 minutes, a seed from the clock
    python bench/fuzz.py --minutes 30 --seed 7  # the same seed replays the same run

Rounds alternate until the time is up: the example journeys damaged at random and checked
(tests/fuzzing.py: no crash, no hang, damage reported at a line inside the file, schema, model
and fast path agreeing), then every hypothesis test of tests/test_properties.py and
tests/test_site_incremental.py (the served site against clean builds) with a new seed and many
examples. A damaged file that fails a check is saved under bench/out/fuzz/ to become a
case under tests/cases; a failing property prints hypothesis's smallest example. Exit 1 when
anything failed.
"""

from __future__ import annotations

import argparse
import inspect
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from random import Random
from typing import Any

from hypothesis import HealthCheck, seed, settings

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the tests package: its strategies, edits and checks

from tests import test_properties, test_site_incremental  # noqa: E402
from tests.fuzzing import TIME_LIMIT, check, example_projects, mutate_text  # noqa: E402

OUT = HERE / "out" / "fuzz"
EDITS_PER_ROUND = 2000
EXAMPLES_PER_PROPERTY = 150
settings.register_profile(
    "fuzz",
    max_examples=EXAMPLES_PER_PROPERTY,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class Run:
    def __init__(self, run_seed: int) -> None:
        self.seed = run_seed
        self.documents = 0
        self.examples = 0
        self.failures: Counter[str] = Counter()
        self.reports: list[str] = []
        self.slowest = (0.0, "")
        self.examples_by_file = [(p, path) for p, paths in example_projects() for path in paths]

    def mutation_round(self, round_number: int) -> None:
        rng = Random(f"{self.seed}:{round_number}")
        for attempt in range(EDITS_PER_ROUND):
            project, path = rng.choice(self.examples_by_file)
            raw, edits = mutate_text(path.read_bytes(), rng)
            problems, elapsed = check(path.name, raw, project)
            self.documents += 1
            where = f"round {round_number}, edit {attempt}: {path.name} ({', '.join(edits)})"
            if elapsed > self.slowest[0]:
                self.slowest = (elapsed, where)
            if problems:
                OUT.mkdir(parents=True, exist_ok=True)
                saved = OUT / f"{self.seed}-{round_number}-{attempt}-{path.name}"
                saved.write_bytes(raw)
                for problem in problems:
                    self.failures[problem.split(":")[0]] += 1
                    self.reports.append(f"{where}, saved as {saved}:\n  {problem}")

    def property_round(self, round_number: int, root: Path) -> None:
        for name, test in _properties():
            arguments = {"root": root} if "root" in inspect.signature(test).parameters else {}
            try:
                seed(self.seed * 1000 + round_number)(test)(**arguments)
            except Exception as exc:
                self.failures[name] += 1
                self.reports.append(
                    f"round {round_number}, {name}:\n" + "".join(traceback.format_exception(exc))
                )
            else:
                self.examples += EXAMPLES_PER_PROPERTY


def _properties() -> list[tuple[str, Callable[..., Any]]]:
    return [
        (name, test)
        for module in (test_properties, test_site_incremental)
        for name, test in vars(module).items()
        if name.startswith("test_") and hasattr(test, "hypothesis")
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    settings.load_profile("fuzz")
    run = Run(args.seed)
    start = time.monotonic()
    deadline = start + args.minutes * 60
    round_number = 0
    with tempfile.TemporaryDirectory() as root:
        while time.monotonic() < deadline:
            run.mutation_round(round_number)
            if time.monotonic() < deadline:
                run.property_round(round_number, Path(root))
            round_number += 1
            minutes = (time.monotonic() - start) / 60
            print(
                f"{minutes:5.1f} min: {run.documents} damaged documents, {run.examples} "
                f"generated examples, {sum(run.failures.values())} failures",
                flush=True,
            )
    minutes = (time.monotonic() - start) / 60
    print(f"\nseed {run.seed}, {round_number} rounds in {minutes:.1f} minutes")
    print(f"damaged example journeys checked: {run.documents}")
    print(f"generated examples ({len(_properties())} properties): {run.examples}")
    slowest, where = run.slowest
    print(f"slowest document: {slowest * 1000:.0f} ms (limit {TIME_LIMIT:.0f} s), {where}")
    print(f"failures: {sum(run.failures.values())}")
    for kind, count in run.failures.most_common():
        print(f"  {count} x {kind}")
    for report in run.reports[:20]:
        print("\n" + report)
    return 1 if run.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
