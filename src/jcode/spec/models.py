"""The journey file format. These pydantic models are the one source of truth: the JSON Schema
in schema/journey.schema.json is generated from them, and so are the plain objects the rest of
jcode works with (jcode.spec.runtime): `make schema` writes both. At run time
they explain why a file is invalid; valid files never need them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from jcode.spec.types import Id, IsoDate, Name, Text, whole_float

_MODEL_CONFIG = ConfigDict(
    extra="forbid", strict=True, frozen=True, allow_inf_nan=False, validate_default=False
)
Number = Annotated[float, Field(allow_inf_nan=False)]


class Suppression(BaseModel):
    """Silences one rule for the element that carries it and everything inside it."""

    model_config = _MODEL_CONFIG

    rule: Annotated[
        str,
        Field(min_length=1, max_length=100, description="The id of the rule to silence."),
    ]
    reason: Annotated[
        Text | None,
        Field(description="Why the finding is accepted. Without a reason it does not apply."),
    ] = None


Suppressions = Annotated[
    list[Suppression],
    Field(
        description="Rules silenced for this element and everything inside it, each with a reason.",
        examples=[[{"rule": "stage-without-kpi", "reason": "Measured by the partner, not us"}]],
    ),
]
# Examples of their own: the slug's ("post-purchase") would be offered as an owner.
OwnerRef = Annotated[
    Id | None,
    Field(
        description="A team declared under `owners` in jcode.yaml. Inherited when absent.",
        examples=["customer-care"],
    ),
]


class Kpi(BaseModel):
    """A measure of how well a stage works for the customer."""

    model_config = _MODEL_CONFIG

    id: Annotated[Id, Field(description="Unique among the journey's KPIs.")]
    name: Annotated[Name, Field(examples=["Checkout conversion"])]
    unit: Annotated[
        Name | None, Field(description='Free text: "%", "score", "EUR", "days".', examples=["%"])
    ] = None
    direction: Annotated[
        Literal["increase", "decrease"] | None,
        Field(description="Whether a higher or a lower figure is better."),
    ] = None
    baseline: Annotated[Number | None, Field(description="The figure today.")] = None
    target: Annotated[Number | None, Field(description="The figure the team aims for.")] = None
    source: Annotated[
        Text | None, Field(description="Where the figure comes from.", examples=["Ads dashboard"])
    ] = None
    owner: OwnerRef = None


class Touchpoint(BaseModel):
    """A point of contact between the customer and the brand, online or offline."""

    model_config = _MODEL_CONFIG

    id: Annotated[Id, Field(description="Unique among the journey's touchpoints.")]
    name: Annotated[Name, Field(examples=["Live chat with sales advisors"])]
    channel: Annotated[
        Id,
        Field(
            description="A channel of the catalog (web, email, store, phone...) or of jcode.yaml.",
            examples=["web"],
        ),
    ]
    owner: OwnerRef = None
    managed_by: Annotated[
        Literal["owned", "third-party"],
        Field(
            description="Run by the company (owned) or by others: review sites, retailers, social."
        ),
    ] = "owned"
    feedback: Annotated[
        bool, Field(description="It collects customer feedback: a survey, a review request.")
    ] = False
    description: Text | None = None
    suppress: Suppressions = []


class Stage(BaseModel):
    """One step of the journey, placed in a phase of the project's phase model."""

    model_config = _MODEL_CONFIG

    id: Annotated[Id, Field(description="Unique among the journey's stages.")]
    name: Annotated[Name, Field(examples=["Comparing options"])]
    phase: Annotated[
        Id,
        Field(description="A phase of the project's phase model.", examples=["evaluation"]),
    ]
    goal: Annotated[Text | None, Field(description="What the customer wants to achieve.")] = None
    emotion: Annotated[
        Annotated[int, Field(ge=-2, le=2)] | None,
        BeforeValidator(whole_float),
        Field(description="How the customer feels, from -2 (awful) to 2 (delighted)."),
    ] = None
    owner: OwnerRef = None
    touchpoints: list[Touchpoint] = []
    pain_points: Annotated[list[Text], Field(description="What frustrates the customer.")] = []
    opportunities: Annotated[list[Text], Field(description="Ideas to improve the stage.")] = []
    kpis: list[Kpi] = []
    suppress: Suppressions = []


class Journey(BaseModel):
    """A customer journey: one per YAML file."""

    model_config = ConfigDict(
        **_MODEL_CONFIG,
        title="jcode journey",
        json_schema_extra={"$id": "https://jcode.dev/schema/journey.schema.json"},
    )

    id: Annotated[Id, Field(description="Unique across all journey files.")]
    title: Annotated[Name, Field(examples=["Replacing a broken work laptop"])]
    summary: Text | None = None
    persona: Annotated[
        Id | None,
        Field(
            description="A persona declared under `personas` in jcode.yaml.",
            examples=["remote-professional"],
        ),
    ] = None
    owner: OwnerRef = None
    status: Literal["draft", "live", "retired"] = "draft"
    reviewed: Annotated[
        IsoDate | None, Field(description="The date of the last review (YYYY-MM-DD).")
    ] = None
    tags: Annotated[list[Name], Field(examples=[["b2c", "electronics"]])] = []
    related: Annotated[list[Id], Field(description="Ids of related journeys.")] = []
    suppress: Suppressions = []
    stages: Annotated[list[Stage], Field(min_length=1)]
