"""What the repository ships for CI and commits: the GitHub Action (action.yml), the pre-commit
hook (.pre-commit-hooks.yaml) and the README's snippets, each checked against the schema its
host uses, and run: the action's steps by bash on a shallow clone of a pull request, the hook
by pre-commit itself, installed in a repository as the README says and run by `git commit`.

The hook test installs jcode into a fresh environment the way pre-commit does (pip, with this
machine's package index), so it takes some seconds and needs that index.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from jcode import __version__
from jcode.layout import CONFIG_NAME, PROJECT_SCHEMA_PATH

from .helpers import CONFIG, EXAMPLE, EXAMPLE_FILE, GIT_ENV, ROOT, GitRepo

ACTION = ROOT / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    exe = shutil.which(name, path=str(BIN))
    assert exe, f"{name} is a test dependency"
    return exe


def _check_jsonschema(schema: str, *paths: Path) -> None:
    done = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", schema, *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _snippet(name: str, tmp_path: Path) -> Path:
    """The README's code block after `<!-- snippet:NAME -->`, written to a file."""
    match = re.search(rf"<!-- snippet:{name} -->\n```yaml\n(.*?)```\n", README, re.DOTALL)
    assert match, f"no {name} snippet in the README"
    path = tmp_path / f"{name}.yml"
    path.write_text(match.group(1), encoding="utf-8")
    return path


ACTION_DATA: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def test_action_matches_githubs_schema() -> None:
    _check_jsonschema("vendor.github-actions", ACTION)
    assert ACTION_DATA["runs"]["using"] == "composite"


