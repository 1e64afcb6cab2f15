"""jcode.yaml: the project settings model (pydantic; the source of config.schema.json and of
jcode.spec.runtime.Config). The resolved settings the rules read are jcode.spec.project."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from jcode.schema_messages import RULE_SETTING
from jcode.spec.builtins import DEFAULT_PHASE_MODEL
from jcode.spec.types import Id, Name, Text, whole_float
from jcode.spec.values import LANGUAGE_PATTERN, Moment

_MODEL_CONFIG = ConfigDict(extra="forbid", strict=True, frozen=True)


class Site(BaseModel):
    model_config = _MODEL_CONFIG

    title: Name = "Customer journeys"
    language: Annotated[
        str,
        StringConstraints(pattern=LANGUAGE_PATTERN),
        Field(
            description=(
                "The site's language, as mkdocs-material names it (en, it, pl, pt-BR...): "
                "Material's interface, and jcode's own words where jcode's catalog has them."
            ),
            examples=["it"],
        ),
    ] = "en"
    repo_url: Annotated[
        str | None,
        Field(
            pattern=r"^https?://",
            max_length=500,
            description="Web address of the repository; journey pages link to their source.",
            examples=["https://github.com/acme/journeys"],
        ),
    ] = None


class Phase(BaseModel):
    """A phase of a custom phase model."""

    model_config = _MODEL_CONFIG

    id: Id
    name: Name
    moment: Annotated[Moment, Field(description="Before, during or after the purchase.")]
    optional: Annotated[
        bool, Field(description="A journey may leave it out without a missing-phase finding.")
    ] = False


class ChannelSpec(BaseModel):
    """A channel added to the catalog, or changes to a built-in one."""

    model_config = _MODEL_CONFIG

    name: Name | None = None
    mode: Annotated[
        Literal["online", "offline"] | None,
        Field(description="Online or offline: required for a channel the catalog does not have."),
    ] = None
    assisted: Annotated[
        bool | None, Field(description="A person helps the customer (chat, phone, store).")
    ] = None
    managed_by: Annotated[
        Literal["owned", "third-party"] | None,
        Field(
            description=(
                "Who runs its touchpoints unless they say: the company (owned) or others "
                "(third-party)."
            )
        ),
    ] = None


class Owner(BaseModel):
    model_config = _MODEL_CONFIG

    name: Name
    contact: Text | None = None


class Persona(BaseModel):
    model_config = _MODEL_CONFIG

    name: Name
    description: Text | None = None


NUMBER_AS_RULE_SETTING = "rule_setting"  # the error's type, by which jcode.explain_config words it


def _not_a_number(value: object) -> object:
    """pydantic's Literal[False] takes 0 and 0.0, which equal False; JSON Schema's `const: false`
    and the generated fast path do not, and neither should we."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise PydanticCustomError(NUMBER_AS_RULE_SETTING, RULE_SETTING.text)
    return value


# YAML 1.1 reads a bare `off` as the boolean false: accept it as "off".
RuleSetting = Annotated[
    Literal["off", "info", "warning", "error"] | Literal[False], BeforeValidator(_not_a_number)
]


class Config(BaseModel):
    """jcode.yaml, found by searching upward from the current directory."""

    model_config = ConfigDict(
        **_MODEL_CONFIG,
        title="jcode project configuration",
        json_schema_extra={"$id": "https://jcode.dev/schema/config.schema.json"},
    )

    site: Site = Site()
    phases: Annotated[
        str | list[Phase],
        Field(
            description=(
                "A built-in phase model (seven-stage, four-stage, five-stage) or a list of phases."
            ),
            examples=["seven-stage"],
        ),
    ] = DEFAULT_PHASE_MODEL
    moments: Annotated[
        dict[Moment, Name],
        Field(
            description=(
                "The project's names for the three moments (default, in the site's language: "
                '"Before the purchase", "Purchase", "After the purchase"). A journey may '
                "name them its own way."
            ),
            examples=[{"pre-purchase": "Before enrolling", "purchase": "Enrolling"}],
        ),
    ] = {}
    channels: dict[Id, ChannelSpec] = {}
    owners: dict[Id, Owner] = {}
    personas: dict[Id, Persona] = {}
    review_every_days: Annotated[
        Annotated[int, Field(ge=1, le=36500)],
        BeforeValidator(whole_float),
        Field(description="A journey is stale this many days after review."),
    ] = 365
    rules: Annotated[
        dict[str, RuleSetting],
        Field(
            description="Rule id -> off, info, warning or error.",
            examples=[{"kpi-without-baseline": "warning"}],
        ),
    ] = {}
