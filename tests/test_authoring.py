"""Authoring and adoption: the project schema, `jcode new`, `jcode init`, `jcode export`, and the
README's walk-through from `jcode init` to a built site."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from jcode import __version__, authoring, authoring_words, i18n
from jcode.cli import main
from jcode.config import load_project
from jcode.editor_schema import ABSENT
from jcode.errors import ExitCode
from jcode.project_schema import COMMENT, project_schema
from jcode.schema import schema_of
from jcode.spec.models import Journey

from .helpers import check_golden, templates_in

# The owners the repository's own jcode.yaml declares (the contract's, then the gallery's).
ROOT_CONFIG: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent.parent / "jcode.yaml").read_text(encoding="utf-8")
)
ROOT_OWNERS: list[str] = list(ROOT_CONFIG["owners"])

ROOT = Path(__file__).parent.parent
CONTRACT_JOURNEY = ROOT / "journeys" / "laptop-replacement.yaml"
BIN = Path(sys.executable).parent  # the environment's console scripts: jcode, check-jsonschema


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of this repository's jcode.yaml and contract journey, as the current folder."""
    shutil.copy(ROOT / "jcode.yaml", tmp_path / "jcode.yaml")
    (tmp_path / "journeys").mkdir()
    shutil.copy(CONTRACT_JOURNEY, tmp_path / "journeys")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _as_json(value: Any) -> Any:
    """YAML data as a JSON validator sees it: dates become ISO strings."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _journey_data(path: Path) -> Any:
    return _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))


# The project schema ------------------------------------------------------------------------


def test_schema_project_writes_each_enum_with_names(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["schema", "--project"], capsys) == (
        ExitCode.OK,
        "wrote schema/journey.schema.json\n",
        "",
    )
    schema = json.loads((repo / "schema" / "journey.schema.json").read_text(encoding="utf-8"))
    assert schema["$comment"] == COMMENT and "$id" not in schema
    stage = schema["$defs"]["Stage"]["properties"]
    assert stage["phase"]["enum"] == [
        "discovery",
        "evaluation",
        "interest",
        "purchase",
        "post-purchase",
        "loyalty",
        "advocacy",
    ]
    assert stage["phase"]["enumDescriptions"][2] == "Interest"
    channel = schema["$defs"]["Touchpoint"]["properties"]["channel"]
    assert channel["enum"][:3] == ["web", "mobile-app", "email"]
    assert channel["enumDescriptions"][:3] == ["Website", "Mobile app", "Email"]
    owners = list(ROOT_OWNERS)
    names = ["E-commerce team", "Growth marketing", "Checkout squad", "Customer care"]
    for holder in (schema, *(schema["$defs"][d] for d in ("Stage", "Touchpoint", "Kpi"))):
        owner = holder["properties"]["owner"]["oneOf"]
        assert owner[0]["enum"] == owners
        assert owner[0]["enumDescriptions"][:4] == names
        assert owner[1] == ABSENT  # left out, or null: inherited
    persona = schema["properties"]["persona"]["oneOf"][0]
    declared = ROOT_CONFIG["personas"]
    assert (persona["enum"], persona["enumDescriptions"]) == (
        list(declared),
        [p["name"] for p in declared.values()],
    )


def test_project_schema_validates_like_the_rules(repo: Path) -> None:
    validator = _validator(project_schema(load_project(None)))
    journey = _journey_data(repo / "journeys" / "laptop-replacement.yaml")
    assert validator.is_valid(journey)
    journey["stages"][0]["touchpoints"][0]["owner"] = "marketing"  # not declared
    errors = list(validator.iter_errors(journey))
    assert [list(e.absolute_path) for e in errors] == [
        ["stages", 0, "touchpoints", 0, "owner"],
    ]
    journey["stages"][0]["touchpoints"][0]["owner"] = None  # inherited: fine
    assert validator.is_valid(journey)
    for field, where, value in [
        ("phase", ["stages", 1], "consideration"),
        ("channel", ["stages", 1, "touchpoints", 0], "fax"),
        ("persona", [], "student"),
    ]:
        bad = json.loads(json.dumps(journey))
        holder = bad
        for step in where:
            holder = holder[step]
        holder[field] = value
        assert not validator.is_valid(bad), field


def test_check_jsonschema_rejects_an_unknown_owner_with_the_project_schema(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["schema", "--project"], capsys)
    exe = str(BIN / "check-jsonschema")
    schema = str(repo / "schema" / "journey.schema.json")
    good = repo / "journeys" / "laptop-replacement.yaml"
    bad = repo / "journeys" / "unknown-owner.yaml"
    bad.write_text(
        good.read_text(encoding="utf-8").replace("owner: ecommerce", "owner: marketing"),
        encoding="utf-8",
    )
    result = subprocess.run(
        [exe, "--schemafile", schema, str(good)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run(
        [exe, "--schemafile", schema, str(bad)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "'marketing' is not one of ['ecommerce'" in result.stdout


def test_project_schema_without_owners_or_personas_accepts_any(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "jcode.yaml").write_text(
        "phases: four-stage\nchannels:\n  fax: {name: Fax, mode: offline}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    schema = project_schema(load_project(None))
    published = schema_of(Journey)
    assert schema["properties"]["owner"] == published["properties"]["owner"]
    assert schema["properties"]["persona"] == published["properties"]["persona"]
    channel = schema["$defs"]["Touchpoint"]["properties"]["channel"]
    assert (channel["enum"][-1], channel["enumDescriptions"][-1]) == ("fax", "Fax")
    phase = schema["$defs"]["Stage"]["properties"]["phase"]
    assert phase["enum"] == ["awareness", "consideration", "decision", "post-purchase"]


def test_project_schema_is_derived_from_the_published_schema(repo: Path) -> None:
    # jcode reads the published schema shipped with it (no pydantic at lint time): it must be
    # what the models generate.
    project = load_project(None)
    assert project_schema(project) == project_schema(project, schema_of(Journey))


def test_schema_project_out_and_refusals(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["schema", "--project", "--out", "editor/j.json"], capsys) == (
        ExitCode.OK,
        "wrote editor/j.json\n",
        "",
    )
    assert run(["schema", "--project", "--out", "editor/j.json"], capsys)[1] == (
        "editor/j.json is up to date\n"
    )
    (repo / "schema").mkdir()
    published = repo / "schema" / "journey.schema.json"
    published.write_text(json.dumps(schema_of(Journey)), encoding="utf-8")
    before = published.read_bytes()
    code, out, err = run(["schema", "--project"], capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err == (
        "jcode: error: 'schema/journey.schema.json' exists and was not written by "
        "`jcode schema --project`; refusing to replace it (choose another --out, or remove it "
        "yourself)\n"
    )
    assert published.read_bytes() == before
    code, _, err = run(["schema", "--project", "--out", "journeys/laptop-replacement.yaml"], capsys)
    assert code == ExitCode.USAGE and "was not written by" in err
    assert run(["schema", "--out", "x.json"], capsys) == (
        ExitCode.USAGE,
        "",
        "jcode: error: --out and --config go with --project\n",
    )
    assert run(["schema", "--project", "--write"], capsys)[0] == ExitCode.USAGE


def test_no_command_overwrites_the_project_schema_with_the_published_one(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Writing the published schemas is jcode's developers' task (make schema): `jcode schema
    --write` overwrote a journeys repository's project schema and silenced stale-project-schema."""
    run(["schema", "--project"], capsys)
    project_schema = repo / "schema" / "journey.schema.json"
    before = project_schema.read_bytes()
    code, _, err = run(["schema", "--write"], capsys)
    assert (code, err.splitlines()[-1]) == (ExitCode.USAGE, "Error: No such option '--write'.")
    assert project_schema.read_bytes() == before
    assert sorted(p.name for p in project_schema.parent.iterdir()) == ["journey.schema.json"]


