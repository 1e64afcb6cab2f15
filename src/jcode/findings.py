"""What the rules say: a Problem is what a rule yields, a Finding is a problem placed in a file
and rated. Rule ids and severities are typed here, below the rules, so that the loader, the
settings and the reporters name them without importing the rules."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, Literal

from jcode.i18n import ENGLISH, Message, Plural, Template
from jcode.record import Record
from jcode.text import printable

if TYPE_CHECKING:
    from jcode.i18n import Catalog

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"error": 3, "warning": 2, "info": 1}

Position = tuple[int, int]  # 1-based line and column


class RuleId(StrEnum):
    """Every rule's id. A member is its id as text wherever text is wanted (output, jcode.yaml),
    and a misspelt member is a type error rather than a KeyError at run time. The registry
    (jcode.rules) fails at import when an id here has no rule, or a rule no id."""

    YAML_SYNTAX = "yaml-syntax"
    DUPLICATE_KEY = "duplicate-key"
    SCHEMA = "schema"
    DUPLICATE_ID = "duplicate-id"
    INVALID_SUPPRESSION = "invalid-suppression"
    UNKNOWN_OWNER = "unknown-owner"
    UNKNOWN_PERSONA = "unknown-persona"
    UNKNOWN_PHASE = "unknown-phase"
    UNKNOWN_CHANNEL = "unknown-channel"
    UNKNOWN_JOURNEY = "unknown-journey"
    UNKNOWN_TOUCHPOINT = "unknown-touchpoint"
    UNKNOWN_ACTOR = "unknown-actor"
    UNKNOWN_OPPORTUNITY = "unknown-opportunity"
    STAGE_WITHOUT_TOUCHPOINTS = "stage-without-touchpoints"
    MISSING_POST_PURCHASE = "missing-post-purchase"
    MISSING_PHASE = "missing-phase"
    PHASE_ORDER = "phase-order"
    STAGE_OUTSIDE_SCOPE = "stage-outside-scope"
    PURCHASE_WITHOUT_ASSISTANCE = "purchase-without-assistance"
    NO_FEEDBACK_LOOP = "no-feedback-loop"
    MISSING_OWNER = "missing-owner"
    STALE_JOURNEY = "stale-journey"
    KPI_WITHOUT_TARGET = "kpi-without-target"
    KPI_TARGET_NOT_IMPROVEMENT = "kpi-target-not-improvement"
    KPI_WITHOUT_BASELINE = "kpi-without-baseline"
    STAGE_WITHOUT_KPI = "stage-without-kpi"
    KEY_MOMENT_WITHOUT_KPI = "key-moment-without-kpi"
    PAIN_POINT_WITHOUT_OPPORTUNITY = "pain-point-without-opportunity"
    NEGATIVE_EMOTION_WITHOUT_PAIN_POINT = "negative-emotion-without-pain-point"
    STALE_PROJECT_SCHEMA = "stale-project-schema"


def rule_id(text: str) -> RuleId | None:
    """The rule id a text names (from jcode.yaml, a suppression), or None."""
    try:
        return RuleId(text)
    except ValueError:
        return None


COUNTS: Final[dict[str, Template]] = {
    "error": Plural("count.errors", "{count} error", "{count} errors"),
    "warning": Plural("count.warnings", "{count} warning", "{count} warnings"),
    "info": Plural("count.info", "{count} info", "{count} info"),
    "file": Plural("count.files", "{count} file", "{count} files"),
    "finding": Plural("count.findings", "{count} finding", "{count} findings"),
    "new finding": Plural("count.new-findings", "{count} new finding", "{count} new findings"),
    "journey": Plural("count.journeys", "{count} journey", "{count} journeys"),
}
SEVERITY_NAMES: Final[dict[Severity, Template]] = {
    "error": Template("severity.error", "error"),
    "warning": Template("severity.warning", "warning"),
    "info": Template("severity.info", "info"),
}
_LIST = Template("list.separator", "{earlier}, {last}")


def plural(count: int, word: str, catalog: Catalog = ENGLISH) -> str:
    """ "1 error", "2 errors", "3 info": every command says counts this way."""
    return catalog(COUNTS[word], count=count)


def severity_counts(counts: dict[Severity, int], catalog: Catalog = ENGLISH) -> str:
    """ "1 error, 2 warnings, 0 info"."""
    parts = [plural(counts[severity], severity, catalog) for severity in SEVERITIES]
    text = parts[0]
    for part in parts[1:]:
        text = catalog(_LIST, earlier=text, last=part)
    return text


def count_by_severity(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts: dict[Severity, int] = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


class Problem(Record):
    """What a rule yields: where (a JSON Pointer into the journey) and what, in words. The
    position in the text is given only where the pointer does not say it (a parser's mark, a
    key rather than its value); the linter places the others."""

    __slots__ = ("message", "pointer", "position")

    def __init__(self, pointer: str, message: Message, position: Position | None = None) -> None:
        self.pointer: Final = pointer
        self.message: Final = message
        self.position: Final = position


def printable_message(message: Message) -> Message:
    """A message whose quoted values can never rewrite the terminal or log it is shown in."""
    return Message(
        message.template,
        tuple(
            (
                name,
                printable(value)
                if isinstance(value, str)
                else printable_message(value)
                if isinstance(value, Message)
                else value,
            )
            for name, value in message.args
        ),
    )


class Finding(Record):
    """A problem placed in a file (line, column) and rated, as the reporters show it."""

    __slots__ = (
        "column",
        "element",
        "file",
        "journey",
        "line",
        "message",
        "msg",
        "pointer",
        "rule",
        "severity",
        "whole_file",
    )

    def __init__(
        self,
        file: str,
        line: int,
        column: int,
        rule: RuleId,
        severity: Severity,
        pointer: str,
        journey: str | None,
        msg: Message,
        element: str = "",
        whole_file: bool = False,
    ) -> None:
        self.file: Final = file
        self.line: Final = line
        self.column: Final = column
        self.rule: Final = rule
        self.severity: Final = severity
        self.pointer: Final = pointer
        self.journey: Final = journey
        # What it says, as a template and its arguments (reporters render it in their
        # language), and in English, which JSON, SARIF, baselines and fingerprints keep.
        self.msg: Final = msg
        self.message: Final = msg.text
        # The element by ids rather than positions ("stages/delivery/touchpoints/survey/owner"),
        # so that a finding keeps its identity when lines move or items are inserted before it.
        self.element: Final = element
        # From its rule (Rule.whole_file): about the file's text rather than an element of
        # the journey, with a message that names lines (the parser's).
        self.whole_file: Final = whole_file

    def text(self, catalog: Catalog) -> str:
        """Its message in a catalog's language."""
        return catalog.render(self.msg)

    def at_least(self, severity: str) -> bool:
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[severity]

    @property
    def identity(self) -> Identity:
        """What a finding is, whatever its line: the journey (or the file, when it has no
        readable journey), the rule and the element by ids. `jcode diff` and lint baselines
        match findings by it."""
        return (self.journey or self.file, self.rule, "" if self.whole_file else self.element)

    @property
    def fingerprint(self) -> str:
        """Stable across line drift: the identity and the message (which names values, never
        lines), hashed; the file and the rule alone for a finding about the whole file."""
        parts = [self.file, self.rule] if self.whole_file else [*self.identity, self.message]
        import hashlib  # only for the formats that need it: it costs start-up time

        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def element_key(data: Any, pointer: str) -> str:
    """A JSON Pointer rewritten with ids: list items that carry an `id` (stages, touchpoints,
    KPIs) or that are plain text (related journeys, tags) are named by it, not by position."""
    node = data
    parts = []
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                parts.append(node["id"])
            elif isinstance(node, str):
                parts.append(node)
            else:
                parts.append(token)
        else:
            parts.append(token)
            node = node.get(token) if isinstance(node, dict) else None
    return "/".join(parts)


