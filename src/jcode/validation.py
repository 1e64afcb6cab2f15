"""Check a loaded document against the journey format.

Valid documents are checked and built by the generated code in jcode.spec.runtime, without
pydantic. Only a document that fails is handed to pydantic (jcode.explain), which says exactly
what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from jcode.loader import Document, LoadProblem, escape_token
from jcode.spec.runtime import Journey, parse_journey


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
