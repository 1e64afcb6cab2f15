"""jcode diff in Italian: the pull-request comment in the language of HEAD's site.language, the
terminal format in the terminal's, on a real git repository; and every text of diff's
translated."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from jcode import i18n
from jcode.app.diff import NOTHING_TO_COMPARE, DiffRequest, diff_sides
from jcode.diff import Diff, JourneyDiff
from jcode.diff.changes import Change
from jcode.diff.sentences import NAMED_SENTENCES, SENTENCES, STEP_SENTENCES
from jcode.errors import ExitCode
from jcode.reporters import DIFF, ReportOptions, diff_markdown, diff_text

from .helpers import TODAY, GitRepo, module_templates, run

CONFIG = """\
site: {language: it}
phases: [{id: buy, name: Buy, moment: purchase}]
owners: {sales: {name: Sales}}
rules: {stage-without-kpi: off, purchase-without-assistance: off, missing-post-purchase: off}
"""
SHOP = """\
id: shop
title: Shopping
stages:
  - id: checkout
    name: Checkout
    phase: buy
    owner: sales
    steps: [{text: Pays by card}]
    touchpoints: [{id: web, name: Web shop, channel: web}]
    kpis: [{id: conversion, name: Conversion, baseline: 40, target: 45, direction: increase}]
"""
OLD = """\
id: old
title: Old journey
owner: sales
stages: [{id: s, name: S, phase: buy, touchpoints: [{id: w, name: W, channel: web}]}]
"""
# HEAD: the shop gets an owner (its missing-owner resolved), a new title, a key moment on its
# step, an owner on its touchpoint and a KPI; `old` goes, `new` comes without an owner.
HEAD_SHOP = """\
id: shop
title: Buying
owner: sales
stages:
  - id: checkout
    name: Checkout
    phase: buy
    owner: sales
    steps: [{text: Pays by card, key_moment: A refused card ends it}]
    touchpoints: [{id: web, name: Web shop, channel: web, owner: sales}]
    kpis:
      - {id: conversion, name: Conversion, baseline: 40, target: 50, direction: increase}
      - {id: refusals, name: Refused cards, baseline: 8, target: 4, direction: decrease}
"""
ADDED = Change("journey-added", "", "", None, "journeys/j.yaml")
NEW = """\
id: new
title: New journey
stages: [{id: s, name: S, phase: buy, owner: sales, touchpoints: [{id: w, name: W, channel: web}]}]
"""


IT = i18n.catalog("it")


@pytest.fixture
def italian(tmp_path: Path, git_env: None, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """An Italian project at its first commit, with HEAD's edits in the working tree."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("jcode.yaml", CONFIG)
    repo.write("journeys/shop.yaml", SHOP)
    repo.write("journeys/old.yaml", OLD)
    repo.commit("An Italian project")
    repo.write("journeys/shop.yaml", HEAD_SHOP)
    repo.write("journeys/new.yaml", NEW)
    (repo.root / "journeys" / "old.yaml").unlink()
    monkeypatch.chdir(repo.root)
    return repo


