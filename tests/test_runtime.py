"""jcode.spec.runtime, the generated fast path, is up to date and accepts exactly what the
pydantic models accept, building the same values: on every fixture, and on the corner cases
where JSON Schema and pydantic part ways."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from jcode.loader import decode, load
from jcode.record import Record
from jcode.spec import codegen, models, parse_config, parse_journey
from jcode.spec import config as config_model
from jcode.spec.generator import Generator

ROOT = Path(__file__).parent.parent
FIXTURES = sorted(
    p
    for folder in (ROOT / "journeys", ROOT / "tests", ROOT / "examples")
    if folder.is_dir()
    for p in folder.rglob("*.y*ml")
)


def test_runtime_is_generated_from_the_current_models() -> None:
    assert codegen.RUNTIME.read_text(encoding="utf-8") == codegen.render(), (
        "src/jcode/spec/runtime.py is stale: run `make schema`"
    )


def plain(value: Any) -> Any:
    """A runtime object as the data model_dump() gives: records as dicts, tuples as lists."""
    if isinstance(value, Record):
        return {name: plain(getattr(value, name)) for name in value.__slots__}
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def agree(data: object, model: type[BaseModel], fast: Any) -> None:
    built = fast(data)
    try:
        expected = model.model_validate(data)
    except ValidationError:
        assert built is None, f"the fast path accepts what {model.__name__} refuses: {data!r}"
        return
    assert built is not None, f"the fast path refuses what {model.__name__} accepts: {data!r}"
    dumped = expected.model_dump()
    assert plain(built) == dumped
    # Same types too: 3 and 3.0 are equal, but a KPI's figures are floats.
    assert repr(plain(built)) == repr(dumped)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_verdict_and_values_as_the_models(path: Path) -> None:
    text, _ = decode(path.read_bytes())
    doc = load(text or "")
    if not doc.readable:
        return
    if path.name == "jcode.yaml":
        agree({} if doc.data is None else doc.data, config_model.Config, parse_config)
    else:
        agree(doc.data, models.Journey, parse_journey)


STAGE = {"id": "s", "name": "Stage", "phase": "purchase"}


def journey(**fields: Any) -> dict[str, Any]:
    return {"id": "j", "title": "Journey", "stages": [STAGE], **fields}


def stage(**fields: Any) -> dict[str, Any]:
    return journey(stages=[{**STAGE, **fields}])


def kpi(**fields: Any) -> dict[str, Any]:
    return stage(kpis=[{"id": "k", "name": "KPI", **fields}])


CORNERS = {
    "minimal": journey(),
    "not a mapping": ["id"],
    "null": None,
    "no stages": journey(stages=[]),
    "unknown field": journey(colour="red"),
    "number as key": {**journey(), 1: "x"},  # type: ignore[misc]
    "id with a trailing newline": journey(id="j\n"),
    "id too long": journey(id="a" * 65),
    "id of 64": journey(id="a" * 64),
    "empty title": journey(title=""),
    "title with a bidi override": journey(title="a\u202eb"),
    "title with a tab": journey(title="a\tb"),
    "boolean as title": journey(title=True),
    "status null": journey(status=None),
    "status unknown": journey(status="done"),
    "date": journey(reviewed=date(2026, 1, 2)),
    "date as text": journey(reviewed="2026-01-02"),
    "date as bad text": journey(reviewed="2026-02-30"),
    "date compact": journey(reviewed="20260102"),
    "date with time": journey(reviewed=datetime(2026, 1, 2, 3, 4)),
    "date as number": journey(reviewed=1700000000),
    "tags not a list": journey(tags="a"),
    "tags with null": journey(tags=["a", None]),
    "emotion 1.0": stage(emotion=1.0),
    "emotion 1.5": stage(emotion=1.5),
    "emotion true": stage(emotion=True),
    "emotion 3": stage(emotion=3),
    "emotion -2": stage(emotion=-2),
    "baseline int": kpi(baseline=3),
    "baseline bool": kpi(baseline=False),
    "baseline nan": kpi(baseline=math.nan),
    "baseline inf": kpi(target=math.inf),
    "baseline text": kpi(baseline="3"),
    "baseline beyond the largest float": kpi(baseline=10**400),
    "direction": kpi(direction="increase"),
    "direction null": kpi(direction=None),
    "owner null": stage(owner=None),
    "emotion null": stage(emotion=None),
    "reviewed null": journey(reviewed=None),
    "direction bad": kpi(direction="up"),
    "touchpoint defaults": stage(touchpoints=[{"id": "t", "name": "T", "channel": "web"}]),
    "feedback 1": stage(touchpoints=[{"id": "t", "name": "T", "channel": "web", "feedback": 1}]),
    "suppression": journey(suppress=[{"rule": "x", "reason": "y"}]),
    "suppression rule too long": journey(suppress=[{"rule": "x" * 101}]),
    "share 100": stage(exits=[{"text": "Leaves", "share": 100}]),
    "share 100.5": stage(exits=[{"text": "Leaves", "share": 100.5}]),
    "share -1": stage(exits=[{"text": "Leaves", "share": -1}]),
    "share 12.5": stage(exits=[{"text": "Leaves", "share": 12.5}]),
    "pain point as text": stage(pain_points=["Slow"]),
    "pain point as object": stage(pain_points=[{"text": "Slow", "addressed_by": ["o"]}]),
    "pain point as object without text": stage(pain_points=[{"addressed_by": ["o"]}]),
    "pain point as number": stage(pain_points=[3]),
    "opportunity as object": stage(opportunities=[{"id": "o", "text": "Faster", "owner": "ux"}]),
    "opportunity without id": stage(opportunities=[{"text": "Faster"}]),
    "scope": journey(scope=["pre-purchase", "purchase"]),
    "scope empty": journey(scope=[]),
    "scope unknown moment": journey(scope=["during"]),
    "moments": journey(moments={"purchase": "Enrolling"}),
    "moments unknown key": journey(moments={"during": "Enrolling"}),
    "step": stage(steps=[{"text": "Calls", "actor": "ux", "emotion": -1, "key_moment": "Why"}]),
    "step emotion 3": stage(steps=[{"text": "Calls", "emotion": 3}]),
    "backstage": stage(backstage=[{"text": "A job runs", "owner": "ux", "touchpoint": "t"}]),
}


@pytest.mark.parametrize("data", CORNERS.values(), ids=CORNERS.keys())
def test_corner_cases_agree(data: object) -> None:
    agree(data, models.Journey, parse_journey)


CONFIG_CORNERS = {
    "empty": {},
    "phase model": {"phases": "four-stage"},
    "custom phases": {"phases": [{"id": "a", "name": "A", "moment": "purchase"}]},
    "phases as number": {"phases": 4},
    "channel": {"channels": {"kiosk": {"name": "Kiosk", "mode": "offline", "assisted": True}}},
    "channel with a bad id": {"channels": {"Kiosk": {}}},
    "owner": {"owners": {"ux": {"name": "UX team"}}},
    "review 30.0": {"review_every_days": 30.0},
    "review 0": {"review_every_days": 0},
    "rule off as false": {"rules": {"stage-without-kpi": False}},
    "rule on as true": {"rules": {"stage-without-kpi": True}},
    "rule off as 0": {"rules": {"stage-without-kpi": 0}},
    "rule off as 0.0": {"rules": {"stage-without-kpi": 0.0}},
    "rule warning": {"rules": {"stage-without-kpi": "warning"}},
    "site": {"site": {"title": "Maps", "language": "it", "repo_url": "https://x.org/r"}},
    "site url": {"site": {"repo_url": "ftp://x.org"}},
    "unknown": {"colour": 1},
    "moments": {"moments": {"pre-purchase": "Before enrolling"}},
    "moments unknown key": {"moments": {"before": "Before enrolling"}},
    "channel managed by third parties": {
        "channels": {"forum": {"mode": "online", "managed_by": "third-party"}}
    },
}


@pytest.mark.parametrize("data", CONFIG_CORNERS.values(), ids=CONFIG_CORNERS.keys())
def test_config_corner_cases_agree(data: object) -> None:
    agree(data, config_model.Config, parse_config)


def test_linting_a_valid_journey_does_not_import_pydantic(tmp_path: Path) -> None:
    """The point of the fast path: pydantic's import costs more than linting 100 files."""
    (tmp_path / "ok.yaml").write_text(
        "id: ok\ntitle: OK\nstages:\n  - {id: s, name: S, phase: purchase}\n", encoding="utf-8"
    )
    probe = (
        "import sys; from jcode.cli import main\n"
        "sys.argv = ['jcode', 'lint', '--today', '2026-11-22', 'ok.yaml']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('pydantic', 'jsonschema', 'multiprocessing')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines()[-1] == "[]"


def test_codegen_check_says_which_generated_files_are_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert codegen.main(["--check"]) == 0
    assert capsys.readouterr().out == ""
    checkout = tmp_path / "jcode"
    (checkout / "src" / "jcode" / "spec").mkdir(parents=True)
    (checkout / "pyproject.toml").write_text("", encoding="utf-8")
    shutil.copytree(ROOT / "schema", checkout / "schema")
    shutil.copy(codegen.RUNTIME, checkout / "src" / "jcode" / "spec" / "runtime.py")
    config = checkout / "schema" / "config.schema.json"
    config.write_text("{}\n", encoding="utf-8")
    assert codegen.main(["--check"], checkout) == 1
    assert capsys.readouterr().out == "stale: schema/config.schema.json (run `make schema`)\n"
    assert config.read_text(encoding="utf-8") == "{}\n"  # --check writes nothing
    assert codegen.main([], checkout) == 0
    assert capsys.readouterr().out == "wrote schema/config.schema.json\n"
    assert config.read_bytes() == (ROOT / "schema" / "config.schema.json").read_bytes()
    assert codegen.main(["--check"], checkout) == 0


def test_runtime_records_the_hash_of_the_models_it_came_from() -> None:
    from jcode.spec import runtime

    assert codegen.schema_hash() == runtime.SCHEMA_HASH
    assert codegen.recorded_hash(codegen.RUNTIME.read_text(encoding="utf-8")) == (
        runtime.SCHEMA_HASH
    )


def _definitions(text: str) -> dict[str, str]:
    """The generated checks and patterns of a runtime.py, by name: each one's whole text."""
    blocks = re.split(r"\n\n\n(?=\S)", text)
    return {m.group(1): b for b in blocks if (m := re.match(r"(?:def )?(_check\w+|_RE\w+)", b))}


def test_a_new_field_adds_its_checks_and_renames_none() -> None:
    """One field more in a model: its checks are added, every other one keeps its name and
    its text, so the generated diff is the field's alone."""
    from jcode.schema import exact_schema
    from jcode.spec.config import Config
    from jcode.spec.models import Journey

    roots = {"Journey": exact_schema(Journey), "Config": exact_schema(Config)}
    before = _definitions(Generator(roots).render())
    stage = roots["Journey"]["$defs"]["Stage"]
    # First among the stage's fields, with a pattern and a choice of null: the most it can move.
    stage["properties"] = {"mood": stage["properties"]["goal"], **stage["properties"]}
    after = _definitions(Generator(roots).render())
    assert {name: after.get(name) for name in before} == before
    assert sorted(after.keys() - before.keys()) == ["_RE_Stage_mood", "_check_Stage_mood"]


def test_codegen_check_says_when_runtime_comes_from_other_models(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checkout = tmp_path / "jcode"
    (checkout / "src" / "jcode" / "spec").mkdir(parents=True)
    (checkout / "pyproject.toml").write_text("", encoding="utf-8")
    shutil.copytree(ROOT / "schema", checkout / "schema")
    runtime = checkout / "src" / "jcode" / "spec" / "runtime.py"
    current = codegen.RUNTIME.read_text(encoding="utf-8")
    recorded = codegen.recorded_hash(current)
    assert recorded is not None
    runtime.write_text(current.replace(recorded, "0" * 64), encoding="utf-8")
    assert codegen.main(["--check"], checkout) == 1
    assert capsys.readouterr().out == (
        "stale: src/jcode/spec/runtime.py (generated from other models; run `make schema`)\n"
    )
    runtime.write_text(current + "# edited\n", encoding="utf-8")  # the hash is the models'
    assert codegen.main(["--check"], checkout) == 1
    assert capsys.readouterr().out == "stale: src/jcode/spec/runtime.py (run `make schema`)\n"
