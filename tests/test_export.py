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
    assert (list(EXPORT), WHAT) == (
        ["json", "csv", "mermaid"],
        ("journeys", "touchpoints", "kpis", "stages", "steps"),
    )


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


def test_csv_of_stages_has_one_list_item_a_line(linted: tuple[Export, Export]) -> None:
    _, journeys = linted
    stages = Export(journeys.result, journeys.project, "stages")
    assert written("csv", stages) == (
        "\ufeffjourney,stage,stage_name,phase,moment,timing,goal,emotion,feelings,thoughts,"
        "pain_points,opportunities,exits,key_moment,owner,findings,suppress\r\n"
        "conto,scoperta,La scoperta,awareness,pre-purchase,,,,,,Troppe offerte simili,"
        "Un comparatore dei conti,,,vendite,,\r\n"
        'conto,confronto,Il confronto,consideration,pre-purchase,"2-3 settimane, la sera",,-1,'
        '"confusa\n😟 preoccupata","Quanto costa davvero?\n-E se cambio città?",'
        '"Costi nascosti; commissioni (addressed by trasparenza)\n'
        'Attese lunghe (addressed by trasparenza, richiamata)",'
        '"Un foglio dei costi, chiaro (id: trasparenza, owner: assistenza)\n'
        'Richiamare entro un giorno (id: richiamata)",'
        "\"Sceglie un'altra banca (12.5%)\nRinuncia\",Qui si decide: la filiale o un'altra banca,"
        "vendite,,\r\n"
        "conto,apertura,L'apertura,decision,purchase,,,,,,,,,,assistenza,stage-without-kpi,\r\n"
        "conto,dopo,Dopo l'apertura,post-purchase,post-purchase,,,,,,,,,,vendite,"
        "stage-without-kpi,\r\n"
    )


def test_csv_of_steps_resolves_the_actor(linted: tuple[Export, Export]) -> None:
    _, journeys = linted
    steps = Export(journeys.result, journeys.project, "steps")
    place = "conto,confronto,Il confronto,consideration,pre-purchase"
    assert written("csv", steps) == (
        "\ufeffjourney,stage,stage_name,phase,moment,position,text,touchpoint,actor,emotion,"
        "key_moment\r\n"
        f"{place},1,Confronta i canoni online,,famiglia,,\r\n"
        f'{place},2,"Chiede in filiale, con il figlio",filiale,famiglia,1,'
        "Il primo contatto umano\r\n"
        f"{place},3,'=Richiama il consulente,,vendite,-2,\r\n"
    )
    data = json.loads(written("json", steps))
    assert data["steps"][2] == {
        "journey": "conto",
        "stage": "confronto",
        "stage_name": "Il confronto",
        "phase": "consideration",
        "moment": "pre-purchase",
        "position": 3,
        "text": "=Richiama il consulente",  # as written: JSON is not run by a spreadsheet
        "touchpoint": None,
        "actor": "vendite",
        "emotion": -2,
        "key_moment": None,
    }


def test_json_of_journeys_carries_every_field(linted: tuple[Export, Export]) -> None:
    _, journeys = linted
    journey = json.loads(written("json", journeys))["journeys"][0]
    assert (journey["scope"], journey["moments"]) == (
        ["pre-purchase", "purchase", "post-purchase"],
        {
            "pre-purchase": "Prima dell'acquisto",  # the site language's
            "purchase": "L'apertura del conto",  # the journey's own
            "post-purchase": "Dopo l'acquisto",
        },
    )
    first, second = journey["stages"][:2]
    assert first["kpis"][0]["definition"] == "visite uniche / settimana"
    assert (first["pain_points"], first["opportunities"]) == (
        ["Troppe offerte simili"],
        ["Un comparatore dei conti"],
    )  # text where the file wrote text
    assert first["touchpoints"][0]["managed_by"] == "owned"  # the ads channel's default
    assert {key: second[key] for key in list(second)[5:] if key not in ("touchpoints", "kpis")} == {
        "timing": "2-3 settimane, la sera",
        "goal": None,
        "emotion": -1,
        "key_moment": "Qui si decide: la filiale o un'altra banca",
        "owner": "vendite",
        "owner_inherited": True,
        "pain_points": [
            {"text": "Costi nascosti; commissioni", "addressed_by": ["trasparenza"]},
            {"text": "Attese lunghe", "addressed_by": ["trasparenza", "richiamata"]},
        ],
        "opportunities": [
            {"id": "trasparenza", "text": "Un foglio dei costi, chiaro", "owner": "assistenza"},
            {"id": "richiamata", "text": "Richiamare entro un giorno", "owner": None},
        ],
        "findings": [],
        "steps": [
            {
                "text": "Confronta i canoni online",
                "touchpoint": None,
                "actor": "famiglia",
                "actor_inherited": True,
                "emotion": None,
                "key_moment": None,
            },
            {
                "text": "Chiede in filiale, con il figlio",
                "touchpoint": "filiale",
                "actor": "famiglia",
                "actor_inherited": True,
                "emotion": 1,
                "key_moment": "Il primo contatto umano",
            },
            {
                "text": "=Richiama il consulente",
                "touchpoint": None,
                "actor": "vendite",
                "actor_inherited": False,
                "emotion": -2,
                "key_moment": None,
            },
        ],
        "thoughts": ["Quanto costa davvero?", "-E se cambio città?"],
        "feelings": ["confusa", "😟 preoccupata"],
        "backstage": [
            {
                "text": "Il CRM assegna un consulente",
                "touchpoint": "filiale",
                "owner": "vendite",
                "owner_inherited": True,
            },
            {
                "text": "Richiamata entro 24 ore",
                "touchpoint": None,
                "owner": "assistenza",
                "owner_inherited": False,
            },
        ],
        "exits": [
            {"text": "Sceglie un'altra banca", "touchpoint": "filiale", "share": 12.5},
            {"text": "Rinuncia", "touchpoint": None, "share": None},
        ],
    }
