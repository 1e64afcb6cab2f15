"""The journey gallery (journeys/) and the example repos (examples/*): each lints with no finding
at warning level or above with its own jcode.yaml, and builds a page per journey; together the
gallery's journeys show every field of the format."""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from jcode.cli import main
from jcode.config import load_project

from .helpers import TODAY, lint_paths, render

ROOT = Path(__file__).parent.parent
SCHEMAS = ROOT / "schema"
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())
PROJECTS = [ROOT, *EXAMPLES]  # each has its jcode.yaml and journeys/
MODELINE = "# yaml-language-server: $schema="


def _name(project: Path) -> str:
    """journeys for the gallery, examples/NAME for an example."""
    return "journeys" if project == ROOT else project.relative_to(ROOT).as_posix()


def _journey_files(project: Path) -> list[Path]:
    return sorted((project / "journeys").glob("*.yaml"))


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_every_example_is_a_repo() -> None:
    assert [p.name for p in EXAMPLES] == [
        "b2b-custom-phases",
        "comune-carta-identita",
        "five-stage",
        "four-stage",
    ]
    for project in PROJECTS:
        assert (project / "jcode.yaml").is_file(), project
        assert len(_journey_files(project)) >= 2, project
    phases = {p.name: _load(p / "jcode.yaml")["phases"] for p in EXAMPLES}
    assert phases["four-stage"] == "four-stage" and phases["five-stage"] == "five-stage"
    custom = phases["b2b-custom-phases"]
    assert isinstance(custom, list) and any(phase.get("optional") for phase in custom)


def test_the_service_example_is_no_purchase_and_names_its_moments() -> None:
    """A town-hall service in Italian: its own phases and moment labels, and a map that ends
    at the request with labels of its own."""
    project = ROOT / "examples" / "comune-carta-identita"
    config = load_project(project / "jcode.yaml")
    assert config.config.site.language == "it"
    assert config.moment_labels == {
        "pre-purchase": "Prima della richiesta",
        "purchase": "Richiesta",
        "post-purchase": "Dopo la richiesta",
    }
    result = lint_paths([Path("journeys")], project, project / "jcode.yaml")
    journeys = {f.journey_id: f.journey for f in result.files if f.journey is not None}
    assert {jid: config.scope(j) for jid, j in journeys.items()} == {
        "prima-carta-minore": ("pre-purchase", "purchase"),
        "rinnovo-carta-identita": ("pre-purchase", "purchase", "post-purchase"),
    }
    assert config.labels(journeys["prima-carta-minore"]) == {
        "pre-purchase": "Prima dell'appuntamento",
        "purchase": "Allo sportello con la bambina",
        "post-purchase": "Dopo la richiesta",
    }


# --- lint ------------------------------------------------------------------------------------


@pytest.mark.parametrize("project", PROJECTS, ids=_name)
def test_lints_with_no_finding_at_warning_or_above(project: Path) -> None:
    result = lint_paths([Path("journeys")], project, project / "jcode.yaml")
    assert len(result.files) == len(_journey_files(project))
    serious = [render(f) for f in result.findings if f.severity in ("error", "warning")]
    assert not serious, "findings at warning or above:\n" + "\n".join(serious)


# --- build -----------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=PROJECTS, ids=_name)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """A project and its site, built once for the module with the project's own config."""
    project: Path = request.param
    out = tmp_path_factory.mktemp(_name(project).replace("/", "-")) / "site"
    argv = ["build", "journeys", "--config", "jcode.yaml", "--today", TODAY.isoformat()]
    stdout, stderr = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(project),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        code = main([*argv, "--out", str(out), "--quiet"])
    assert code == 0, stdout.getvalue() + stderr.getvalue()
    return project, out


def test_builds_a_page_per_journey(built: tuple[Path, Path]) -> None:
    project, site = built
    ids = {_load(path)["id"] for path in _journey_files(project)}
    assert {page.stem for page in (site / "journeys").glob("*.html")} == ids
    assert (site / "index.html").is_file()


# --- the gallery shows the whole format ------------------------------------------------------


def _refs(spec: dict[str, Any]) -> list[str]:
    """The elements a field holds: its own $ref, its items' or the $refs among their `anyOf`
    (a pain point is text or a PainPoint), by name."""
    refs = [spec["$ref"]] if "$ref" in spec else []
    items = spec.get("items", {})
    refs += [items["$ref"]] if "$ref" in items else []
    refs += [choice["$ref"] for choice in items.get("anyOf", []) if "$ref" in choice]
    return [ref.rsplit("/", 1)[-1] for ref in refs]


