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
# The site's language: a code as mkdocs-material names its translations (`it`, `pl`, `pt-BR`,
# `zh-Hant`). Which codes Material has is checked when the site is built (site/build.py), against
# the Material that is installed; the pattern only keeps out what cannot be a language code.
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,4})?$"
# The languages `jcode init` writes a project in (templates/words/).
LANGUAGES: tuple[str, ...] = ("en", "it")
