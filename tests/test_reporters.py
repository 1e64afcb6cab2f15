"""The CI formats, checked by their real consumers: the official SARIF 2.1.0 schema plus what
GitHub code scanning requires, a JUnit reader, and GitHub's workflow-command syntax."""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xunitparser
from junitparser import JUnitXml
from lxml import etree

from jcode import __version__
from jcode.app.lint import plan_outputs
from jcode.cli import main
from jcode.errors import JcodeError
from jcode.findings import Finding, RuleId
from jcode.linter import JourneyFile, LintResult
from jcode.reporters import ReportOptions
from jcode.reporters.github import MAX_SUMMARY_BYTES, step_summary
from jcode.reporters.github import report as github_report
from jcode.rules import RULES

from .clients import node_module, shared
from .helpers import lint_paths, said

TESTS = Path(__file__).parent
PROJECT = TESTS / "golden" / "project"
SARIF_SCHEMA = json.loads((TESTS / "vendor" / "sarif-schema-2.1.0.json").read_text())


def _lint_output(fmt: str, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    with contextlib.chdir(PROJECT):
        code = main(["lint", "--today", "2026-11-22", "--format", fmt, *extra])
    return code, capsys.readouterr().out


def test_vendored_sarif_schema_is_the_official_one() -> None:
    official = shared("vendor/sarif-schema-2.1.0.json")
    assert (TESTS / "vendor" / "sarif-schema-2.1.0.json").read_bytes() == official.read_bytes()


def test_sarif_is_valid_and_has_what_github_requires(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _lint_output("sarif", capsys)
    assert code == 1
    sarif = json.loads(out)
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(sarif)
    assert sarif["version"] == "2.1.0"
    [run] = sarif["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["fullName"]) == ("jcode", f"jcode {__version__}")
    assert run["automationDetails"] == {"id": "jcode/"}  # the README's upload category
    rules = driver["rules"]
    assert [(r["id"], r["name"]) for r in rules] == [(r.id, r.name) for r in RULES.values()]
    names = {r["id"]: r["name"] for r in rules}
    assert names["stage-without-touchpoints"] == "StageWithoutTouchpoints"
    assert names["schema"] == "SchemaMismatch"  # not "Schema": the id, ignoring case
    for rule in rules:
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"].strip(), (rule["id"], key)
    results = run["results"]
    assert len(results) == 14  # 13 findings and 1 suppressed
    for result in results:
        assert result["ruleId"] in RULES and rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert uri.startswith("tests/golden/project/journeys/"), uri  # relative to the repo root
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
        assert re.fullmatch(r"[0-9a-f]{32}", result["partialFingerprints"]["jcodeFinding/v1"])
    suppressed = [r for r in results if "suppressions" in r]
    assert [s["suppressions"][0]["justification"] for s in suppressed] == [
        "Gestita dal corriere, non da noi"
    ]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels["purchase-without-assistance"] == "note"


def test_sarif_messages_are_ids_and_arguments_of_their_rules_message_strings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A viewer that shows a result by its message id and arguments shows what its text says:
    the rule's messageStrings entry with {0}, {1} ... filled in."""
    _, out = _lint_output("sarif", capsys, "--lang", "it")  # SARIF is English in any language
    [run] = json.loads(out)["runs"]
    rules = run["tool"]["driver"]["rules"]
    for rule in rules:
        assert rule["messageStrings"], rule["id"]
        for message_id, string in rule["messageStrings"].items():
            assert RULES[rule["id"]].owns(message_id)
            assert string["text"].endswith((".", "?")), string
    seen = set()
    for result in run["results"]:
        message = result["message"]
        template = rules[result["ruleIndex"]]["messageStrings"][message["id"]]["text"]
        arguments: list[str] = message["arguments"]

        def argument(match: re.Match[str], arguments: list[str] = arguments) -> str:
            return arguments[int(match.group(1))]

        shown = re.sub(r"\{(\d+)\}", argument, template)
        assert shown == message["text"], message
        seen.add(message["id"])
    # a plural message in its singular, and a message with a nested phrase among them
    assert {"pain-point-without-opportunity.one", "schema.unknown-field.hint"} <= seen


def test_rule_names_are_pascal_case_unique_and_not_their_ids() -> None:
    names = [rule.name for rule in RULES.values()]
    assert all(re.fullmatch(r"(?:[A-Z][a-z0-9]+)+", name) for name in names), names
    assert len({name.casefold() for name in names}) == len(names)
    # The SARIF multitool (SARIF1001) compares a rule's name with its id ignoring case.
    assert all(rule.name.casefold() != rule.id.casefold() for rule in RULES.values())


def _multitool(sarif: Path, out: Path) -> list[dict[str, Any]]:
    """The results of the SARIF multitool's validate, with the rules of the SARIF spec, of
    GitHub code scanning and of Azure DevOps, at every level."""
    # The platform's executable itself: the package's bin.js runs it through a shell, which
    # would split the ;-separated lists below.
    multitool = node_module("@microsoft/sarif-multitool-linux/Sarif.Multitool")
    argv = [str(multitool), "validate", str(sarif), "--output", str(out)]
    argv += ["--rule-kind", "Sarif;Gh;Ado", "--level", "Error;Warning;Note"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    [run] = json.loads(out.read_text(encoding="utf-8"))["runs"]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"].get("rules", [])]
    results: list[dict[str, Any]] = run["results"]
    for result in results:  # the multitool leaves out what SARIF lets a reader infer
        result.setdefault("ruleId", rule_ids[result["ruleIndex"]])
        result.setdefault("level", "warning")
    return results


def _unquoted(text: str) -> bool:
    """A message string with a placeholder not between single quotes."""
    return any(
        text[m.start() - 1 : m.start()] != "'" or text[m.end() : m.end() + 1] != "'"
        for m in re.finditer(r"\{\d+\}", text)
    )


def test_sarif_multitool_finds_no_error_in_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sarif = tmp_path / "jcode.sarif"
    _lint_output("text", capsys, "--output-sarif", str(sarif))
    [run] = json.loads(sarif.read_text(encoding="utf-8"))["runs"]
    results = run["results"]
    assert len(results) == 14  # 13 findings of 10 rules, and 1 suppressed
    strings = [
        s["text"] for r in run["tool"]["driver"]["rules"] for s in r["messageStrings"].values()
    ]
    found = _multitool(sarif, tmp_path / "multitool.sarif")
    # SARIF2006: an URI (the schema's, the rules' help) was not reachable: the suite has no
    # network, so that note says nothing about the file.
    seen = Counter((r["ruleId"], r["level"]) for r in found if r["ruleId"] != "SARIF2006")
    assert seen == {
        # Only an Azure pipeline run knows these: its build definition and phase in
        # automationDetails' properties (GHAzDO1019), its org/project/build in the id (1020).
        ("GHAzDO1019", "error"): 4,
        ("GHAzDO1020", "error"): 1,
        # No SARIF2002: each result's message is an id and arguments of its rule's
        # messageStrings. Of those strings, the multitool would like
        # - each to end with a full stop, a question ("did you mean 'x'?") too (2001);
        ("SARIF2001", "warning"): sum(text.endswith("?") for text in strings),
        # - each to have a placeholder, which a message that names nothing cannot (2014);
        ("SARIF2014", "note"): sum("{" not in text for text in strings),
        # - each placeholder in quotes: jcode quotes names, not numbers or lists of names (2015).
        ("SARIF2015", "note"): sum(_unquoted(text) for text in strings),
        # Suggestions of what a log may add, none of which GitHub or Azure DevOps reads:
        ("SARIF2003", "note"): 1,  # versionControlProvenance: upload-sarif sends the commit
        ("SARIF2009", "note"): len(RULES),  # ids like CS2001: ours are what users suppress
        ("SARIF2010", "note"): len(results),  # a snippet of the line
        ("SARIF2011", "note"): len(results),  # a context region around it
    }


JOURNEY = """\
id: drift
title: Drift
owner: sales
stages:
  - id: discovery
    name: Discovery
    phase: discovery
  - id: purchase
    name: Checkout
    phase: purchase
    touchpoints: [{id: web, name: Web, channel: web, owner: nobody}]
"""


def _fingerprints(tmp_path: Path, text: str) -> dict[str, tuple[RuleId, int]]:
    (tmp_path / "jcode.yaml").write_text("owners: {sales: {name: Sales}}\n", encoding="utf-8")
    (tmp_path / "j.yaml").write_text(text, encoding="utf-8")
    findings = lint_paths([tmp_path / "j.yaml"], cwd=tmp_path).findings
    fingerprints = {f.fingerprint: (f.rule, f.line) for f in findings}
    assert len(fingerprints) == len(findings)  # no two findings share one
    return fingerprints


def test_fingerprints_survive_line_drift(tmp_path: Path) -> None:
    before = _fingerprints(tmp_path, JOURNEY)
    drifted = "# a comment\n\n" + JOURNEY.replace(
        "stages:\n",
        "stages:\n  - id: early\n    name: Early\n    phase: discovery\n"
        "    touchpoints: [{id: ad, name: Ad, channel: ads}]\n",
    )
    after = _fingerprints(tmp_path, drifted)
    # 4 missing phases, missing-post-purchase, stage-without-touchpoints, unknown-owner,
    # purchase-without-assistance and 2 stage-without-kpi.
    assert len(before) == 10
    # Every finding of the unchanged elements keeps its fingerprint though its line moved.
    assert set(before) <= set(after)
    moved = [fp for fp in before if before[fp][1] != after[fp][1]]
    assert len(moved) == len(before)


def test_vendored_junit_schema_is_jenkins_one() -> None:
    official = shared("vendor/junit-10.xsd")
    assert (TESTS / "vendor" / "junit-10.xsd").read_bytes() == official.read_bytes()


BANK = "journeys/bank-account.yaml"
BEACH = "journeys/beach-holiday.yaml"


@pytest.mark.parametrize(("fail_on", "failures"), [("error", 3), ("warning", 10), ("info", 13)])
def test_junit_is_valid_and_every_reader_counts_what_the_header_says(
    fail_on: str, failures: int, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "junit.xml"
    code, _ = _lint_output("text", capsys, "--output-junit", str(target), "--fail-on", fail_on)
    assert code == 1
    schema = etree.XMLSchema(etree.parse(TESTS / "vendor" / "junit-10.xsd"))
    document = etree.parse(target)
    assert schema.validate(document), schema.error_log
    # A case per finding at or above --fail-on, and one for the file without any.
    tests = failures + 1
    header = document.getroot()
    for element in (header, header.find("testsuite")):
        assert element is not None
        counts = [element.get(key) for key in ("tests", "failures", "errors")]
        assert counts == [str(tests), str(failures), "0"]
    xml = JUnitXml.fromfile(str(target))
    xml.update_statistics()  # type: ignore[no-untyped-call]  # junitparser leaves it untyped
    assert (xml.tests, xml.failures, xml.errors, xml.skipped) == (tests, failures, 0, 0)
    [suite] = list(xml)
    assert suite.skipped == 0
    _, read = xunitparser.parse(str(target))
    assert (read.testsRun, len(read.failures), len(read.errors)) == (tests, failures, 0)
    assert len(read.skipped) == 0
    names = [(case.classname, case.name) for case in suite]
    assert len(set(names)) == len(names)  # GitLab would merge cases of one name
    assert names[-1] == ("journeys/clean.yaml", "journeys/clean.yaml")
    assert suite.tests == tests and list(suite)[-1].is_passed


def test_junit_names_each_finding_by_its_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "junit.xml"
    _lint_output("text", capsys, "--output-junit", str(target))
    [suite] = list(JUnitXml.fromfile(str(target)))
    cases = [
        (case.classname, case.name, [(r.type, r.message, r.text) for r in case.result])
        for case in suite
    ]
    schema = "unknown field 'touchpoint' in stage 'discovery'; did you mean 'touchpoints'?"
    journey = "related journey 'summer-sale' does not exist"
    owner = "owner 'legale' is not declared in jcode.yaml (declared: assistenza, vendite)"
    assert cases == [
        (
            BANK,
            f"{BANK}:8:5: {schema} [schema]",
            [("schema", f"{BANK}:8:5: {schema}", f"{BANK}:8:5: error: {schema} [schema]")],
        ),
        (
            BEACH,
            f"{BEACH}:6:25: {journey} [unknown-journey]",
            [
                (
                    "unknown-journey",
                    f"{BEACH}:6:25: {journey}",
                    f"{BEACH}:6:25: error: {journey} [unknown-journey]",
                )
            ],
        ),
        (
            BEACH,
            f"{BEACH}:22:73: {owner} [unknown-owner]",
            [
                (
                    "unknown-owner",
                    f"{BEACH}:22:73: {owner}",
                    f"{BEACH}:22:73: error: {owner} [unknown-owner]",
                )
            ],
        ),
        ("journeys/clean.yaml", "journeys/clean.yaml", []),
    ]
    # The findings below --fail-on: in the file's first case, as lint prints them.
    lines = (TESTS / "golden" / "lint.txt").read_text(encoding="utf-8").splitlines()[:-1]
    below = [line for line in lines if line.startswith(BEACH) and ": error: " not in line]
    assert [case.system_out for case in suite] == [None, "\n".join(below), None, None]


GITHUB_LINE = re.compile(
    r"::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+),title=([a-z-]+)::(.*)"
)


def test_github_annotations_follow_the_command_syntax(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _lint_output("github", capsys)
    lines = out.splitlines()
    assert code == 1
    assert lines[-1] == "3 errors, 7 warnings, 3 info in 3 files (1 suppressed)"
    annotations = [GITHUB_LINE.fullmatch(line) for line in lines[:-1]]
    assert all(annotations) and len(annotations) == 13
    first = annotations[0]
    assert first is not None
    assert first.groups() == (
        "error",
        "tests/golden/project/journeys/bank-account.yaml",
        "8",
        "5",
        "schema",
        "unknown field 'touchpoint' in stage 'discovery'; did you mean 'touchpoints'?",
    )
    assert {m.group(1) for m in annotations if m} == {"error", "warning", "notice"}


def _unescape(text: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: chr(int(m.group(1), 16)), text)


def test_github_escaping_round_trips() -> None:
    message = "100% sure: a, b\nand c\r\n"
    finding = Finding(
        "dir, with: odd/j%.yaml", 3, 4, RuleId.SCHEMA, "warning", "", "j", said(message)
    )
    result = LintResult([JourneyFile("dir, with: odd/j%.yaml", findings=(finding,))])
    out = io.StringIO()
    github_report(result, out, ReportOptions(quiet=True))
    line = out.getvalue()
    assert line.count("\n") == 1 and "\r" not in line
    match = re.fullmatch(r"::warning file=(.*),line=3,col=4,title=schema::(.*)\n", line)
    assert match is not None
    assert "," not in match.group(1) and ":" not in match.group(1)
    assert _unescape(match.group(1)) == "dir, with: odd/j%.yaml"
    assert _unescape(match.group(2)) == message


@pytest.mark.parametrize(
    ("formats", "output", "per_format", "plan"),
    [
        ((), None, {}, [("text", None)]),
        (("json",), Path("r.json"), {}, [("json", Path("r.json"))]),
        (("text", "sarif"), Path("s"), {}, [("sarif", Path("s")), ("text", None)]),
        (("text", "sarif"), None, {"sarif": Path("s")}, [("sarif", Path("s")), ("text", None)]),
        ((), None, {"junit": Path("j")}, [("junit", Path("j")), ("text", None)]),
        (("github",), None, {"sarif": Path("s")}, [("sarif", Path("s")), ("github", None)]),
        (("text", "text"), None, {}, [("text", None)]),
    ],
)
def test_plan_outputs(
    formats: tuple[str, ...],
    output: Path | None,
    per_format: dict[str, Any],
    plan: list[tuple[str, Path | None]],
) -> None:
    assert plan_outputs(formats, output, per_format) == plan


@pytest.mark.parametrize(
    ("formats", "output", "per_format", "message"),
    [
        (("text", "json"), None, {}, "formats text, json would all go to standard output"),
        (("json", "sarif"), Path("x"), {}, "--output takes one format"),
        (("sarif",), Path("x"), {"sarif": Path("y")}, "--output has no format left"),
    ],
)
def test_plan_outputs_refuses_ambiguity(
    formats: tuple[str, ...], output: Path | None, per_format: dict[str, Any], message: str
) -> None:
    with pytest.raises(JcodeError, match=re.escape(message)):
        plan_outputs(formats, output, per_format)


def test_text_and_sarif_in_one_run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "jcode.sarif"
    code, out = _lint_output("text", capsys, "--format", "sarif", "--output-sarif", str(target))
    assert code == 1
    assert out == (TESTS / "golden" / "lint.txt").read_text(encoding="utf-8")
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(json.loads(target.read_text()))


def test_github_writes_the_full_list_to_the_job_summary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("An earlier step's summary\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out = _lint_output("github", capsys)
    assert code == 1 and out.count("::") == 26  # the annotations, as before
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("An earlier step's summary\n### jcode lint: 3 errors, 7 warnings")
    lines = written.splitlines()[3:]
    assert len(lines) == 13  # every finding, not 10 of each level
    assert lines[0] == (
        "- ❌ error `schema` tests/golden/project/journeys/bank-account\\.yaml line 8: unknown "
        "field 'touchpoint' in stage 'discovery'; did you mean 'touchpoints'?"
    )
    _lint_output("text", capsys)  # other formats leave the summary alone
    assert summary.read_text(encoding="utf-8") == written


def test_job_summary_stays_under_githubs_limit() -> None:
    path = "journeys/big.yaml"
    findings = tuple(
        Finding(path, n, 1, RuleId.SCHEMA, "error", "", "big", said("x" * 500))
        for n in range(5_000)
    )
    summary = step_summary(LintResult([JourneyFile(path, findings=findings)]), ReportOptions())
    assert len(summary.encode("utf-8")) <= MAX_SUMMARY_BYTES
    assert summary.endswith(
        " more findings, left out to stay within GitHub's size limit: run jcode lint to see "
        "them all.\n"
    )