def test_schema_project_needs_a_jcode_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["schema", "--project"], capsys) == (
        ExitCode.USAGE,
        "",
        "jcode: error: no jcode.yaml in this folder or above it; `jcode init` creates one "
        "(or give --config FILE)\n",
    )
    assert not (tmp_path / "schema").exists()


# stale-project-schema -----------------------------------------------------------------------


def test_stale_project_schema_fires_after_jcode_yaml_gains_an_owner(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["schema", "--project"], capsys)
    lint = ["lint", "--today", "2026-11-22", "--fail-on", "info"]
    assert run(lint, capsys) == (ExitCode.OK, "0 errors, 0 warnings, 0 info in 1 file\n", "")
    config = repo / "jcode.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "personas:", "  partners:\n    name: Partner management\npersonas:"
        ),
        encoding="utf-8",
    )
    assert run(lint, capsys) == (
        ExitCode.FINDINGS,
        "schema/journey.schema.json:1:1: info: the project schema lacks owner 'partners'; run "
        "`jcode schema --project` to update it [stale-project-schema]\n"
        "0 errors, 0 warnings, 1 info in 1 file\n",
        "",
    )
    _, out, _ = run([*lint, "--format", "junit"], capsys)
    assert 'tests="2"' in out and 'name="schema/journey.schema.json"' in out
    assert run(["schema", "--project"], capsys)[1] == "wrote schema/journey.schema.json\n"
    assert run(lint, capsys)[0] == ExitCode.OK


def test_a_baseline_accepts_the_stale_project_schema_finding(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["schema", "--project"], capsys)
    config = repo / "jcode.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("Customer care", "Customer service"), encoding="utf-8")
    lint = ["lint", "--today", "2026-11-22", "--fail-on", "info"]
    assert run([*lint, "--write-baseline", "baseline.json"], capsys) == (
        ExitCode.OK,
        "",
        "jcode: wrote 1 finding to 'baseline.json'\n",
    )
    assert run([*lint, "--baseline", "baseline.json"], capsys) == (
        ExitCode.OK,
        "0 errors, 0 warnings, 0 info in 1 file\n",
        "jcode: 1 finding accepted by baseline 'baseline.json'\n",
    )


