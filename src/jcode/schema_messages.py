"""What the schema rule says about a document that is not a journey, and what jcode.yaml's
model says about settings it refuses (jcode.explain builds both from pydantic's errors).

A message names its place with phrases passed as arguments: the element ("stage 'delivery'",
"in stage 'delivery'": a language may need other words for each use), the field ("item 3 of
'tags'") and the value ("the number 5"), so that each language words them its own way. No
pydantic here: the schema rule's message for an empty file needs none.
"""

from __future__ import annotations

from typing import Final

from jcode.i18n import Plural, Template

NO_JOURNEY: Final = Template(
    "schema.no-journey",
    "the file holds no journey: it needs at least 'id', 'title' and 'stages'",
)
MORE: Final = Plural(  # English says "violations" even for one
    "schema.more",
    "{count} more schema violations not listed; fix these first",
    "{count} more schema violations not listed; fix these first",
)
MISSING: Final = Template("schema.missing", "{element} is missing the required field '{name}'")
UNKNOWN_FIELD: Final = Template(
    "schema.unknown-field", "unknown field {field} (known fields: {known})"
)
UNKNOWN_FIELD_HINT: Final = Template(
    "schema.unknown-field.hint", "unknown field {field}; did you mean '{hint}'?"
)
NOT_MAPPING: Final = Template(
    "schema.not-mapping", "{element} should be a mapping with {required}, not {value}"
)
CONTROL_CHARACTER: Final = Template(
    "schema.control-character",
    "{field} contains the control or bidirectional-override character U+{code} at character "
    "{position}; remove it",
)
INVALID_ID: Final = Template(
    "schema.invalid-id",
    "{field}: '{value}' is not a valid id: use lowercase letters a-z, digits and hyphens, "
    "starting with a letter or digit",
)
TOO_LONG: Final = Template(
    "schema.too-long", "{field} is {length} characters long; at most {limit} are allowed"
)
EMPTY_TEXT: Final = Template("schema.empty-text", "{field} is empty")
KEY_MOMENT: Final = Template(
    "schema.key-moment",
    "{field} should be text saying why this is a moment that matters, not {value}",
)
NOT_TEXT: Final = Template("schema.not-text", "{field} should be text, not {value}")
NOT_TEXT_QUOTE: Final = Template(
    "schema.not-text.quote", "{field} should be text, not {value}; put it in quotes"
)
NOT_WHOLE_NUMBER: Final = Template(
    "schema.not-whole-number", "{field} should be a whole number, not {value}"
)
BELOW_MINIMUM: Final = Template(
    "schema.below-minimum", "{field} is {value}, below the least allowed, {minimum}"
)
ABOVE_MAXIMUM: Final = Template(
    "schema.above-maximum", "{field} is {value}, above the most allowed, {maximum}"
)
NOT_NUMBER: Final = Template("schema.not-number", "{field} should be a number, not {value}")
NOT_FINITE: Final = Template("schema.not-finite", "{field} should be a finite number, not {value}")
NOT_BOOLEAN: Final = Template("schema.not-boolean", "{field} should be true or false, not {value}")
NOT_A_CHOICE: Final = Template(
    "schema.not-a-choice", "{field} is {value}; expected one of: {choices}"
)
NOT_A_CHOICE_HINT: Final = Template(
    "schema.not-a-choice.hint",
    "{field} is {value}; expected one of: {choices} (did you mean '{hint}'?)",
)
NOT_A_KEY: Final = Template(
    "schema.not-a-key", "'{key}' is not a key of {field}; expected one of: {choices}"
)
NOT_A_KEY_HINT: Final = Template(
    "schema.not-a-key.hint",
    "'{key}' is not a key of {field}; expected one of: {choices} (did you mean '{hint}'?)",
)
NOT_TEXT_OR_MAPPING: Final = Template(
    "schema.not-text-or-mapping",
    "{field} should be text or a mapping with {required}, not {value}",
)
NOT_LIST: Final = Template("schema.not-list", "{field} should be a list, not {value}")
TOO_FEW: Final = Plural(
    "schema.too-few",
    "{field} should list at least {count} item",
    "{field} should list at least {count} items",
)
NOT_DATE: Final = Template(
    "schema.not-date", "{field} should be a date written YYYY-MM-DD, not {value}"
)
OTHER: Final = Template("schema.other", "{field}: {detail}")  # pydantic's words, passed on

