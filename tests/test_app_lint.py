"""jcode.app.lint: lint a request's journeys, against a baseline or into one; plan the reports;
the job summary. Data in, data out: nothing is printed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from jcode.app.lint import LintOutcome, LintRequest, append_step_summary, lint_journeys
from jcode.errors import JcodeError
from jcode.findings import Severity
from jcode.reporters import ReportOptions
from jcode.reporters.github import step_summary

from .helpers import TODAY

CONFIG = """\
phases: [{id: buy, name: Buy, moment: purchase}, {id: after, name: After, moment: post-purchase}]
owners: {sales: {name: Sales}}
rules: {stage-without-kpi: off, purchase-without-assistance: off, no-feedback-loop: off}
"""
SHOP = """\
id: shop
title: Shopping
owner: sales
related: [return]
stages:
  - id: checkout
    name: Checkout
    phase: buy
    touchpoints: [{id: web, name: Web, channel: web}]
  - id: after
    name: After
    phase: after
"""
RETURN = """\
id: return
title: Returning
owner: sales
related: [shop, nowhere]
stages:
  - {id: buy, name: Buying, phase: buy, touchpoints: [{id: shop, name: Shop, channel: store}]}
  - {id: back, name: Back, phase: after, touchpoints: [{id: post, name: Post, channel: email}]}
"""
SHOP_FINDINGS = [
    ("journeys/shop.yaml", 1, "missing-post-purchase", "warning"),
    ("journeys/shop.yaml", 10, "stage-without-touchpoints", "warning"),
]
RETURN_FINDINGS = [("journeys/return.yaml", 4, "unknown-journey", "error")]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "jcode.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "shop.yaml").write_text(SHOP, encoding="utf-8")
    (tmp_path / "journeys" / "return.yaml").write_text(RETURN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def found(outcome: LintOutcome) -> list[tuple[str, int, str, str]]:
    return [(f.file, f.line, f.rule, f.severity) for f in outcome.result.findings]


def test_lint_reads_the_journeys_folder_and_plans_text_on_standard_output(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outcome = lint_journeys(LintRequest(today=TODAY))
    assert found(outcome) == RETURN_FINDINGS + SHOP_FINDINGS
    assert outcome.plan == [("text", None)]
    assert (outcome.written, outcome.accepted, outcome.fixed) == (None, 0, ())
    assert capsys.readouterr() == ("", "")


def test_some_files_know_the_projects_other_journeys(project: Path) -> None:
    outcome = lint_journeys(LintRequest([Path("journeys/shop.yaml")], today=TODAY))
    # `return` exists beside shop.yaml though it is not linted now: no unknown-journey.
    assert found(outcome) == SHOP_FINDINGS


@pytest.mark.parametrize(
    ("fail_on", "failed"), [("error", False), ("warning", True), ("info", True)]
)
def test_failed_is_the_exit_policy(project: Path, fail_on: Severity, failed: bool) -> None:
    outcome = lint_journeys(LintRequest([Path("journeys/shop.yaml")], today=TODAY))
    assert outcome.failed(fail_on) is failed  # warnings only


def test_the_plan_and_its_targets(project: Path) -> None:
    request = LintRequest(
        formats=["text", "sarif"], per_format={"sarif": Path("out.sarif"), "json": None}
    )
    assert lint_journeys(request).plan == [("sarif", Path("out.sarif")), ("text", None)]
    with pytest.raises(JcodeError) as caught:
        lint_journeys(LintRequest(formats=["json"], output=Path("journeys/shop.yaml")))
    assert (
        str(caught.value) == "'journeys/shop.yaml' is a journey file; jcode never writes to those"
    )
    with pytest.raises(JcodeError, match="jcode never writes to those"):
        lint_journeys(LintRequest(baseline_out=Path("journeys/return.yaml")))
    assert (project / "journeys" / "shop.yaml").read_text(encoding="utf-8") == SHOP


def test_a_baseline_is_written_then_accepts_its_findings(project: Path) -> None:
    written = lint_journeys(LintRequest(today=TODAY, baseline_out=Path("baseline.json")))
    assert (written.written, written.failed("info")) == (3, False)
    entries = json.loads((project / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["journey"], e["rule"], e["element"]) for e in entries] == [
        ("return", "unknown-journey", "related/nowhere"),
        ("shop", "missing-post-purchase", ""),
        ("shop", "stage-without-touchpoints", "stages/after"),
    ]
    (project / "journeys" / "return.yaml").write_text(
        RETURN.replace("[shop, nowhere]", "[shop]"), encoding="utf-8"
    )
    outcome = lint_journeys(LintRequest(today=TODAY, baseline=Path("baseline.json")))
    assert found(outcome) == []
    assert (outcome.accepted, outcome.baseline_size) == (2, 3)
    assert [entry.describe() for entry in outcome.fixed] == [
        "journey 'return', unknown-journey at related/nowhere: related journey 'nowhere' does "
        "not exist"
    ]
    assert not outcome.failed("info")


def test_a_baseline_is_read_or_written_not_both(project: Path) -> None:
    both = LintRequest(baseline=Path("a.json"), baseline_out=Path("b.json"))
    with pytest.raises(
        JcodeError, match=re.escape("give --baseline or --write-baseline, not both")
    ):
        lint_journeys(both)


def test_the_step_summary_is_appended(project: Path, tmp_path: Path) -> None:
    result = lint_journeys(LintRequest(today=TODAY)).result
    summary = tmp_path / "summary.md"
    summary.write_text("before\n", encoding="utf-8")
    append_step_summary(summary, result, project)
    expected = step_summary(result, ReportOptions(repo_root=project))
    assert summary.read_text(encoding="utf-8") == "before\n" + expected
    with pytest.raises(JcodeError) as caught:
        append_step_summary(tmp_path, result, project)
    assert str(caught.value) == f"cannot write the job summary '{tmp_path}': Is a directory"
