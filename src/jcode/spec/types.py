"""Constrained scalar types shared by the journey and config models.

Each carries its JSON Schema description, so the published schema explains itself in an editor.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import BeforeValidator, Field, StringConstraints, WithJsonSchema

from jcode.spec.values import ID_MAX, ID_PATTERN, NAME_MAX, SAFE_TEXT_PATTERN, TEXT_MAX

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


_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2026-10-01"]}),
]


def whole_float(value: object) -> object:
    """JSON Schema's "integer" accepts 1.0; so do we, as 1, so the schema and the model agree."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