def test_markdown_is_in_the_projects_language(
    italian: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["diff", "main", "--format", "markdown", "--today", "2026-11-22"], capsys)
    assert (code, err) == (ExitCode.OK, "")  # on an English terminal
    assert out == (
        "⚠️ **jcode diff** `main` → `working tree`: 1 nuova segnalazione (0 errori, 1 avviso, "
        "0 informazioni), risolte: 1, invariate: 0; journey aggiunte: 1, rimosse: 1, "
        "modificate: 1\n"
        "\n"
        "| journey | modifiche | nuove segnalazioni | segnalazioni risolte |\n"
        "|---|---|---|---|\n"
        "| `new` — New journey | aggiunta | ⚠️ 1 avviso | 0 |\n"
        "| `old` — Old journey | rimossa | 0 | 0 |\n"
        "| `shop` — Buying | 6 | 0 | 1 |\n"
        "\n"
        "### `new` — New journey\n"
        "\n"
        "`journeys/new.yaml`\n"
        "\n"
        "**Nuove segnalazioni (1)**\n"
        "\n"
        "- ⚠️ avviso `missing-owner` riga 1: la journey 'new' non ha un responsabile \\(ognuna "
        "delle sue tappe ne ha uno\\)\n"
        "\n"
        "**Modifiche (1)**\n"
        "\n"
        "- journey aggiunta in “journeys/new\\.yaml”\n"
        "\n"
        "<details><summary>La journey in HEAD, come diagramma Mermaid</summary>\n"
        "\n"
        "```mermaid\n"
        "journey\n"
        "  title New journey\n"
        "  section S\n"
        "    W: 3\n"
        "```\n"
        "\n"
        "</details>\n"
        "\n"
        "### `old` — Old journey\n"
        "\n"
        "`journeys/old.yaml`\n"
        "\n"
        "**Modifiche (1)**\n"
        "\n"
        "- journey rimossa da “journeys/old\\.yaml”\n"
        "\n"
        "### `shop` — Buying\n"
        "\n"
        "`journeys/shop.yaml`\n"
        "\n"
        "**Modifiche (4)**\n"
        "\n"
        "- titolo: “Shopping” → “Buying”\n"
        "- responsabile: *nessun valore* → `sales`\n"
        "- tappa `checkout`, azione 1 “Pays by card”: momento chiave aggiunto: “A refused card "
        "ends it”\n"
        "- tappa `checkout`, touchpoint `web`, responsabile: *nessun valore* → `sales`\n"
        "\n"
        "**Modifiche ai KPI (2)**\n"
        "\n"
        "| KPI | tappa | modifica | prima | dopo |\n"
        "|---|---|---|---|---|\n"
        "| `refusals` | `checkout` | aggiunto | | |\n"
        "| `conversion` | `checkout` | obiettivo | 45 | 50 |\n"
        "\n"
        "**Segnalazioni risolte, righe come nella base (1)**\n"
        "\n"
        "- ⚠️ avviso `missing-owner` riga 1: la journey 'shop' non ha un responsabile \\(ognuna "
        "delle sue tappe ne ha uno\\)\n"
        "\n"
        "<details><summary>La journey in HEAD, come diagramma Mermaid</summary>\n"
        "\n"
        "```mermaid\n"
        "journey\n"
        "  title Buying\n"
        "  section Checkout\n"
        "    Pays by card: 3\n"
        "```\n"
        "\n"
        "</details>\n"
    )


def test_text_is_in_the_terminals_language(italian: GitRepo) -> None:
    diff = diff_sides(DiffRequest("main", None, TODAY)).diff
    out = io.StringIO()
    DIFF["text"](diff, out, ReportOptions(catalog=IT))
    assert out.getvalue() == (
        "new (journeys/new.yaml)\n"
        "  journey aggiunta in 'journeys/new.yaml'\n"
        "old (journeys/old.yaml)\n"
        "  journey rimossa da 'journeys/old.yaml'\n"
        "shop (journeys/shop.yaml)\n"
        "  titolo: 'Shopping' -> 'Buying'\n"
        "  responsabile: (nessun valore) -> 'sales'\n"
        "  tappa 'checkout', azione 1 'Pays by card': momento chiave aggiunto: 'A refused card "
        "ends it'\n"
        "  tappa 'checkout', touchpoint 'web', responsabile: (nessun valore) -> 'sales'\n"
        "  KPI 'refusals' aggiunto alla tappa 'checkout'\n"
        "  tappa 'checkout', KPI 'conversion', obiettivo: 45 -> 50\n"
        "nuove segnalazioni:\n"
        "  journeys/new.yaml:1:1: avviso: la journey 'new' non ha un responsabile (ognuna delle "
        "sue tappe ne ha uno) [missing-owner]\n"
        "segnalazioni risolte:\n"
        "  journeys/shop.yaml:1:1: avviso: la journey 'shop' non ha un responsabile (ognuna delle "
        "sue tappe ne ha uno) [missing-owner]\n"
        "main -> working tree: journey aggiunte: 1, rimosse: 1, modificate: 1; segnalazioni "
        "nuove: 1 (0 errori, 1 avviso, 0 informazioni), risolte: 1, invariate: 0\n"
    )
    # The same diff for an English terminal, as jcode has always written it.
    out = io.StringIO()
    DIFF["text"](diff, out, ReportOptions())
    assert out.getvalue().splitlines()[5:7] == [
        "  title: 'Shopping' -> 'Buying'",
        "  owner: (none) -> 'sales'",
    ]