def test_stale_project_schema_names_what_changed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["schema", "--project"], capsys)
    config = repo / "jcode.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("Customer care", "Customer service"), encoding="utf-8")
    _, out, _ = run(["lint", "--format", "json"], capsys)
    assert json.loads(out)["findings"] == [
        {
            "rule": "stale-project-schema",
            "severity": "info",
            "file": "schema/journey.schema.json",
            "line": 1,
            "column": 1,
            "pointer": "",
            "journey": None,
            "message": "the project schema is out of date (a name in jcode.yaml, or jcode's "
            "journey format, changed); run `jcode schema --project` to update it",
            "message_id": "stale-project-schema.out-of-date",
            "arguments": {},
        }
    ]
    assert text.endswith("rules:\n  kpi-without-baseline: warning\n")
    config.write_text(
        text.replace("phases: seven-stage", "phases: five-stage").replace(
            "  crm:\n    name: CRM and loyalty\n", ""
        )
        + "  stale-project-schema: warning\n",
        encoding="utf-8",
    )
    _, out, _ = run(["lint", "--format", "json"], capsys)
    stale = [f for f in json.loads(out)["findings"] if f["rule"] == "stale-project-schema"]
    assert [(f["severity"], f["message"]) for f in stale] == [
        (
            "warning",
            "the project schema still lists phases 'advocacy', 'interest' and still lists "
            "owner 'crm'; run `jcode schema --project` to update it",
        )
    ]
    config.write_text(text + "  stale-project-schema: off\n", encoding="utf-8")
    _, out, _ = run(["lint", "--format", "json"], capsys)
    assert json.loads(out)["findings"] == []


# jcode new ----------------------------------------------------------------------------------

CUSTOM_PHASES = """\
phases:
  - {id: lead, name: Lead, moment: pre-purchase}
  - {id: demo, name: Product demo, moment: pre-purchase, optional: true}
  - {id: proposal, name: Proposal, moment: pre-purchase}
  - {id: contract, name: Contract, moment: purchase}
  - {id: onboarding, name: Onboarding, moment: post-purchase}
owners:
  sales: {name: Sales}
"""


@pytest.mark.parametrize(
    ("config", "stages"),
    [
        ("phases: four-stage\n", ["awareness", "consideration", "decision", "post-purchase"]),
        (
            "phases: five-stage\n",
            ["discovery", "evaluation", "purchase", "post-purchase", "loyalty"],
        ),
        (
            "phases: seven-stage\n",
            ["discovery", "evaluation", "purchase", "post-purchase", "loyalty", "advocacy"],
        ),
        (CUSTOM_PHASES, ["lead", "proposal", "contract", "onboarding"]),
    ],
    ids=["four-stage", "five-stage", "seven-stage", "custom"],
)
def test_new_gives_a_stage_per_required_phase_and_warns_until_filled(
    config: str,
    stages: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "jcode.yaml").write_text(config, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["new", "opening-an-account"], capsys)
    model = "custom" if config is CUSTOM_PHASES else config.split()[1]
    assert (code, err) == (ExitCode.OK, "")
    assert out == (
        f"wrote journeys/opening-an-account.yaml: {len(stages)} stages to fill in "
        f"(phase model '{model}')\n"
        "no project schema for editors yet: `jcode schema --project` writes it\n"
    )
    path = tmp_path / "journeys" / "opening-an-account.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/journey.schema.json\n")
    data = yaml.safe_load(text)
    assert data["id"] == "opening-an-account" and data["title"] == "Opening an account"
    assert [s["id"] for s in data["stages"]] == stages
    assert [s["phase"] for s in data["stages"]] == stages
    assert all(s["touchpoints"] == [] for s in data["stages"])
    assert "TODO" in text
    code, out, _ = run(["lint", "--fail-on", "warning", "--format", "json"], capsys)
    assert code == ExitCode.FINDINGS
    findings = json.loads(out)["findings"]
    assert {f["severity"] for f in findings} == {"warning", "info"}
    assert [f["pointer"] for f in findings if f["rule"] == "stage-without-touchpoints"] == [
        f"/stages/{i}" for i in range(len(stages))
    ]
    # Filled in: an owner, and the touchpoints of every stage. Then it passes.
    data["owner"] = "sales"
    for stage in data["stages"]:
        stage["touchpoints"] = [{"id": f"{stage['id']}-web", "name": "Website", "channel": "web"}]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert run(["lint", "--fail-on", "warning"], capsys)[0] == ExitCode.OK


