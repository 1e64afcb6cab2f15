"""jcode.app.init: the settings of a new repository, and what init wrote or kept."""

from __future__ import annotations

from pathlib import Path

import yaml

from jcode.app.init import defaults, init, keeps_config, settings
from jcode.authoring import InitSettings


def test_settings_default_to_the_built_in_ones() -> None:
    assert defaults() == InitSettings("Customer journeys", "en", "seven-stage")
    assert settings(None, "it", None) == InitSettings("Customer journeys", "it", "seven-stage")
    assert settings("", None, "four-stage") == InitSettings("", "en", "four-stage")


def test_init_writes_a_repository_then_keeps_it(tmp_path: Path) -> None:
    folder = tmp_path / "journeys-repo"
    assert not keeps_config(folder)
    done = init(folder, settings("Acme", "it", "five-stage"))
    assert done.kept_config is False
    assert done.scaffold.created == [
        "jcode.yaml",
        "journeys/first-order.yaml",
        "schema/journey.schema.json",
        ".pre-commit-config.yaml",
        ".github/workflows/jcode.yml",
        ".gitignore",
    ]
    config = yaml.safe_load((folder / "jcode.yaml").read_text(encoding="utf-8"))
    assert (config["site"], config["phases"]) == ({"title": "Acme", "language": "it"}, "five-stage")
    assert keeps_config(folder)
    again = init(folder, defaults())
    assert again.kept_config is True
    assert (again.scaffold.created, again.scaffold.appended) == ([], [])
    assert again.scaffold.skipped[:2] == ["jcode.yaml", "journeys/first-order.yaml"]
