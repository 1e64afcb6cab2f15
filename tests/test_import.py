"""`jcode import`: spreadsheets and Mermaid diagrams into journey files, as users run it."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from jcode.app.importing import ImportRequest, import_journeys
from jcode.authoring import MODELINE
from jcode.errors import ExitCode
from jcode.importing.table import columns_markdown
from tests import spreadsheets
from tests.helpers import ROOT, run

CONFIG = """\
site:
  title: Conti
  language: it
owners:
  marketing: {name: Marketing}
  conti-correnti: {name: Conti correnti}
personas:
  giovane: {name: Giovane lavoratore}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project (jcode.yaml, no journey yet) as the current folder."""
    (tmp_path / "jcode.yaml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sheet(name: str, content: bytes) -> str:
    Path(name).write_bytes(content)
    return name


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


# Spreadsheets as Excel and LibreOffice write them --------------------------------------------


def test_an_italian_excel_sheet_in_windows_1252_with_semicolons(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    touchpoints = sheet("touchpoint.csv", spreadsheets.EXCEL_IT_TOUCHPOINTS)
    kpis = sheet("kpi.csv", spreadsheets.EXCEL_IT_KPIS)
    code, out, err = run(["import", touchpoints, kpis], capsys)
    assert code == ExitCode.OK
    assert err == (
        "jcode: touchpoint.csv is not UTF-8: read as Windows-1252; check its accents\n"
        "jcode: kpi.csv is not UTF-8: read as Windows-1252; check its accents\n"
    )
    assert out.splitlines()[:2] == [
        "wrote journeys/apertura-conto.yaml: 2 stages, 3 touchpoints, 1 KPI",
        "jcode lint will say:",
    ]
    assert (project / "journeys" / "apertura-conto.yaml").read_text(encoding="utf-8") == (
        f"{MODELINE}\n"
        "# Importata con `jcode import` da touchpoint.csv, kpi.csv.\n"
        "id: apertura-conto\n"
        "title: Apertura conto\n"
        "stages:\n"
        "  - id: scoperta-del-bisogno\n"
        "    name: Scoperta del bisogno\n"
        "    phase: discovery\n"
        "    touchpoints:\n"
        "      - id: passaparola-dei-colleghi\n"
        "        name: Passaparola dei colleghi\n"
        "        channel: word-of-mouth\n"
        "        owner: marketing\n"
        "        description: |-\n"
        "          Il consiglio arriva in pausa pranzo;\n"
        "          spesso è il primo\n"
        "      - id: annunci-social\n"
        "        name: Annunci social\n"
        "        channel: ads\n"
        "        owner: marketing\n"
        '        description: "Costo per contatto: 1,20 €"\n'
        "  - id: confronto\n"
        "    name: Confronto\n"
        "    phase: evaluation\n"
        "    touchpoints:\n"
        "      - id: filiale-di-via-roma\n"
        "        name: Filiale di via Roma\n"
        "        channel: store\n"
        "        owner: conti-correnti\n"
        '        description: L\u2019attesa media è di 12 minuti, "troppo" per chi lavora\n'
        "    kpis:\n"
        "      - id: attesa-filiale\n"
        "        name: Attesa media in filiale\n"
        "        unit: min\n"
        "        direction: decrease\n"
        "        baseline: 12.5\n"
        "        target: 8\n"
    )


def test_an_excel_utf8_sheet_with_a_byte_order_mark_and_checkboxes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["import", sheet("t.csv", spreadsheets.EXCEL_UTF8_TOUCHPOINTS)], capsys)
    assert (code, err) == (ExitCode.OK, "")
    text = (project / "journeys" / "opening-an-account.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"{MODELINE}\n")
    assert text.split("stages:\n", 1)[1] == (
        "  - id: onboarding\n"
        "    name: Onboarding\n"
        "    phase: post-purchase\n"
        "    touchpoints:\n"
        "      - id: welcome-email\n"
        "        name: Welcome email\n"
        "        channel: email\n"
        "        owner: marketing\n"
        "      - id: first-month-survey\n"
        "        name: First-month survey\n"
        "        channel: email\n"
        "        owner: marketing\n"
        "        feedback: true\n"
        "      - id: branch-visit\n"
        "        name: \u2019Branch\u2019 visit 🏦\n"
        "        channel: store\n"
        "        owner: conti-correnti\n"
    )


def test_an_excel_unicode_text_file_in_utf16_with_tabs(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert spreadsheets.EXCEL_UNICODE_TOUCHPOINTS.startswith(b"\xff\xfeJ\x00")
    name = sheet("rinnovo.txt", spreadsheets.EXCEL_UNICODE_TOUCHPOINTS)
    code, _, err = run(["import", name], capsys)
    assert (code, err) == (
        ExitCode.OK,
        "jcode: rinnovo.txt is not UTF-8: read as UTF-16; check its accents\n",
    )
    text = (project / "journeys" / "rinnovo.yaml").read_text(encoding="utf-8")
    assert text.split("stages:\n", 1)[1] == (
        "  - id: scadenza\n"
        "    name: Scadenza\n"
        "    phase: post-purchase\n"
        "    touchpoints:\n"
        "      - id: promemoria-via-sms-30-giorni-prima\n"
        "        name: Promemoria via SMS \u2013 30 giorni prima\n"
        "        channel: sms\n"
    )


def test_the_readme_lists_the_columns_import_reads() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- import-columns:start -->\n") + len("<!-- import-columns:start -->\n")
    assert readme[start : readme.index("<!-- import-columns:end -->")] == columns_markdown()


def test_a_libreoffice_sheet_of_stages_with_line_breaks_in_cells(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["import", sheet("tappe.csv", spreadsheets.LIBREOFFICE_STAGES)], capsys)
    assert code == ExitCode.OK
    assert out.splitlines()[0] == "wrote journeys/apertura-conto.yaml: 2 stages"
    text = (project / "journeys" / "apertura-conto.yaml").read_text(encoding="utf-8")
    assert text == (
        f"{MODELINE}\n"
        "# Importata con `jcode import` da tappe.csv.\n"
        "id: apertura-conto\n"
        "title: Apertura conto  # TODO: il titolo della journey\n"
        "stages:\n"
        "  - id: confronto\n"
        "    name: Confronto\n"
        "    phase: evaluation\n"
        "    goal: Sapere quanto costa il conto, carta compresa\n"
        "    emotion: -1\n"
        "    pain_points:\n"
        "      - Il costo annuo è in un PDF\n"
        '      - Le recensioni citano "blocchi" già risolti\n'
        "  - id: apertura\n"
        "    name: Apertura\n"
        "    phase: purchase\n"
        "    goal: Aprire il conto in un giorno\n"
        "    emotion: 1\n"
    )


def test_import_prints_what_lint_will_say_and_lint_says_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Values jcode cannot place are written as they are: lint reports them."""
    content = (
        b"Journey;Stage;Phase;Touchpoint;Channel;Owner\r\n"
        b"opening;Finding us;scopertaa;Ads on radio;radiofonia;growth\r\n"
    )
    code, out, _ = run(["import", sheet("plain.csv", content)], capsys)
    assert code == ExitCode.OK
    said = out.split("jcode lint will say:\n", 1)[1]
    _, linted, _ = run(["lint", "--no-color"], capsys)
    assert said == linted
    assert [line.rsplit(" ", 1)[1] for line in said.splitlines() if ": error: " in line] == [
        "[unknown-phase]",
        "[unknown-channel]",
        "[unknown-owner]",
    ]
    text = (project / "journeys" / "opening.yaml").read_text(encoding="utf-8")
    assert "    phase: scopertaa\n" in text
    assert "        channel: radiofonia\n        owner: growth\n" in text