def test_new_with_title_owner_and_persona(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["schema", "--project"], capsys)
    title = 'Checkout: the "fast" way # no comment'
    code, out, _ = run(
        [
            "new",
            "fast-checkout",
            "--title",
            title,
            "--owner",
            "crm",
            "--persona",
            "remote-professional",
        ],
        capsys,
    )
    assert (code, out) == (
        ExitCode.OK,
        "wrote journeys/fast-checkout.yaml: 6 stages to fill in (phase model 'seven-stage')\n",
    )
    text = (repo / "journeys" / "fast-checkout.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert (data["title"], data["owner"], data["persona"]) == (title, "crm", "remote-professional")
    assert "# owner:" not in text and "# persona:" not in text
    validator = _validator(json.loads((repo / "schema" / "journey.schema.json").read_text()))
    assert validator.is_valid(_as_json(data))


def test_new_with_only_optional_phases_offers_them_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "jcode.yaml").write_text(
        "phases:\n  - {id: visit, name: Visit, moment: purchase, optional: true}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert run(["new", "walk-in"], capsys)[0] == ExitCode.OK
    data = yaml.safe_load((tmp_path / "journeys" / "walk-in.yaml").read_text(encoding="utf-8"))
    assert [s["phase"] for s in data["stages"]] == ["visit"]


@pytest.mark.parametrize(
    ("config", "argv", "golden"),
    [
        (
            "owners:\n  sales: {name: Sales}\n  crm: {name: CRM}\n"
            "personas:\n  student: {name: Student}\n",
            ["new", "opening-an-account"],
            "declared.yaml",
        ),
        (
            "phases:\n"
            '  - {id: lead, name: "Lead: first call", moment: pre-purchase}\n'
            "  - {id: visit, name: Visit, moment: purchase, optional: true}\n"
            "  - {id: contract, name: Contract, moment: purchase}\n",
            ["new", "x-y", "--title", "Ünïcode: ok", "--owner", "crm"],
            "given.yaml",
        ),
        (  # the words in the site's language
            "site: {language: it}\n"
            "phases:\n"
            "  - {id: contatto, name: Primo contatto, moment: pre-purchase}\n"
            "  - {id: contratto, name: Contratto, moment: purchase}\n"
            "owners:\n  vendite: {name: Vendite}\n  assistenza: {name: Assistenza}\n",
            ["new", "apertura-conto"],
            "italian.yaml",
        ),
    ],
    ids=["declared", "given", "italian"],
)
def test_new_writes_this_skeleton_byte_for_byte(
    config: str,
    argv: list[str],
    golden: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "jcode.yaml").write_text(config, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(argv, capsys)[0] == ExitCode.OK
    written = tmp_path / "journeys" / f"{argv[1]}.yaml"
    check_golden(f"new/{golden}", written.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["new", "Opening_Account"],
            "'Opening_Account' is not a valid journey id: lowercase letters a-z, digits and "
            "hyphens, starting with a letter or digit, at most 64 characters",
        ),
        (["new", "x" * 65], "is not a valid journey id"),
        (["new", "gift\n"], "'gift\\n' is not a valid journey id"),
        (["new", "jcode"], "'jcode' cannot be a journey id: jcode.yaml is never read as a journey"),
        (
            ["new", "laptop-replacement"],
            "journeys/laptop-replacement.yaml already exists; jcode new never replaces a file",
        ),
        (
            ["new", "spare-laptop"],
            "journey id 'spare-laptop' is already used in journeys/spare.yml",
        ),
        (
            ["new", "gift", "--owner", "marketing"],
            f"owner 'marketing' is not declared in jcode.yaml (declared: {', '.join(ROOT_OWNERS)})",
        ),
        (["new", "gift", "--persona", "Student"], "'Student' is not a valid persona"),
        (
            ["new", "gift", "--title", "Gift\x07card"],
            "the journey would not be valid: 'title' contains the control or "
            "bidirectional-override character U+0007",
        ),
    ],
)
def test_new_refuses_and_writes_nothing(
    argv: list[str], message: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "journeys" / "spare.yml").write_text("id: spare-laptop\n", encoding="utf-8")
    before = sorted(p.name for p in (repo / "journeys").iterdir())
    contract = (repo / "journeys" / "laptop-replacement.yaml").read_bytes()
    code, out, err = run(argv, capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err.startswith("jcode: error: ") and message in err
    assert sorted(p.name for p in (repo / "journeys").iterdir()) == before
    assert (repo / "journeys" / "laptop-replacement.yaml").read_bytes() == contract


# jcode init ---------------------------------------------------------------------------------

MODELINE = "# yaml-language-server: $schema=../schema/journey.schema.json\n"
INIT_FILES = [
    "jcode.yaml",
    "journeys/first-order.yaml",
    "schema/journey.schema.json",
    ".pre-commit-config.yaml",
    ".github/workflows/jcode.yml",
    ".gitignore",
]
NEXT = (
    "  jcode lint          check the journeys\n"
    "  jcode build         build the site into site/, then open site/index.html\n"
    "  jcode new ID        start a journey of your own\n"
)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "site" not in p.relative_to(folder).parts[:1]
    }


