"""Rules about reading the file and its structure: syntax, keys, schema, ids, suppressions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from jcode.findings import Problem, RuleId, rule_id
from jcode.i18n import Template
from jcode.rules.base import Rule
from jcode.schema_messages import NO_JOURNEY
from jcode.spec import parse_journey
from jcode.spec.stages import ideas
from jcode.spec.walk import stage_pointer, touchpoint_pointer
from jcode.text import closest

if TYPE_CHECKING:
    from jcode.loader import Document
    from jcode.rules.base import Context, Portfolio
    from jcode.spec import Journey, Suppression


# One template per kind of element, so that a translation can say each in its own words.
DUPLICATE_IDS = {
    "stage": Template(
        "duplicate-id.stage", "stage id '{id}' is already used by stage '{first}' in this journey"
    ),
    "touchpoint": Template(
        "duplicate-id.touchpoint",
        "touchpoint id '{id}' is already used by touchpoint '{first}' in this journey",
    ),
    "KPI": Template(
        "duplicate-id.kpi", "KPI id '{id}' is already used by KPI '{first}' in this journey"
    ),
}
DUPLICATE_OPPORTUNITY = Template(
    "duplicate-id.opportunity",
    "opportunity id '{id}' is already used by opportunity {number} of stage '{stage}'",
)
DUPLICATE_JOURNEY = Template(
    "duplicate-id.journey", "journey id '{journey}' is already used in {first}"
)
UNKNOWN_RULE = Template(
    "invalid-suppression.unknown-rule",
    "suppression names unknown rule '{rule}', so it does not apply",
)
UNKNOWN_RULE_HINT = Template(
    "invalid-suppression.unknown-rule.hint",
    "suppression names unknown rule '{rule}', so it does not apply; did you mean '{hint}'?",
)
NO_REASON = Template(
    "invalid-suppression.no-reason",
    "suppression of '{rule}' has no reason, so it does not apply; say why the finding is accepted",
)


def check_syntax(doc: Document, journey: Journey | None) -> Iterator[Problem]:
    if doc.error is not None:  # found by the loader, which stops there
        yield doc.error


def check_duplicate_keys(doc: Document, journey: Journey | None) -> Iterator[Problem]:
    yield from doc.duplicate_keys  # found by the loader, which keeps the last value


def journey_of(doc: Document) -> Journey | None:
    """The journey the fast path builds from a document, or None: then check_schema says why."""
    if not doc.readable or doc.empty or doc.data is None:
        return None
    return parse_journey(doc.data)


def check_schema(doc: Document, journey: Journey | None) -> Iterator[Problem]:
    if journey is None and doc.readable:
        yield from _schema_problems(doc)


def _schema_problems(doc: Document) -> list[Problem]:
    """Why a document is not a journey, once the fast path has built none from it."""
    if doc.empty or doc.data is None:
        return [Problem("", NO_JOURNEY(), doc.position(""))]
    from jcode.explain import journey_problems  # pydantic: for bad files only

    return journey_problems(doc)


def validate(doc: Document) -> tuple[Journey | None, list[Problem]]:
    """The journey a document holds, or the schema problems that keep it from being one."""
    journey = None if doc.empty or doc.data is None else parse_journey(doc.data)
    return journey, [] if journey is not None else _schema_problems(doc)


def check_duplicate_ids(journey: Journey, context: Context) -> Iterator[Problem]:
    first: dict[tuple[str, str], str] = {}  # (kind, id) -> the name of its first holder
    for si, stage in enumerate(journey.stages):
        items = [("stage", stage.id, stage.name, "", 0)]
        items += [
            ("touchpoint", t.id, t.name, "touchpoints", i) for i, t in enumerate(stage.touchpoints)
        ]
        items += [("KPI", k.id, k.name, "kpis", i) for i, k in enumerate(stage.kpis)]
        for kind, element_id, name, field, index in items:
            if (kind, element_id) in first:
                pointer = stage_pointer(si) + (f"/{field}/{index}" if field else "")
                message = DUPLICATE_IDS[kind](id=element_id, first=first[kind, element_id])
                yield Problem(f"{pointer}/id", message)
            else:
                first[kind, element_id] = name
        # Opportunities are named by the stage's pain points, so their ids are the stage's own.
        seen: dict[str, int] = {}
        for i, idea in enumerate(ideas(stage)):
            if idea.id is None:
                continue
            if idea.id in seen:
                yield Problem(
                    f"{stage_pointer(si)}/opportunities/{i}/id",
                    DUPLICATE_OPPORTUNITY(id=idea.id, number=seen[idea.id] + 1, stage=stage.id),
                )
            else:
                seen[idea.id] = i


def check_journey_ids(portfolio: Portfolio) -> Iterator[tuple[int, Problem]]:
    """A journey id declared by an earlier file. A file that does not match the schema still
    holds its id when the id is readable: it counts as its first holder, but gets no finding
    itself, since such a file is not checked further."""
    first: dict[str, str] = {}
    for index, member in enumerate(portfolio.members):
        journey_id = member.journey_id
        if journey_id is None:
            continue
        if journey_id in first and member.valid:
            message = DUPLICATE_JOURNEY(journey=journey_id, first=first[journey_id])
            yield index, Problem("/id", message, member.position)
        first.setdefault(journey_id, member.path)


def check_suppressions(journey: Journey, context: Context) -> Iterator[Problem]:
    for _, pointer, suppression in suppressions(journey):
        if rule_id(suppression.rule) is None:
            hint = closest(suppression.rule, RuleId)
            message = (
                UNKNOWN_RULE_HINT(rule=suppression.rule, hint=hint)
                if hint
                else UNKNOWN_RULE(rule=suppression.rule)
            )
            yield Problem(pointer, message)
        elif not suppression.reason:
            yield Problem(pointer, NO_REASON(rule=suppression.rule))


def suppressions(journey: Journey) -> Iterator[tuple[str, str, Suppression]]:
    """Every suppression as (pointer of the element it covers, pointer of the entry, entry):
    the journey's first, then each stage's and its touchpoints'."""
    carriers: list[tuple[str, tuple[Suppression, ...]]] = [("", journey.suppress)]
    for si, stage in enumerate(journey.stages):
        carriers.append((stage_pointer(si), stage.suppress))
        carriers += [
            (touchpoint_pointer(si, ti), t.suppress) for ti, t in enumerate(stage.touchpoints)
        ]
    for element, entries in carriers:
        for i, suppression in enumerate(entries):
            yield element, f"{element}/suppress/{i}", suppression


