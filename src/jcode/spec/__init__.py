"""The journey format. The objects here are plain (jcode.spec.runtime, generated from the
pydantic models in jcode.spec.models and jcode.spec.config), so that importing them is cheap.
No I/O here."""

from __future__ import annotations

from jcode.spec.builtins import BUILTIN_CHANNELS, PHASE_MODELS, Channel
from jcode.spec.project import Project, ProjectPhase
from jcode.spec.runtime import (
    ChannelSpec,
    Config,
    Journey,
    Kpi,
    Owner,
    Persona,
    Phase,
    Site,
    Stage,
    Suppression,
    Touchpoint,
    parse_config,
    parse_journey,
)

__all__ = [
    "BUILTIN_CHANNELS",
    "PHASE_MODELS",
    "Channel",
    "ChannelSpec",
    "Config",
    "Journey",
    "Kpi",
    "Owner",
    "Persona",
    "Phase",
    "Project",
    "ProjectPhase",
    "Site",
    "Stage",
    "Suppression",
    "Touchpoint",
    "parse_config",
    "parse_journey",
]
