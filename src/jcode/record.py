"""The base of jcode's small value classes."""

from __future__ import annotations

from typing import Any


class Record:
    """Fields listed in __slots__ and set in __init__ (as Final where they never change, so the
    type checker guards them); compared, hashed and shown by value.

    Plain classes rather than dataclasses: each @dataclass compiles its methods when it is
    created, about a millisecond apiece, and every jcode run pays for it before doing anything.
    """

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record) or type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"
