"""The project's settings resolved: phase model, channel catalog and rule severities."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from jcode.findings import RuleId, Severity
from jcode.record import Record
from jcode.spec.builtins import BUILTIN_CHANNELS, DEFAULT_PHASE_MODEL, PHASE_MODELS, Channel
from jcode.spec.runtime import Config
from jcode.spec.values import Mode, Moment


class ProjectPhase(Record):
    __slots__ = ("id", "index", "moment", "name", "optional")

    def __init__(self, id: str, name: str, moment: Moment, optional: bool, index: int) -> None:
        self.id: Final = id
        self.name: Final = name
        self.moment: Final = moment
        self.optional: Final = optional
        self.index: Final = index


class Project:
    """The configuration resolved: phase model, channel catalog and rule severities."""

    __slots__ = (
        "channels",
        "config",
        "config_path",
        "phase_by_id",
        "phase_model",
        "phases",
        "root",
        "severities",
    )

    def __init__(
        self,
        config: Config | None = None,
        phases: tuple[ProjectPhase, ...] = (),
        phase_model: str = DEFAULT_PHASE_MODEL,
        channels: dict[str, Channel] | None = None,
        severities: dict[RuleId, Severity | None] | None = None,
        config_path: Path | None = None,
        root: Path | None = None,
    ) -> None:
        self.config: Final = Config() if config is None else config
        self.phases: Final = phases
        self.phase_model: Final = phase_model
        self.channels: Final[dict[str, Channel]] = {} if channels is None else channels
        self.severities: Final[dict[RuleId, Severity | None]] = (
            {} if severities is None else severities
        )
        self.config_path: Final = config_path
        self.root: Final = Path() if root is None else root
        self.phase_by_id: Final = {p.id: p for p in phases}  # rules ask for it for every journey

    @classmethod
    def resolve(
        cls,
        config: Config,
        severities: dict[RuleId, Severity | None],
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
