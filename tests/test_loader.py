"""The loader gives the data yaml.safe_load gives, and knows where every value stands."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml

from jcode.loader import decode, load

ROOT = Path(__file__).parent.parent
FIXTURES = sorted(
    p
    for folder in (ROOT / "journeys", ROOT / "tests" / "cases", ROOT / "examples")
    if folder.is_dir()
    for p in folder.rglob("*.y*ml")
)


def _safe_load(raw: bytes) -> object:
    return yaml.safe_load(raw.decode("utf-8-sig"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_data_as_pyyaml_safe_load(path: Path) -> None:
    raw = path.read_bytes()
    text, problem = decode(raw)
    try:
        expected = _safe_load(raw)
    except (yaml.YAMLError, UnicodeDecodeError, ValueError, RecursionError):
        # PyYAML refuses it too; we must refuse it (and say where), not invent data.
        assert problem is not None or not load(text or "").readable
        return
    if text is None or not load(text).readable:
        # Refused by our limits only: alias bombs and recursive aliases, which PyYAML expands,
        # and a 4,000-digit number, which it builds (slowly: seconds for a long one).
        assert path.stem in {"alias-bomb", "recursive-alias", "deep-nesting", "huge-hex-number"}
        return
    assert load(text).data == expected


SCALARS = """\
yes_: yes
no_: No
on_: on
off_: off
true_: TRUE
int_: 42
octal: 0o17
old_octal: 017
hex: 0x1F
under: 1_000
sexagesimal: 1:30
float_: 1.5e3
inf: .inf
null_: ~
empty:
date_: 2026-11-22
stamp: 2026-11-22T10:00:00Z
quoted: '2026-11-22'
str_tag: !!str 3
int_tag: !!int "4"
"""


def test_yaml_1_1_scalars_as_pyyaml() -> None:
    data = load(SCALARS).data
    assert data == yaml.safe_load(SCALARS)
    assert data["off_"] is False and data["yes_"] is True
    assert data["date_"] == date(2026, 11, 22)
    assert data["stamp"] == datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
    assert data["quoted"] == "2026-11-22"


def test_merge_keys_explicit_wins_then_first_merge() -> None:
    text = "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  x: 3\n"
    assert load(text).data == yaml.safe_load(text)
    assert load(text).data["c"] == {"x": 3, "y": 1, "z": 2}


def test_positions_of_values_and_keys() -> None:
    text = "id: x\nstages:\n  - id: caffè\n    name: Città\n    touchpoints: [{id: t}]\n"
    doc = load(text)
    assert doc.position("") == (1, 1)
    assert doc.position("/id") == (1, 5)
    assert doc.position("/stages/0") == (3, 5)
    assert doc.position("/stages/0/name") == (4, 11)
    assert doc.key_position("/stages/0/name") == (4, 5)
    assert doc.position("/stages/0/touchpoints/0/id") == (5, 24)
    # A missing field stands at its nearest enclosing value.
    assert doc.position("/stages/0/phase") == (3, 5)


def test_columns_count_characters_not_bytes() -> None:
    doc = load("città: [àè, x]\n")
    assert doc.position("/città/1") == (1, 13)


def test_crlf_positions() -> None:
    doc = load("a: 1\r\nb:\r\n  - x\r\n")
    assert doc.position("/b/0") == (3, 5)


def test_duplicate_key_keeps_last_value_and_reports_second() -> None:
    doc = load("a: 1\nb: 2\na: 3\n")
    assert doc.data == {"a": 3, "b": 2}
    assert doc.error is None
    [problem] = doc.duplicate_keys  # the duplicate-key rule reports them
    assert (problem.position, problem.pointer) == ((3, 1), "/a")


def test_pointer_escaping() -> None:
    doc = load("'a/b': {'c~d': 1}\n")
    assert doc.position("/a~1b/c~0d") == (1, 16)


NESTING_LEVELS = [101, 999, 1_001, 20_000]


@pytest.mark.parametrize("levels", NESTING_LEVELS)
@pytest.mark.parametrize(
    ("style", "text", "where"),
    [
        # The root mapping is the first level, so the 100th bracket is the 101st level.
        ("flow", "summary: {open}{close}", (1, 9 + 100)),
        ("flow-mapping", "summary: {open_map}v{close_map}", (1, 9 + 4 * 99 + 1)),
        ("block", "summary:\n  {dashes}x\n", (2, 3 + 2 * 99)),
    ],
)
def test_nesting_limit_is_ours_under_every_libyaml(
    levels: int, style: str, text: str, where: tuple[int, int]
) -> None:
    """libyaml 0.2.6 stops at 1,000 levels of its own; jcode's finding must not depend on it."""
    text = text.format(
        open="[" * levels,
        close="]" * levels,
        open_map="{k: " * levels,
        close_map="}" * levels,
        dashes="- " * levels,
    )
    doc = load(text)
    assert doc.duplicate_keys == []
    assert doc.error is not None  # yaml-syntax
    error = (doc.error.pointer, doc.error.message.text, doc.error.position)
    assert error == ("", "nesting deeper than 100 levels", where)
    assert doc.data is None


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("id: pay-online\ngoal: Pay: and get a date\n", "pay-online"),
        ("# a comment\nid: 'pay-online'  # quoted\ntitle: [\n", "pay-online"),
        ('title: "open\rid: pay-online\r', "pay-online"),  # CR line endings, as libyaml reads
        ("title: [\n  id: inner\n", None),  # not at the top level
        ("title: [\n", None),
    ],
)
def test_unreadable_file_keeps_its_declared_id(text: str, declared: str | None) -> None:
    doc = load(text)
    assert not doc.readable
    assert doc.declared_id == declared


def test_readable_file_declares_no_id_by_its_lines() -> None:
    assert load("id: a\ntitle: A\n").declared_id is None  # its data says it
