"""jcode.text: user text made safe to print, clipped, and matched for "did you mean"."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from jcode.text import UNSAFE_CHAR_RE, clip, closest, printable, show

SRC = Path(__file__).parent.parent / "src" / "jcode"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("journeys/a.yaml", "journeys/a.yaml"),
        ("a\x1b[31mb", "a\\x1b[31mb"),  # no terminal escape
        ("tab\there", "tab\\x09here"),
        ("bidi\u202eevil", "bidi\\u202eevil"),  # "Trojan Source"
        ("bad-\udcff.yaml", "bad-\\xff.yaml"),  # a non-UTF-8 byte of a file name
        ("città e comuni", "città e comuni"),
    ],
)
def test_printable(text: str, expected: str) -> None:
    assert printable(text) == expected


def test_clip() -> None:
    assert clip("x" * 60) == "x" * 60
    assert clip("x" * 61) == "x" * 57 + "..."
    assert clip("abcdef", 5) == "ab..."


def test_show() -> None:
    assert show("two\nlines") == "two\\nlines"
    assert show("a\x07b\u2066c") == "a\\u0007b\\u2066c"
    assert show("y" * 100) == "y" * 57 + "..."
    assert show(3.5) == "3.5"
    assert show(10**50) == "1" + "0" * 50
    assert show(10**70 * 10**70) == "a number of about 140 digits"
    assert UNSAFE_CHAR_RE.search("tab\tand\nnewline\r") is None  # the format allows these


def test_closest() -> None:
    assert closest("stage-without-touchpoint", ["missing-owner", "stage-without-touchpoints"]) == (
        "stage-without-touchpoints"
    )
    assert closest("zzz", ["missing-owner"]) is None


def test_text_is_the_lowest_layer() -> None:
    """It imports no other jcode module, so every layer may import it."""
    probe = "import sys, jcode.text; print(sorted(m for m in sys.modules if 'jcode' in m))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['jcode', 'jcode.text']"


def test_only_text_defines_them() -> None:
    """One definition of each: no module keeps a copy of its own."""
    helpers = {"printable", "show", "clip", "_clip", "closest"}
    defined = {
        (path.relative_to(SRC).as_posix(), node.name)
        for path in SRC.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name in helpers
    }
    ours = {("text.py", name) for name in ("printable", "show", "clip", "closest")}
    markdown = ("reporters/diff_markdown.py", "show")  # a value as Markdown: ids as code
    assert defined == {*ours, markdown}