def test_a_sheet_named_in_italian_is_matched_by_its_headers(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = (
        "Tappa,Fase,Punto di contatto,Canale,Gestito da,Raccoglie feedback,Note\n"
        "Dopo l'apertura,Post-vendita,Questionario,Email,third-party,sì,'=voto da 1 a 5\n"
    ).encode()
    code, _, _ = run(["import", sheet("Conto giovani.csv", content)], capsys)
    assert code == ExitCode.OK
    text = (project / "journeys" / "conto-giovani.yaml").read_text(encoding="utf-8")
    assert text.split("stages:\n", 1)[1] == (
        "  - id: dopo-l-apertura\n"
        "    name: Dopo l'apertura\n"
        "    phase: post-purchase\n"
        "    touchpoints:\n"
        "      - id: questionario\n"
        "        name: Questionario\n"
        "        channel: email\n"
        "        managed_by: third-party\n"
        "        feedback: true\n"
        "        description: =voto da 1 a 5\n"
    )


# Round trips ------------------------------------------------------------------------------

SHAPES = ("journeys", "touchpoints", "kpis", "stages", "steps")


@pytest.mark.parametrize(
    "source",
    [ROOT, *sorted((ROOT / "examples").iterdir())],
    ids=lambda p: p.name if p != ROOT else "gallery",
)
def test_export_import_export_gives_the_same_rows(
    source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before, after, empty = tmp_path / "before", tmp_path / "after", tmp_path / "empty"
    for folder in (before, after, empty):
        folder.mkdir()
    shutil.copy(source / "jcode.yaml", empty / "jcode.yaml")
    monkeypatch.chdir(source)
    for shape in SHAPES:
        export = ["export", "--format", "csv", "--what", shape, "--today", "2026-12-01"]
        assert run([*export, "--output", str(before / f"{shape}.csv")], capsys)[0] == 0
    monkeypatch.chdir(empty)
    code, _, err = run(["import", *(str(before / f"{s}.csv") for s in SHAPES)], capsys)
    assert (code, err) == (ExitCode.OK, "")
    for shape in SHAPES:
        export = ["export", "--format", "csv", "--what", shape, "--today", "2026-12-01"]
        assert run([*export, "--output", str(after / f"{shape}.csv")], capsys)[0] == 0
    assert files_of(after) == files_of(before)
    assert len((before / "touchpoints.csv").read_bytes().splitlines()) > 5


def test_a_sheet_of_touchpoints_alone_round_trips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    shutil.copy(ROOT / "jcode.yaml", empty / "jcode.yaml")
    monkeypatch.chdir(ROOT)
    _, exported, _ = run(["export", "--format", "csv"], capsys)
    (tmp_path / "touchpoints.csv").write_text(exported, encoding="utf-8", newline="")
    monkeypatch.chdir(empty)
    assert run(["import", str(tmp_path / "touchpoints.csv")], capsys)[0] == ExitCode.OK
    assert run(["export", "--format", "csv"], capsys)[1] == exported


def test_the_quote_export_puts_before_a_formula_is_taken_back_and_only_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = ["=1+1", "'=quoted", "''@twice", "-5 km", "+39 02", "@team", "'plain", "\ttab"]
    (project / "journeys").mkdir()
    touchpoints = "".join(
        f"      - {{id: t{n}, name: {json.dumps(name)}, channel: web}}\n"
        for n, name in enumerate(names)
    )
    journey = project / "journeys" / "a.yaml"
    journey.write_text(
        "id: a\ntitle: A\nstages:\n  - id: s\n    name: S\n    phase: discovery\n"
        f"    touchpoints:\n{touchpoints}",
        encoding="utf-8",
    )
    _, exported, _ = run(["export", "--format", "csv"], capsys)
    cells = [line.split(",")[6] for line in exported.splitlines()[1:]]
    quoted = ["'=1+1", "''=quoted", "'''@twice", "'-5 km", "'+39 02", "'@team", "'plain"]
    assert cells == [*quoted, "'\ttab"]
    journey.rename(project / "a.yaml.bak")
    Path("t.csv").write_text(exported, encoding="utf-8", newline="")
    assert run(["import", "t.csv"], capsys)[0] == ExitCode.OK
    written = yaml.safe_load(journey.read_text(encoding="utf-8"))
    assert [t["name"] for t in written["stages"][0]["touchpoints"]] == names


def test_export_writes_what_import_needs_to_read_a_stage_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An opportunity's id and owner, and the rules an element silences with their reasons."""
    monkeypatch.chdir(ROOT)
    _, stages, _ = run(["export", "--format", "csv", "--what", "stages"], capsys)
    assert (
        '"Train the fit finder on swimwear return reasons, brand by brand '
        "(id: fit-by-brand, owner: ecommerce)\n"
        'A ""Beach holiday"" page that puts swimwear, UV hats, bags and sandals side by side '
        '(id: beach-page)"'
    ) in stages
    assert (
        ",kpi-without-baseline: Product-qualified lead scoring went live on 1 October 2026;"
    ) in stages


# Mermaid ----------------------------------------------------------------------------------

README = """\
# Il nostro percorso

```mermaid
flowchart LR
  A --> B
```

```mermaid
journey
    title Aprire un conto
    section Scoperta
      Sente parlare del conto: 3: Giovane lavoratore
    section Confronto
      Confronta i canoni: 2: Giovane lavoratore, Marketing
      Legge le recensioni #35;1: 2.5: Amico
    section Apertura in filiale
      Firma: 4.5: Giovane lavoratore
```
"""


def test_a_mermaid_journey_from_markdown_lints_with_todo_until_its_phases_are_set(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("README.md").write_text(README, encoding="utf-8")
    code, out, _ = run(["import", "README.md"], capsys)
    assert code == ExitCode.OK
    assert out.splitlines()[:4] == [
        "wrote journeys/aprire-un-conto.yaml: 3 stages, 4 steps",
        "  actors to map to personas and teams in jcode.yaml: Amico",
        "  2 stages have phase TODO: set them in the file, or import with --phase SECTION=PHASE",
        "jcode lint will say:",
    ]
    path = project / "journeys" / "aprire-un-conto.yaml"
    todo = "TODO: la fase di questa tappa, una tra discovery, evaluation, interest, purchase, "
    todo += "post-purchase, loyalty, advocacy"
    assert path.read_text(encoding="utf-8") == (
        f"{MODELINE}\n"
        "# Importata con `jcode import` da README.md.\n"
        "# Attori di Mermaid da collegare alle personas e ai team di jcode.yaml (`persona:`, "
        "l'`actor:` di\n"
        "#   un'azione): Amico\n"
        "id: aprire-un-conto\n"
        "title: Aprire un conto\n"
        "persona: giovane\n"
        "stages:\n"
        "  - id: scoperta\n"
        "    name: Scoperta\n"
        "    phase: discovery\n"
        "    steps:\n"
        "      - text: Sente parlare del conto\n"
        "        emotion: 0\n"
        "  - id: confronto\n"
        "    name: Confronto\n"
        f"    phase: todo  # {todo}\n"
        "    steps:\n"
        "      - text: Confronta i canoni  # attori: Giovane lavoratore, Marketing\n"
        "        emotion: -1\n"
        '      - text: "Legge le recensioni #1"  # attori: Amico\n'
        "        emotion: 0\n"
        "  - id: apertura-in-filiale\n"
        "    name: Apertura in filiale\n"
        f"    phase: todo  # {todo}\n"
        "    steps:\n"
        "      - text: Firma\n"
        "        emotion: 2\n"
    )
    code, linted, _ = run(["lint", "--no-color"], capsys)
    assert code == ExitCode.FINDINGS
    errors = [line for line in linted.splitlines() if ": error: " in line]
    assert errors == [
        f"journeys/aprire-un-conto.yaml:{line}:12: error: phase 'todo' of stage '{stage}' is not "
        "in the phase model 'seven-stage' (phases: discovery, evaluation, interest, purchase, "
        "post-purchase, loyalty, advocacy) [unknown-phase]"
        for line, stage in ((17, "confronto"), (25, "apertura-in-filiale"))
    ]
    path.unlink()
    phases = ["--phase", "Confronto=evaluation", "--phase", "apertura-in-filiale=Acquisto"]
    code, out, _ = run(["import", "README.md", *phases], capsys)
    assert code == ExitCode.OK
    code, linted, _ = run(["lint", "--no-color"], capsys)
    # Clean but for the gaps the diagram has: no owner, touchpoints or KPIs, phases it skips.
    assert code == ExitCode.OK
    rules = sorted({line.rsplit(" ", 1)[1] for line in linted.splitlines()[:-1]})
    assert rules == [
        "[missing-owner]",
        "[missing-phase]",
        "[missing-post-purchase]",
        "[stage-without-kpi]",
        "[stage-without-touchpoints]",
    ]
    assert linted.splitlines()[-1] == "0 errors, 8 warnings, 3 info in 1 file"


def test_mermaid_is_read_as_mermaid_reads_it(project: Path) -> None:
    """Front matter, directives, comments, accessibility text, entity codes, and diagrams
    without a title named after their file."""
    Path("notes.md").write_text(
        "Intro\n\n"
        "~~~mermaid\n"
        "---\n"
        "title: 'Onboarding: day one'\n"
        "---\n"
        "%%{init: {'theme': 'forest'}}%%\n"
        "journey\n"
        "  accTitle: Ignored\n"
        "  accDescr {\n"
        "    The first day,\n"
        "    hour by hour\n"
        "  }\n"
        "  section Discovery %% the phase's name\n"
        "    Reads the #quot;welcome#quot; mail #35;1: 4: Giovane lavoratore # a comment\n"
        "~~~\n\n"
        "```mermaid\njourney\n  section Purchase\n    Pays: 2\n```\n"
        "```mermaid\njourney\n  section Purchase\n    Pays again: 3\n```\n",
        encoding="utf-8",
    )
    imported = import_journeys(ImportRequest([Path("notes.md")], dry_run=True))
    assert [yaml.safe_load(f.text) for f in imported.files] == [
        {
            "id": "onboarding-day-one",
            "title": "Onboarding: day one",
            "summary": "The first day, hour by hour",
            "persona": "giovane",
            "stages": [
                {
                    "id": "discovery",
                    "name": "Discovery",
                    "phase": "discovery",
                    "steps": [{"text": 'Reads the "welcome" mail #1', "emotion": 1}],
                }
            ],
        },
        *(
            {
                "id": ident,
                "title": title,
                "stages": [
                    {
                        "id": "purchase",
                        "name": "Purchase",
                        "phase": "purchase",
                        "steps": [{"text": text, "emotion": emotion}],
                    }
                ],
            }
            for ident, title, text, emotion in (
                ("notes", "Notes", "Pays", -1),
                ("notes-2", "Notes 2", "Pays again", 0),
            )
        ),
    ]


def test_a_column_of_touchpoints_beside_a_stage_is_a_touchpoint_a_row(project: Path) -> None:
    Path("map.csv").write_text(
        "Stage,Phase,Touchpoints,Channel\nFinding us,discovery,Radio ads,Radio\n", "utf-8"
    )
    text = import_journeys(ImportRequest([Path("map.csv")], dry_run=True)).files[0].text
    assert text.split("stages:\n", 1)[1] == (
        "  - id: finding-us\n"
        "    name: Finding us\n"
        "    phase: discovery\n"
        "    touchpoints:\n"
        "      - id: radio-ads\n"
        "        name: Radio ads\n"
        "        channel: radio\n"
    )


@pytest.mark.parametrize(
    ("score", "emotion"),
    [("1", -2), ("1.4", -2), ("1.5", -1), ("2.5", 0), ("3", 0), ("3.5", 1), ("4.49", 1), ("5", 2)],
)
def test_a_mermaid_score_becomes_the_nearest_emotion(
    project: Path, score: str, emotion: int
) -> None:
    Path("d.mmd").write_text(f"journey\n  section Discovery\n    Task: {score}\n", "utf-8")
    imported = import_journeys(ImportRequest([Path("d.mmd")], dry_run=True))
    assert f"      - text: Task\n        emotion: {emotion}\n" in imported.files[0].text


def test_exported_mermaid_imports_back_to_the_same_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hostile text written as Mermaid's entity codes reads back as the characters."""
    source = ROOT / "tests" / "mermaid_project"
    monkeypatch.chdir(source)
    _, diagram, _ = run(["export", "--format", "mermaid"], capsys)
    _, model, _ = run(["export"], capsys)
    empty = tmp_path / "empty"
    empty.mkdir()
    shutil.copy(source / "jcode.yaml", empty / "jcode.yaml")
    (tmp_path / "map.mmd").write_text(diagram, encoding="utf-8")
    monkeypatch.chdir(empty)
    imported = import_journeys(ImportRequest([tmp_path / "map.mmd"], dry_run=True))

    journey = json.loads(model)["journeys"][0]
    expected = [  # a task per step, or per touchpoint where a stage has no steps
        # Mermaid has no blank task: export writes a no-break space.
        (" ".join(task["text" if stage["steps"] else "name"].split()) or "\xa0", emotion or 0)
        for stage in journey["stages"]
        for task in stage["steps"] or stage["touchpoints"]
        for emotion in [stage["emotion"] if task.get("emotion") is None else task["emotion"]]
    ]
    written = yaml.safe_load(imported.files[0].text)
    assert [
        (step["text"], step["emotion"])
        for stage in written["stages"]
        for step in stage.get("steps", [])
    ] == expected
    assert len(expected) > 3


def _answer_on_a_terminal(argv: list[str], answers: list[str], cwd: Path) -> tuple[int, str]:
    """Run jcode on a pseudo-terminal, as a person at a shell does, answering each prompt."""
    main_fd, terminal = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "jcode", *argv],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8"},
    )
    os.close(terminal)
    seen = b""
    pending = list(answers)
    try:
        while True:
            ready, _, _ = select.select([main_fd], [], [], 30)
            if not ready:
                raise AssertionError(f"no prompt within 30 s; the terminal shows {seen!r}")
            try:
                chunk = os.read(main_fd, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
            if seen.rstrip().endswith(b":") and pending:
                os.write(main_fd, pending.pop(0).encode() + b"\r")
    finally:
        os.close(main_fd)
    return process.wait(timeout=30), seen.decode("utf-8").replace("\r\n", "\n")


def test_on_a_terminal_import_asks_the_phase_of_each_section(project: Path) -> None:
    Path("README.md").write_text(README, encoding="utf-8")
    code, shown = _answer_on_a_terminal(["import", "README.md"], ["evaluation", ""], project)
    assert code == ExitCode.OK
    phases = "discovery, evaluation, interest, purchase, post-purchase, loyalty, advocacy"
    assert f"Phase of 'Confronto' ({phases}; Enter to leave it TODO): evaluation\n" in shown
    assert f"Phase of 'Apertura in filiale' ({phases}; Enter to leave it TODO): \n" in shown
    assert "  1 stage has phase TODO: set it in the file" in shown
    text = (project / "journeys" / "aprire-un-conto.yaml").read_text(encoding="utf-8")
    assert "    name: Confronto\n    phase: evaluation\n" in text
    assert "    name: Apertura in filiale\n    phase: todo  # TODO: " in text


# Never over a file or an id ---------------------------------------------------------------


def test_an_existing_file_or_journey_id_is_never_replaced(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "journeys").mkdir()
    taken = project / "journeys" / "apertura-conto.yaml"
    taken.write_text("# mine\n", encoding="utf-8")
    other = project / "journeys" / "other.yaml"
    other.write_text("id: opening-an-account\n", encoding="utf-8")
    before = files_of(project)
    touchpoints = sheet("t.csv", spreadsheets.EXCEL_UTF8_TOUCHPOINTS)
    stages = sheet("s.csv", spreadsheets.LIBREOFFICE_STAGES)
    before = files_of(project)
    code, out, err = run(["import", touchpoints, stages], capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err == (
        "jcode: error: journey id 'opening-an-account' is already used in journeys/other.yaml\n"
    )
    assert files_of(project) == before
    code, out, err = run(["import", stages], capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err == (
        "jcode: error: journeys/apertura-conto.yaml already exists; jcode import never "
        "replaces a file\n"
    )
    assert files_of(project) == before


def test_dry_run_shows_the_file_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stages = sheet("s.csv", spreadsheets.LIBREOFFICE_STAGES)
    before = files_of(project)
    code, out, _ = run(["import", stages, "--dry-run"], capsys)
    assert code == ExitCode.OK
    assert files_of(project) == before
    lines = out.splitlines()
    assert lines[:2] == ["==> journeys/apertura-conto.yaml <==", MODELINE]
    assert "would write journeys/apertura-conto.yaml: 2 stages" in lines


# Bad input: file, line and column ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        (
            "rows.csv",
            b"journey,stage,phase\r\nx,a,discovery,extra\r\n",
            "rows.csv:2:15: this row has 4 cells, the header 3; quote a cell that holds ','",
        ),
        (
            "quote.csv",
            b'journey;stage;phase\nx;"a\nb;discovery\n',
            "quote.csv:2:3: the quoted cell that starts here is never closed",
        ),
        (
            "after.csv",
            b'journey,stage,phase\nx,"a"b,discovery\n',
            "after.csv:2:6: 'b' after a closing quote; a quote inside a quoted cell is written "
            'twice ("")',
        ),
        (
            "conflict.csv",
            b"Journey,Stage,Phase\nx,A,discovery\nx,A,purchase\n",
            "conflict.csv:3:5: stage 'a' has phase 'purchase' here and 'discovery' at "
            "conflict.csv:2:5",
        ),
        (
            "columns.csv",
            b"colour,size\nred,3\n",
            "columns.csv:1:1: no column jcode knows in the header; it reads actor, baseline, ",
        ),
        (
            "not-a-task.mmd",
            b"journey\n  title T\n  section S\n    Make tea\n",
            "not-a-task.mmd:4:5: not a line of a Mermaid journey: a task is `text: score` or "
            "`text: score: actor, actor`",
        ),
        (
            "score.mmd",
            b"journey\n  section S\n    Make tea:  7: Me\n",
            "score.mmd:3:16: '7' is not a score: Mermaid scores a task from 1 to 5",
        ),
        (
            "outside.mmd",
            b"journey\n  Make tea: 3\n",
            "outside.mmd:2:3: a task before the first `section`: jcode puts steps in stages; add "
            "a section above it",
        ),
        (
            "notes.md",
            b"# Notes\n\n```mermaid\nflowchart LR\n  A --> B\n```\n",
            "notes.md:1:1: no Mermaid journey here",
        ),
        (
            "notes",
            b"Just some notes\n",
            "notes:1:1: neither a CSV sheet nor a Mermaid journey; give --format csv or --format "
            "mermaid",
        ),
        (
            "book.xlsx",
            b"PK\x03\x04\x14\x00\x06\x00",
            "book.xlsx:1:1: this is not a text file (an .xlsx or .ods workbook?); save the sheet "
            "as CSV from the spreadsheet",
        ),
        (
            "bytes.csv",
            b"journey,stage\nx,caf\xe9\n\x81\n",
            "bytes.csv:3:1: byte 0x81 is neither UTF-8 nor Windows-1252; save the file as CSV "
            "UTF-8 or as text",
        ),
    ],
)
def test_bad_input_is_named_by_file_line_and_column(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, error: str
) -> None:
    Path(name).write_bytes(content)
    before = files_of(project)
    code, out, err = run(["import", name], capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err.startswith(f"jcode: error: {error}")
    assert "Traceback" not in err
    assert files_of(project) == before


def test_a_phase_option_that_names_no_section_is_an_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("README.md").write_text(README, encoding="utf-8")
    code, out, err = run(["import", "README.md", "--phase", "Scoprta=discovery"], capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err == "jcode: error: --phase 'Scoprta': no section or stage is named so\n"
    code, _, err = run(["import", "README.md", "--phase", "discovery"], capsys)
    assert (code, err) == (
        ExitCode.USAGE,
        "jcode: error: --phase 'discovery': write it SECTION=PHASE\n",
    )
    assert not (project / "journeys").exists()
