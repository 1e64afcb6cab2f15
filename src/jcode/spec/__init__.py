"""The journey format: pydantic models, built-in phase models and channels. No I/O here."""

from __future__ import annotations

from jcode.spec.builtins import BUILTIN_CHANNELS, PHASE_MODELS, Channel
from jcode.spec.config import Config, Phase, Project
from jcode.spec.models import Journey, Kpi, Stage, Suppression, Touchpoint

__all__ = [
    "BUILTIN_CHANNELS",
    "PHASE_MODELS",
    "Channel",
    "Config",
    "Journey",
    "Kpi",
    "Phase",
    "Project",
    "Stage",
    "Suppression",
    "Touchpoint",
]