RULES = (
    Rule(
        id=RuleId.YAML_SYNTAX,
        severity="error",
        summary=Template(
            "doc.yaml-syntax.summary", "The file is not readable YAML (syntax, encoding, tabs)."
        ),
        what=Template(
            "doc.yaml-syntax.what",
            "A journey file that YAML cannot read: a syntax error, a tab used for indentation, "
            "text that is not UTF-8, more than one document, an unsupported tag such as "
            "`!!python/object`, or a structure jcode refuses to expand (an alias bomb, nesting "
            "deeper than 100 levels, more than 10,000 items in one list). The finding stands at "
            "the line and column where the parser stopped.",
        ),
        why=Template(
            "doc.yaml-syntax.why",
            "Nothing else can be checked in a file that cannot be read: the journey is missing "
            "from the site and from every other check until the file is fixed. The limits keep "
            "one malicious or broken file from stalling CI for everybody.",
        ),
        example=Template(
            "doc.yaml-syntax.example", "stages:\n\t- id: discovery   # a tab before the dash\n"
        ),
        fix=Template(
            "doc.yaml-syntax.fix",
            "Indent with spaces, quote text that contains `: ` or starts with a special "
            "character, and save the file as UTF-8.",
        ),
        parse=check_syntax,
        whole_file=True,
    ),
    Rule(
        id=RuleId.DUPLICATE_KEY,
        severity="error",
        summary=Template(
            "doc.duplicate-key.summary",
            "A mapping repeats a key; YAML would silently keep only the last value.",
        ),
        what=Template(
            "doc.duplicate-key.what",
            "A key that appears twice in the same mapping, such as two `touchpoints:` in a stage.",
        ),
        why=Template(
            "doc.duplicate-key.why",
            "YAML loaders keep the last value without a word, so the first list of touchpoints "
            "silently disappears from the map, the site and every report.",
        ),
        example=Template(
            "doc.duplicate-key.example",
            "- id: purchase\n  name: Checkout\n  phase: purchase\n  touchpoints: [...]\n"
            "  touchpoints: [...]   # replaces the first list\n",
        ),
        fix=Template(
            "doc.duplicate-key.fix",
            "Merge the two entries into one key, or rename the one that was meant differently.",
        ),
        parse=check_duplicate_keys,
    ),
    Rule(
        id=RuleId.SCHEMA,
        name="SchemaMismatch",  # "Schema" would be the id to SARIF, which ignores case
        severity="error",
        summary=Template("doc.schema.summary", "The document does not match the journey schema."),
        what=Template(
            "doc.schema.what",
            "A missing required field (`id`, `title`, `stages`; a stage's `id`, `name`, `phase`; "
            "a touchpoint's `id`, `name`, `channel`; a KPI's `id`, `name`), an unknown field "
            "(with the nearest known name), a wrong type, a value out of range (emotion outside "
            "-2..2), an invalid id, text that is too long or holds control or "
            "bidirectional-override characters. Every violation is reported.",
        ),
        why=Template(
            "doc.schema.why",
            "A journey that does not follow the format cannot be trusted: an unknown field is "
            "usually a typo (`touchpoint:` for `touchpoints:`) that hides data from everyone. "
            "Such a file is not checked further until it matches the schema.",
        ),
        example=Template(
            "doc.schema.example",
            "- id: evaluation\n  name: Comparing options\n  phase: evaluation\n"
            "  touchpoint:            # did you mean 'touchpoints'?\n"
            "    - {id: web, name: Product pages, channel: web}\n",
        ),
        fix=Template(
            "doc.schema.fix",
            "Correct the field the message names. The schema in `schema/journey.schema.json` "
            "gives completion and hover help in editors with the YAML language server.",
        ),
        parse=check_schema,
    ),
    Rule(
        id=RuleId.DUPLICATE_ID,
        severity="error",
        summary=Template(
            "doc.duplicate-id.summary",
            "Two stages, touchpoints or KPIs of a journey, or two journeys, share an id.",
        ),
        what=Template(
            "doc.duplicate-id.what",
            "A stage, touchpoint or KPI id used twice within one journey, or an opportunity id "
            "twice within one stage (reported at the second), or a journey id used by two "
            "files (reported in each file after the first, in path order, naming the first).",
        ),
        why=Template(
            "doc.duplicate-id.why",
            "Ids are how jcode links findings, reviews, diffs and site pages to an element; two "
            "elements with one id make links ambiguous and diffs wrong.",
        ),
        example=Template(
            "doc.duplicate-id.example",
            "stages:\n  - {id: purchase, name: Checkout, phase: purchase}\n"
            "  - {id: purchase, name: Payment, phase: purchase}\n",
        ),
        fix=Template(
            "doc.duplicate-id.fix",
            "Give each element its own id: ids are unique per kind within a journey.",
        ),
        document=check_duplicate_ids,
        portfolio=check_journey_ids,
    ),
    Rule(
        id=RuleId.INVALID_SUPPRESSION,
        severity="warning",
        summary=Template(
            "doc.invalid-suppression.summary",
            "A suppression has no reason or names an unknown rule; it does not apply.",
        ),
        what=Template(
            "doc.invalid-suppression.what",
            "An entry of `suppress:` without a `reason`, or whose `rule` is not a jcode rule.",
        ),
        why=Template(
            "doc.invalid-suppression.why",
            "A suppression accepts a gap on purpose; reviewers must see why. Without a reason, "
            "or with a misspelt rule id, it would silence nothing or hide a real gap.",
        ),
        example=Template(
            "doc.invalid-suppression.example",
            "suppress:\n  - rule: stage-without-kpi   # no reason\n",
        ),
        fix=Template(
            "doc.invalid-suppression.fix",
            "Add a `reason:` that says why the finding is accepted, and check the rule id.",
        ),
        document=check_suppressions,
    ),
)