def test_json_is_english_and_names_each_sentence_with_its_arguments(
    italian: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JCODE_LANG", "it")  # neither the terminal's language nor the site's
    code, out, err = run(["diff", "main", "--format", "json", "--today", "2026-11-22"], capsys)
    assert (code, err) == (ExitCode.OK, "")
    report = json.loads(out)
    [shop] = report["journeys"]["changed"]
    assert shop["changes"][2:5] == [
        {
            "kind": "key-moment-added",
            "pointer": "/stages/0/steps/0/key_moment",
            "stage": "checkout",
            "step": 1,
            "before": None,
            "after": "A refused card ends it",
            "message_id": "diff.key-moment-added.step",
            "arguments": {
                "stage": "checkout",
                "number": 1,
                "subject": "Pays by card",
                "after": "A refused card ends it",
            },
        },
        {
            "kind": "touchpoint-owner-changed",
            "pointer": "/stages/0/touchpoints/0/owner",
            "stage": "checkout",
            "touchpoint": "web",
            "before": None,
            "after": "sales",
            "message_id": "diff.touchpoint-owner-changed",
            "arguments": {"stage": "checkout", "item": "web", "before": None, "after": "sales"},
        },
        {
            "kind": "kpi-added",
            "pointer": "/stages/0/kpis/1",
            "stage": "checkout",
            "kpi": "refusals",
            "before": None,
            "after": "refusals",
            "message_id": "diff.kpi-added",
            "arguments": {"after": "refusals", "stage": "checkout"},
        },
    ]
    [new] = report["findings"]["new"]
    assert (new["message"], new["message_id"], new["arguments"]) == (
        "journey 'new' has no owner (each of its stages has one)",
        "missing-owner",
        {"journey": "new"},
    )


def test_the_tail_of_a_huge_comment_groups_thousands_the_languages_way() -> None:
    journeys = tuple(
        JourneyDiff(f"j{n}", None, None, f"journeys/j{n}.yaml", (ADDED,)) for n in range(3_000)
    )
    for language, left_out, line in (
        (
            "en",
            2_325,
            "*… and 2,325 more journeys, not shown to stay within GitHub's size limit: 2,325 "
            "changes, 0 new findings, 0 resolved. Run jcode diff locally to see them all.*",
        ),
        (
            "it",  # longer words: fewer sections fit
            2_361,
            "*… e il resto, non mostrato per restare entro il limite di dimensione di GitHub "
            "(journey: 2.361; modifiche: 2.361; nuove segnalazioni: 0; risolte: 0). Esegui jcode "
            "diff in locale per vedere tutto.*",
        ),
    ):
        out = diff_markdown.render(Diff("main", "head", journeys, (), (), 0, language))
        assert out.count("\n### ") == 3_000 - left_out
        assert out.splitlines()[-1] == line


def test_a_diff_with_nothing_to_compare_says_so_in_the_terminals_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for side in ("base", "head"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "jcode.yaml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JCODE_LANG", "it")
    assert run(["diff", "base", "head"], capsys) == (
        ExitCode.USAGE,
        "",
        "jcode: errore: nessuna cartella di journey 'base/journeys' in BASE (base) né "
        "'head/journeys' in HEAD (head): niente da confrontare\n",
    )


def test_every_text_of_diff_is_translated_into_italian() -> None:
    found = [*SENTENCES.values(), *STEP_SENTENCES.values(), *NAMED_SENTENCES.values()]
    found.append(NOTHING_TO_COMPARE)
    found += module_templates(diff_text, diff_markdown)  # the markdown imports the text's NONE
    templates = list({t.id: t for t in found}.values())
    assert len(templates) == 89
    assert {t.id.partition(".")[0] for t in templates} == {"diff", "error"}
    assert [t.id for t in templates if not IT.translates(t)] == []
