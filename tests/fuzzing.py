"""Damage journeys the way people and tools do, and check what `jcode lint` makes of them.

Shared by the suite (tests/test_fuzz.py, tests/test_properties.py: a fixed seed, seconds) and by
bench/fuzz.py (minutes). Every edit draws from a `random.Random`, so a seed replays a run.

What must hold for any document (`check`):
- lint returns, within TIME_LIMIT seconds, without raising;
- every finding stands inside the file (`outside`): 1 <= line <= number of lines + 1, and the
  column is on that line;
- a damaged file (not UTF-8, not YAML, or not a journey, as PyYAML and the pydantic model see
  it) gets a yaml-syntax or schema finding, and an intact one is valid to jcode too;
- the published JSON Schema, the pydantic model and the fast path agree on the data.
"""

from __future__ import annotations

import contextlib
import copy
import json
import math
import re
import signal
import time
import traceback
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from random import Random
from typing import Any

import jsonschema
import yaml
from pydantic import BaseModel, ValidationError

from jcode.config import load_project
from jcode.linter import lint
from jcode.loader import decode, load
from jcode.spec import Project, parse_config, parse_journey
from jcode.spec.config import Config
from jcode.spec.models import Journey

from .helpers import ROOT, TODAY, as_json

TIME_LIMIT = 5.0  # seconds per document; an example journey lints in milliseconds
SCHEMAS = ROOT / "schema"


def example_projects() -> list[tuple[Project, list[Path]]]:
    """The example journeys (journeys/, examples/*/journeys/), each with its project."""
    folders = [ROOT, *sorted(p.parent for p in ROOT.glob("examples/*/jcode.yaml"))]
    return [
        (load_project(folder / "jcode.yaml"), sorted((folder / "journeys").glob("*.yaml")))
        for folder in folders
    ]


# --- edits of the text -----------------------------------------------------------------------

_KEY = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>[A-Za-z_][\w-]*):(?P<value>.*)$")
_FLOW_ENTRY = re.compile(r"(?P<before>[{,] ?)(?P<key>[A-Za-z_]\w*): (?P<value>[^,{}\[\]]*)")
LITERALS = [
    "[]", "{}", "42", "-7.5", "true", "no", "null", "~", '""', "'  '", "[a, b]", "{x: 1}",
    '"x\\n"', "2026-13-45", "2026-02-30", "2026-01-02 10:00:00", ".inf", "-.nan", "0x1F",
    "1e400", "9" * 120, "!!binary aGk=", "!!str 3", "!!python/name:os.system", "&a x", "*a",
    "*nowhere", "<<: {x: 1}", "|\n  text", ">-", "'unterminated", "[unclosed", "Bad Id",
    '"\\u202e"', '"\\e[2J"', "@reserved", "`tick", "%", "? complex", "- item",
]  # fmt: skip
BYTES = [
    b"\t", b":", b": ", b"- ", b"{", b"}", b"[", b"]", b'"', b"'", b"&", b"*", b"!", b"%", b"#",
    b"|", b">", b"\x00", b"\xef\xbb\xbf", b"\r", b"\xe2\x80\xa8", b"\xc2\x85", b"---\n",
    b"...\n", b"\xff", b"\xc3", b"\n", b"  ", b"\\", b"?",
]  # fmt: skip


def _lines(raw: bytes) -> list[bytes]:
    return raw.splitlines(keepends=True)


def _indent(line: bytes) -> int:
    return len(line) - len(line.lstrip(b" "))


def _block_end(lines: list[bytes], start: int, column: int) -> int:
    """The end of the block that line `start` opens: the following lines indented deeper than
    `column` (blank lines and comments inside it included)."""
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and not line.lstrip().startswith(b"#") and _indent(line) <= column:
            break
        end += 1
    return end


def _keyed_lines(lines: list[bytes]) -> list[tuple[int, re.Match[str]]]:
    found = []
    for i, line in enumerate(lines):
        match = _KEY.match(line.decode("utf-8", "replace").rstrip("\r\n"))
        if match:
            found.append((i, match))
    return found


def delete_key(raw: bytes, rng: Random) -> bytes:
    lines = _lines(raw)
    flow = [(i, m) for i, line in enumerate(lines) for m in _FLOW_ENTRY.finditer(_text(line))]
    keyed = _keyed_lines(lines)
    if flow and (not keyed or rng.random() < 0.3):
        i, match = rng.choice(flow)
        line = _text(lines[i])
        lines[i] = (line[: match.start()] + match["before"].rstrip() + line[match.end() :]).encode()
        return b"".join(lines)
    if not keyed:
        return raw
    i, match = rng.choice(keyed)
    column = len(match["indent"])
    end = _block_end(lines, i, column)
    if match["indent"].rstrip().endswith("-"):  # the first key of a list item: keep the dash
        return b"".join([*lines[:i], match["indent"].rstrip().encode() + b"\n", *lines[end:]])
    return b"".join(lines[:i] + lines[end:])


