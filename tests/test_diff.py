"""jcode diff on real git repositories built in temporary folders: each kind of change (the
cases in tests/diff_cases/), moves and renames, new versus resolved findings, the working tree,
folders, shallow clones, and the errors a user can make.

A case in tests/diff_cases/<kind>.yaml is a JSON Patch applied to the README's example journey
(the commit after it writes the file anew, so the YAML's layout changes everywhere) and the
exact changes jcode diff reports, each with its line in the text format; a `base` patch, when
the case has one, makes the BASE side (the patch then applies on top of it). Adding a case
means adding a file.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from jcode.diff.changes import ELEMENT_NAMES, KINDS
from jcode.diff.sentences import SENTENCES
from jcode.errors import ExitCode

from .helpers import CONFIG, EXAMPLE, EXAMPLE_FILE, RETURNS, ROOT, GitRepo, run

CASES = Path(__file__).parent / "diff_cases"
TODAY = ["--today", "2026-11-22"]


def run_json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code, out, err = run([*argv, "--format", "json", *TODAY], capsys)
    assert (code, err) == (ExitCode.OK, ""), err
    report: dict[str, Any] = json.loads(out)
    return report


# A small JSON Patch (RFC 6902: add, remove, replace, move), enough for the cases.
def _locate(document: Any, pointer: str) -> tuple[Any, str]:
    *parents, last = pointer.split("/")[1:]
    node = document
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node, last


def _add(document: Any, pointer: str, value: Any) -> None:
    node, key = _locate(document, pointer)
    if isinstance(node, list):
        node.insert(len(node) if key == "-" else int(key), value)
    else:
        node[key] = value


def _remove(document: Any, pointer: str) -> Any:
    node, key = _locate(document, pointer)
    return node.pop(int(key) if isinstance(node, list) else key)


def apply_patch(document: Any, patch: list[dict[str, Any]]) -> None:
    for op in patch:
        if op["op"] == "add":
            _add(document, op["path"], op["value"])
        elif op["op"] == "remove":
            _remove(document, op["path"])
        elif op["op"] == "replace":
            _remove(document, op["path"])
            _add(document, op["path"], op["value"])
        elif op["op"] == "move":
            _add(document, op["path"], _remove(document, op["from"]))
        else:
            raise ValueError(f"unknown patch op {op['op']}")


def patched_example(patch: list[dict[str, Any]]) -> str:
    journey = yaml.safe_load(EXAMPLE)
    apply_patch(journey, patch)
    return yaml.safe_dump(journey, sort_keys=False, allow_unicode=True, width=1000)


CASE_FILES = sorted(CASES.glob("*.yaml"))


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_change_kind(case: Path, repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    base = spec.get("base", [])
    if base:
        repo.write(EXAMPLE_FILE, patched_example(base))
        repo.commit(f"The base of {case.stem}")
    repo.write(EXAMPLE_FILE, patched_example([*base, *spec["patch"]]))
    repo.commit(case.stem)
    # Each change as the case writes it: kind, pointer, the ids of its element, before, after.
    expected = [{key: c[key] for key in c if key != "text"} for c in spec["changes"]]
    assert case.stem in {c["kind"] for c in expected}

    report = run_json(["diff", "HEAD~1", "HEAD"], capsys)
    changed = report["journeys"].pop("changed")
    assert report["journeys"] == {"added": [], "removed": [], "duplicated": []}
    assert [(j["id"], j["file"]) for j in changed] == [("laptop-replacement", EXAMPLE_FILE)]
    changes = changed[0]["changes"]
    assert [
        {key: c[key] for key in c if key not in ("message_id", "arguments")} for c in changes
    ] == expected
    # Each names its sentence's template, and gives the values the sentence shows.
    for change in changes:
        step = change["kind"].startswith("key-moment") and "/steps/" in change["pointer"]
        variant = ".step" if step else ".id" if "opportunity_id" in change else ""
        assert change["message_id"] == f"diff.{change['kind']}{variant}"
        shown = change["arguments"].keys() & {"before", "after"}
        assert shown and all(change["arguments"][key] == change[key] for key in shown)

    code, out, _ = run(["diff", "HEAD~1", "HEAD", *TODAY], capsys)
    assert code == ExitCode.OK
    lines = out.splitlines()
    assert lines[: len(expected) + 1] == [
        f"laptop-replacement ({EXAMPLE_FILE})",
        *(f"  {c['text']}" for c in spec["changes"]),
    ]
    assert lines[-1].startswith("HEAD~1 -> HEAD: journeys: 0 added, 0 removed, 1 changed;")

    # The comment names each change's element as the JSON does: every id, and every number
    # outside the values the line quotes.
    code, out, _ = run(["diff", "HEAD~1", "HEAD", "--format", "markdown", *TODAY], capsys)
    assert code == ExitCode.OK
    kpis = [c for c in changes if c["kind"].startswith("kpi-")]
    others = [c for c in changes if not c["kind"].startswith("kpi-")]
    shown = markdown_changes(out)
    assert len(shown) == len(changes)
    for change, line in zip([*others, *kpis], shown, strict=True):
        words = _QUOTED.sub("", line)
        for name in ("stage", "touchpoint", "kpi", *ELEMENT_NAMES.values(), "opportunity_id"):
            if isinstance(change.get(name), str):
                assert f"`{change[name]}`" in line, (name, line)
            elif isinstance(change.get(name), int):
                assert re.search(rf"(?<![\d.]){change[name]}(?![\d.])", words), (name, line)


# What a markdown line quotes: values (“text”, `id`), which may hold any number.
_QUOTED = re.compile(r"“[^”]*”|`[^`]*`")
_PART = re.compile(r"(\*\*|<details><summary>)(Changes|KPI changes) \(\d+\)(\*\*|</summary>)")


def markdown_changes(out: str) -> list[str]:
    """The change lines of a markdown diff, in order: its list of changes, then the rows of its
    KPI table."""
    blocks = out.split("\n\n")
    found = []
    for title, body in itertools.pairwise(blocks):
        part = _PART.fullmatch(title)
        if part is not None:
            rows = body.splitlines()
            found += rows[2:] if part.group(2) == "KPI changes" else rows
    return found


def test_every_kind_has_a_case_and_a_sentence() -> None:
    in_cases = {
        change["kind"]
        for case in CASE_FILES
        for change in yaml.safe_load(case.read_text(encoding="utf-8"))["changes"]
    }
    # The journey-level kinds are tested below, on files rather than patches.
    assert in_cases | {"journey-added", "journey-removed", "journey-file-renamed"} == set(KINDS)
    assert list(SENTENCES) == list(KINDS)


def test_reformatting_alone_changes_nothing(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write(EXAMPLE_FILE, "# Rewritten by a formatter\n\n" + patched_example([]))
    repo.commit("Reformat")
    report = run_json(["diff", "HEAD~1", "HEAD"], capsys)
    assert report["journeys"] == {"added": [], "removed": [], "changed": [], "duplicated": []}
    assert report["findings"] == {"new": [], "resolved": [], "unchanged": 0}


def test_journey_added_and_removed(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("journeys/parcel-return.yaml", RETURNS)
    repo.commit("Add a journey")
    (repo.root / "journeys" / "parcel-return.yaml").unlink()
    (repo.root / EXAMPLE_FILE).unlink()
    repo.write("journeys/other.yaml", RETURNS.replace("parcel-return", "other"))
    repo.commit("Remove both, add another")

    report = run_json(["diff", "HEAD~2", "HEAD~1"], capsys)
    assert report["journeys"] == {
        "added": ["parcel-return"],
        "removed": [],
        "changed": [],
        "duplicated": [],
    }
    report = run_json(["diff", "HEAD~1", "HEAD"], capsys)
    assert report["journeys"] == {
        "added": ["other"],
        "removed": ["laptop-replacement", "parcel-return"],
        "changed": [],
        "duplicated": [],
    }
    out = run(["diff", "HEAD~1", "HEAD", *TODAY], capsys)[1]
    assert out.splitlines()[:6] == [
        "laptop-replacement (journeys/laptop-replacement.yaml)",
        "  journey removed from 'journeys/laptop-replacement.yaml'",
        "other (journeys/other.yaml)",
        "  journey added in 'journeys/other.yaml'",
        "parcel-return (journeys/parcel-return.yaml)",
        "  journey removed from 'journeys/parcel-return.yaml'",
    ]


def test_journey_moved_to_another_file_is_a_rename(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo.root / "journeys" / "b2c").mkdir()
    repo.git("mv", EXAMPLE_FILE, "journeys/b2c/laptop.yaml")
    repo.commit("Move the journey into a folder")
    report = run_json(["diff", "HEAD~1", "HEAD"], capsys)
    assert report["journeys"] == {
        "added": [],
        "removed": [],
        "changed": [
            {
                "id": "laptop-replacement",
                "file": "journeys/b2c/laptop.yaml",
                "changes": [
                    {
                        "kind": "journey-file-renamed",
                        "pointer": "",
                        "before": EXAMPLE_FILE,
                        "after": "journeys/b2c/laptop.yaml",
                        "message_id": "diff.journey-file-renamed",
                        "arguments": {
                            "before": EXAMPLE_FILE,
                            "after": "journeys/b2c/laptop.yaml",
                        },
                    }
                ],
            }
        ],
        "duplicated": [],
    }
    assert report["findings"] == {"new": [], "resolved": [], "unchanged": 0}


def test_stage_moved_and_renamed_and_touchpoint_moved_at_once(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    patch = [
        {"op": "move", "from": "/stages/5", "path": "/stages/4"},  # advocacy before loyalty
        {"op": "replace", "path": "/stages/4/name", "value": "Word of mouth"},
        {"op": "move", "from": "/stages/3/touchpoints/1", "path": "/stages/4/touchpoints/1"},
    ]
    repo.write(EXAMPLE_FILE, patched_example(patch))
    repo.commit("Rework the end of the journey")
    changes = run_json(["diff", "HEAD~1", "HEAD"], capsys)["journeys"]["changed"][0]["changes"]
    order = ["discovery", "evaluation", "purchase", "delivery"]
    assert changes == [
        {
            "kind": "stages-reordered",
            "pointer": "/stages",
            "before": [*order, "loyalty", "advocacy"],
            "after": [*order, "advocacy", "loyalty"],
            "message_id": "diff.stages-reordered",
            "arguments": {
                "before": [*order, "loyalty", "advocacy"],
                "after": [*order, "advocacy", "loyalty"],
            },
        },
        {
            "kind": "stage-renamed",
            "pointer": "/stages/4/name",
            "stage": "advocacy",
            "before": "Recommending us",
            "after": "Word of mouth",
            "message_id": "diff.stage-renamed",
            "arguments": {
                "stage": "advocacy",
                "before": "Recommending us",
                "after": "Word of mouth",
            },
        },
        {
            "kind": "touchpoint-moved",
            "pointer": "/stages/4/touchpoints/1",
            "stage": "advocacy",
            "touchpoint": "satisfaction-survey",
            "before": "delivery",
            "after": "advocacy",
            "message_id": "diff.touchpoint-moved",
            "arguments": {"item": "satisfaction-survey", "before": "delivery", "after": "advocacy"},
        },
    ]


def _findings(report: dict[str, Any]) -> dict[str, Any]:
    """The findings part of a report, each finding as `file:line rule element-ish message`."""
    findings = report["findings"]
    return {
        "new": [f"{f['file']}:{f['line']} {f['rule']} {f['pointer']}" for f in findings["new"]],
        "resolved": [
            f"{f['file']}:{f['line']} {f['rule']} {f['pointer']}" for f in findings["resolved"]
        ],
        "unchanged": findings["unchanged"],
    }


def test_findings_new_resolved_and_unchanged_though_moved(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    # BASE: the advocacy KPI has no target (A), the evaluation KPI no baseline (B).
    base = EXAMPLE.replace("        baseline: 32\n        target: 45\n", "        baseline: 32\n")
    base = base.replace("        baseline: 8\n        target: 12\n", "        target: 12\n")
    repo.write(EXAMPLE_FILE, base)
    repo.commit("Two gaps")
    # HEAD: A is fixed; B stays, seven lines further down, below a new first stage that has
    # no KPI (C, new).
    head = base.replace("        baseline: 32\n", "        baseline: 32\n        target: 45\n")
    head = head.replace(
        "stages:\n",
        "stages:\n  - id: trigger\n    name: The laptop breaks\n    phase: discovery\n"
        "    touchpoints:\n      - id: help-article\n        name: Help article\n"
        "        channel: web\n",
    )
    repo.write(EXAMPLE_FILE, head)
    repo.commit("Fix one, add a stage")

    report = run_json(["diff", "HEAD~1", "HEAD"], capsys)
    assert _findings(report) == {
        "new": [f"{EXAMPLE_FILE}:14 stage-without-kpi /stages/0"],
        "resolved": [f"{EXAMPLE_FILE}:141 kpi-without-target /stages/5/kpis/0"],
        "unchanged": 1,
    }
    code, out, _ = run(["lint", "--format", "json", *TODAY], capsys)
    moved = [f["line"] for f in json.loads(out)["findings"] if f["rule"] == "kpi-without-baseline"]
    assert moved == [65]  # B, unchanged though it moved down from line 58
    gaps = run_json(["diff", "HEAD~2", "HEAD~1"], capsys)
    assert _findings(gaps)["new"] == [
        f"{EXAMPLE_FILE}:58 kpi-without-baseline /stages/1/kpis/0",
        f"{EXAMPLE_FILE}:141 kpi-without-target /stages/5/kpis/0",
    ]

    code, out, _ = run(["diff", "HEAD~1", "HEAD", *TODAY], capsys)
    assert code == ExitCode.OK  # --fail-on never is the default
    assert out == (
        "laptop-replacement (journeys/laptop-replacement.yaml)\n"
        "  stage 'trigger' added\n"
        "  touchpoint 'help-article' added to stage 'trigger'\n"
        "  stage 'advocacy', KPI 'nps' target: (none) -> 45\n"
        "new findings:\n"
        "  journeys/laptop-replacement.yaml:14:5: info: stage 'trigger' has no KPI"
        " [stage-without-kpi]\n"
        "resolved findings:\n"
        "  journeys/laptop-replacement.yaml:141:9: warning: KPI 'nps' has no target"
        " [kpi-without-target]\n"
        "HEAD~1 -> HEAD: journeys: 0 added, 0 removed, 1 changed; findings: 1 new (0 errors,"
        " 0 warnings, 1 info), 1 resolved, 1 unchanged\n"
    )
    code, out, _ = run(["diff", "HEAD~1", "HEAD", "--color", *TODAY], capsys)
    assert "\x1b[32m  " not in out and "\x1b[32mstage 'trigger' added\x1b[0m" in out
    assert "\x1b[34m\x1b[1minfo\x1b[0m" in out  # the finding coloured as lint colours it


def test_uncommitted_edits_are_the_default_head(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.git("checkout", "-q", "-b", "work")
    repo.write(EXAMPLE_FILE, EXAMPLE.replace("target: 50\n", "target: 45\n", 1))
    repo.write("journeys/parcel-return.yaml", RETURNS)  # not even added to git
    for argv in (["diff", "main"], ["diff", "HEAD"]):
        report = run_json(argv, capsys)
        assert (report["base"], report["head"]) == (argv[1], "working tree")
        assert report["journeys"] == {
            "added": ["parcel-return"],
            "removed": [],
            "changed": [
                {
                    "id": "laptop-replacement",
                    "file": EXAMPLE_FILE,
                    "changes": [
                        {
                            "kind": "kpi-target-changed",
                            "pointer": "/stages/2/kpis/0/target",
                            "stage": "purchase",
                            "kpi": "checkout-conversion",
                            "before": 50,
                            "after": 45,
                            "message_id": "diff.kpi-target-changed",
                            "arguments": {
                                "stage": "purchase",
                                "item": "checkout-conversion",
                                "before": 50,
                                "after": 45,
                            },
                        }
                    ],
                }
            ],
            "duplicated": [],
        }
    # Nothing was checked out, staged or written.
    assert repo.git("status", "--porcelain") == (
        " M journeys/laptop-replacement.yaml\n?? journeys/parcel-return.yaml\n"
    )
    assert repo.git("branch", "--show-current") == "work\n"


def test_removing_the_only_post_purchase_touchpoint_fails_on_new_warning(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write("journeys/parcel-return.yaml", RETURNS)
    repo.commit("A journey with one post-purchase touchpoint")
    repo.write(
        "journeys/parcel-return.yaml",
        RETURNS.replace(
            "    touchpoints:\n      - {id: tracking, name: Tracking emails, channel: email,"
            " feedback: true}\n",
            "",
        ),
    )
    argv = ["diff", "main", *TODAY]
    assert run([*argv, "--fail-on", "new-warning"], capsys)[0] == ExitCode.FINDINGS
    assert run([*argv, "--fail-on", "new-error"], capsys)[0] == ExitCode.OK
    code, out, _ = run(argv, capsys)
    assert code == ExitCode.OK
    assert out == (
        "parcel-return (journeys/parcel-return.yaml)\n"
        "  touchpoint 'tracking' removed from stage 'after'\n"
        "new findings:\n"
        "  journeys/parcel-return.yaml:1:1: warning: journey 'parcel-return' has no touchpoint"
        " in the moment 'After the purchase' (its stage 'after' has none)"
        " [missing-post-purchase]\n"
        "  journeys/parcel-return.yaml:12:5: warning: stage 'after' has no touchpoints"
        " [stage-without-touchpoints]\n"
        "main -> working tree: journeys: 0 added, 0 removed, 1 changed; findings: 2 new"
        " (0 errors, 2 warnings, 0 info), 0 resolved, 4 unchanged\n"
    )


def test_each_side_is_linted_with_its_own_config(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write("jcode.yaml", CONFIG.replace("  crm:\n    name: CRM and loyalty\n", ""))
    repo.commit("Drop the CRM team")
    repo.write("jcode.yaml", "rules: [not, a, mapping\n")  # the working tree's is broken
    report = run_json(["diff", "HEAD~1", "HEAD"], capsys)
    assert report["journeys"]["changed"] == []
    assert _findings(report)["new"] == [
        f"{EXAMPLE_FILE}:118 unknown-owner /stages/4/owner",
        f"{EXAMPLE_FILE}:135 unknown-owner /stages/5/owner",
    ]
    code, _, _ = run(["diff", "HEAD~1", "HEAD", "--fail-on", "new-error", *TODAY], capsys)
    assert code == ExitCode.FINDINGS


def test_a_broken_config_at_a_revision_is_named(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write("jcode.yaml", "phases: six-stage\n")
    repo.commit("Break the config")
    code, out, err = run(["diff", "HEAD~1", "HEAD"], capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err == (
        "jcode: error: at revision 'HEAD': jcode.yaml:1:9: unknown phase model 'six-stage'; "
        "did you mean 'five-stage'? (built-in: seven-stage, four-stage, five-stage, or a list "
        "of phases)\n"
    )


def test_a_file_broken_on_one_side_is_not_a_removed_journey(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write(EXAMPLE_FILE, EXAMPLE.replace("stages:\n", "stages: [\n"))
    report = run_json(["diff", "main"], capsys)
    assert report["journeys"] == {"added": [], "removed": [], "changed": [], "duplicated": []}
    assert [f["rule"] for f in report["findings"]["new"]] == ["yaml-syntax"]
    assert run_json(["diff", "HEAD", "main"], capsys)["journeys"]["changed"] == []


def test_project_in_a_subfolder_of_the_repository(
    tmp_path: Path,
    git_env: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("docs/cx/jcode.yaml", CONFIG)
    repo.write("docs/cx/journeys/laptop-replacement.yaml", EXAMPLE)
    repo.write("journeys/unrelated.yaml", "not: a journey of this project\n")
    repo.commit("Journeys under docs/cx")
    repo.write(
        "docs/cx/journeys/laptop-replacement.yaml",
        EXAMPLE.replace("status: live", "status: retired"),
    )
    repo.commit("Retire it")
    monkeypatch.chdir(repo.root / "docs" / "cx" / "journeys")
    report = run_json(["diff", "HEAD~1"], capsys)
    assert report["journeys"]["changed"] == [
        {
            "id": "laptop-replacement",
            "file": "laptop-replacement.yaml",
            "changes": [
                {
                    "kind": "status-changed",
                    "pointer": "/status",
                    "before": "live",
                    "after": "retired",
                    "message_id": "diff.status-changed",
                    "arguments": {"before": "live", "after": "retired"},
                }
            ],
        }
    ]
    out = run(["diff", "HEAD~1", *TODAY], capsys)[1]
    assert out.splitlines()[0] == "laptop-replacement (laptop-replacement.yaml)"


def test_two_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, text in (
        ("old", EXAMPLE),
        ("new", EXAMPLE.replace("channel: chat", "channel: phone")),
    ):
        (tmp_path / name / "journeys").mkdir(parents=True)
        (tmp_path / name / "jcode.yaml").write_text(CONFIG, encoding="utf-8")
        (tmp_path / name / EXAMPLE_FILE).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # not a git repository: folders need none
    expected = [
        {
            "id": "laptop-replacement",
            "file": "new/journeys/laptop-replacement.yaml",
            "changes": [
                {
                    "kind": "touchpoint-channel-changed",
                    "pointer": "/stages/2/touchpoints/1/channel",
                    "stage": "purchase",
                    "touchpoint": "live-chat",
                    "before": "chat",
                    "after": "phone",
                    "message_id": "diff.touchpoint-channel-changed",
                    "arguments": {
                        "stage": "purchase",
                        "item": "live-chat",
                        "before": "chat",
                        "after": "phone",
                    },
                }
            ],
        }
    ]
    assert run_json(["diff", "old", "new"], capsys)["journeys"]["changed"] == expected
    # A file broken on one side is not a removed journey, in folders either.
    (tmp_path / "new" / EXAMPLE_FILE).write_text("id: [\n", encoding="utf-8")
    report = run_json(["diff", "old", "new"], capsys)
    assert report["journeys"] == {"added": [], "removed": [], "changed": [], "duplicated": []}
    (tmp_path / "new" / EXAMPLE_FILE).write_text(
        EXAMPLE.replace("channel: chat", "channel: phone"), encoding="utf-8"
    )
    # A journeys folder itself works too, with the jcode.yaml found above it.
    report = run_json(["diff", "old/journeys", "new/journeys"], capsys)
    assert report["journeys"]["changed"] == expected
    assert (report["base"], report["head"]) == ("old/journeys", "new/journeys")


def test_shallow_clone_reads_the_revisions_it_has(
    repo: GitRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo.write(EXAMPLE_FILE, EXAMPLE.replace("status: live", "status: retired"))
    repo.commit("Retire")
    repo.write(EXAMPLE_FILE, EXAMPLE.replace("status: live", "status: draft"))
    repo.commit("Back to draft")
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone))
    monkeypatch.chdir(clone)
    report = run_json(["diff", "HEAD~1", "HEAD"], capsys)
    changes = report["journeys"]["changed"][0]["changes"]
    assert changes == [
        {
            "kind": "status-changed",
            "pointer": "/status",
            "before": "retired",
            "after": "draft",
            "message_id": "diff.status-changed",
            "arguments": {"before": "retired", "after": "draft"},
        }
    ]
    code, out, err = run(["diff", "HEAD~2"], capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err == (
        f"jcode: error: 'HEAD~2' is neither a folder nor a revision of the git repository in "
        f"{clone.resolve()} (in a shallow clone, fetch the revision first)\n"
    )


def test_missing_revision_is_a_usage_error(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["diff", "no-such-branch"], capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err == (
        "jcode: error: 'no-such-branch' is neither a folder nor a revision of the git "
        f"repository in {repo.root.resolve()} (in a shallow clone, fetch the revision first)\n"
    )
    code, _, err = run(["diff", "--", "--output=x"], capsys)  # never taken for a git option
    assert code == ExitCode.USAGE and "'--output=x' is neither a folder" in err
    assert not (repo.root / "x").exists()


def test_outside_a_repository_a_revision_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "jcode.yaml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    code, out, err = run(["diff", "main"], capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err == (
        f"jcode: error: 'main' is not a folder, and {tmp_path.resolve()} is not in a git "
        "repository where it could be a revision\n"
    )


def test_json_has_the_documented_shape(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write(
        EXAMPLE_FILE, EXAMPLE.replace("owner: customer-care\n    kpis", "owner: nobody\n    kpis")
    )
    report = run_json(["diff", "main"], capsys)
    assert list(report) == ["version", "base", "head", "journeys", "findings"]
    assert report["version"] == 1
    assert list(report["journeys"]) == ["added", "removed", "changed", "duplicated"]
    assert list(report["findings"]) == ["new", "resolved", "unchanged"]
    assert list(report["journeys"]["changed"][0]) == ["id", "file", "changes"]
    assert list(report["journeys"]["changed"][0]["changes"][0]) == [
        "kind",
        "pointer",
        "stage",
        "touchpoint",
        "before",
        "after",
        "message_id",
        "arguments",
    ]
    keys = ["rule", "severity", "file", "line", "column", "pointer", "journey", "message"]
    keys += ["message_id", "arguments"]
    assert [list(f) for f in report["findings"]["new"]] == [keys]


def test_diff_help_shows_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["diff", "--help"], capsys)
    assert code == 0 and "jcode diff main" in out


def test_findings_that_share_an_element_are_told_apart_by_message(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    # missing-phase points at the journey itself: its findings differ only in their message.
    no_discovery = EXAMPLE.replace("    phase: discovery\n", "    phase: evaluation\n")
    no_loyalty = no_discovery.replace("    phase: loyalty\n", "    phase: advocacy\n")
    repo.write(EXAMPLE_FILE, no_loyalty)
    repo.commit("Two phases missing")
    repo.write(
        EXAMPLE_FILE, no_loyalty.replace("    phase: evaluation\n", "    phase: discovery\n", 1)
    )
    report = run_json(["diff", "HEAD"], capsys)
    assert [f["message"] for f in report["findings"]["resolved"]] == [
        "journey 'laptop-replacement' has no stage in phase 'discovery'"
    ]
    assert report["findings"]["new"] == []


# A side without a journeys folder ----------------------------------------------------------


def test_no_journeys_folder_on_either_side_is_an_error_as_in_lint(
    tmp_path: Path,
    git_env: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("jcode.yaml", CONFIG)
    repo.commit("Settings, and no journeys yet")
    monkeypatch.chdir(repo.root)
    assert run(["diff", "HEAD", *TODAY], capsys) == (
        ExitCode.USAGE,
        "",
        "jcode: error: no journeys folder at 'journeys' in BASE (HEAD) nor at 'journeys' in "
        "HEAD (working tree): nothing to compare\n",
    )
    assert run(["lint"], capsys)[0] == ExitCode.USAGE


def test_a_side_without_journeys_is_named_and_its_journeys_count_as_added(
    tmp_path: Path,
    git_env: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("jcode.yaml", CONFIG)
    repo.commit("Settings, and no journeys yet")
    repo.write(EXAMPLE_FILE, EXAMPLE)
    repo.commit("The first journey")
    monkeypatch.chdir(repo.root)
    code, out, err = run(["diff", "HEAD~1", "HEAD", *TODAY], capsys)
    assert (code, err) == (
        ExitCode.OK,
        "jcode: no journeys folder at 'journeys' in BASE (HEAD~1): every journey counts as added\n",
    )
    assert "  journey added in 'journeys/laptop-replacement.yaml'\n" in out
    code, out, err = run(["diff", "HEAD", "HEAD~1", *TODAY], capsys)
    assert err == (
        "jcode: no journeys folder at 'journeys' in HEAD (HEAD~1): every journey counts as "
        "removed\n"
    )


def test_a_journey_renamed_while_broken_is_a_rename_not_a_removal(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = EXAMPLE.replace("title: Replacing a broken work laptop", "title: Laptop: replacing it")
    assert broken != EXAMPLE
    (repo.root / EXAMPLE_FILE).unlink()
    repo.write("journeys/laptop.yaml", broken)
    code, out, _ = run(["diff", "HEAD", *TODAY], capsys)
    assert code == ExitCode.OK
    assert out.startswith(
        "laptop-replacement (journeys/laptop.yaml)\n"
        "  file renamed: 'journeys/laptop-replacement.yaml' -> 'journeys/laptop.yaml'\n"
    )


def test_managed_by_is_compared_as_each_side_resolves_it(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    # The review sites say `third-party`, the reviews channel's default: taking it out is no
    # change. A jcode.yaml that makes the channel the company's own changes the touchpoint.
    repo.write(EXAMPLE_FILE, EXAMPLE.replace("        managed_by: third-party\n", "", 1))
    repo.commit("Rely on the channel's default")
    assert run_json(["diff", "HEAD~1", "HEAD"], capsys)["journeys"]["changed"] == []
    repo.write(
        "jcode.yaml",
        CONFIG.replace("channels:\n", "channels:\n  reviews: {managed_by: owned}\n", 1),
    )
    changes = run_json(["diff", "HEAD"], capsys)["journeys"]["changed"]
    assert changes == [
        {
            "id": "laptop-replacement",
            "file": EXAMPLE_FILE,
            "changes": [
                {
                    "kind": "touchpoint-managed-by-changed",
                    "pointer": "/stages/0/touchpoints/1/managed_by",
                    "stage": "discovery",
                    "touchpoint": "review-sites",
                    "before": "third-party",
                    "after": "owned",
                    "message_id": "diff.touchpoint-managed-by-changed",
                    "arguments": {
                        "stage": "discovery",
                        "item": "review-sites",
                        "before": "third-party",
                        "after": "owned",
                    },
                }
            ],
        }
    ]


def test_the_readme_lists_every_kind_of_change_in_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("| kind | when |\n", readme.index("## jcode diff"))
    table = readme[start : readme.index("\n\n", start)].splitlines()[2:]
    listed = [kind for row in table for kind in re.findall(r"`([a-z-]+)`", row.split(" | ")[0])]
    assert listed == list(KINDS)
