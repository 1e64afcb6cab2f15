"""`jcode init`: a new journeys repository, with the settings asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from jcode.authoring import InitSettings, Scaffold, scaffold
from jcode.layout import CONFIG_NAME
from jcode.record import Record
from jcode.spec import Site
from jcode.spec.builtins import DEFAULT_PHASE_MODEL


def keeps_config(directory: Path) -> bool:
    """Whether `directory` has a jcode.yaml already: init keeps it, and its settings."""
    return (directory / CONFIG_NAME).exists()


def defaults() -> InitSettings:
    """What a new jcode.yaml says when nobody chooses: the title, language and phase model."""
    site = Site()
    return InitSettings(site.title, site.language, DEFAULT_PHASE_MODEL)


def settings(title: str | None, language: str | None, phases: str | None) -> InitSettings:
    """The settings given, the defaults for the others."""
    default = defaults()
    return InitSettings(
        title if title is not None else default.title,
        language or default.language,
        phases or default.phases,
    )


class Initialised(Record):
    __slots__ = ("kept_config", "scaffold")

    def __init__(self, done: Scaffold, kept_config: bool) -> None:
        self.scaffold: Final = done  # the files created, left alone, appended to
        self.kept_config: Final = kept_config


def init(directory: Path, chosen: InitSettings) -> Initialised:
    """Write the repository into `directory`, never replacing a file."""
    kept = keeps_config(directory)
    return Initialised(scaffold(directory, chosen), kept)
