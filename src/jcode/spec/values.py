"""Patterns, limits and literal types of the format, shared by the pydantic models and the code
that runs without them. Nothing here imports pydantic."""

from __future__ import annotations

from typing import Literal

from jcode.text import UNSAFE_CHARS

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ID_MAX = 64
NAME_MAX = 200
TEXT_MAX = 5000

# Text may hold none of the characters that could make it read differently from what it is.
SAFE_TEXT_PATTERN = f"^[^{UNSAFE_CHARS}]*$"

Moment = Literal["pre-purchase", "purchase", "post-purchase"]
Mode = Literal["online", "offline"]
ManagedBy = Literal["owned", "third-party"]
MOMENTS: tuple[Moment, ...] = ("pre-purchase", "purchase", "post-purchase")
Language = Literal["en", "it"]  # of the site's own labels
LANGUAGES: tuple[Language, ...] = ("en", "it")
