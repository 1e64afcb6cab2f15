"""Properties of `jcode lint` over generated valid projects (tests/strategies.py): it never raises,
it says the same thing every time, and a journey survives a trip through YAML. And the
differential test: on every generated document, and on each one damaged by a few edits, the
published JSON Schema, the pydantic model and the fast path agree on valid versus invalid.

The suite runs them with a fixed seed and few examples (the "suite" profile in conftest.py);
bench/fuzz.py runs the same tests for minutes with random seeds.
"""

from __future__ import annotations

from pathlib import Path
from random import Random
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from jcode import linter
from jcode.config import parse_config
from jcode.findings import Finding
from jcode.linter import LintResult, lint
from jcode.loader import Document, load
from jcode.spec import Project, parse_journey
from jcode.spec import parse_config as parse_config_data
from jcode.spec.config import Config
from jcode.spec.models import Journey

from .fuzzing import disagreement, mutate_data
from .helpers import TODAY
from .strategies import configs, journeys, projects
from .test_runtime import plain

CROSS_FILE_RULES = {"duplicate-id", "unknown-journey"}
Sources = list[tuple[str, bytes]]


def dump(data: Any) -> str:
    text: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return text


def write_project(
    root: Path, config: dict[str, Any], journeys: list[Any]
) -> tuple[Project, Sources]:
    """The project jcode.yaml describes, read as jcode reads it, and the journey files' content.
    `root` holds no files: the project-level rule has nothing to look at."""
    project = parse_config(dump(config), root / "jcode.yaml")
    sources = [(f"journeys/{i:02d}.yaml", dump(j).encode()) for i, j in enumerate(journeys)]
    return project, sources


def outcome(result: LintResult) -> tuple[list[Finding], list[Any]]:
    return result.findings, [(s.finding, s.reason) for s in result.suppressed]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("project")


@given(projects())
def test_lint_never_raises_and_always_says_the_same(
    root: Path, project_data: tuple[dict[str, Any], list[Any]]
) -> None:
    project, sources = write_project(root, *project_data)
    first = lint(sources, project, TODAY, jobs=1)
    assert all(file.valid for file in first.files), first.findings  # all generated are valid
    assert outcome(lint(sources, project, TODAY, jobs=1)) == outcome(first)
    # Two processes: lint forks only from PARALLEL_MIN_FILES files on, so lower the bar.
    with mock.patch.object(linter, "PARALLEL_MIN_FILES", 2):
        assert outcome(lint(sources, project, TODAY, jobs=2)) == outcome(first)


@given(projects())
def test_one_by_one_or_together_the_same_findings(
    root: Path, project_data: tuple[dict[str, Any], list[Any]]
) -> None:
    """Except the cross-file rules, which need the other files."""
    project, sources = write_project(root, *project_data)
    together = lint(sources, project, TODAY, jobs=1).findings
    alone = [f for source in sources for f in lint([source], project, TODAY, jobs=1).findings]
    assert [f for f in alone if f.rule not in CROSS_FILE_RULES] == [
        f for f in together if f.rule not in CROSS_FILE_RULES
    ]


YAML_STYLES = st.fixed_dictionaries(
    {"allow_unicode": st.booleans(), "default_flow_style": st.sampled_from([False, True, None])}
)


def read_back(written: Any, style: Any) -> Document | None:
    """The document jcode reads from what yaml.safe_dump writes, which is what PyYAML reads
    from it. None where PyYAML's emitter loses the data itself: with allow_unicode it writes
    U+0085 (NEL, a YAML line break) raw inside single quotes, where it folds into a space.
    Only a field without a text pattern (a suppression's `rule`) may hold it."""
    text = yaml.safe_dump(written, sort_keys=False, **style)
    doc = load(text)
    assert doc.problems == []
    assert doc.data == yaml.load(text, Loader=yaml.CSafeLoader)
    if "\x85" in text:
        return None
    return doc


@given(journeys(), YAML_STYLES)
def test_a_journey_survives_a_trip_through_yaml(data: dict[str, Any], style: Any) -> None:
    """Written as a user would (only some fields) and in full (model_dump), in several YAML
    styles: jcode's loader reads back the same model, and the fast path builds the same one."""
    expected = Journey.model_validate(data).model_dump()
    for written in (data, expected):
        doc = read_back(written, style)
        if doc is None:
            continue
        assert Journey.model_validate(doc.data).model_dump() == expected
        assert repr(plain(parse_journey(doc.data))) == repr(expected)  # 3 is not 3.0


@given(configs(), YAML_STYLES)
def test_settings_survive_a_trip_through_yaml(data: dict[str, Any], style: Any) -> None:
    expected = Config.model_validate(data).model_dump()
    for written in (data, expected):
        doc = read_back(written, style)
        if doc is None:
            continue
        assert Config.model_validate(doc.data).model_dump() == expected
        assert repr(plain(parse_config_data(doc.data))) == repr(expected)


def _agree_as_edited(data: Any, kind: str, rng: Random, edits: int) -> None:
    assert disagreement(data, kind) is None, data
    for _ in range(edits):
        data, edit = mutate_data(data, rng)
        problem = disagreement(data, kind)
        assert problem is None, f"{problem} after {edit}: {data!r}"


@given(journeys(), st.randoms(use_true_random=False), st.integers(1, 4))
def test_schema_model_and_fast_path_agree_on_journeys(
    data: dict[str, Any], rng: Random, edits: int
) -> None:
    _agree_as_edited(data, "journey", rng, edits)


@given(configs(), st.randoms(use_true_random=False), st.integers(1, 4))
def test_schema_model_and_fast_path_agree_on_settings(
    data: dict[str, Any], rng: Random, edits: int
) -> None:
    _agree_as_edited(data, "config", rng, edits)