def test_action_inputs_are_declared_used_and_never_spliced_into_scripts() -> None:
    text = ACTION.read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{\{\s*inputs\.([a-z-]+)\s*\}\}", text))
    assert used == set(ACTION_DATA["inputs"])
    for name, spec in ACTION_DATA["inputs"].items():
        assert spec["description"].strip(), name
        assert spec["required"] is False and isinstance(spec["default"], str), name
    for step in ACTION_DATA["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash", step.get("name")
            # An expression in a script is shell code an input or a branch name could write.
            assert "${{" not in step["run"], step.get("name")


def _step(name: str) -> dict[str, Any]:
    steps: list[dict[str, Any]] = ACTION_DATA["runs"]["steps"]
    [step] = [s for s in steps if s.get("name") == name]
    return step


def _run_step(
    name: str,
    cwd: Path,
    summary: Path,
    inputs: dict[str, str] | None = None,
    runner_temp: Path | None = None,
    python: Path = BIN,
) -> subprocess.CompletedProcess[str]:
    """A `run` step of the action as the runner runs it: its env with the expressions
    evaluated (inputs with their defaults, github.base_ref = main, runner.temp), the runner's
    variables for the action (its path is this checkout), bash -eo pipefail. `python` is the
    folder of the Python that setup-python put first on PATH."""
    values = {k: v["default"] for k, v in ACTION_DATA["inputs"].items()} | (inputs or {})
    step = _step(name)
    temp = runner_temp or cwd

    def evaluate(text: str) -> str:
        text = re.sub(r"\$\{\{\s*inputs\.([a-z-]+)\s*\}\}", lambda m: values[m.group(1)], text)
        text = text.replace("${{ runner.temp }}", str(temp))
        return text.replace("${{ github.base_ref }}", "main")

    env = os.environ | {k: evaluate(str(v)) for k, v in step.get("env", {}).items()}
    env |= {
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_PATH": str(temp / "github_path"),
        "RUNNER_TEMP": str(temp),
        "RUNNER_OS": "Linux",
        "PATH": os.pathsep.join(dict.fromkeys([str(python), str(BIN), env["PATH"]])),
    }
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=cwd / evaluate(step.get("working-directory", ".")),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_action_steps_run_on_a_shallow_pull_request_checkout(tmp_path: Path, git_env: None) -> None:
    work = GitRepo(tmp_path / "work")
    work.write("jcode.yaml", CONFIG)
    work.write(EXAMPLE_FILE, EXAMPLE)
    work.commit("The example project")
    origin = tmp_path / "origin.git"
    work.git("clone", "-q", "--bare", str(work.root), str(origin))
    work.git("remote", "add", "origin", f"file://{origin}")
    work.git("checkout", "-q", "-b", "feature")
    # The pull request stops collecting feedback after the purchase: a new info finding, no
    # new warning.
    work.write(EXAMPLE_FILE, EXAMPLE.replace("        feedback: true\n", ""))
    work.commit("No survey")
    work.git("push", "-q", "origin", "feature")
    checkout = tmp_path / "checkout"  # as actions/checkout leaves it: one commit, no main
    work.git(
        "clone", "-q", "--depth", "1", "--branch", "feature", f"file://{origin}", str(checkout)
    )
    summary = tmp_path / "summary.md"

    lint = _run_step("Lint the journeys", checkout, summary)
    assert lint.returncode == 0, lint.stderr
    assert lint.stdout == (
        "::notice file=journeys/laptop-replacement.yaml,line=2,col=1,title=no-feedback-loop::"
        "none of the 4 touchpoints of journey 'laptop-replacement' in the moment 'After the "
        "purchase' collects feedback\n0 errors, 0 warnings, 1 info in 1 file\n"
    )
    sarif = json.loads((checkout / "jcode.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    failing = _run_step("Lint the journeys", checkout, summary, {"fail-on": "info", "sarif": ""})
    assert failing.returncode == 1
    assert failing.stdout.startswith("::notice file=journeys/laptop-replacement.yaml,")

    diff = _run_step("Show the pull request's journey changes", checkout, summary)
    assert diff.returncode == 0, diff.stderr
    strict = _run_step(
        "Show the pull request's journey changes", checkout, summary, {"diff-fail-on": "new-error"}
    )
    assert strict.returncode == 0  # an info finding is not a new error
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### jcode lint: 0 errors, 0 warnings, 1 info in 1 file\n")
    assert (
        "✅ **jcode diff** `origin/main` → `HEAD`: 1 new finding (0 errors, 0 warnings, 1 info)"
        in text
    )
    assert "- stage `delivery`, touchpoint `satisfaction-survey` feedback: `true` → `false`" in text


def test_action_installs_exactly_the_locked_set(tmp_path: Path) -> None:
    """The "Install jcode" step as a runner runs it; what it leaves is the lock's set."""
    runner_python = Path(sys.base_prefix) / "bin"  # a plain Python with pip, as on a runner
    install = _run_step(
        "Install jcode", ROOT, tmp_path / "summary.md", runner_temp=tmp_path, python=runner_python
    )
    assert install.returncode == 0, install.stdout + install.stderr
    venv = tmp_path / "jcode-venv"
    assert (tmp_path / "github_path").read_text(encoding="utf-8") == f"{venv / 'bin'}\n"
    version = subprocess.run(
        [venv / "bin" / "jcode", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("jcode, version ")
    check = subprocess.run(
        [BIN / "uv", "sync", "--locked", "--no-dev", "--no-editable", "--check"],
        cwd=ROOT,
        env=os.environ | {"UV_PROJECT_ENVIRONMENT": str(venv), "UV_NO_CONFIG": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    assert "Would make no changes" in check.stderr
    # uv itself waits in the cache, at the lock's version: a restored cache skips pip.
    uv = tmp_path / "jcode-cache" / "uv-tool" / "bin" / "uv"
    version = subprocess.run([uv, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.split()[1] == _locked_version("uv")
    assert not (venv / "bin" / "uv").exists()


def _locked_version(name: str) -> str:
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    [version] = [p["version"] for p in lock["package"] if p["name"] == name]
    return str(version)


def test_action_caches_the_install_on_its_lock() -> None:
    [cache] = [
        s for s in ACTION_DATA["runs"]["steps"] if s.get("uses", "").startswith("actions/cache@")
    ]
    assert cache["with"]["path"] == "${{ runner.temp }}/jcode-cache"
    assert "${{ steps.lock.outputs.hash }}" in cache["with"]["key"]
    env = _step("Install jcode")["env"]
    assert env["UV_CACHE_DIR"].startswith(cache["with"]["path"] + "/")
    assert env["JCODE_CACHE"] == cache["with"]["path"]
    assert env["PIP_CACHE_DIR"].startswith(cache["with"]["path"] + "/")


def _init_workflow(tmp_path: Path) -> Path:
    """The GitHub workflow that `jcode init` writes."""
    subprocess.run(
        [BIN / "jcode", "init", "--yes", str(tmp_path / "repo")], capture_output=True, check=True
    )
    return tmp_path / "repo" / ".github" / "workflows" / "jcode.yml"


def test_readme_github_workflow_is_the_one_init_writes_and_github_accepts(tmp_path: Path) -> None:
    written = _init_workflow(tmp_path)
    snippet = _snippet("github-workflow", tmp_path)
    assert snippet.read_text(encoding="utf-8") == written.read_text(encoding="utf-8"), (
        "the README shows src/jcode/templates/github-workflow.yml.j2 as `jcode init` writes it"
    )
    _check_jsonschema("vendor.github-workflows", written, snippet)
    _check_jsonschema("custom.github-workflows-require-timeout", written, snippet)


def test_init_workflow_uploads_the_sarif_the_action_writes(tmp_path: Path) -> None:
    workflow = yaml.safe_load(_init_workflow(tmp_path).read_text(encoding="utf-8"))
    assert workflow["permissions"]["security-events"] == "write"
    [job] = workflow["jobs"].values()
    steps = job["steps"]
    [lint] = [s for s in steps if s.get("uses", "").startswith("jcode-dev/jcode@")]
    assert lint["uses"] == f"jcode-dev/jcode@v{__version__}"
    assert set(lint["with"]) <= set(ACTION_DATA["inputs"])
    [upload] = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload")]
    assert steps.index(upload) > steps.index(lint)
    sarif = lint["with"].get("sarif", ACTION_DATA["inputs"]["sarif"]["default"])
    assert upload["with"]["sarif_file"] == sarif == ACTION_DATA["inputs"]["sarif"]["default"]
    assert upload["if"] == "${{ !cancelled() }}"  # a failed lint still uploads its findings


def test_readme_gitlab_job_reports_junit(tmp_path: Path) -> None:
    path = _snippet("gitlab-ci", tmp_path)
    _check_jsonschema("vendor.gitlab-ci", path)
    job = yaml.safe_load(path.read_text(encoding="utf-8"))["jcode"]
    report = job["artifacts"]["reports"]["junit"]
    assert f"jcode lint --output-junit {report}" in job["script"]


def test_hooks_manifest_is_valid_and_matches_journeys_and_their_settings() -> None:
    subprocess.run([_tool("pre-commit"), "validate-manifest", str(HOOKS)], check=True)
    [hook] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"]) == ("jcode-lint", "jcode lint", "python")
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    for path in (
        "journeys/a.yaml",
        "journeys/b2c/b.yml",
        "docs/cx/journeys/c.yaml",
        CONFIG_NAME,
        f"docs/cx/{CONFIG_NAME}",
        PROJECT_SCHEMA_PATH.as_posix(),
        f"docs/cx/{PROJECT_SCHEMA_PATH.as_posix()}",
    ):
        assert files.search(path), path
    for path in (
        "myjcode.yaml",
        "schema/config.schema.json",
        "site_template/mkdocs.yml",
        "journeys/notes.md",
        "myjourneys/a.yaml",
    ):
        assert not files.search(path), path


def test_readme_pre_commit_snippet_is_a_valid_config(tmp_path: Path) -> None:
    path = _snippet("pre-commit", tmp_path)
    subprocess.run([_tool("pre-commit"), "validate-config", str(path)], check=True)
    [repo] = yaml.safe_load(path.read_text(encoding="utf-8"))["repos"]
    assert [h["id"] for h in repo["hooks"]] == ["jcode-lint"]


def _source_copy(target: Path) -> GitRepo:
    """This checkout's files as they are now (committed or not), committed in a repository of
    their own: what pre-commit would clone from a release."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    for name in listed.stdout.decode().split("\0"):
        source = ROOT / name
        if name and (source.is_file() or source.is_symlink()):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name, follow_symlinks=False)
    repo = GitRepo(target)
    repo.commit("jcode")
    return repo


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, Path]]:
    """(the hook's repository, its commit, PRE_COMMIT_HOME), one for the module: pre-commit
    builds the hook's environment once (pip installs jcode into it: some seconds) and keeps it
    there. (`pre-commit try-repo` would build it on each run, in a store of its own.)"""
    folder = tmp_path_factory.mktemp("hook")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in GIT_ENV.items():
            patch.setenv(name, value)
        source = _source_copy(folder / "jcode")
        rev = source.git("rev-parse", "HEAD").strip()
    yield source.root, rev, folder / "pre-commit-home"


def _hooked_project(root: Path, hook_home: tuple[Path, str, Path]) -> GitRepo:
    """The example project with a second journey, committed, and the hook installed as the
    README says (verbose, to show what it linted)."""
    source, rev, _ = hook_home
    project = GitRepo(root)
    project.write("jcode.yaml", CONFIG)
    project.write(EXAMPLE_FILE, EXAMPLE)
    project.write("journeys/other.yaml", EXAMPLE.replace("id: laptop-replacement", "id: other"))
    hook = {"id": "jcode-lint", "verbose": True}
    project.write(
        ".pre-commit-config.yaml",
        yaml.safe_dump({"repos": [{"repo": str(source), "rev": rev, "hooks": [hook]}]}),
    )
    project.commit("Two journeys")
    subprocess.run([_tool("pre-commit"), "install"], cwd=root, capture_output=True, check=True)
    return project


def _commit(project: GitRepo, hook_home: tuple[Path, str, Path]) -> tuple[int, str]:
    """`git commit` of what is staged, through the installed hook: (exit code, its output)."""
    done = subprocess.run(
        ["git", "commit", "-q", "-m", "A change"],
        cwd=project.root,
        env=os.environ | {"PRE_COMMIT_HOME": str(hook_home[2])},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout


# Without the CRM team, two stages of each journey name an unknown owner.
NO_CRM = CONFIG.replace("  crm:\n    name: CRM and loyalty\n", "")


def _findings(output: str) -> list[tuple[str, str]]:
    """(file:line:column, rule) of each finding in text output."""
    return re.findall(r"^(\S+:\d+:\d+): \w+: .* \[([a-z-]+)\]$", output, re.MULTILINE)


def test_pre_commit_runs_the_hook_on_the_changed_journeys(
    tmp_path: Path, git_env: None, hook_home: tuple[Path, str, Path]
) -> None:
    project = _hooked_project(tmp_path / "project", hook_home)

    # A change to one journey, which names the other, unchanged one as related; and to a file
    # the hook does not read. Only the changed journey is linted.
    project.write(
        EXAMPLE_FILE,
        EXAMPLE.replace("tags: [b2c, electronics]\n", "tags: [b2c]\nrelated: [other]\n"),
    )
    project.write("notes.yaml", "not: a journey\n")
    project.git("add", "-A")
    code, output = _commit(project, hook_home)
    assert code == 0, output
    assert re.search(r"^jcode lint\.+Passed$", output, re.MULTILINE)
    assert "\n0 errors, 0 warnings, 0 info in 1 file\n" in output

    # An error in a changed journey stops the commit.
    project.write(EXAMPLE_FILE, EXAMPLE.replace("owner: ecommerce", "owner: nobody", 1))
    project.git("add", "-A")
    code, output = _commit(project, hook_home)
    assert code == 1
    assert re.search(r"^jcode lint\.+Failed$", output, re.MULTILINE)
    assert _findings(output) == [("journeys/laptop-replacement.yaml:8:8", "unknown-owner")]
    assert project.git("diff", "--cached", "--name-only") == f"{EXAMPLE_FILE}\n"  # not committed


def test_pre_commit_lints_every_journey_when_jcode_yaml_changes(
    tmp_path: Path, git_env: None, hook_home: tuple[Path, str, Path]
) -> None:
    project = _hooked_project(tmp_path / "project", hook_home)
    project.write("jcode.yaml", NO_CRM)
    project.git("add", "-A")
    assert project.git("diff", "--cached", "--name-only") == "jcode.yaml\n"

    code, output = _commit(project, hook_home)
    assert code == 1, output
    assert re.search(r"^jcode lint\.+Failed$", output, re.MULTILINE)
    assert _findings(output) == [
        ("journeys/laptop-replacement.yaml:118:12", "unknown-owner"),
        ("journeys/laptop-replacement.yaml:135:12", "unknown-owner"),
        ("journeys/other.yaml:118:12", "unknown-owner"),
        ("journeys/other.yaml:135:12", "unknown-owner"),
    ]
    direct = subprocess.run(
        [BIN / "jcode", "lint"], cwd=project.root, capture_output=True, text=True, check=False
    )
    assert direct.returncode == 1
    assert f"\n{direct.stdout}" in output  # what `jcode lint` says, all of it


def test_pre_commit_lints_every_journey_when_the_project_schema_changes(
    tmp_path: Path, git_env: None, hook_home: tuple[Path, str, Path]
) -> None:
    project = _hooked_project(tmp_path / "project", hook_home)
    schema = subprocess.run(
        [BIN / "jcode", "schema", "--project"],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=True,
    )
    assert schema.stdout == f"wrote {PROJECT_SCHEMA_PATH.as_posix()}\n"
    project.git("add", "-A")
    assert project.git("diff", "--cached", "--name-only") == f"{PROJECT_SCHEMA_PATH.as_posix()}\n"

    code, output = _commit(project, hook_home)
    assert code == 0, output
    assert re.search(r"^jcode lint\.+Passed$", output, re.MULTILINE)
    assert "\n0 errors, 0 warnings, 0 info in 2 files\n" in output
