"""jcode lint --write-baseline / --baseline: what is written, what is accepted after edits
elsewhere, new findings, entries reported as fixed, and bad baselines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jcode.baseline import apply_baseline, read_baseline, write_baseline
from jcode.collect import collect_files
from jcode.config import load_project
from jcode.errors import ExitCode
from jcode.linter import lint

from .helpers import TODAY, run

CONFIG = """\
phases: [{id: buy, name: Buy, moment: purchase}, {id: after, name: After, moment: post-purchase}]
owners: {sales: {name: Sales}}
"""
JOURNEY = """\
id: shop
title: Shopping
owner: sales
stages:
  - id: checkout
    name: Checkout
    phase: buy
    touchpoints: [{id: web, name: Web, channel: web}]
    kpis:
      - {id: conversion, name: Conversion}
      - {id: basket, name: Basket size, direction: increase, baseline: 5, target: 4}
  - id: after
    name: After
    phase: after
"""
LINT = ["lint", "--today", "2026-11-22", "--fail-on", "info"]
WITH_BASELINE = [*LINT, "--baseline", "baseline.json"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with eight findings: seven in a journey, one in a file that is not YAML."""
    (tmp_path / "jcode.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "shop.yaml").write_text(JOURNEY, encoding="utf-8")
    (tmp_path / "journeys" / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _edit_journey(old: str, new: str) -> None:
    path = Path("journeys/shop.yaml")
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _write_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([*LINT, "--write-baseline", "baseline.json"], capsys)
    assert (code, out, err) == (ExitCode.OK, "", "jcode: wrote 8 findings to 'baseline.json'\n")


def test_write_baseline_keys_entries_by_ids(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_baseline(capsys)
    baseline = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert baseline["version"] == 1
    assert [
        (e.get("journey") or e["file"], e["rule"], e["element"]) for e in baseline["findings"]
    ] == [
        ("shop", "kpi-target-not-improvement", "stages/checkout/kpis/basket/target"),
        ("shop", "kpi-without-baseline", "stages/checkout/kpis/conversion"),
        ("shop", "kpi-without-target", "stages/checkout/kpis/conversion"),
        ("shop", "missing-post-purchase", ""),
        ("shop", "purchase-without-assistance", "stages/checkout"),
        ("shop", "stage-without-kpi", "stages/after"),
        ("shop", "stage-without-touchpoints", "stages/after"),
        ("journeys/broken.yaml", "yaml-syntax", ""),
    ]
    assert baseline["findings"][2] == {
        "journey": "shop",
        "rule": "kpi-without-target",
        "element": "stages/checkout/kpis/conversion",
        "message": "KPI 'conversion' has no target",
    }
    # Written the same way twice: a baseline in git changes only when the findings do.
    before = (project / "baseline.json").read_bytes()
    _write_baseline(capsys)
    assert (project / "baseline.json").read_bytes() == before


def test_baseline_accepts_its_findings_after_edits_elsewhere(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_baseline(capsys)
    # Lines move: a comment on top, a stage inserted before the others.
    _edit_journey("id: shop\n", "# The shop\n\nid: shop\n")
    _edit_journey(
        "stages:\n",
        "stages:\n  - id: look\n    name: Look\n    phase: buy\n"
        "    touchpoints: [{id: store, name: Store, channel: store}]\n"
        "    kpis: [{id: visits, name: Visits, baseline: 1, target: 2, direction: increase}]\n",
    )
    code, out, err = run(WITH_BASELINE, capsys)
    assert (code, out) == (ExitCode.OK, "0 errors, 0 warnings, 0 info in 2 files\n")
    # The store made the purchase assisted: that entry is fixed.
    assert err == (
        "jcode: 7 findings accepted by baseline 'baseline.json'\n"
        "jcode: fixed (no finding matches them any more): 1 of the 8 baseline entries; "
        "rewrite 'baseline.json' with --write-baseline to drop them:\n"
        "  journey 'shop', purchase-without-assistance at stages/checkout: no touchpoint of "
        "journey 'shop' in the moment 'Purchase' offers a person to help (assisted channels: "
        "chat, phone, store, event, branch, video-call, in-person)\n"
    )


def test_new_findings_are_reported_and_fail(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_baseline(capsys)
    _edit_journey("owner: sales\n", "owner: marketing\n")
    code, out, err = run([*WITH_BASELINE, "--quiet"], capsys)
    assert code == ExitCode.FINDINGS
    assert out == (
        "journeys/shop.yaml:3:8: error: owner 'marketing' is not declared in jcode.yaml "
        "(declared: sales) [unknown-owner]\n"
    )
    assert err == ""  # --quiet: no count of accepted findings, and nothing is fixed
    code, out, _ = run([*WITH_BASELINE, "--format", "json"], capsys)
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["unknown-owner"]


def test_a_fixed_file_and_a_changed_message_still_match_by_ids(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_baseline(capsys)
    # The target is there now (kpi-without-target fixed); the basket's target is still no
    # improvement, with another figure in the message, but it is the same finding.
    _edit_journey("{id: conversion, name: Conversion}", "{id: conversion, name: C, target: 5}")
    _edit_journey("baseline: 5, target: 4", "baseline: 5, target: 3")
    Path("journeys/broken.yaml").write_text(JOURNEY.replace("shop", "other"), encoding="utf-8")
    code, out, err = run(WITH_BASELINE, capsys)
    assert code == ExitCode.FINDINGS  # the file that is readable now has findings of its own
    assert "journeys/shop.yaml" not in out
    assert err.splitlines()[2:] == [
        "  journey 'shop', kpi-without-target at stages/checkout/kpis/conversion: "
        "KPI 'conversion' has no target",
        "  file 'journeys/broken.yaml', yaml-syntax: did not find expected node content "
        "(while parsing a flow node at line 2)",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline 'baseline.json' does not exist; write one with --write-baseline "
         "baseline.json"),
        ("{", "baseline.json:1:2: not JSON: Expecting property name enclosed in double quotes"),
        ('{"version": 2, "findings": []}', "'baseline.json' is not a jcode baseline (version 1);"
         " write one with --write-baseline baseline.json"),
        ('{"version": 1, "findings": {}}', "baseline 'baseline.json': 'findings' should be a list"),
        ('{"version": 1, "findings": [{"journey": "shop", "rule": 3, "element": ""}]}',
         "baseline 'baseline.json': entry 1 needs 'rule' as text"),
    ],
)  # fmt: skip
def test_bad_baseline_is_a_usage_error(
    content: str | None, message: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if content is not None:
        (project / "baseline.json").write_text(content, encoding="utf-8")
    assert run(WITH_BASELINE, capsys) == (ExitCode.USAGE, "", f"jcode: error: {message}\n")


def test_baseline_options_refuse_what_makes_no_sense(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run([*WITH_BASELINE, "--write-baseline", "other.json"], capsys)
    assert (code, err) == (
        ExitCode.USAGE,
        "jcode: error: give --baseline or --write-baseline, not both\n",
    )
    before = (project / "journeys" / "shop.yaml").read_bytes()
    code, _, err = run([*LINT, "--write-baseline", "journeys/shop.yaml"], capsys)
    assert code == ExitCode.USAGE and "jcode never writes to those" in err
    assert (project / "journeys" / "shop.yaml").read_bytes() == before


def test_a_baseline_gives_a_new_result_and_leaves_the_one_linted(project: Path) -> None:
    result = lint(collect_files([Path("journeys")]), load_project(None), TODAY, jobs=1)
    linted = result.findings
    assert len(linted) == 8
    write_baseline(Path("baseline.json"), linted[:3])
    baselined, accepted, fixed = apply_baseline(result, read_baseline(Path("baseline.json")))
    assert (accepted, fixed) == (3, [])
    assert baselined.findings == linted[3:]
    assert result.findings == linted
