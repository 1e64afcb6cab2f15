"""The command line as users and CI see it: exact output, exit codes, messages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jcode import __version__
from jcode.cli import main
from jcode.errors import ExitCode
from jcode.schema import SCHEMA_FILES

from .helpers import check_golden

GOLDEN = Path(__file__).parent / "golden"
PROJECT = GOLDEN / "project"
ROOT = Path(__file__).parent.parent


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def in_project(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(PROJECT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return PROJECT


@pytest.mark.parametrize(("fmt", "golden"), [("text", "lint.txt"), ("json", "lint.json")])
def test_lint_output_is_exact(
    fmt: str, golden: str, in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["lint", "--today", "2026-11-22", "--format", fmt], capsys)
    assert (code, err) == (ExitCode.FINDINGS, "")
    check_golden(golden, out)


def test_json_has_the_documented_shape(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(["lint", "--today", "2026-11-22", "--format", "json"], capsys)
    report = json.loads(out)
    assert list(report) == ["version", "findings", "suppressed", "summary"]
    assert report["version"] == 1
    keys = ["rule", "severity", "file", "line", "column", "pointer", "journey", "message"]
    keys += ["message_id", "arguments"]  # for a tool that shows it in another language
    assert all(list(f) == keys for f in report["findings"])
    assert all(list(s) == [*keys, "reason"] for s in report["suppressed"])
    assert report["suppressed"][0]["reason"] == "Gestita dal corriere, non da noi"
    assert report["summary"] == {"files": 3, "journeys": 2, "error": 3, "warning": 7, "info": 3}


@pytest.mark.parametrize(
    ("fail_on", "expected"),
    [("error", ExitCode.FINDINGS), ("warning", ExitCode.FINDINGS), ("info", ExitCode.FINDINGS)],
)
def test_fail_on_with_errors(
    fail_on: str, expected: int, in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["lint", "--fail-on", fail_on, "--today", "2026-11-22"], capsys)[0] == expected


WARNINGS_ONLY = "id: w\ntitle: W\nstages: [{id: s, name: S, phase: a}]\n"
INFO_ONLY = (
    "id: i\ntitle: I\nowner: team\nstages:\n"
    "  - {id: a, name: A, phase: a, touchpoints: [{id: t, name: T, channel: web}]}\n"
)


@pytest.mark.parametrize(
    ("content", "fail_on", "expected"),
    [
        (WARNINGS_ONLY, "error", ExitCode.OK),
        (WARNINGS_ONLY, "warning", ExitCode.FINDINGS),
        (WARNINGS_ONLY, "info", ExitCode.FINDINGS),
        (INFO_ONLY, "error", ExitCode.OK),
        (INFO_ONLY, "warning", ExitCode.OK),
        (INFO_ONLY, "info", ExitCode.FINDINGS),
    ],
)
def test_fail_on_thresholds(
    content: str,
    fail_on: str,
    expected: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "jcode.yaml").write_text(
        "phases: [{id: a, name: A, moment: post-purchase}]\n", encoding="utf-8"
    )
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "j.yaml").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    severities = {"w": {"warning", "info"}, "i": {"info"}}[content.split()[1]]
    code, out, _ = run(["lint", "--format", "json", "--fail-on", fail_on], capsys)
    assert {f["severity"] for f in json.loads(out)["findings"]} == severities
    assert code == expected
    code, out, _ = run(["lint", "--quiet", "--fail-on", fail_on], capsys)
    assert code == expected
    assert " in 1 file" not in out  # --quiet: the findings only, no summary line


def test_info_only_file_passes_fail_on_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run(
        ["lint", "journeys/", "--fail-on", "warning", "--today", "2026-11-22"], capsys
    )
    assert code == ExitCode.OK
    assert out == (
        "journeys/car-insurance-renewal.yaml:152:5: info: stage 'staying' lists 1 pain point "
        "but no opportunities [pain-point-without-opportunity]\n"
        "0 errors, 0 warnings, 1 info in 6 files (2 suppressed)\n"
    )


def test_contract_lints_clean(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run(
        ["lint", "journeys/laptop-replacement.yaml", "--today", "2026-11-22", "--format", "json"],
        capsys,
    )
    assert code == ExitCode.OK
    report = json.loads(out)
    assert report["findings"] == [] and report["summary"]["journeys"] == 1


def test_output_file(in_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run(
        ["lint", "--today", "2026-11-22", "--format", "json", "--output", str(target)], capsys
    )
    assert (code, out) == (ExitCode.FINDINGS, "")
    assert target.read_text(encoding="utf-8") == (GOLDEN / "lint.json").read_text(encoding="utf-8")


def test_output_refuses_a_journey_file(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (PROJECT / "journeys" / "clean.yaml").read_bytes()
    code, _, err = run(["lint", "--output", "journeys/clean.yaml"], capsys)
    assert code == ExitCode.USAGE
    assert "jcode never writes to those" in err
    assert (PROJECT / "journeys" / "clean.yaml").read_bytes() == before


def test_color(
    in_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["lint", "journeys/bank-account.yaml"]
    assert "\x1b[" not in run(argv, capsys)[1]  # not a terminal: no colour
    assert "\x1b[31m" in run([*argv, "--color"], capsys)[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run(argv, capsys)[1]
    assert "\x1b[" in run([*argv, "--color"], capsys)[1]  # an explicit flag wins


def test_missing_path_is_usage_error(in_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["lint", "nowhere/"], capsys) == (
        ExitCode.USAGE,
        "",
        "jcode: error: path 'nowhere' does not exist\n",
    )


def test_bad_option_is_usage_error(in_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["lint", "--format", "xml"], capsys)
    assert code == ExitCode.USAGE
    assert "'xml' is not one of 'text', 'json'" in err


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            "rules:\n  stage-without-touchpoint: off\n",
            "jcode.yaml:2:3: unknown rule 'stage-without-touchpoint' under 'rules'; "
            "did you mean 'stage-without-touchpoints'?",
        ),
        (
            "phases: six-stage\n",
            "jcode.yaml:1:9: unknown phase model 'six-stage'; did you mean 'five-stage'? "
            "(built-in: seven-stage, four-stage, five-stage, or a list of phases)",
        ),
        ("owners: [a, b\n", "jcode.yaml:2:1: "),
        ("review_every_days: soon\n", "jcode.yaml:1:20: review_every_days:"),
        ("sites: {}\n", "jcode.yaml:1:1: sites: unknown setting; did you mean 'site'?"),
        (
            "channels:\n  kiosk: {name: Kiosk}\n",
            "jcode.yaml:2:3: channel 'kiosk' needs a mode, as the catalog has no channel of that "
            "id: add 'mode: online' or 'mode: offline' under it",
        ),
        (  # 0 == False, but a number is not `off` (found by test_properties)
            "rules:\n  missing-owner: 0\n",
            "jcode.yaml:2:18: rules/missing-owner: a number is not a rule setting: use off, "
            "info, warning or error",
        ),
    ],
)
def test_bad_config_is_exit_2_with_position(
    config: str,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "jcode.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "journeys").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["lint"], capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert message in err
    assert "Traceback" not in err


def test_bare_off_in_rules_is_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "jcode.yaml").write_text("rules:\n  missing-owner: off\n", encoding="utf-8")
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "j.yaml").write_text(
        "id: j\ntitle: J\nstages: [{id: s, name: S, phase: discovery}]\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(["lint", "--format", "json"], capsys)
    assert "missing-owner" not in {f["rule"] for f in json.loads(out)["findings"]}


def test_internal_error_is_one_line_exit_3(
    in_project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("jcode.app.lint.lint", explode)
    code, out, err = run(["lint"], capsys)
    assert (code, out) == (ExitCode.INTERNAL, "")
    assert err.count("\n") == 1
    assert err.startswith(f"jcode {__version__}: internal error: RuntimeError: boom. Please report")
    assert "--debug" in err
    code, _, err = run(["--debug", "lint"], capsys)
    assert code == ExitCode.INTERNAL and "Traceback" in err
    # --debug is the group's option, as click parsed it: a journey file named --debug is not.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "--debug").write_text("id: x\n", encoding="utf-8")
    code, _, err = run(["lint", "--", "--debug"], capsys)
    assert code == ExitCode.INTERNAL and "Traceback" not in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"], capsys) == (0, f"jcode, version {__version__}\n", "")


@pytest.mark.parametrize("command", [[], ["lint"], ["rules"], ["schema"]])
def test_every_help_shows_an_example(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run([*command, "--help"], capsys)
    assert code == 0
    assert "Example" in out and "jcode " in out


def test_rules_list_and_docs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules"], capsys)
    assert code == 0
    assert out.splitlines()[0].split() == [
        "yaml-syntax",
        "error",
        "The",
        "file",
        "is",
        "not",
        "readable",
        "YAML",
        "(syntax,",
        "encoding,",
        "tabs).",
    ]
    code, out, _ = run(["rules", "stage-without-touchpoints"], capsys)
    assert code == 0
    for section in ("What it flags:", "Why it matters:", "Example:", "Fix:"):
        assert section in out
    code, _, err = run(["rules", "stage-without-touchpoint"], capsys)
    assert code == ExitCode.USAGE
    assert "did you mean 'stage-without-touchpoints'?" in err


def test_schema_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    names = list(SCHEMA_FILES)
    _, out, _ = run(["schema"], capsys)
    assert out == (ROOT / "schema" / names[0]).read_text(encoding="utf-8")
    _, out, _ = run(["schema", "--config-schema"], capsys)
    assert out == (ROOT / "schema" / names[1]).read_text(encoding="utf-8")


def test_output_through_a_symlink_never_reaches_a_journey(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "journeys").mkdir()
    journey = tmp_path / "journeys" / "a.yaml"
    journey.write_text("id: a\ntitle: A\nstages: [{id: s, name: S, phase: discovery}]\n")
    (tmp_path / "out.json").symlink_to(journey)
    monkeypatch.chdir(tmp_path)
    before = journey.read_bytes()
    code, _, err = run(["lint", "--format", "json", "--output", "out.json", "journeys/"], capsys)
    assert code == ExitCode.USAGE and "jcode never writes to those" in err
    assert journey.read_bytes() == before


def test_default_paths_from_a_subfolder_are_relative(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(PROJECT / "journeys")
    _, out, _ = run(["lint", "--today", "2026-11-22"], capsys)
    assert out.splitlines()[0].startswith("bank-account.yaml:8:5: error:")


def test_some_files_of_a_project_know_its_other_journeys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As pre-commit runs it, on the changed files only: a related journey in another file exists.
    (tmp_path / "journeys").mkdir()
    for name, related in (("a", "[b, nowhere]"), ("b", "[a]")):
        (tmp_path / "journeys" / f"{name}.yaml").write_text(
            f"id: {name}\ntitle: T\nrelated: {related}\nstages: [{{id: s, name: S, phase: x}}]\n",
            encoding="utf-8",
        )
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(["lint", "journeys/a.yaml", "--format", "json"], capsys)
    unknown = [f["message"] for f in json.loads(out)["findings"] if f["rule"] == "unknown-journey"]
    assert unknown == ["related journey 'nowhere' does not exist"]


def test_a_broken_file_keeps_its_journey_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "pay.yaml").write_text(
        "id: pay-online\ntitle: Paying online\ngoal: Pay: and get a date\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["lint", "--format", "json"], capsys)
    assert code == ExitCode.FINDINGS
    assert json.loads(out)["findings"] == [
        {
            "rule": "yaml-syntax",
            "severity": "error",
            "file": "journeys/pay.yaml",
            "line": 3,
            "column": 10,
            "pointer": "",
            "journey": "pay-online",
            "message": "mapping values are not allowed in this context; is there a ': ' inside "
            'the text? quote the text: goal: "Pay: and get a date"',
            "message_id": "yaml-syntax.colon-in-text",
            "arguments": {
                "problem": "mapping values are not allowed in this context",
                "key": "goal",
                "quoted": '"Pay: and get a date"',
            },
        }
    ]
    # A baseline keys the broken file by its journey, so renaming it keeps the entry.
    run(["lint", "--write-baseline", "baseline.json"], capsys)
    assert (
        json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["findings"][0][
            "journey"
        ]
        == "pay-online"
    )
    (tmp_path / "journeys" / "pay.yaml").rename(tmp_path / "journeys" / "paying.yaml")
    assert run(["lint", "--baseline", "baseline.json"], capsys) == (
        ExitCode.OK,
        "0 errors, 0 warnings, 0 info in 1 file\n",
        "jcode: 1 finding accepted by baseline 'baseline.json'\n",
    )


@pytest.mark.parametrize(
    "paths",
    [["jcode.yaml"], ["journeys/clean.yaml", "jcode.yaml"], ["./jcode.yaml", "journeys"]],
)
def test_jcode_yaml_among_the_paths_lints_every_journey(
    paths: list[str], in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # As pre-commit passes a commit's changed jcode.yaml: it is the settings of every journey.
    code, out, err = run(["lint", "--today", "2026-11-22", *paths], capsys)
    assert (code, err) == (ExitCode.FINDINGS, "")
    check_golden("lint.txt", out)


def test_the_project_schema_among_the_paths_lints_every_journey(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(PROJECT, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    assert run(["schema", "--project"], capsys)[0] == ExitCode.OK
    code, out, err = run(["lint", "--today", "2026-11-22", "schema/journey.schema.json"], capsys)
    assert (code, err) == (ExitCode.FINDINGS, "")
    check_golden("lint.txt", out)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "other/jcode.yaml",
            "'other/jcode.yaml' is not the jcode.yaml in use ('jcode.yaml'); to lint the "
            "journeys of its project, give --config other/jcode.yaml",
        ),
        (
            "other/schema/journey.schema.json",
            "'other/schema/journey.schema.json' is not the project schema of the jcode.yaml in "
            "use ('jcode.yaml'); to lint the journeys of its project, give --config "
            "other/jcode.yaml",
        ),
    ],
)
def test_another_projects_settings_are_a_usage_error(
    path: str,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shutil.copytree(PROJECT, tmp_path, dirs_exist_ok=True)
    shutil.copytree(PROJECT, tmp_path / "other")
    (tmp_path / "other" / "schema").mkdir()
    (tmp_path / "other" / "schema" / "journey.schema.json").write_text("{}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(["lint", "journeys/clean.yaml", path], capsys) == (
        ExitCode.USAGE,
        "",
        f"jcode: error: {message}\n",
    )
