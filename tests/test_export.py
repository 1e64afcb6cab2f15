"""jcode.export (the resolved model and the rows) and its two reporters, export_json and
export_csv: data in, exact text out."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from jcode.export import HEADERS, WHAT, Export, document, rows
from jcode.reporters import EXPORT, ReportOptions

from .helpers import lint_paths

PROJECT = Path(__file__).parent / "export_project"


@pytest.fixture(scope="module")
def linted() -> tuple[Export, Export]:
    from jcode.config import load_project

    with contextlib.chdir(PROJECT):
        project = load_project(None)
    result = lint_paths([PROJECT / "journeys"], PROJECT)
    return Export(result, project, "kpis"), Export(result, project, "journeys")


def written(fmt: str, export: Export) -> str:
    out = io.StringIO(newline="")
    EXPORT[fmt](export, out, ReportOptions())
    return out.getvalue()


def test_the_export_formats_and_subjects() -> None:
    assert (list(EXPORT), WHAT) == (["json", "csv"], ("journeys", "touchpoints", "kpis"))


def test_rows_resolve_place_owner_and_findings(linted: tuple[Export, Export]) -> None:
    kpis, _ = linted
    assert rows(kpis.result, kpis.project, "kpis") == [
        [
            "conto", "scoperta", "La scoperta", "awareness", "pre-purchase",
            "visite", "Visite", "visite", "increase", 1200.0, 1500.0, None, "vendite", [],
        ],
        [
            "conto", "confronto", "Il confronto", "consideration", "pre-purchase",
            "abbandoni", "-10% di abbandoni", "%", "decrease", 23.5, None, None, "vendite",
            ["kpi-without-target"],
        ],
    ]  # fmt: skip


def test_csv_has_a_bom_crlf_and_no_formulas(linted: tuple[Export, Export]) -> None:
    kpis, _ = linted
    assert written("csv", kpis) == (
        "\ufeffjourney,stage,stage_name,phase,moment,kpi,name,unit,direction,baseline,target,"
        "source,owner,findings\r\n"
        "conto,scoperta,La scoperta,awareness,pre-purchase,visite,Visite,visite,increase,1200,"
        "1500,,vendite,\r\n"
        "conto,confronto,Il confronto,consideration,pre-purchase,abbandoni,'-10% di abbandoni,%,"
        "decrease,23.5,,,vendite,kpi-without-target\r\n"
    )


def test_json_rows_are_keyed_by_the_csv_columns(linted: tuple[Export, Export]) -> None:
    kpis, _ = linted
    data = json.loads(written("json", kpis))
    assert list(data) == ["version", "kpis"]
    assert [list(row) for row in data["kpis"]] == [HEADERS["kpis"]] * 2
    assert data["kpis"][1]["findings"] == ["kpi-without-target"]
    assert written("json", kpis).endswith("}\n")


def test_json_of_journeys_is_the_resolved_model(linted: tuple[Export, Export]) -> None:
    _, journeys = linted
    text = written("json", journeys)
    assert json.loads(text) == document(journeys.result, journeys.project)
    assert list(json.loads(text)) == [
        "version",
        "project",
        "journeys",
        "invalid_files",
        "project_findings",
        "summary",
    ]
    assert "Perché" in text  # not \u00e9: ensure_ascii is off