Identity = tuple[str, str, str]


def unmatched(
    ours: Sequence[tuple[Hashable, str]], theirs: Sequence[tuple[Hashable, str]]
) -> tuple[list[int], list[int]]:
    """Pair findings of two sets, each given as (identity, message), the identity being what
    says which finding it is (Finding.identity, or more): first those that agree in
    both, then the rest by identity alone (a message may name a value that changed). Returns
    the indexes, in each set, of those left without a partner.

    Several findings can share an identity (a journey misses several phases: one rule, the
    journey as element); their messages then tell them apart."""
    left_ours, left_theirs = list(range(len(ours))), list(range(len(theirs)))
    for exact in (True, False):
        waiting: dict[Hashable, list[int]] = {}
        for j in left_theirs:
            waiting.setdefault(theirs[j] if exact else theirs[j][0], []).append(j)
        still = []
        for i in left_ours:
            partners = waiting.get(ours[i] if exact else ours[i][0])
            if partners:
                partners.pop(0)
            else:
                still.append(i)
        left_ours = still
        left_theirs = sorted(j for partners in waiting.values() for j in partners)
    return left_ours, left_theirs


class SuppressedFinding(Record):
    __slots__ = ("finding", "reason")

    def __init__(self, finding: Finding, reason: str) -> None:
        self.finding: Final = finding
        self.reason: Final = reason