# The element that holds a field, by the list it is in: (named by its id, by its position,
# and the same after "in").
ELEMENTS: Final[dict[str, tuple[Template, Template, Template, Template]]] = {
    "stages": (
        Template("phrase.element.stage", "stage '{id}'"),
        Template("phrase.element.stage.number", "stage {number}"),
        Template("phrase.element.in-stage", "in stage '{id}'"),
        Template("phrase.element.in-stage.number", "in stage {number}"),
    ),
    "touchpoints": (
        Template("phrase.element.touchpoint", "touchpoint '{id}'"),
        Template("phrase.element.touchpoint.number", "touchpoint {number}"),
        Template("phrase.element.in-touchpoint", "in touchpoint '{id}'"),
        Template("phrase.element.in-touchpoint.number", "in touchpoint {number}"),
    ),
    "kpis": (
        Template("phrase.element.kpi", "KPI '{id}'"),
        Template("phrase.element.kpi.number", "KPI {number}"),
        Template("phrase.element.in-kpi", "in KPI '{id}'"),
        Template("phrase.element.in-kpi.number", "in KPI {number}"),
    ),
    "suppress": (
        Template("phrase.element.suppression", "suppression '{id}'"),
        Template("phrase.element.suppression.number", "suppression {number}"),
        Template("phrase.element.in-suppression", "in suppression '{id}'"),
        Template("phrase.element.in-suppression.number", "in suppression {number}"),
    ),
    "steps": (
        Template("phrase.element.step", "step '{id}'"),
        Template("phrase.element.step.number", "step {number}"),
        Template("phrase.element.in-step", "in step '{id}'"),
        Template("phrase.element.in-step.number", "in step {number}"),
    ),
    "backstage": (
        Template("phrase.element.backstage", "backstage item '{id}'"),
        Template("phrase.element.backstage.number", "backstage item {number}"),
        Template("phrase.element.in-backstage", "in backstage item '{id}'"),
        Template("phrase.element.in-backstage.number", "in backstage item {number}"),
    ),
    "exits": (
        Template("phrase.element.exit", "exit '{id}'"),
        Template("phrase.element.exit.number", "exit {number}"),
        Template("phrase.element.in-exit", "in exit '{id}'"),
        Template("phrase.element.in-exit.number", "in exit {number}"),
    ),
    "pain_points": (
        Template("phrase.element.pain-point", "pain point '{id}'"),
        Template("phrase.element.pain-point.number", "pain point {number}"),
        Template("phrase.element.in-pain-point", "in pain point '{id}'"),
        Template("phrase.element.in-pain-point.number", "in pain point {number}"),
    ),
    "opportunities": (
        Template("phrase.element.opportunity", "opportunity '{id}'"),
        Template("phrase.element.opportunity.number", "opportunity {number}"),
        Template("phrase.element.in-opportunity", "in opportunity '{id}'"),
        Template("phrase.element.in-opportunity.number", "in opportunity {number}"),
    ),
}
JOURNEY: Final = Template("phrase.element.journey", "the journey")
IN_JOURNEY: Final = Template("phrase.element.in-journey", "in the journey")
JOURNEY_FILE: Final = Template("phrase.element.journey-file", "a journey file")

# The field a message is about, and where it is.
FIELD: Final = Template("phrase.field.name", "'{name}'")
ITEM: Final = Template("phrase.field.item", "item {number} of '{list}'")
ITEM_ALONE: Final = Template("phrase.field.item-alone", "item {number}")
FIELD_IN: Final = Template("phrase.field.in", "{field} {where}")  # where: a phrase.element.in-*

# A value that is not what the field wants.
EMPTY: Final = Template("phrase.value.empty", "empty")
BOOLEAN: Final = Template("phrase.value.boolean", "the boolean {value}")
NUMBER: Final = Template("phrase.value.number", "the number {value}")
HUGE_NUMBER: Final = Template("phrase.value.huge-number", "a number of about {digits} digits")
DATE: Final = Template("phrase.value.date", "the date {value}")
TEXT: Final = Template("phrase.value.text", "the text '{value}'")
LIST: Final = Template("phrase.value.list", "a list")
MAPPING: Final = Template("phrase.value.mapping", "a mapping")

# jcode.yaml: one line per setting the model refuses. Where the model's words are pydantic's,
# they are mirrored here so that they read in the team's language (jcode.explain checks that
# the English is still pydantic's, else passes pydantic's words on).
SETTING: Final = Template("config.setting", "{file}:{line}:{column}: {field}: {problem}")
UNKNOWN_SETTING: Final = Template("config.unknown-setting", "unknown setting")
UNKNOWN_SETTING_HINT: Final = Template(
    "config.unknown-setting.hint", "unknown setting; did you mean '{hint}'?"
)
UNKNOWN_KEY: Final = Template("config.unknown-key", "unknown key; input should be {expected}")
PASSED_ON: Final = Template("config.pydantic", "{detail}")
SHOULD_BE: Final = Template("config.should-be", "Input should be {expected}")
REQUIRED: Final = Template("config.required", "Field required")
AT_LEAST: Final = Template("config.at-least", "Input should be greater than or equal to {ge}")
AT_MOST: Final = Template("config.at-most", "Input should be less than or equal to {le}")
PATTERN: Final = Template("config.pattern", "String should match pattern '{pattern}'")
SHORTER: Final = Plural(
    "config.too-short",
    "String should have at least {min_length} character",
    "String should have at least {min_length} characters",
    count="min_length",
)
LONGER: Final = Plural(
    "config.too-long",
    "String should have at most {max_length} character",
    "String should have at most {max_length} characters",
    count="max_length",
)
RULE_SETTING: Final = Template(  # raised by jcode.spec.config for `missing-owner: 0`
    "config.rule-setting", "a number is not a rule setting: use off, info, warning or error"
)
# What a setting should be, as pydantic says it after "Input should be".
EXPECTED: Final = {
    "string_type": Template("phrase.expected.string", "a valid string"),
    "int_type": Template("phrase.expected.integer", "a valid integer"),
    "bool_type": Template("phrase.expected.boolean", "a valid boolean"),
    "list_type": Template("phrase.expected.list", "a valid list"),
    "dict_type": Template("phrase.expected.dictionary", "a valid dictionary"),
}
EXPECTED_MODEL: Final = Template(
    "phrase.expected.model", "a valid dictionary or instance of {model}"
)
OR: Final = Template("phrase.expected.or", "{earlier} or {last}")