def change_type(raw: bytes, rng: Random) -> bytes:
    lines = _lines(raw)
    keyed = [(i, m) for i, m in _keyed_lines(lines) if m["value"].strip()]
    if not keyed:
        return raw
    i, match = rng.choice(keyed)
    ending = b"\n" if lines[i].endswith(b"\n") else b""
    lines[i] = f"{match['indent']}{match['key']}: {rng.choice(LITERALS)}".encode() + ending
    return b"".join(lines)


def duplicate_item(raw: bytes, rng: Random) -> bytes:
    lines = _lines(raw)
    items = [i for i, line in enumerate(lines) if line.lstrip(b" ").startswith(b"- ")]
    if not items:
        return raw
    i = rng.choice(items)
    end = _block_end(lines, i, _indent(lines[i]))
    block = lines[i:end]
    if not block[-1].endswith(b"\n"):
        block = [*block[:-1], block[-1] + b"\n"]
    return b"".join(lines[:end] + block + lines[end:])


def truncate(raw: bytes, rng: Random) -> bytes:
    return raw[: rng.randrange(len(raw) + 1)]


def insert_bytes(raw: bytes, rng: Random) -> bytes:
    at = rng.randrange(len(raw) + 1)
    if rng.random() < 0.5:
        inserted = rng.choice(BYTES)
    else:
        inserted = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    return raw[:at] + inserted + raw[at:]


def swap_lines(raw: bytes, rng: Random) -> bytes:
    lines = _lines(raw)
    if len(lines) < 2:
        return raw
    i = rng.randrange(len(lines) - 1)
    j = i + 1 if rng.random() < 0.5 else rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)


def duplicate_line(raw: bytes, rng: Random) -> bytes:
    lines = _lines(raw)
    if not lines:
        return raw
    i = rng.randrange(len(lines))
    return b"".join(
        [
            *lines[: i + 1],
            lines[i] if lines[i].endswith(b"\n") else b"\n" + lines[i],
            *lines[i + 1 :],
        ]
    )


def reindent(raw: bytes, rng: Random) -> bytes:
    lines = _lines(raw)
    if not lines:
        return raw
    i = rng.randrange(len(lines))
    lines[i] = b"  " + lines[i] if rng.random() < 0.5 else lines[i].removeprefix(b"  ")
    return b"".join(lines)


def _text(line: bytes) -> str:
    return line.decode("utf-8", "replace")


TEXT_EDITS: dict[str, Callable[[bytes, Random], bytes]] = {
    "delete-key": delete_key,
    "change-type": change_type,
    "duplicate-item": duplicate_item,
    "truncate": truncate,
    "insert-bytes": insert_bytes,
    "swap-lines": swap_lines,
    "duplicate-line": duplicate_line,
    "reindent": reindent,
}


def mutate_text(raw: bytes, rng: Random) -> tuple[bytes, list[str]]:
    """One to three edits of a file's bytes, and their names."""
    names = [rng.choice(list(TEXT_EDITS)) for _ in range(rng.choice((1, 1, 2, 3)))]
    for name in names:
        raw = TEXT_EDITS[name](raw, rng)
    return raw, names


# --- edits of the data -----------------------------------------------------------------------

VALUES: list[Any] = [
    None, True, False, 0, 1, -1, 2, 3, -3, 1.0, 2.5, -0.0, 1e308, -1e308, math.inf, -math.inf,
    math.nan, 2**63, 10**99, 10**400, "", " ", "x", "abc\n", "Abc", "a" * 64, "a" * 65, "-a",
    "a_b", "a\u202eb", "a\x07b", "a\tb", "a\rb", "\ufeff", "x" * 201, "x" * 5001, "live",
    "2026-02-30", "2026-1-2", "20260102", "2026-01-02\n", "\u0662\u0660\u0662\u0666-01-02",
    date(2026, 1, 2), datetime(2026, 1, 2, 3, 4), 1700000000, b"bytes", [], {}, [None], ["a"],
    [{}], {"x": 1}, {"id": "a"}, "https://x.org", "ftp://x.org", "https://x.org\n",
]  # fmt: skip
KEYS = ["colour", "Id", "id ", "x", "k\n", "Bad Key", "a" * 65, "-a", "ok-key", "\u202e"]


