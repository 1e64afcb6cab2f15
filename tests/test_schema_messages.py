"""The words of reading a file, its schema and jcode.yaml (schema_messages, yaml_messages, the
config.* and stale-project-schema templates): complete in Italian, and the phrases they are
built from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from jcode import i18n
from jcode.i18n import Template
from jcode.loader import load
from jcode.rules.parsing import validate
from jcode.text import show

ROOT = Path(__file__).parent.parent
ITALIAN = i18n.catalog("it")
# The ids of this area's templates start so.
OURS = (
    "schema",
    "yaml-syntax",
    "duplicate-key",
    "config.",
    "stale-project-schema",
    "phrase.element.",
    "phrase.field.",
    "phrase.value.",
    "phrase.expected.",
    "phrase.yaml.",
    "phrase.project-schema.",
)


def test_every_template_of_reading_a_file_is_translated_into_italian() -> None:
    """`make i18n --check` says nothing about them: none is missing, fuzzy or untranslated, and
    no translation drops or renames a field."""
    checked = subprocess.run(
        [sys.executable, ".ci/i18n.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    ours = [line for line in checked.stdout.splitlines() if any(f"'{p}" in line for p in OURS)]
    assert ours == []
    ours_in_source = {k: v for k, v in i18n.source_entries().items() if k.startswith(OURS)}
    assert len(ours_in_source) > 200  # the prefixes name them all
    templates = [Template(k, v if isinstance(v, str) else v[0]) for k, v in ours_in_source.items()]
    assert [t.id for t in templates if not ITALIAN.translates(t)] == []


def test_a_number_too_long_to_quote_is_named_by_its_size_in_every_language() -> None:
    huge = "7" * 70
    text = f"id: j\ntitle: J\nstages:\n  - {{id: s, name: S, phase: discovery, emotion: {huge}}}\n"
    journey, [problem] = validate(load(text))
    assert journey is None
    assert problem.message.text == (
        f"'emotion' in stage 's' is {show(int(huge))}, above the most allowed, 2"
    )
    assert show(int(huge)) == "a number of about 70 digits"
    assert ITALIAN.render(problem.message) == (
        "'emotion' nella tappa 's' vale un numero di circa 70 cifre, più del massimo ammesso, 2"
    )
