"""The project's settings resolved: phase model, channel catalog and rule severities."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from jcode.spec.builtins import BUILTIN_CHANNELS, DEFAULT_PHASE_MODEL, PHASE_MODELS, Channel
from jcode.spec.runtime import Config
from jcode.spec.values import Mode, Moment, Severity


@dataclass(frozen=True, slots=True)
class ProjectPhase:
    id: str
    name: str
    moment: Moment
    optional: bool
    index: int


@dataclass(frozen=True)
class Project:
    """The configuration resolved: phase model, channel catalog and rule severities."""

    config: Config = field(default_factory=Config)
    phases: tuple[ProjectPhase, ...] = ()
    phase_model: str = DEFAULT_PHASE_MODEL
    channels: dict[str, Channel] = field(default_factory=dict)
    severities: dict[str, Severity | None] = field(default_factory=dict)
    config_path: Path | None = None
    root: Path = field(default_factory=Path)

    @cached_property
    def phase_by_id(self) -> dict[str, ProjectPhase]:
        # Built once: rules ask for it for every journey.
        return {p.id: p for p in self.phases}

    @classmethod
    def resolve(
        cls,
        config: Config,
        severities: dict[str, Severity | None],
        config_path: Path | None = None,
        root: Path | None = None,
    ) -> Project:
        """Resolve the phase model and the channel catalog. The phase model name must exist."""
        if isinstance(config.phases, str):
            model_name = config.phases
            phases = tuple(
                ProjectPhase(p.id, p.name, p.moment, p.optional, i)
                for i, p in enumerate(PHASE_MODELS[model_name])
            )
        else:
            model_name = "custom"
            phases = tuple(
                ProjectPhase(p.id, p.name, p.moment, p.optional, i)
                for i, p in enumerate(config.phases)
            )
        channels = dict(BUILTIN_CHANNELS)
        for cid, spec in config.channels.items():
            base = channels.get(cid)
            mode: Mode = spec.mode or (base.mode if base else "online")
            channels[cid] = Channel(
                cid,
                spec.name or (base.name if base else cid),
                mode,
                spec.assisted if spec.assisted is not None else bool(base and base.assisted),
            )
        return cls(
            config=config,
            phases=phases,
            phase_model=model_name,
            channels=channels,
            severities=severities,
            config_path=config_path,
            root=root if root is not None else Path(),
        )
