"""Documentation that is generated from, or must match, the code: rules and the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from jcode.findings import RuleId
from jcode.rules import RULES, rules_table_markdown

from .clients import shared

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_documents_every_section(rule_id: RuleId) -> None:
    rule = RULES[rule_id]
    for section in ("summary", "what", "why", "example", "fix"):
        text = getattr(rule, section)
        assert isinstance(text, str) and len(text.strip()) >= 10, f"{rule_id}: {section}"
    assert rule.summary.endswith(".") and "\n" not in rule.summary
    # The example is YAML a user could paste (a fragment, so [...] placeholders are fine);
    # the syntax rule's example is, on purpose, not.
    example = rule.example.replace("[...]", "[]")
    if rule_id == RuleId.YAML_SYNTAX:
        with pytest.raises(yaml.YAMLError):
            yaml.safe_load(example)
    else:
        yaml.safe_load(example)
    markdown = rule.docs_markdown()
    for heading in ("### What it flags", "### Why it matters", "### Example", "### Fix"):
        assert heading in markdown


def test_readme_rule_table_is_generated_from_the_rules() -> None:
    start = README.index("<!-- rules-table:start -->\n") + len("<!-- rules-table:start -->\n")
    end = README.index("<!-- rules-table:end -->")
    assert README[start:end] == rules_table_markdown(), "regenerate with `jcode rules --markdown`"


@pytest.mark.parametrize("path", ["journeys/laptop-replacement.yaml", "jcode.yaml"])
def test_readme_examples_are_the_shipped_files(path: str) -> None:
    assert (ROOT / path).read_text(encoding="utf-8").rstrip() in README


def _contains(whole: object, part: object) -> bool:
    """Whether `whole` holds every key of `part` with the same value, recursively."""
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(
            key in whole and _contains(whole[key], value) for key, value in part.items()
        )
    return whole == part


def test_contract_journey_ships_unchanged_and_its_config_is_kept() -> None:
    contract = shared("contract")
    # jcode.yaml grows with the gallery in journeys/ (its owners, personas and channels), but
    # keeps every line of the contract's, comments included, in order, and every setting.
    shipped = (ROOT / "jcode.yaml").read_text(encoding="utf-8")
    agreed = (contract / "jcode.yaml").read_text(encoding="utf-8")
    lines = iter(shipped.splitlines())
    assert all(line in lines for line in agreed.splitlines())
    assert _contains(yaml.safe_load(shipped), yaml.safe_load(agreed))
    assert (ROOT / "journeys" / "laptop-replacement.yaml").read_bytes() == (
        contract / "laptop-replacement.yaml"
    ).read_bytes()


def test_readme_states_the_two_commands() -> None:
    assert "make demo" in README and "make test" in README


def test_readme_map_names_modules_that_exist() -> None:
    start = README.index("### Where things are")
    section = README[start : README.index("\n### ", start + 1)]
    named = re.findall(r"`([a-z_/]+(?:/|\.py))`", section)
    assert {"cli/", "app/", "reporters/", "layout.py", "text.py"} <= set(named)
    places = (ROOT, ROOT / "src" / "jcode")  # tests/ and the gallery; the modules
    assert [n for n in named if not any((place / n).exists() for place in places)] == []