def test_init_into_an_empty_folder_lints_builds_and_changes_nothing_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["init", "journeys-repo", "--yes"], capsys)
    assert (code, err) == (ExitCode.OK, "")
    assert out == (
        "".join(f"created journeys-repo/{name}\n" for name in INIT_FILES)
        + "Next, in journeys-repo:\n"
        + NEXT
    )
    repo = tmp_path / "journeys-repo"
    assert list(_tree(repo)) == sorted(INIT_FILES)
    assert (repo / "journeys" / "first-order.yaml").read_text(encoding="utf-8").startswith(MODELINE)
    assert yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")) == {
        "repos": [
            {
                "repo": "https://github.com/jcode-dev/jcode",
                "rev": f"v{__version__}",
                "hooks": [{"id": "jcode-lint"}],
            }
        ]
    }
    workflow = yaml.safe_load((repo / ".github/workflows/jcode.yml").read_text(encoding="utf-8"))
    assert list(workflow) == ["name", "on", "permissions", "jobs"]
    assert set(workflow["on"]) == {"pull_request", "push"}
    steps = workflow["jobs"]["lint"]["steps"]
    assert steps[1]["uses"] == f"jcode-dev/jcode@v{__version__}"
    assert (repo / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "/site/"
    assert (repo / ".gitignore").read_text(encoding="utf-8") == (
        "# The site `jcode build` makes: built in CI, never committed.\n/site/\n"
    )
    monkeypatch.chdir(repo)
    assert run(["lint", "--fail-on", "warning"], capsys) == (
        ExitCode.OK,
        "0 errors, 0 warnings, 0 info in 1 file\n",
        "",
    )
    code, out, _ = run(["build"], capsys)
    assert code == ExitCode.OK and out.startswith("1 journey, 0 errors, 0 warnings, 0 info; ")
    assert (repo / "site" / "index.html").is_file()
    before = _tree(repo)
    monkeypatch.chdir(tmp_path)
    assert run(["init", "journeys-repo"], capsys) == (
        ExitCode.OK,
        "".join(f"skipped journeys-repo/{name}: it exists\n" for name in INIT_FILES)
        + "kept the settings of the existing jcode.yaml\n"
        + "Next, in journeys-repo:\n"
        + NEXT,
        "",
    )
    assert _tree(repo) == before


@pytest.mark.parametrize("language", ["en", "it"])
@pytest.mark.parametrize("phases", ["seven-stage", "five-stage", "four-stage"])
def test_init_example_lints_clean_for_each_model_and_language(
    phases: str,
    language: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = ["init", "--title", "Acme: journeys", "--language", language, "--phases", phases]
    assert run(argv, capsys)[1].endswith("Next:\n" + NEXT)
    config = yaml.safe_load((tmp_path / "jcode.yaml").read_text(encoding="utf-8"))
    assert config["site"] == {"title": "Acme: journeys", "language": language}
    assert config["phases"] == phases
    assert run(["lint", "--fail-on", "info"], capsys)[0] == ExitCode.OK
    project = load_project(None)
    required = [p.id for p in project.phases if not p.optional]
    journey = yaml.safe_load((tmp_path / "journeys" / "first-order.yaml").read_text("utf-8"))
    assert [s["phase"] for s in journey["stages"]] == required
    schema = json.loads((tmp_path / "schema" / "journey.schema.json").read_text("utf-8"))
    assert _validator(schema).is_valid(_as_json(journey))


@pytest.mark.parametrize("language", ["en", "it"])
@pytest.mark.parametrize("phases", ["seven-stage", "five-stage", "four-stage"])
def test_init_writes_these_files_byte_for_byte(
    phases: str,
    language: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = ["init", "--title", "Acme: journeys", "--language", language, "--phases", phases]
    assert run(argv, capsys)[0] == ExitCode.OK
    for name in ("jcode.yaml", "journeys/first-order.yaml"):
        golden = f"init/{language}-{phases}/{Path(name).name}"
        check_golden(golden, (tmp_path / name).read_text(encoding="utf-8"))


def test_init_comments_every_file_in_the_sites_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["init", "--yes", "--language", "it"], capsys)[0] == ExitCode.OK
    comments = {
        name: [line for line in (tmp_path / name).read_text(encoding="utf-8").splitlines()
               if "#" in line and not line.lstrip().startswith("#   ")]
        for name in (".gitignore", ".pre-commit-config.yaml", ".github/workflows/jcode.yml")
    }  # fmt: skip
    assert comments[".gitignore"] == [
        "# Il sito che crea `jcode build`: si costruisce in CI, non si committa mai."
    ]
    assert comments[".pre-commit-config.yaml"] == [
        "# Controlla le journey prima di ogni commit: esegui `pre-commit install` una volta in "
        "ogni clone."
    ]
    assert comments[".github/workflows/jcode.yml"][:3] == [
        "# Controlla le journey di ogni pull request e di ogni push su main con la GitHub "
        "Action di",
        "# jcode, e mostra le segnalazioni in code scanning.",
        '"on":  # tra virgolette: chi legge YAML 1.1 prende un `on` nudo per true',
    ]
    workflow = yaml.safe_load((tmp_path / ".github/workflows/jcode.yml").read_text("utf-8"))
    assert workflow["jobs"]["lint"]["steps"][1]["with"]["fail-on"] == "error"


def _word_keys(words: Any, at: str = "") -> set[str]:
    """Where each word of a words file is, as `stages.find.name`; a word is text."""
    if isinstance(words, dict):
        return {k for key, word in words.items() for k in _word_keys(word, f"{at}{key}.")}
    assert isinstance(words, str), at
    return {at.removesuffix(".")}


def test_every_catalog_translates_the_words_of_init_and_new() -> None:
    english = _word_keys(authoring._words("en"))
    assert {"owners.sales", "example.title", "stages.recommend.nps"} <= english
    templates = [*templates_in(authoring_words.INIT), *authoring_words.NEW.values()]
    for language in i18n.available()[1:]:
        catalog = i18n.catalog(language)
        assert _word_keys(authoring._words(language)) == english, language
        assert [t.id for t in templates if not catalog.translates(t)] == [], language
    assert authoring._words("it")["stages"]["find"]["search_ads"] == "Annunci sui motori di ricerca"
    # A site language without a catalog of jcode's: English, word by word.
    assert authoring._words("pl") == authoring._words("en")


# Text a translation might hold, each of which YAML would misread if written as it is.
AWKWARD = ["{}: #1", "yes", "42", "[{}]", "{}, {{x}}", '"{}"', "- {}", "~", "{} #", "@{}"]


def _awkward(words: Any, counter: list[int]) -> Any:
    if isinstance(words, dict):
        return {key: _awkward(word, counter) for key, word in words.items()}
    counter.append(0)
    return AWKWARD[len(counter) % len(AWKWARD)].format(words)


def _texts(data: Any) -> set[str]:
    if isinstance(data, dict):
        return {t for value in data.values() for t in _texts(value)}
    if isinstance(data, list):
        return {t for value in data for t in _texts(value)}
    return {data.rstrip("\n")} if isinstance(data, str) else set()


@pytest.mark.parametrize("phases", ["seven-stage", "five-stage", "four-stage"])
def test_init_writes_any_word_of_a_language_as_it_is(
    phases: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    words = _awkward(authoring._words("en"), [])
    monkeypatch.setattr(authoring, "_words", lambda language: words)
    monkeypatch.chdir(tmp_path)
    assert run(["init", "--yes", "--phases", phases], capsys)[0] == ExitCode.OK
    config = yaml.safe_load((tmp_path / "jcode.yaml").read_text(encoding="utf-8"))
    text = (tmp_path / "journeys" / "first-order.yaml").read_text(encoding="utf-8")
    journey = yaml.safe_load(text)
    written = _texts(config) | _texts(journey)
    used = {f"stages.{role}." for role in authoring._ROLES[phases] if role}
    for key in _word_keys(words) - {"example.comment"}:
        if key.startswith("comments."):
            continue  # comments, not data: the files read back above whatever they hold
        if key.startswith("stages.") and not key.startswith(tuple(used)):
            continue  # a stage of a phase the model does not have
        word = words
        for part in key.split("."):
            word = word[part]
        assert word in written, key
    assert words["example"]["comment"].split()[0] in text.splitlines()[1]


def test_init_asks_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("jcode.cli.init.on_terminal", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO("Viaggi di Acme\nit\nfive-stage\n"))
    code, out, _ = run(["init"], capsys)
    assert code == ExitCode.OK
    assert out.startswith(
        "Site title [Customer journeys]: Site language (en, it) [en]: "
        "Phase model (seven-stage, four-stage, five-stage) [seven-stage]: created jcode.yaml\n"
    )
    config = yaml.safe_load((tmp_path / "jcode.yaml").read_text(encoding="utf-8"))
    assert (config["site"], config["phases"]) == (
        {"title": "Viaggi di Acme", "language": "it"},
        "five-stage",
    )
    # A flag answers its question; --yes answers the rest with the defaults.
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    run(["init", "other", "--language", "it", "--phases", "four-stage"], capsys)
    config = yaml.safe_load((tmp_path / "other" / "jcode.yaml").read_text(encoding="utf-8"))
    assert (config["site"]["title"], config["phases"]) == ("Customer journeys", "four-stage")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert run(["init", "third", "--yes"], capsys)[0] == ExitCode.OK


def test_init_keeps_an_existing_jcode_yaml_and_appends_to_gitignore(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".gitignore").write_text(".venv/\n*.pyc", encoding="utf-8")
    config = (repo / "jcode.yaml").read_bytes()
    code, out, _ = run(["init", "--yes", "--phases", "four-stage"], capsys)
    assert (code, out) == (
        ExitCode.OK,
        "created schema/journey.schema.json\n"
        "created .pre-commit-config.yaml\n"
        "created .github/workflows/jcode.yml\n"
        "appended /site/ to .gitignore\n"
        "skipped jcode.yaml: it exists\n"
        "kept the settings of the existing jcode.yaml\n"
        "Next:\n" + NEXT,
    )
    assert (repo / "jcode.yaml").read_bytes() == config
    assert not (repo / "journeys" / "first-order.yaml").exists()
    assert (repo / ".gitignore").read_text(encoding="utf-8") == ".venv/\n*.pyc\n/site/\n"
    schema = json.loads((repo / "schema" / "journey.schema.json").read_text(encoding="utf-8"))
    assert "crm" in schema["properties"]["owner"]["oneOf"][0]["enum"]  # from the kept config
    assert run(["lint", "--fail-on", "info"], capsys)[0] == ExitCode.OK


def test_init_refuses_a_file_for_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("notes.txt").write_text("x", encoding="utf-8")
    code, out, err = run(["init", "notes.txt", "--yes"], capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert "notes.txt" in err


# jcode export -------------------------------------------------------------------------------

EXPORT_PROJECT = Path(__file__).parent / "export_project"
TOUCHPOINTS_CSV = [
    [
        "journey",
        "stage",
        "stage_name",
        "phase",
        "moment",
        "touchpoint",
        "name",
        "channel",
        "mode",
        "assisted",
        "managed_by",
        "feedback",
        "description",
        "owner",
        "findings",
        "suppress",
    ],
    [
        "conto",
        "scoperta",
        "La scoperta",
        "awareness",
        "pre-purchase",
        "annunci",
        '\'=HYPERLINK("http://example.com","Perché no?")',
        "ads",
        "online",
        "false",
        "owned",
        "false",
        "'@analisi: città e comuni",
        "vendite",
        "",
        "",
    ],
    [
        "conto",
        "confronto",
        "Il confronto",
        "consideration",
        "pre-purchase",
        "filiale",
        'Filiale "Centro", Milano',
        "store",
        "offline",
        "true",
        "owned",
        "false",
        "",
        "vendite",
        "",
        "",
    ],
    [
        "conto",
        "apertura",
        "L'apertura",
        "decision",
        "purchase",
        "whatsapp",
        "Assistenza su WhatsApp",
        "whatsapp",
        "online",
        "true",
        "owned",
        "false",
        "'+39 02 1234 5678",
        "assistenza",
        "",
        "",
    ],
    [
        "conto",
        "dopo",
        "Dopo l'apertura",
        "post-purchase",
        "post-purchase",
        "questionario",
        "Questionario di soddisfazione",
        "email",
        "online",
        "false",
        "owned",
        "true",
        "",
        "vendite",
        "",
        "",
    ],
]
KPIS_CSV = [
    [
        "journey",
        "stage",
        "stage_name",
        "phase",
        "moment",
        "kpi",
        "name",
        "unit",
        "direction",
        "baseline",
        "target",
        "source",
        "owner",
        "findings",
    ],
    [
        "conto",
        "scoperta",
        "La scoperta",
        "awareness",
        "pre-purchase",
        "visite",
        "Visite",
        "visite",
        "increase",
        "1200",
        "1500",
        "",
        "vendite",
        "",
    ],
    [
        "conto",
        "confronto",
        "Il confronto",
        "consideration",
        "pre-purchase",
        "abbandoni",
        "'-10% di abbandoni",
        "%",
        "decrease",
        "23.5",
        "",
        "",
        "vendite",
        "kpi-without-target",
    ],
]


@pytest.fixture
def export_project(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(EXPORT_PROJECT)
    return EXPORT_PROJECT


def _read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: spreadsheets then read UTF-8
    assert data.count(b"\r\n") == data.count(b"\n")  # CRLF line ends, as RFC 4180
    with io.StringIO(data.decode("utf-8-sig"), newline="") as stream:
        return list(csv.reader(stream))


@pytest.mark.parametrize(
    ("what", "expected"), [("touchpoints", TOUCHPOINTS_CSV), ("kpis", KPIS_CSV)]
)
def test_export_csv_reads_back_with_accents_and_no_formulas(
    what: str,
    expected: list[list[str]],
    export_project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / f"{what}.csv"
    argv = ["export", "--format", "csv", "--what", what, "--output", str(target)]
    assert run(argv, capsys) == (ExitCode.OK, "", "")
    table = _read_csv(target.read_bytes())
    assert table == expected
    for row in table:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_export_csv_to_standard_output_is_the_same_bytes(
    export_project: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["export", "--format", "csv"]) == ExitCode.OK
    out, _ = capsysbinary.readouterr()
    assert _read_csv(out) == TOUCHPOINTS_CSV
    assert main(["export", "--format", "csv", "--output", str(tmp_path / "t.csv")]) == 0
    assert (tmp_path / "t.csv").read_bytes() == out


def test_export_csv_of_journeys(
    export_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "journeys.csv"
    run(["export", "--format", "csv", "--what", "journeys", "--output", str(target)], capsys)
    assert _read_csv(target.read_bytes()) == [
        [
            "journey",
            "title",
            "persona",
            "owner",
            "status",
            "reviewed",
            "stages",
            "touchpoints",
            "kpis",
            "errors",
            "warnings",
            "info",
            "file",
            "summary",
            "scope",
            "tags",
            "related",
            "suppress",
        ],
        [
            "conto",
            "Aprire un conto corrente",
            "famiglia",
            "vendite",
            "draft",
            "",
            "4",
            "4",
            "2",
            "0",
            "1",
            "2",
            "journeys/conto.yaml",
            "",
            "pre-purchase; purchase; post-purchase",
            "",
            "",
            "",
        ],
    ]


def test_export_json_is_the_resolved_model(
    export_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["export"], capsys)
    assert (code, err) == (ExitCode.OK, "")
    data = json.loads(out)
    assert list(data) == [
        "version",
        "project",
        "journeys",
        "invalid_files",
        "project_findings",
        "summary",
    ]
    assert data["version"] == 1
    assert list(data["project"]) == [
        "title",
        "language",
        "phase_model",
        "phases",
        "channels",
        "owners",
        "personas",
    ]
    assert data["project"]["phases"][2] == {
        "id": "decision",
        "name": "Decision",
        "moment": "purchase",
        "optional": False,
    }
    assert data["project"]["channels"][-1] == {
        "id": "whatsapp",
        "name": "WhatsApp",
        "mode": "online",
        "assisted": True,
    }
    assert data["project"]["personas"] == [
        {"id": "famiglia", "name": "Famiglia in città", "description": None}
    ]
    [journey] = data["journeys"]
    assert list(journey) == [
        "id",
        "file",
        "title",
        "summary",
        "persona",
        "owner",
        "scope",
        "moments",
        "status",
        "reviewed",
        "tags",
        "related",
        "findings",
        "stages",
    ]
    apertura = journey["stages"][2]
    assert list(apertura) == [
        "id",
        "name",
        "phase",
        "phase_name",
        "moment",
        "timing",
        "goal",
        "emotion",
        "key_moment",
        "owner",
        "owner_inherited",
        "pain_points",
        "opportunities",
        "findings",
        "steps",
        "thoughts",
        "feelings",
        "backstage",
        "exits",
        "touchpoints",
        "kpis",
    ]
    assert (apertura["phase_name"], apertura["moment"], apertura["owner"]) == (
        "Decision",
        "purchase",
        "assistenza",
    )
    assert apertura["owner_inherited"] is False
    assert [f["rule"] for f in apertura["findings"]] == ["stage-without-kpi"]
    assert apertura["touchpoints"] == [
        {
            "id": "whatsapp",
            "name": "Assistenza su WhatsApp",
            "channel": "whatsapp",
            "channel_name": "WhatsApp",
            "mode": "online",
            "assisted": True,
            "managed_by": "owned",
            "feedback": False,
            "description": "+39 02 1234 5678",  # JSON is for programs: text as written
            "owner": "assistenza",
            "owner_inherited": True,
            "findings": [],
        }
    ]
    kpi = journey["stages"][1]["kpis"][0]
    assert (kpi["owner"], kpi["owner_inherited"], kpi["baseline"], kpi["target"]) == (
        "vendite",
        True,
        23.5,
        None,
    )
    assert kpi["findings"] == [
        {
            "rule": "kpi-without-target",
            "severity": "warning",
            "line": 51,
            "column": 9,
            "pointer": "/stages/1/kpis/0",
            "message": "KPI 'abbandoni' has no target",
        }
    ]
    assert journey["findings"] == []
    assert data["summary"] == {"files": 1, "journeys": 1, "error": 0, "warning": 1, "info": 2}


def test_export_json_rows_and_invalid_files(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(Path(__file__).parent / "site_project")
    code, out, err = run(["export", "--what", "kpis", "--today", "2026-11-22"], capsys)
    assert (code, err) == (
        ExitCode.OK,
        "jcode: not valid journeys, not exported: journeys/broken.yaml, journeys/syntax.yaml\n",
    )
    kpis = json.loads(out)["kpis"]
    assert list(kpis[0]) == KPIS_CSV[0]
    assert kpis[1]["findings"] == ["kpi-without-baseline", "kpi-without-target"]
    assert kpis[1]["baseline"] is None and kpis[0]["baseline"] == 1200
    _, out, _ = run(["export", "--today", "2026-11-22"], capsys)
    invalid = json.loads(out)["invalid_files"]
    assert [(f["file"], f["findings"][0]["rule"]) for f in invalid] == [
        ("journeys/broken.yaml", "schema"),
        ("journeys/syntax.yaml", "yaml-syntax"),
    ]


def test_export_refuses_to_write_onto_a_journey(
    export_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journey = export_project / "journeys" / "conto.yaml"
    before = journey.read_bytes()
    code, out, err = run(["export", "--format", "csv", "--output", "journeys/conto.yaml"], capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err == (
        "jcode: error: 'journeys/conto.yaml' is a journey file; jcode never writes to those\n"
    )
    assert journey.read_bytes() == before


# The README ---------------------------------------------------------------------------------

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _between(start: str, end: str) -> str:
    return README[README.index(start) + len(start) : README.index(end)]


def test_readme_walkthrough_from_init_to_a_built_site(tmp_path: Path) -> None:
    block = _between("<!-- walkthrough:start -->\n", "<!-- walkthrough:end -->")
    assert block.startswith("```sh\n") and block.endswith("```\n")
    script = block.removeprefix("```sh\n").removesuffix("```\n")
    assert script.startswith("jcode init ") and "jcode build" in script
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=tmp_path,
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings, 0 info in 1 file" in result.stdout
    repo = next(tmp_path.iterdir())
    assert (repo / "site" / "index.html").is_file()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_readme_completion_scripts(shell: str) -> None:
    line = f"`_JCODE_COMPLETE={shell}_source jcode > "
    assert line in README
    env = {**os.environ, "_JCODE_COMPLETE": f"{shell}_source"}
    script = subprocess.run(
        [str(BIN / "jcode")], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert f"_JCODE_COMPLETE={shell}_complete" in script


def test_completion_offers_the_new_commands() -> None:
    env = {
        **os.environ,
        "_JCODE_COMPLETE": "bash_complete",
        "COMP_WORDS": "jcode export --format ",
        "COMP_CWORD": "3",
    }
    result = subprocess.run(
        [str(BIN / "jcode")], env=env, capture_output=True, text=True, check=False
    )
    assert result.stdout.split() == ["plain,json", "plain,csv", "plain,mermaid"]
    env |= {"COMP_WORDS": "jcode ", "COMP_CWORD": "1"}
    result = subprocess.run(
        [str(BIN / "jcode")], env=env, capture_output=True, text=True, check=False
    )
    commands = {line.split(",")[1] for line in result.stdout.split()}
    assert {"init", "new", "export", "schema", "lint", "build"} <= commands


def test_readme_vscode_settings_map_journeys_to_the_schema() -> None:
    start = README.index('```json\n{\n  "yaml.schemas"')
    snippet = README[start + len("```json\n") : README.index("```", start + 3)]
    assert json.loads(snippet) == {
        "yaml.schemas": {"./schema/journey.schema.json": "journeys/*.yaml"}
    }


@pytest.mark.parametrize("command", ["init", "new", "export"])
def test_help_shows_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([command, "--help"], capsys)
    assert code == ExitCode.OK
    assert "Example" in out and f"jcode {command} " in out
