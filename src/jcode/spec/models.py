"""The journey file format. These pydantic models are the one source of truth: the JSON Schema
in schema/journey.schema.json is generated from them, and so are the plain objects the rest of
jcode works with (jcode.spec.runtime): `make schema` writes both. At run time
they explain why a file is invalid; valid files never need them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from jcode.spec.types import Id, IsoDate, Name, Text, whole_float
from jcode.spec.values import Moment

_MODEL_CONFIG = ConfigDict(
    extra="forbid", strict=True, frozen=True, allow_inf_nan=False, validate_default=False
)
Number = Annotated[float, Field(allow_inf_nan=False)]
Emotion = Annotated[
    Annotated[int, Field(ge=-2, le=2)] | None,
    BeforeValidator(whole_float),
    Field(description="How the customer feels, from -2 (awful) to 2 (delighted)."),
]
TouchpointRef = Annotated[
    Id | None,
    Field(description="The id of a touchpoint of this journey.", examples=["live-chat"]),
]
KeyMoment = Annotated[
    Text | None,
    Field(
        description="This is a moment that matters to the customer, and why.",
        examples=["The first bill: customers decide here whether they were told the truth"],
    ),
]


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
    definition: Annotated[
        Text | None,
        Field(
            description="How the figure is computed.",
            examples=["marketing spend / new customers"],
        ),
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
        Literal["owned", "third-party"] | None,
        Field(
            description=(
                "Run by the company (owned) or by others: review sites, retailers, social. "
                "When absent, the channel's (third-party for word-of-mouth, reviews and "
                "partner), else owned."
            )
        ),
    ] = None
    feedback: Annotated[
        bool, Field(description="It collects customer feedback: a survey, a review request.")
    ] = False
    description: Text | None = None
    suppress: Suppressions = []


class Step(BaseModel):
    """Something the customer (or someone else) does in the stage, in the order written."""

    model_config = _MODEL_CONFIG

    text: Annotated[
        Text,
        Field(description="What is done, in a sentence.", examples=["Compares two plans"]),
    ]
    touchpoint: Annotated[
        TouchpointRef, Field(description="The touchpoint of this journey where it happens.")
    ] = None
    actor: Annotated[
        Id | None,
        Field(
            description=(
                "A persona or a team declared in jcode.yaml, for a step someone else takes. "
                "When absent, the journey's persona."
            ),
            examples=["customer-care"],
        ),
    ] = None
    emotion: Emotion = None
    key_moment: KeyMoment = None


class Backstage(BaseModel):
    """What the company does out of the customer's sight: a process, an automation, staff work."""

    model_config = _MODEL_CONFIG

    text: Annotated[
        Text,
        Field(
            description="What the company does, in a sentence.",
            examples=["A welcome e-mail sequence starts"],
        ),
    ]
    owner: OwnerRef = None
    touchpoint: Annotated[TouchpointRef, Field(description="The touchpoint it supports.")] = None


class Exit(BaseModel):
    """Where customers leave the journey."""

    model_config = _MODEL_CONFIG

    text: Annotated[
        Text,
        Field(
            description="How customers leave, in a sentence.",
            examples=["Leaves the store without buying"],
        ),
    ]
    touchpoint: Annotated[TouchpointRef, Field(description="The touchpoint where they leave.")] = (
        None
    )
    share: Annotated[
        Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] | None,
        Field(description="The percentage of customers who leave here (0-100), when known."),
    ] = None


class Opportunity(BaseModel):
    """An idea to improve the stage, with an id that pain points can name."""

    model_config = _MODEL_CONFIG

    id: Annotated[Id, Field(description="Unique among the stage's opportunities.")]
    text: Annotated[Text, Field(description="The idea, in a sentence.")]
    owner: OwnerRef = None


class PainPoint(BaseModel):
    """What frustrates the customer, and the opportunities that address it."""

    model_config = _MODEL_CONFIG

    text: Annotated[Text, Field(description="What frustrates the customer, in a sentence.")]
    addressed_by: Annotated[
        list[Id], Field(description="Ids of the stage's opportunities that address it.")
    ] = []


class Stage(BaseModel):
    """One step of the journey, placed in a phase of the project's phase model."""

    model_config = _MODEL_CONFIG

    id: Annotated[Id, Field(description="Unique among the journey's stages.")]
    name: Annotated[Name, Field(examples=["Comparing options"])]
    phase: Annotated[
        Id,
        Field(description="A phase of the project's phase model.", examples=["evaluation"]),
    ]
    timing: Annotated[
        Text | None,
        Field(
            description="When, or how long: free text.",
            examples=["6-12 months before separation"],
        ),
    ] = None
    goal: Annotated[Text | None, Field(description="What the customer wants to achieve.")] = None
    emotion: Emotion = None
    key_moment: KeyMoment = None
    owner: OwnerRef = None
    steps: Annotated[list[Step], Field(description="What the customer does, in order.")] = []
    thoughts: Annotated[
        list[Text],
        Field(
            description="What the customer thinks, in their words.",
            examples=[["Will this still work with my old account?"]],
        ),
    ] = []
    feelings: Annotated[
        list[Text],
        Field(description="The customer's emotions, in words.", examples=[["frustrated"]]),
    ] = []
    touchpoints: list[Touchpoint] = []
    backstage: Annotated[
        list[Backstage], Field(description="What the company does out of the customer's sight.")
    ] = []
    exits: Annotated[list[Exit], Field(description="Where customers leave the journey.")] = []
    pain_points: Annotated[
        list[Text | PainPoint],
        Field(description="What frustrates the customer: text, or {text, addressed_by}."),
    ] = []
    opportunities: Annotated[
        list[Text | Opportunity],
        Field(description="Ideas to improve the stage: text, or {id, text, owner}."),
    ] = []
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
    scope: Annotated[
        Annotated[list[Moment], Field(min_length=1)] | None,
        Field(
            description=(
                "The moments the map covers (default: all three). Rules about a moment it "
                "leaves out do not apply."
            ),
            examples=[["pre-purchase", "purchase"]],
        ),
    ] = None
    moments: Annotated[
        dict[Moment, Name] | None,
        Field(
            description="This journey's names for the three moments, instead of the project's.",
            examples=[{"pre-purchase": "Before enrolling", "purchase": "Enrolling"}],
        ),
    ] = None
    status: Literal["draft", "live", "retired"] = "draft"
    reviewed: Annotated[
        IsoDate | None, Field(description="The date of the last review (YYYY-MM-DD).")
    ] = None
    tags: Annotated[list[Name], Field(examples=[["b2c", "electronics"]])] = []
    related: Annotated[list[Id], Field(description="Ids of related journeys.")] = []
    suppress: Suppressions = []
    stages: Annotated[list[Stage], Field(min_length=1)]
