"""The project's settings resolved: phase model, channel catalog and rule severities."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from jcode import i18n
from jcode.findings import RuleId, Severity
from jcode.i18n import Message
from jcode.record import Record
from jcode.spec.builtins import (
    BUILTIN_CHANNELS,
    DEFAULT_PHASE_MODEL,
    MOMENT_NAMES,
    PHASE_MODELS,
    Channel,
)
from jcode.spec.runtime import Config, Journey, Touchpoint
from jcode.spec.values import MOMENTS, ManagedBy, Mode, Moment


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
        "moment_labels",
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
        # The moments' names: jcode.yaml's, else the built-in ones in the site's language.
        words = i18n.catalog(self.config.site.language)
        self.moment_labels: Final[dict[Moment, str]] = {
            moment: words.text(MOMENT_NAMES[moment]) for moment in MOMENTS
        } | self.config.moments

    def moment_names(self, journey: Journey) -> dict[Moment, str | Message]:
        """The moments' names for a finding's message: the journey's and jcode.yaml's as
        written, the built-in ones as templates, which the message's language renders."""
        names: dict[Moment, str | Message] = {m: MOMENT_NAMES[m]() for m in MOMENTS}
        return names | self.config.moments | (journey.moments or {})

    def labels(self, journey: Journey) -> dict[Moment, str]:
        """The moments' names in this journey: its own, else the project's."""
        if journey.moments is None:
            return self.moment_labels
        return self.moment_labels | journey.moments

    @staticmethod
    def scope(journey: Journey) -> tuple[Moment, ...]:
        """The moments the journey's map covers, in their order (all three unless it says)."""
        if journey.scope is None:
            return MOMENTS
        return tuple(m for m in MOMENTS if m in journey.scope)

    def managed_by(self, touchpoint: Touchpoint) -> ManagedBy:
        """Who runs the touchpoint: its own word, else its channel's, else the company."""
        if touchpoint.managed_by is not None:
            return touchpoint.managed_by
        channel = self.channels.get(touchpoint.channel)
        return channel.managed_by if channel is not None else "owned"

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
            # A new channel without a mode is refused by jcode.config; "online" is never a guess.
            mode: Mode = spec.mode or (base.mode if base else "online")
            channels[cid] = Channel(
                cid,
                spec.name or (base.name if base else cid),
                mode,
                spec.assisted if spec.assisted is not None else bool(base and base.assisted),
                spec.managed_by or (base.managed_by if base else "owned"),
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
