"""Mutation fuzzing: the example journeys, damaged at random (tests/fuzzing.py), are linted
without a crash or a hang, their damage is reported at a line inside the file, and the JSON
Schema, the model and the fast path agree on what is left of them.

A fixed seed and a few hundred edits here; `python bench/fuzz.py --minutes N` runs for longer.
A failure prints the edits that caused it: save the damaged file as a case under tests/cases.
"""

from __future__ import annotations

from pathlib import Path
from random import Random

import pytest

from jcode.spec import Project

from .fuzzing import check, example_projects, mutate_text
from .helpers import ROOT

SEED = 20261122
EDITS_PER_FILE = 25
EXAMPLES = [(project, path) for project, paths in example_projects() for path in paths]


@pytest.mark.parametrize(
    ("project", "path"), EXAMPLES, ids=[str(p.relative_to(ROOT)) for _, p in EXAMPLES]
)
def test_damaged_examples_are_reported_inside_the_file(
    project: Project, path: Path, tmp_path: Path
) -> None:
    rng = Random(f"{SEED}:{path.name}")
    original = path.read_bytes()
    failures = []
    for attempt in range(EDITS_PER_FILE):
        raw, edits = mutate_text(original, rng)
        problems, _ = check(path.name, raw, project)
        if problems:
            saved = tmp_path / f"{attempt}-{path.name}"
            saved.write_bytes(raw)
            failures += [f"{saved} ({', '.join(edits)}): {problem}" for problem in problems]
    assert failures == []
