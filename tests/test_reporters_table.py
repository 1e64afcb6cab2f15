"""jcode.reporters' tables: each command's formats, in the order of its --format choices, each
the report() of one module, imported when asked for."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from jcode.cli import main
from jcode.linter import JourneyFile, LintResult
from jcode.reporters import DIFF, EXPORT, LINT, ReportOptions
from jcode.reporters import text as text_reporter


def test_the_formats_of_each_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert list(LINT) == ["text", "json", "sarif", "github", "junit"]
    assert list(DIFF) == ["text", "markdown", "json"]
    assert list(EXPORT) == ["json", "csv", "mermaid"]
    for command, table in (("lint", LINT), ("diff", DIFF), ("export", EXPORT)):
        main([command, "--help"])
        assert f"[{'|'.join(table)}]" in capsys.readouterr().out  # the --format choices


def test_a_format_is_its_modules_report() -> None:
    assert LINT["text"] is text_reporter.report
    out = io.StringIO()
    LINT["text"](LintResult([JourneyFile("journeys/a.yaml")]), out, ReportOptions())
    assert out.getvalue() == "0 errors, 0 warnings, 0 info in 1 file\n"
    with pytest.raises(KeyError):
        LINT["xml"]


def test_a_format_module_is_imported_when_asked_for() -> None:
    probe = (
        "import sys; from jcode.reporters import LINT\n"
        "before = 'jcode.reporters.sarif' in sys.modules\n"
        "LINT['sarif']\n"
        "print(before, 'jcode.reporters.sarif' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False True"
