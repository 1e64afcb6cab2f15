"""Documentation that is generated from, or must match, the code: rules and the README."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from jcode.findings import RuleId
from jcode.rules import RULES, rules_table_markdown
from jcode.spec.builtins import BUILTIN_CHANNELS, Channel

from .clients import shared

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_documents_every_section(rule_id: RuleId) -> None:
    rule = RULES[rule_id]
    for section in ("summary", "what", "why", "example", "fix"):
        template = getattr(rule, section)
        assert template.id == f"doc.{rule_id}.{section}"
        assert len(template.text.strip()) >= 10, f"{rule_id}: {section}"
    assert rule.summary.text.endswith(".") and "\n" not in rule.summary.text
    # The example is YAML a user could paste (a fragment, so [...] placeholders are fine);
    # the syntax rule's example is, on purpose, not.
    example = rule.example.text.replace("[...]", "[]")
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


def _section(heading: str) -> str:
    start = README.index(f"\n## {heading}\n")
    return README[start : README.index("\n## ", start + 1)]


def _table(section: str) -> dict[str, list[set[str]]]:
    """A Markdown table of the section: the first cell of each row -> the `names` in each
    other cell."""
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ")]
    return {
        row[0].removeprefix("| "): [set(re.findall(r"`([a-z_]+)`", cell)) for cell in row[1:]]
        for row in rows[1:]
    }


def _schema(name: str) -> Any:
    return json.loads((ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))


# The journey file's table: its rows and the schema's elements. A suppression's two fields
# are in the text below the table, where `suppress` is explained.
ELEMENTS = {
    "journey": "Journey",
    "stage": "Stage",
    "step": "Step",
    "touchpoint": "Touchpoint",
    "backstage": "Backstage",
    "exit": "Exit",
    "pain point": "PainPoint",
    "opportunity": "Opportunity",
    "KPI": "Kpi",
}


def test_readme_journey_table_names_every_field_of_the_schema() -> None:
    schema = _schema("journey")
    table = _table(_section("The journey file"))
    assert list(table) == list(ELEMENTS)
    for row, element in ELEMENTS.items():
        definition = schema if element == "Journey" else schema["$defs"][element]
        fields, required = set(definition["properties"]), set(definition["required"])
        assert table[row] == [required, fields - required], row


def test_readme_config_table_names_every_key_and_channel_field() -> None:
    schema = _schema("config")
    table = _table(_section("Configuration: jcode.yaml"))
    assert set(table) == {f"`{key}`" for key in schema["properties"]}
    channel = set(schema["$defs"]["ChannelSpec"]["properties"])
    assert channel <= table["`channels`"][0]


def test_readme_lists_the_built_in_channel_catalog() -> None:
    section = _section("Configuration: jcode.yaml")
    catalog = re.sub(r" \([^)]*\)", "", section[section.index("The built-in channels are ") :])
    catalog = " ".join(catalog.split())

    def channels(before: str, after: str) -> list[str]:
        text = catalog[catalog.index(before) + len(before) : catalog.index(after)]
        return re.split(r",? and |, ", text.strip())

    def having(keep: Callable[[Channel], bool]) -> list[str]:
        return [cid for cid, channel in BUILTIN_CHANNELS.items() if keep(channel)]

    assert channels("The built-in channels are ", ";") == list(BUILTIN_CHANNELS)
    assert channels("; ", " are offline") == having(lambda c: c.mode == "offline")
    assert channels("offline; ", " are assisted") == having(lambda c: c.assisted)
    assert channels("the touchpoints of ", " are third-party") == having(
        lambda c: c.managed_by == "third-party"
    )


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
