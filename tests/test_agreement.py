"""When the generated fast path refuses what its pydantic model accepts, jcode says so and stops,
for a journey as for jcode.yaml: never carrying on silently, never a bare AssertionError."""

from __future__ import annotations

from pathlib import Path

import pytest

from jcode import ISSUES_URL, __version__
from jcode.config import load_project
from jcode.errors import ExitCode
from jcode.linter import lint
from jcode.spec import runtime
from jcode.spec.agreement import FastPathError

from .helpers import EXAMPLE, TODAY, run

CAUSE = "a bug in jcode.spec.codegen"


def _refuse(data: object) -> object:
    raise runtime._Invalid


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "laptop.yaml").write_text(EXAMPLE, encoding="utf-8")
    (tmp_path / "jcode.yaml").write_text("review_every_days: 30\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_journey_the_fast_path_refuses_and_the_model_accepts_stops_the_run(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runtime, "_parse_Journey", _refuse)
    with pytest.raises(FastPathError) as caught:
        lint(["journeys/laptop.yaml"], load_project(None), TODAY, jobs=1)
    assert str(caught.value) == (
        "journeys/laptop.yaml: jcode.spec.runtime refuses this journey, which the model "
        f"jcode.spec.models.Journey accepts ({CAUSE})"
    )


def test_settings_the_fast_path_refuses_and_the_model_accepts_stop_the_run(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runtime, "_parse_Config", _refuse)
    with pytest.raises(FastPathError) as caught:
        load_project(Path("jcode.yaml"))
    assert str(caught.value) == (
        "jcode.yaml: jcode.spec.runtime refuses these settings, which the model "
        f"jcode.spec.config.Config accepts ({CAUSE})"
    )


def test_the_cause_named_is_a_stale_runtime_when_its_hash_is_not_the_models(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runtime, "_parse_Config", _refuse)
    monkeypatch.setattr(runtime, "SCHEMA_HASH", "0" * 64)
    with pytest.raises(
        FastPathError, match=r"\(it was generated from other models: run `make schema`\)$"
    ):
        load_project(Path("jcode.yaml"))


@pytest.mark.parametrize(
    ("parser", "what"),
    [
        ("_parse_Journey", "journeys/laptop.yaml: jcode.spec.runtime refuses this journey, "
         "which the model jcode.spec.models.Journey accepts"),
        ("_parse_Config", "{config}: jcode.spec.runtime refuses these settings, "
         "which the model jcode.spec.config.Config accepts"),
    ],
)  # fmt: skip
def test_both_are_the_same_internal_error_on_the_command_line(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    parser: str,
    what: str,
) -> None:
    monkeypatch.setattr(runtime, parser, _refuse)
    code, out, err = run(["lint", "--today", "2026-11-22"], capsys)
    assert (code, out) == (ExitCode.INTERNAL, "")
    what = what.format(config=(project / "jcode.yaml").resolve())  # found upward, so absolute
    assert err == (
        f"jcode {__version__}: internal error: FastPathError: {what} ({CAUSE}). Please report it "
        f"at {ISSUES_URL} (run with --debug for the traceback)\n"
    )
