"""Check a loaded document against the journey format.

Valid documents are checked and built by the generated code in jcode.spec.runtime, without
pydantic. Only a document that fails is handed to pydantic (jcode.explain), which says exactly
what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from jcode.loader import Document, LoadProblem, escape_token
from jcode.spec.runtime import Journey, parse_journey
from jcode.spec.values import UNSAFE_CHAR_RE


def show(value: object, limit: int = 60) -> str:
    """A user value as it may appear in a message: clipped, and with control and bidi characters
    escaped so that a message can never rewrite the terminal or the page it is shown in."""
    if isinstance(value, int) and value.bit_length() > 200:
        return f"a number of about {int(value.bit_length() * 0.30103)} digits"
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return UNSAFE_CHAR_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text.replace("\n", "\\n"))


def pointer_of(loc: Sequence[int | str]) -> str:
    return "".join("/" + escape_token(str(part)) for part in loc)


def validate(doc: Document) -> tuple[Journey | None, list[LoadProblem]]:
    """The journey, or the schema problems that keep the file from being one."""
    data = doc.data
    if doc.empty or data is None:
        return None, [
            LoadProblem(
                "schema",
                *doc.position(""),
                "",
                "the file holds no journey: it needs at least 'id', 'title' and 'stages'",
            )
        ]
    journey = parse_journey(data)
    if journey is not None:
        return journey, []
    from jcode.explain import journey_problems  # pydantic: for bad files only

    return journey_problems(doc)
