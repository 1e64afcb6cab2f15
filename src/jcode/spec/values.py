"""Patterns, limits and literal types of the format, shared by the pydantic models and the code
that runs without them. Nothing here imports pydantic."""

from __future__ import annotations

import re
from typing import Literal

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ID_MAX = 64
NAME_MAX = 200
TEXT_MAX = 5000

# C0/C1 control characters (tab, LF and CR allowed) and the Unicode bidirectional overrides and
# isolates that can make text read differently from what it is ("Trojan Source").
UNSAFE_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
SAFE_TEXT_PATTERN = f"^[^{UNSAFE_CHARS}]*$"
UNSAFE_CHAR_RE = re.compile(f"[{UNSAFE_CHARS}]")

Moment = Literal["pre-purchase", "purchase", "post-purchase"]
Mode = Literal["online", "offline"]
Language = Literal["en", "it"]  # of the site's own labels
LANGUAGES: tuple[Language, ...] = ("en", "it")