def _schema() -> tuple[set[tuple[str, str]], dict[tuple[str, str], str]]:
    """Every field of a journey file as (element, field), from the JSON Schema, and the fields
    that hold other elements (stages, steps, touchpoints, pain points, KPIs, suppressions)."""
    schema = json.loads((SCHEMAS / "journey.schema.json").read_text(encoding="utf-8"))
    fields: set[tuple[str, str]] = set()
    children: dict[tuple[str, str], str] = {}
    todo = [("Journey", schema)]
    while todo:
        element, definition = todo.pop()
        for field, spec in definition["properties"].items():
            fields.add((element, field))
            for child in _refs(spec):
                if child not in children.values():
                    todo.append((child, schema["$defs"][child]))
                children[element, field] = child
    return fields, children


FIELDS, CHILDREN = _schema()


def _elements(element: str, data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The element and every element inside it, each with its kind (text where a field also
    accepts text, such as a pain point, is no element)."""
    yield element, data
    for field, value in data.items():
        if (element, field) in CHILDREN:
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    yield from _elements(CHILDREN[element, field], item)


GALLERY_JOURNEYS = [_load(path) for path in _journey_files(ROOT)]
ELEMENTS = [e for journey in GALLERY_JOURNEYS for e in _elements("Journey", journey)]
TOUCHPOINTS = [data for kind, data in ELEMENTS if kind == "Touchpoint"]
# No warning or info rule reports at a touchpoint (they report at the journey, a stage or a
# KPI), so a touchpoint's suppression could only silence an error: the gallery shows none.
NOT_SHOWN = {("Touchpoint", "suppress")}


def test_gallery_uses_every_field_of_the_format() -> None:
    assert NOT_SHOWN <= FIELDS
    # The walk reaches the elements a field holds beside text, and those inside a stage.
    assert {("PainPoint", "addressed_by"), ("Opportunity", "owner"), ("Step", "actor")} <= FIELDS
    assert {("Backstage", "touchpoint"), ("Exit", "share"), ("Kpi", "definition")} <= FIELDS
    used = {(kind, field) for kind, data in ELEMENTS for field in data}
    assert sorted(FIELDS - NOT_SHOWN - used) == []


def test_gallery_suppressions_have_reasons() -> None:
    suppressions = [data for kind, data in ELEMENTS if kind == "Suppression"]
    assert suppressions and all(s.get("reason") for s in suppressions)


def test_gallery_pairs_pain_points_with_opportunities() -> None:
    for journey in GALLERY_JOURNEYS:
        stages = journey["stages"]
        assert any(s.get("pain_points") and s.get("opportunities") for s in stages), journey["id"]


def test_gallery_has_online_and_offline_owned_and_third_party_touchpoints() -> None:
    channels = load_project(ROOT / "jcode.yaml").channels
    by_mode: dict[str, set[str]] = {"online": set(), "offline": set()}
    for touchpoint in TOUCHPOINTS:
        by_mode[channels[touchpoint["channel"]].mode].add(touchpoint["channel"])
    assert len(by_mode["online"]) >= 3 and len(by_mode["offline"]) >= 3, by_mode
    managers = {t.get("managed_by", "owned") for t in TOUCHPOINTS}
    assert managers == {"owned", "third-party"}


ITALIAN = {"il", "lo", "la", "gli", "di", "del", "della", "che", "per", "una", "con", "non", "è"}
ENGLISH = {"the", "and", "of", "to", "with", "for", "is", "are", "from", "on"}


def _language(journey: dict[str, Any]) -> str:
    """The journey's language, it or en, told by the function words of its text."""
    texts = [journey["title"], journey.get("summary", "")]
    for stage in journey["stages"]:
        texts += [stage["name"], stage.get("goal", "")]
        for text in stage.get("pain_points", []) + stage.get("opportunities", []):
            texts.append(text["text"] if isinstance(text, dict) else text)
    words = re.findall(r"\w+", " ".join(texts).lower())
    italian = sum(word in ITALIAN for word in words)
    english = sum(word in ENGLISH for word in words)
    return "it" if italian > 3 * english else "en"


def test_gallery_has_an_italian_journey() -> None:
    languages = {journey["id"]: _language(journey) for journey in GALLERY_JOURNEYS}
    assert "it" in languages.values() and "en" in languages.values(), languages


# --- editor support --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [p for project in PROJECTS for p in _journey_files(project)],
    ids=lambda p: p.relative_to(ROOT).as_posix(),
)
def test_journey_file_starts_with_the_modeline(path: Path) -> None:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith(MODELINE), first
    schema = (path.parent / first.removeprefix(MODELINE)).resolve()
    assert schema == (SCHEMAS / "journey.schema.json").resolve()
    assert _load(path)["id"] == path.stem  # the page and the file share a name


@pytest.mark.parametrize("project", EXAMPLES, ids=_name)
def test_example_config_starts_with_the_modeline(project: Path) -> None:
    first = (project / "jcode.yaml").read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith(MODELINE), first
    schema = (project / first.removeprefix(MODELINE)).resolve()
    assert schema == (SCHEMAS / "config.schema.json").resolve()
