"""Constrained scalar types shared by the journey and config models.

Each carries its JSON Schema description, so the published schema explains itself in an editor.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StringConstraints, WithJsonSchema

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ID_MAX = 64
NAME_MAX = 200
TEXT_MAX = 5000

# C0/C1 control characters (tab, LF and CR allowed) and the Unicode bidirectional overrides and
# isolates that can make text read differently from what it is ("Trojan Source").
UNSAFE_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
SAFE_TEXT_PATTERN = f"^[^{UNSAFE_CHARS}]*$"
UNSAFE_CHAR_RE = re.compile(f"[{UNSAFE_CHARS}]")

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX),
    Field(
        description="A lowercase slug: letters a-z, digits and hyphens, at most 64 characters.",
        examples=["post-purchase"],
    ),
]
Name = Annotated[
    str,
    StringConstraints(min_length=1, max_length=NAME_MAX, pattern=SAFE_TEXT_PATTERN),
]
Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=TEXT_MAX, pattern=SAFE_TEXT_PATTERN),
]
Moment = Literal["pre-purchase", "purchase", "post-purchase"]
Severity = Literal["error", "warning", "info"]


def _iso_date(value: object) -> object:
    """Accept a YAML date or an ISO 8601 'YYYY-MM-DD' string, and nothing else.

    pydantic's lax date parsing would read a bare number as a Unix timestamp; an ISO string is
    what the JSON Schema promises (format: date), so that is what we take.
    """
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2026-10-01"]}),
]
