"""The generated fast path (jcode.spec.runtime) and the pydantic models must agree.

Only the direction that shows can be caught at run time: the fast path refusing what a model
accepts, seen when the model is asked why. Then the model's verdict stands, and since the objects
jcode works with can only be built by the fast path, the run stops with an internal error that
says so, never carrying on with a journey or settings it could not build. The other direction
(the fast path accepting what a model refuses) is kept out by construction: runtime.py records
the hash of the models it came from, and the tests fail when it is stale or disagrees with them
on any fixture."""

from __future__ import annotations


class FastPathError(RuntimeError):
    """jcode.spec.runtime refuses data that its pydantic model accepts: a bug in jcode."""


def disagreement(what: str, model: str, name: str | None = None) -> FastPathError:
    """The error for `what` (a journey, the settings) of the file `name`, refused by the fast
    path though `model` accepts it, with the likely cause. Called only where pydantic is
    imported already."""
    from jcode.spec import codegen, runtime

    cause = (
        "it was generated from other models: run `make schema`"
        if codegen.schema_hash() != runtime.SCHEMA_HASH
        else "a bug in jcode.spec.codegen"
    )
    message = f"jcode.spec.runtime refuses {what}, which {model} accepts ({cause})"
    return FastPathError(message if name is None else f"{name}: {message}")