def _places(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _places(value, (*path, i))


def mutate_data(data: Any, rng: Random) -> tuple[Any, str]:
    """A copy of the data with one edit: a key deleted, added or renamed, a value replaced by a
    value of another kind or a near miss, a list item duplicated."""
    data = copy.deepcopy(data)
    path, target = rng.choice(list(_places(data)))
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    edits = ["replace"] if path else []
    if isinstance(target, dict):
        edits += ["add-key", *(["delete-key", "rename-key"] if target else [])]
    if isinstance(target, list) and target:
        edits += ["duplicate-item"]
    edit = rng.choice(edits or ["replace"])
    if edit == "replace":
        replacement = copy.deepcopy(rng.choice(VALUES))
        if not path:
            return replacement, "replace the document"
        parent[path[-1]] = replacement
    elif edit == "add-key":
        target[rng.choice(KEYS)] = copy.deepcopy(rng.choice(VALUES))
    elif edit == "delete-key":
        del target[rng.choice(list(target))]
    elif edit == "rename-key":
        target[rng.choice(KEYS)] = target.pop(rng.choice(list(target)))
    else:
        i = rng.randrange(len(target))
        target.insert(i, copy.deepcopy(target[i]))
    return data, f"{edit} at /{'/'.join(map(str, path))}"


# --- the checks ------------------------------------------------------------------------------

PUBLISHED: dict[str, dict[str, Any]] = {
    kind: json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    for kind in ("journey", "config")
}
_VALIDATORS = {
    kind: jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for kind, schema in PUBLISHED.items()
}
_KINDS: dict[str, tuple[type[BaseModel], Callable[[Any], object]]] = {
    "journey": (Journey, parse_journey),
    "config": (Config, parse_config),
}


def schema_accepts(data: Any, kind: str = "journey") -> bool:
    """What the published JSON Schema says of YAML data."""
    return _VALIDATORS[kind].is_valid(as_json(data, PUBLISHED[kind]))


def verdicts(data: Any, kind: str = "journey") -> dict[str, bool]:
    """Whether the published JSON Schema, the pydantic model and the fast path accept the data."""
    model, fast = _KINDS[kind]
    try:
        model.model_validate(data)
        pydantic_valid = True
    except ValidationError:
        pydantic_valid = False
    return {
        "schema": schema_accepts(data, kind),
        "pydantic": pydantic_valid,
        "runtime": fast(data) is not None,
    }


def disagreement(data: Any, kind: str = "journey") -> str | None:
    said = verdicts(data, kind)
    if len(set(said.values())) == 1:
        return None
    return "disagree: " + ", ".join(f"{k} {'valid' if v else 'invalid'}" for k, v in said.items())


def is_journey(raw: bytes) -> bool:
    """Whether the file holds a valid journey, as PyYAML and the pydantic model see it."""
    try:
        data = yaml.load(raw.decode("utf-8-sig"), Loader=yaml.CSafeLoader)
        Journey.model_validate(data)
    except (UnicodeDecodeError, yaml.YAMLError, ValidationError, ValueError, RecursionError):
        return False
    return True


# jcode's limits on what a journey file may hold (jcode.loader): PyYAML reads such files.
LIMITS = re.compile(
    r"a number \d+ characters long|more than \d+ values|nesting deeper|aliases expand to more"
)
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as libyaml counts


def outside(raw: bytes, line: int, column: int) -> bool:
    """Whether a position is not in the file: in it means on one of its lines, at a column of
    that line or just after it, or at the start of the line after the last (libyaml reports the
    end of a file that lacks a final line break there): 1 <= line <= number of lines + 1."""
    lines = _BREAKS.split(raw.decode("utf-8", "replace").removeprefix("\ufeff"))
    if line == len(lines) + 1:
        return column != 1
    return not (1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1)


class TimeLimit(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds`: a hang fails the check instead of the run."""

    def interrupt(signum: int, frame: object) -> None:
        raise TimeLimit

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check(path: str, raw: bytes, project: Project) -> tuple[list[str], float]:
    """What is wrong with what jcode says of this file ([] when nothing), and the seconds lint
    took."""
    start = time.perf_counter()
    try:
        with time_limit(TIME_LIMIT):
            result = lint([(path, raw)], project, TODAY, jobs=1)
    except TimeLimit:
        return [f"hang: no answer in {TIME_LIMIT} s"], time.perf_counter() - start
    except Exception:
        return ["crash: " + traceback.format_exc(limit=-3)], time.perf_counter() - start
    elapsed = time.perf_counter() - start
    failures = []
    failures += [
        f"outside the file: {f.line}:{f.column} {f.rule}: {f.message}"
        for f in result.findings
        if outside(raw, f.line, f.column)
    ]
    reported = any(f.rule in ("yaml-syntax", "schema") for f in result.findings)
    if is_journey(raw):
        limited = any(LIMITS.search(f.message) for f in result.findings if f.rule == "yaml-syntax")
        if not result.files[0].valid and not limited:
            failures.append("a valid journey refused: " + str(result.findings[:3]))
    elif not reported:
        failures.append("damage not reported: " + str(result.findings[:3]))
    text, _ = decode(raw)
    doc = load(text) if text is not None else None
    if doc is not None and doc.readable and not doc.empty:
        problem = disagreement(doc.data)
        failures += [problem] if problem else []
    return failures, elapsed
