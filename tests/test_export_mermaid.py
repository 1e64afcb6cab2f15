"""jcode.reporters.export_mermaid: the exact Mermaid text of a journey, and every journey of the
gallery, the examples and a journey of hostile text rendered to SVG by the real Mermaid CLI
(Debian's chromium through puppeteer), showing its text as the journey file wrote it."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from jcode.config import load_project
from jcode.export import Export
from jcode.linter import LintResult
from jcode.reporters import EXPORT, ReportOptions
from jcode.reporters.export_mermaid import text
from jcode.spec import Journey

from .clients import node, node_module, unavailable
from .helpers import ROOT, TESTS, lint_paths, run

CONTO = TESTS / "export_project"
HOSTILE = TESTS / "mermaid_project"
PROJECTS = [ROOT, *sorted((ROOT / "examples").iterdir()), HOSTILE]
CHROMIUM = Path("/usr/bin/chromium")
SVG_TEXT = "{http://www.w3.org/2000/svg}text"


def exported(project_dir: Path) -> Export:
    with contextlib.chdir(project_dir):
        project = load_project(None)
    return Export(lint_paths([project_dir / "journeys"], project_dir), project, "journeys")


def written(export: Export) -> str:
    out = io.StringIO()
    EXPORT["mermaid"](export, out, ReportOptions())
    return out.getvalue()


CONTO_DIAGRAM = """\
journey
  title Aprire un conto corrente
  section La scoperta
    =HYPERLINK("http#58;//example.com"#44;"Perché no?"): 3: Famiglia in città
  section Il confronto
    Confronta i canoni online: 2: Famiglia in città
    Chiede in filiale#44; con il figlio: 4: Famiglia in città
    =Richiama il consulente: 1: Vendite
  section L'apertura
    Assistenza su WhatsApp: 3: Famiglia in città
  section Dopo l'apertura
    Questionario di soddisfazione: 3: Famiglia in città
"""


def test_one_journey_is_a_mermaid_file() -> None:
    # Steps where the stage has them (the stage's emotion when a step has none, a team's name
    # for its actor), else touchpoints scored by the stage's emotion (neutral without one).
    assert written(exported(CONTO)) == CONTO_DIAGRAM


def test_several_journeys_are_markdown_with_a_block_each() -> None:
    export = exported(CONTO)
    (conto,) = export.result.files
    twice = Export(LintResult([conto, conto]), export.project, "journeys")
    block = f"```mermaid\n{CONTO_DIAGRAM}```\n"
    assert written(twice) == f"{block}\n{block}"


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        ("Price: 10; see #1, 20% off", "Price#58; 10#59; see #35;1#44; 20#37; off"),
        ("%%{init: {}}%%", "#37;#37;{init#58; {}}#37;#37;"),
        ("one\ntwo\r three\u2028four\tfive", "one two three four five"),
        ("ﬂ°°35¶ß", "#64258;°°35#182;ß"),
        ("  ", "#160;"),
    ],
)
def test_text_is_written_as_mermaid_reads_it_back(words: str, shown: str) -> None:
    assert text(words) == shown


def test_the_command_exports_one_journey_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    with contextlib.chdir(CONTO):
        code, out, err = run(["export", "--format", "mermaid", "--journey", "conto"], capsys)
    assert (code, out, err) == (0, CONTO_DIAGRAM, "")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, list[list[str]]]:
    """Each project's journeys rendered by one run of the Mermaid CLI (it starts chromium
    once for a Markdown file of many diagrams): the texts of each journey's SVG."""
    cli = node_module("@mermaid-js/mermaid-cli/src/cli.js")
    if not CHROMIUM.is_file():
        unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    folder = tmp_path_factory.mktemp("mermaid")
    puppeteer = folder / "puppeteer.json"
    puppeteer.write_text(json.dumps({"executablePath": str(CHROMIUM), "args": ["--no-sandbox"]}))
    blocks = {project: written(exported(project)) for project in PROJECTS}
    # One Markdown file for all: a project of one journey is a bare diagram, so fence it.
    markdown = "\n".join(
        diagram if diagram.startswith("```") else f"```mermaid\n{diagram}```\n"
        for diagram in blocks.values()
    )
    (folder / "all.md").write_text(markdown, encoding="utf-8")
    done = subprocess.run(
        [node(), str(cli), "-q", "-p", str(puppeteer), "-i", "all.md", "-o", "out.md"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    svgs = iter(sorted(folder.glob("out-*.svg"), key=lambda svg: int(svg.stem.split("-")[1])))
    texts: dict[Path, list[list[str]]] = {}
    for project, diagram in blocks.items():
        count = max(1, diagram.count("```mermaid"))
        texts[project] = [
            ["".join(t.itertext()) for t in ET.parse(next(svgs)).iter(SVG_TEXT)]
            for _ in range(count)
        ]
    assert next(svgs, None) is None
    return texts


def _shown(words: str) -> str:
    return " ".join(words.split()) or "\xa0"


def _expected_texts(journey: Journey) -> list[str]:
    """The texts Mermaid draws after the legend of actors: each stage with tasks and its tasks,
    then the title."""
    shown: list[str] = []
    for stage in journey.stages:
        tasks = [s.text for s in stage.steps] or [t.name for t in stage.touchpoints]
        if tasks:
            shown += [_shown(stage.name), *map(_shown, tasks)]
    return [*shown, _shown(journey.title)]


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.relative_to(ROOT).as_posix() or ".")
def test_every_journey_renders_with_its_text(
    project: Path, rendered: dict[Path, list[list[str]]]
) -> None:
    journeys = [f.journey for f in exported(project).result.files if f.journey is not None]
    assert len(journeys) == len(rendered[project]) > 0
    for journey, texts in zip(journeys, rendered[project], strict=True):
        expected = _expected_texts(journey)
        assert texts[-len(expected) :] == expected, journey.id


def test_the_hostile_journey_is_shown_as_written(rendered: dict[Path, list[list[str]]]) -> None:
    # Its tasks and sections are checked above; here its title and actors, as the legend
    # draws them (sorted, wrapped at spaces).
    (texts,) = rendered[HOSTILE]
    assert texts[-1] == "Journey: #1; 100% %%{init: {'theme': 'dark'}}%% done"
    legend = texts[: texts.index("section: %% not a comment; #2")]
    assert " ".join(legend) == "Anna: the buyer, 50%; #1 Support, 2nd line: #ops; 100%"
