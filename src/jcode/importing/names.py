"""What a sheet or a diagram calls things, as the project's ids.

A cell may hold an id (`discovery`, `customer-care`) or a name as people write it ("Scoperta",
"Customer care"): a name is matched, ignoring case and accents, against the project's names
and the built-in names in every language jcode speaks. What matches nothing is kept as written,
for `jcode lint` to report. Elements that a sheet names without an id get one made from the name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from jcode import i18n
from jcode.spec import Project
from jcode.spec.builtins import CHANNEL_NAMES, PHASE_NAMES
from jcode.spec.values import ID_MAX, ID_PATTERN

_ID_RE = re.compile(ID_PATTERN)
_NOT_WORD_RE = re.compile(r"[^a-z0-9]+")


def is_id(text: str) -> bool:
    return len(text) <= ID_MAX and _ID_RE.fullmatch(text) is not None


def key(text: str) -> str:
    """A name as it is compared: lowercase, accents off, words joined by `_`."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return _NOT_WORD_RE.sub("_", plain).strip("_")


def slug(text: str, taken: Iterable[str] = ()) -> str:
    """An id made from a name ("Scoperta del bisogno" -> scoperta-del-bisogno), unlike any of
    `taken` (-2, -3... after it); "item" for a name of no letter or digit."""
    base = key(text).replace("_", "-")[:ID_MAX].strip("-") or "item"
    used = set(taken)
    candidate, n = base, 1
    while candidate in used:
        n += 1
        suffix = f"-{n}"
        candidate = base[: ID_MAX - len(suffix)].rstrip("-") + suffix
    return candidate


class Names:
    """The ids a project declares, by each of their names."""

    __slots__ = ("_actors", "_channels", "_owners", "_personas", "_phases", "_project")

    def __init__(self, project: Project) -> None:
        self._project = project
        config = project.config
        catalogs = [i18n.catalog(lang) for lang in {*i18n.available(), config.site.language}]
        self._phases = _by_name(
            (p.id, [p.name, *(c.text(PHASE_NAMES[p.id]) for c in catalogs if p.id in PHASE_NAMES)])
            for p in project.phases
        )
        self._channels = _by_name(
            (
                cid,
                [
                    c.name,
                    *(cat.text(CHANNEL_NAMES[cid]) for cat in catalogs if cid in CHANNEL_NAMES),
                ],
            )
            for cid, c in project.channels.items()
        )
        self._owners = _by_name((oid, [o.name]) for oid, o in config.owners.items())
        self._personas = _by_name((pid, [p.name]) for pid, p in config.personas.items())
        self._actors = self._personas | self._owners

    def phase(self, text: str) -> str:
        return self.find_phase(text) or text

    def find_phase(self, text: str) -> str | None:
        return self._phases.get(key(text))

    def channel(self, text: str) -> str:
        return self._channels.get(key(text), text)

    def owner(self, text: str) -> str:
        return self._owners.get(key(text), text)

    def persona(self, text: str) -> str:
        return self.find_persona(text) or text

    def find_persona(self, text: str) -> str | None:
        return self._personas.get(key(text))

    def managed_by(self, channel: str | None) -> str:
        """Who runs a touchpoint on this channel when the touchpoint does not say."""
        found = self._project.channels.get(channel or "")
        return found.managed_by if found is not None else "owned"

    def actor(self, text: str) -> str | None:
        """The persona or team with this id or name; None when there is none."""
        return self._actors.get(key(text))


def _by_name(entries: Iterable[tuple[str, list[str]]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for ident, names in entries:
        for name in (ident, *names):
            found.setdefault(key(name), ident)
    return found
