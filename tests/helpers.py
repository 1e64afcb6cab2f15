"""Shared test helpers: lint a folder of cases the way the CLI does, render findings compactly,
build git repositories."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from jcode.cli import main
from jcode.collect import collect_files
from jcode.config import load_project
from jcode.findings import Finding
from jcode.i18n import Message, Template
from jcode.linter import LintResult, lint

TESTS = Path(__file__).parent
CASES = TESTS / "cases"
TODAY = date(2026, 11, 22)
ROOT = TESTS.parent
# The README's example project: it lints clean.
EXAMPLE_FILE = "journeys/laptop-replacement.yaml"
EXAMPLE = (ROOT / EXAMPLE_FILE).read_text(encoding="utf-8")
CONFIG = (ROOT / "jcode.yaml").read_text(encoding="utf-8")
GOLDEN = TESTS / "golden"

# A journey whose only post-purchase touchpoint is `tracking`.
RETURNS = """\
id: parcel-return
title: Returning a parcel
owner: ecommerce
stages:
  - id: buy
    name: Buying
    phase: purchase
    touchpoints:
      - {id: checkout, name: Checkout, channel: web}
      - {id: chat, name: Chat, channel: chat}
    kpis: [{id: conversion, name: Conversion, baseline: 40, target: 45, direction: increase}]
  - id: after
    name: After the purchase
    phase: post-purchase
    touchpoints:
      - {id: tracking, name: Tracking emails, channel: email, feedback: true}
    kpis: [{id: csat, name: Satisfaction, baseline: 4, target: 4.5, direction: increase}]
"""


def lint_paths(paths: list[Path], cwd: Path, config: Path | None = None) -> LintResult:
    """Lint from `cwd`, so that file names in findings are relative to it."""
    with contextlib.chdir(cwd):
        project = load_project(config)
        return lint(collect_files(paths), project, TODAY, jobs=1)


def lint_case(case: Path) -> LintResult:
    """A case of tests/cases (a file, or a folder linted as a whole) from its folder, with the
    nearest jcode.yaml above it."""
    config = None
    for folder in case.parents:
        if (folder / "jcode.yaml").is_file():
            config = folder / "jcode.yaml"
            break
        if folder == CASES:
            break
    return lint_paths([case], cwd=case if case.is_dir() else case.parent, config=config)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The command line: (exit code, standard output, standard error)."""
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def check_golden(name: str, actual: str) -> None:
    """`actual` is tests/golden/NAME; JCODE_REGEN=1 rewrites the file (read its diff)."""
    path = GOLDEN / name
    if os.environ.get("JCODE_REGEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def render(finding: Finding) -> str:
    """One finding per line, as the .expected files hold them."""
    return (
        f"{finding.file}:{finding.line}:{finding.column} | {finding.severity} | {finding.rule} | "
        f"{finding.pointer or chr(39) * 2} | {finding.message}"
    )


def as_json(value: Any, schema: Mapping[str, Any], root: Mapping[str, Any] | None = None) -> Any:
    """YAML data as a JSON Schema validator is to judge it. JSON has no dates: a YAML date
    stands for its ISO text where the schema asks for a date (format: date); anywhere else it
    stays a date, which is not text to the schema, as it is not to the model ("put it in
    quotes"). Everything else is given as it is."""
    root = root if root is not None else schema
    resolved = _resolve(schema, root)
    alternatives = resolved.get("anyOf", resolved.get("oneOf", [schema]))
    options = [_resolve(option, root) for option in alternatives]
    if isinstance(value, date):
        wanted = any(option.get("format") == "date" for option in options)
        return value.isoformat() if wanted else value
    if isinstance(value, dict):
        mapping = next((o for o in options if o.get("type") == "object"), {})
        return {k: as_json(v, _property(mapping, k), root) for k, v in value.items()}
    if isinstance(value, list):
        items: Mapping[str, Any] = next(
            (o["items"] for o in options if o.get("type") == "array"), {}
        )
        return [as_json(v, items, root) for v in value]
    return value


def _resolve(schema: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = schema.get("$ref")
    return _resolve(root["$defs"][ref.rsplit("/", 1)[-1]], root) if ref else schema


def _property(mapping: Mapping[str, Any], key: object) -> Mapping[str, Any]:
    """The schema of a mapping's value at `key` (any schema for an unknown key)."""
    if key in mapping.get("properties", {}):
        return mapping["properties"][key]  # type: ignore[no-any-return]
    for values in mapping.get("patternProperties", {}).values():
        return values  # type: ignore[no-any-return]
    extra = mapping.get("additionalProperties")
    return extra if isinstance(extra, dict) else {}


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.com",
    "GIT_AUTHOR_DATE": "2026-11-22T10:00:00Z",
    "GIT_COMMITTER_NAME": "Test Committer",
    "GIT_COMMITTER_EMAIL": "committer@example.com",
    "GIT_COMMITTER_DATE": "2026-11-22T10:00:00Z",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,  # no user settings (signing, hooks, default branch)
}


class GitRepo:
    """A git repository in a temporary folder, driven by the git command line.

    Needs the environment of GIT_ENV (the git_repo fixture sets it)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.root, capture_output=True, text=True, check=True
        )
        return done.stdout

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


_SAID = Template("test.said", "{text}")


def said(text: str) -> Message:
    """A message that says `text` in every language, for findings a test makes by hand."""
    return _SAID(text=text)


def templates_in(value: object) -> Iterator[Template]:
    """The templates a value holds: itself, or those in its dicts, tuples and lists."""
    if isinstance(value, Template):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from templates_in(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from templates_in(item)


def module_templates(*modules: ModuleType) -> list[Template]:
    """The templates the modules define at their top level, alone or in tables, once each."""
    found: dict[str, Template] = {}
    for module in modules:
        for value in vars(module).values():
            for template in templates_in(value):
                found.setdefault(template.id, template)
    return list(found.values())
