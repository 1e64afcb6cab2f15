"""How the site names what a journey refers to by id (channels, teams, personas, a step's
actor) and writes its figures, in the site's language: for the portfolio (site/index.py)."""

from __future__ import annotations

from typing import Final

from jcode.i18n import Catalog
from jcode.spec import Project
from jcode.spec.builtins import BUILTIN_CHANNELS, CHANNEL_NAMES


def figure(value: float | None, unknown: str = "?") -> str:
    return unknown if value is None else f"{value:g}"


class Naming:
    """The names of one project's channels, teams and personas, in one language."""

    def __init__(self, project: Project, catalog: Catalog) -> None:
        self._project = project
        self._catalog = catalog
        # Looked up for every touchpoint: a channel that jcode.yaml lacks is named by its id.
        self._channels: Final = {c: self._channel(c) for c in project.channels}

    def channel(self, channel_id: str) -> str:
        return self._channels.get(channel_id, channel_id)

    def _channel(self, channel_id: str) -> str:
        channel = self._project.channels[channel_id]
        builtin = BUILTIN_CHANNELS.get(channel_id)
        if builtin is not None and builtin.name == channel.name:
            return self._catalog.text(CHANNEL_NAMES[channel_id])
        return channel.name

    def mode(self, channel_id: str) -> str:
        channel = self._project.channels.get(channel_id)
        return channel.mode if channel else "online"

    def owner(self, owner_id: str) -> str:
        owner = self._project.config.owners.get(owner_id)
        return owner.name if owner else owner_id

    def persona(self, persona_id: str) -> str:
        persona = self._project.config.personas.get(persona_id)
        return persona.name if persona else persona_id

    def actor(self, actor_id: str | None) -> str | None:
        """A step's actor: a persona, else a team (unknown-actor reports any other id)."""
        if actor_id is None:
            return None
        if actor_id in self._project.config.personas:
            return self.persona(actor_id)
        return self.owner(actor_id)

    def share(self, share: float | None) -> str:
        """An exit's share as its label reads it: "12.5"; in Italian "il 12,5", "l'8", "lo 0"
        (Italian says the article of the figure as it is spoken, which no catalog can)."""
        written = figure(share, "")
        if self._catalog.language != "it" or share is None:
            return written
        whole = int(share)
        article = (
            "lo " if whole == 0 else "l'" if whole in (1, 8, 11) or whole // 10 == 8 else "il "
        )
        return article + written.replace(".", ",")
