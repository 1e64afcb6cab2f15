"""jcode diff when two files on a side declare one journey id (lint's duplicate-id), on real
git repositories: each file is matched by id and file, so an edit to either shows, committed
or in the working tree, in every format, with a word that the id is duplicated."""

from __future__ import annotations

import json

import pytest

from jcode.errors import ExitCode

from .helpers import RETURNS, GitRepo, run

TODAY = ["--today", "2026-11-22"]
FIRST = "journeys/parcel-return.yaml"
COPY = "journeys/returns-copy.yaml"  # after FIRST in path order: lint's duplicate
COPIED = RETURNS.replace("title: Returning a parcel", "title: Returns (copy)")


@pytest.fixture
def duplicated(repo: GitRepo) -> GitRepo:
    """The example project, and parcel-return declared by two files."""
    repo.write(FIRST, RETURNS)
    repo.write(COPY, COPIED)
    repo.commit("parcel-return, twice")
    return repo


def _edit(repo: GitRepo, path: str, old: str, new: str) -> None:
    text = (repo.root / path).read_text(encoding="utf-8")
    assert old in text
    repo.write(path, text.replace(old, new, 1))


def test_a_committed_edit_to_the_second_file_is_shown_in_every_format(
    duplicated: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(duplicated, COPY, "channel: email", "channel: web")
    duplicated.commit("Edit the copy")
    argv = ["diff", "HEAD~1", "HEAD", *TODAY]
    assert run(argv, capsys) == (
        ExitCode.OK,
        "parcel-return (journeys/returns-copy.yaml)\n"
        "  journey id duplicated in BASE: also declared in 'journeys/parcel-return.yaml'\n"
        "  journey id duplicated in HEAD: also declared in 'journeys/parcel-return.yaml'\n"
        "  stage 'after', touchpoint 'tracking' channel: 'email' -> 'web'\n"
        "HEAD~1 -> HEAD: journeys: 0 added, 0 removed, 1 changed; findings: 0 new (0 errors,"
        " 0 warnings, 0 info), 0 resolved, 9 unchanged\n",
        "",
    )
    code, out, err = run([*argv, "--format", "json"], capsys)
    assert (code, err) == (ExitCode.OK, "")
    assert json.loads(out)["journeys"] == {
        "added": [],
        "removed": [],
        "changed": [
            {
                "id": "parcel-return",
                "file": COPY,
                "changes": [
                    {
                        "kind": "touchpoint-channel-changed",
                        "pointer": "/stages/1/touchpoints/0/channel",
                        "stage": "after",
                        "touchpoint": "tracking",
                        "before": "email",
                        "after": "web",
                        "message_id": "diff.touchpoint-channel-changed",
                        "arguments": {
                            "stage": "after",
                            "item": "tracking",
                            "before": "email",
                            "after": "web",
                        },
                    }
                ],
            }
        ],
        "duplicated": [{"id": "parcel-return", "base": [FIRST, COPY], "head": [FIRST, COPY]}],
    }
    assert run([*argv, "--format", "markdown"], capsys) == (
        ExitCode.OK,
        "✅ **jcode diff** `HEAD~1` → `HEAD`: no new finding, 0 resolved, 9 unchanged; "
        "journeys: 0 added, 0 removed, 1 changed\n"
        "\n"
        "| journey | changes | new findings | resolved findings |\n"
        "|---|---|---|---|\n"
        "| `parcel-return` (`journeys/returns-copy.yaml`) — Returns \\(copy\\) | 1 | 0 | 0 |\n"
        "\n"
        "### `parcel-return` (`journeys/returns-copy.yaml`) — Returns \\(copy\\)\n"
        "\n"
        "`journeys/returns-copy.yaml`\n"
        "\n"
        "⚠️ journey id duplicated in BASE: also declared in `journeys/parcel-return.yaml`\n"
        "\n"
        "⚠️ journey id duplicated in HEAD: also declared in `journeys/parcel-return.yaml`\n"
        "\n"
        "**Changes (1)**\n"
        "\n"
        "- stage `after`, touchpoint `tracking` channel: `email` → `web`\n"
        "\n"
        "<details><summary>The journey in HEAD, as a Mermaid diagram</summary>\n"
        "\n"
        "```mermaid\n"
        "journey\n"
        "  title Returns (copy)\n"
        "  section Buying\n"
        "    Checkout: 3\n"
        "    Chat: 3\n"
        "  section After the purchase\n"
        "    Tracking emails: 3\n"
        "```\n"
        "\n"
        "</details>\n",
        "",
    )


def test_edits_to_both_files_in_the_working_tree_are_each_shown_with_their_file(
    duplicated: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(duplicated, FIRST, "title: Returning a parcel", "title: Sending a parcel back")
    _edit(duplicated, COPY, "channel: email", "channel: web")
    code, out, err = run(["diff", "HEAD", *TODAY], capsys)
    assert (code, err) == (ExitCode.OK, "")
    assert out == (
        "parcel-return (journeys/parcel-return.yaml)\n"
        "  journey id duplicated in BASE: also declared in 'journeys/returns-copy.yaml'\n"
        "  journey id duplicated in HEAD: also declared in 'journeys/returns-copy.yaml'\n"
        "  title: 'Returning a parcel' -> 'Sending a parcel back'\n"
        "parcel-return (journeys/returns-copy.yaml)\n"
        "  journey id duplicated in BASE: also declared in 'journeys/parcel-return.yaml'\n"
        "  journey id duplicated in HEAD: also declared in 'journeys/parcel-return.yaml'\n"
        "  stage 'after', touchpoint 'tracking' channel: 'email' -> 'web'\n"
        "HEAD -> working tree: journeys: 0 added, 0 removed, 2 changed; findings: 0 new"
        " (0 errors, 0 warnings, 0 info), 0 resolved, 9 unchanged\n"
    )
    code, out, _ = run(["diff", "HEAD", "--format", "json", *TODAY], capsys)
    changed = json.loads(out)["journeys"]["changed"]
    assert [(j["id"], j["file"], [c["kind"] for c in j["changes"]]) for j in changed] == [
        ("parcel-return", FIRST, ["title-changed"]),
        ("parcel-return", COPY, ["touchpoint-channel-changed"]),
    ]


def test_a_copy_that_duplicates_an_id_is_an_added_file_with_its_finding(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write(FIRST, RETURNS)
    repo.commit("parcel-return")
    repo.write(COPY, COPIED)
    code, out, err = run(["diff", "HEAD", *TODAY], capsys)
    assert (code, err) == (ExitCode.OK, "")
    assert out == (
        "parcel-return (journeys/returns-copy.yaml)\n"
        "  journey id duplicated in HEAD: also declared in 'journeys/parcel-return.yaml'\n"
        "  journey added in 'journeys/returns-copy.yaml'\n"
        "new findings:\n"
        + "".join(
            f"  journeys/returns-copy.yaml:1:1: warning: journey 'parcel-return' has no stage in"
            f" phase '{phase}' [missing-phase]\n"
            for phase in ("advocacy", "discovery", "evaluation", "loyalty")
        )
        + "  journeys/returns-copy.yaml:1:5: error: journey id 'parcel-return' is already used"
        " in journeys/parcel-return.yaml [duplicate-id]\n"
        "HEAD -> working tree: journeys: 1 added, 0 removed, 0 changed; findings: 5 new"
        " (1 error, 4 warnings, 0 info), 0 resolved, 4 unchanged\n"
    )
    code, out, _ = run(["diff", "HEAD", "--format", "json", *TODAY], capsys)
    journeys = json.loads(out)["journeys"]
    assert journeys == {
        "added": ["parcel-return"],
        "removed": [],
        "changed": [],
        "duplicated": [{"id": "parcel-return", "base": [FIRST], "head": [FIRST, COPY]}],
    }


# The KPI of stage `after`: without it, the stage has a stage-without-kpi finding.
AFTER_KPI = (
    "    kpis: [{id: csat, name: Satisfaction, baseline: 4, target: 4.5, direction: increase}]\n"
)


def _findings(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    """The findings of a JSON diff, each new or resolved one as (file, line, rule)."""
    code, out, err = run([*argv, "--format", "json", *TODAY], capsys)
    assert (code, err) == (ExitCode.OK, ""), err
    findings = json.loads(out)["findings"]
    return {
        "new": [(f["file"], f["line"], f["rule"]) for f in findings["new"]],
        "resolved": [(f["file"], f["line"], f["rule"]) for f in findings["resolved"]],
        "unchanged": findings["unchanged"],
    }


def test_a_finding_that_moves_to_the_other_file_is_resolved_in_one_and_new_in_the_other(
    duplicated: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both files say the same of the journey (stage 'after' has no KPI), once in each side:
    the finding is matched by file too, so it is resolved where it went and new where it came."""
    _edit(duplicated, FIRST, AFTER_KPI, "")
    duplicated.commit("The first file's stage 'after' loses its KPI")
    _edit(duplicated, FIRST, "phase: post-purchase\n", "phase: post-purchase\n" + AFTER_KPI)
    _edit(duplicated, COPY, AFTER_KPI, "")
    code, out, err = run(["diff", "HEAD", *TODAY], capsys)
    assert (code, err) == (ExitCode.OK, "")
    assert out.splitlines()[-5:] == [
        "new findings:",
        "  journeys/returns-copy.yaml:12:5: info: stage 'after' has no KPI [stage-without-kpi]",
        "resolved findings:",
        "  journeys/parcel-return.yaml:12:5: info: stage 'after' has no KPI [stage-without-kpi]",
        "HEAD -> working tree: journeys: 0 added, 0 removed, 2 changed; findings: 1 new"
        " (0 errors, 0 warnings, 1 info), 1 resolved, 9 unchanged",
    ]


def test_a_finding_that_appears_in_one_file_while_the_other_had_it_is_new_in_its_own_file(
    duplicated: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """The second file had the finding; now the first has it too: the new one is the first
    file's, at its line, and the second's is unchanged (not its twin in the other file)."""
    _edit(duplicated, COPY, AFTER_KPI, "")
    _edit(duplicated, COPY, "title: Returns (copy)\n", "title: Returns (copy)\nsummary: A copy.\n")
    duplicated.commit("The copy's stage 'after' has no KPI")
    _edit(duplicated, FIRST, AFTER_KPI, "")
    assert _findings(["diff", "HEAD"], capsys) == {
        "new": [(FIRST, 12, "stage-without-kpi")],
        "resolved": [],
        "unchanged": 10,
    }
    duplicated.commit("The first file's too")
    # The other way round: the first file is fixed, the second keeps its finding.
    _edit(duplicated, FIRST, "phase: post-purchase\n", "phase: post-purchase\n" + AFTER_KPI)
    assert _findings(["diff", "HEAD"], capsys) == {
        "new": [],
        "resolved": [(FIRST, 12, "stage-without-kpi")],
        "unchanged": 10,
    }
