"""jcode.cli.main: the group, and the error handler's exit codes; each command module is
imported only when it runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from jcode.cli.main import COMMANDS
from jcode.errors import ExitCode

from .helpers import ROOT, run

PROJECT = Path(__file__).parent / "golden" / "project"


def test_exit_codes_are_named() -> None:
    assert [(code.name, int(code)) for code in ExitCode] == [
        ("OK", 0),
        ("FINDINGS", 1),
        ("USAGE", 2),
        ("INTERNAL", 3),
        ("INTERRUPTED", 130),
    ]


def test_the_readme_lists_every_exit_code() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Exit codes") : readme.index("## Editor set-up")]
    assert re.findall(r"^\| (\d+) \|", table, re.MULTILINE) == [str(int(c)) for c in ExitCode]


def test_ctrl_c_is_exit_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.chdir(PROJECT)
    monkeypatch.setattr("jcode.app.lint.lint", interrupt)
    assert run(["lint"], capsys) == (ExitCode.INTERRUPTED, "", "\nAborted.\n")


def test_a_usage_error_is_one_line_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(PROJECT)
    assert run(["lint", "--baseline", "a.json", "--write-baseline", "b.json"], capsys) == (
        ExitCode.USAGE,
        "",
        "jcode: error: give --baseline or --write-baseline, not both\n",
    )


def test_an_unknown_command_names_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["lnt"], capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err.endswith("Error: No such command 'lnt'. Did you mean 'lint'?\n")


def test_every_command_is_listed_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--help"], capsys)
    listed = [line.split()[0] for line in out.split("Commands:\n")[1].splitlines()]
    assert (code, listed) == (ExitCode.OK, list(COMMANDS))


def test_lint_imports_no_other_command() -> None:
    """Start-up time: `jcode lint` loads neither the other commands nor what they need."""
    probe = (
        "import sys; from jcode.cli import main\n"
        "main(['lint', '--today', '2026-11-22', '--quiet'])\n"
        "others = [m for m in sys.modules if m.startswith(('jcode.cli.', 'jcode.app.'))]\n"
        "heavy = ['jcode.diff', 'jcode.export', 'jcode.sides', 'mkdocs', 'jcode.site']\n"
        "print(sorted(others), [m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines()[-1] == (
        "['jcode.app.lint', 'jcode.app.project', 'jcode.cli.lint', 'jcode.cli.main', "
        "'jcode.cli.options', 'jcode.cli.output'] []"
    )
