"""jcode.yaml: the project settings model, and the resolved Project the rules read."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from jcode.spec.builtins import BUILTIN_CHANNELS, DEFAULT_PHASE_MODEL, PHASE_MODELS, Channel, Mode
from jcode.spec.types import Id, Moment, Name, Severity, Text

_MODEL_CONFIG = ConfigDict(extra="forbid", strict=True, frozen=True)


class Site(BaseModel):
    model_config = _MODEL_CONFIG

    title: Name = "Customer journeys"
    language: Annotated[
        Literal["en", "it"], Field(description="The language of the site's own labels.")
    ] = "en"
    repo_url: Annotated[
        str | None,
        Field(
            pattern=r"^https?://",
            max_length=500,
            description="Web address of the repository; journey pages link to their source.",
            examples=["https://github.com/acme/journeys"],
        ),
    ] = None


class Phase(BaseModel):
    """A phase of a custom phase model."""

    model_config = _MODEL_CONFIG

    id: Id
    name: Name
    moment: Annotated[Moment, Field(description="Before, during or after the purchase.")]
    optional: Annotated[
        bool, Field(description="A journey may leave it out without a missing-phase finding.")
    ] = False


class ChannelSpec(BaseModel):
    """A channel added to the catalog, or changes to a built-in one."""

    model_config = _MODEL_CONFIG

    name: Name | None = None
    mode: Literal["online", "offline"] | None = None
    assisted: Annotated[
        bool | None, Field(description="A person helps the customer (chat, phone, store).")
    ] = None


class Owner(BaseModel):
    model_config = _MODEL_CONFIG

    name: Name
    contact: Text | None = None


class Persona(BaseModel):
    model_config = _MODEL_CONFIG

    name: Name
    description: Text | None = None


# YAML 1.1 reads a bare `off` as the boolean false: accept it as "off".
RuleSetting = Literal["off", "info", "warning", "error"] | Literal[False]


class Config(BaseModel):
    """jcode.yaml, found by searching upward from the current directory."""

    model_config = ConfigDict(
        **_MODEL_CONFIG,
        title="jcode project configuration",
        json_schema_extra={"$id": "https://jcode.dev/schema/config.schema.json"},
    )

    site: Site = Site()
    phases: Annotated[
        str | list[Phase],
        Field(
            description=(
                "A built-in phase model (seven-stage, four-stage, five-stage) or a list of phases."
            ),
            examples=["seven-stage"],
        ),
    ] = DEFAULT_PHASE_MODEL
    channels: dict[Id, ChannelSpec] = {}
    owners: dict[Id, Owner] = {}
    personas: dict[Id, Persona] = {}
    review_every_days: Annotated[
        int, Field(ge=1, le=36500, description="A journey is stale this many days after review.")
    ] = 365
    rules: Annotated[
        dict[str, RuleSetting],
        Field(
            description="Rule id -> off, info, warning or error.",
            examples=[{"kpi-without-baseline": "warning"}],
        ),
    ] = {}


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
