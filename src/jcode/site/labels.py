"""The site's own words: a template per label (`site.<key>`), in English; each language's
catalog translates them (locale/<language>/LC_MESSAGES/jcode.po), and a label that a catalog
lacks is shown in English. Material's interface follows `site.language` too. The names of the
built-in phases, channels and moments are in spec/builtins.py."""

from __future__ import annotations

from typing import Final

from markupsafe import Markup, escape

from jcode.findings import SEVERITY_NAMES
from jcode.i18n import Arg, Catalog, Plural, Template

LABELS: Final[dict[str, Template]] = {
    "home": Template("site.home", "Journeys"),
    "portfolio": Template("site.portfolio", "All journeys"),
    "coverage": Template("site.coverage", "Coverage by phase"),
    "coverage_help": Template(
        "site.coverage-help",
        "Each cell is a stage in that phase: its number of touchpoints, and a mark when it has "
        "open findings. An empty cell is a phase the journey does not cover.",
    ),
    "journey": Template("site.journey", "Journey"),
    "persona": Template("site.persona", "Persona"),
    "personas": Template("site.personas", "Personas"),
    "owner": Template("site.owner", "Owner"),
    "owners": Template("site.owners", "Owners"),
    "status": Template("site.status", "Status"),
    "stages": Template("site.stages", "Stages"),
    "stage": Template("site.stage", "Stage"),
    "findings": Template("site.findings", "Findings"),
    "open_findings": Template("site.open-findings", "Open findings"),
    "reviewed": Template("site.reviewed", "Last reviewed"),
    "never": Template("site.never", "never"),
    "tags": Template("site.tags", "Tags"),
    "source": Template("site.source", "Source file"),
    "related": Template("site.related", "Related journeys"),
    "phase": Template("site.phase", "Phase"),
    "goal": Template("site.goal", "Goal"),
    "touchpoints": Template("site.touchpoints", "Touchpoints"),
    "touchpoint": Template("site.touchpoint", "Touchpoint"),
    "emotion": Template("site.emotion", "Emotion"),
    "pain_points": Template("site.pain-points", "Pain points"),
    "opportunities": Template("site.opportunities", "Opportunities"),
    "kpis": Template("site.kpis", "KPIs"),
    "kpi": Template("site.kpi", "KPI"),
    "channel": Template("site.channel", "Channel"),
    "channels": Template("site.channels", "Channels"),
    "online": Template("site.online", "online"),
    "offline": Template("site.offline", "offline"),
    "owned": Template("site.owned", "owned"),
    "third-party": Template("site.third-party", "third party"),
    "feedback": Template("site.feedback", "collects feedback"),
    "baseline": Template("site.baseline", "Baseline"),
    "target": Template("site.target", "Target"),
    "direction": Template("site.direction", "Direction"),
    "increase": Template("site.increase", "higher is better"),
    "decrease": Template("site.decrease", "lower is better"),
    "unit": Template("site.unit", "Unit"),
    "gaps": Template("site.gaps", "Gaps"),
    "rules": Template("site.rules", "Rules"),
    "rule": Template("site.rule", "Rule"),
    "severity": Template("site.severity", "Severity"),
    # A severity's badge says its name as the terminal does.
    "error": SEVERITY_NAMES["error"],
    "warning": SEVERITY_NAMES["warning"],
    "info": SEVERITY_NAMES["info"],
    # The Gaps page's counts by severity: a badge of the severity's name, so the English
    # reads "2 error" as the badges always have; other languages may say the plural.
    "count_error": Plural("site.count.error", "{count} error", "{count} error"),
    "count_warning": Plural("site.count.warning", "{count} warning", "{count} warning"),
    "count_info": Plural("site.count.info", "{count} info", "{count} info"),
    "message": Template("site.message", "Message"),
    "file": Template("site.file", "File"),
    "line": Template("site.line", "Line"),
    "by_rule": Template("site.by-rule", "By rule"),
    "by_journey": Template("site.by-journey", "By journey"),
    "suppressed": Template("site.suppressed", "Accepted findings (suppressed)"),
    "suppressed_help": Template(
        "site.suppressed-help",
        "Findings a team has silenced in the journey file, with the reason given.",
    ),
    "reason": Template("site.reason", "Reason"),
    "invalid_files": Template("site.invalid-files", "Files that could not be read"),
    "invalid_help": Template(
        "site.invalid-help",
        "These files have syntax or schema errors, so they have no journey page. "
        "Their findings are listed below.",
    ),
    "no_findings": Template("site.no-findings", "No findings."),
    "nothing": Template("site.nothing", "None."),
    "unowned": Template("site.unowned", "Owned by nobody"),
    "unowned_help": Template(
        "site.unowned-help",
        "Journeys, stages, touchpoints and KPIs without an owner, even inherited.",
    ),
    "owns": Template("site.owns", "What this team owns"),
    "journeys": Template("site.journeys", "Journeys"),
    "other": Template("site.other", "Other phases"),
    "draft": Template("site.draft", "draft"),
    "live": Template("site.live", "live"),
    "retired": Template("site.retired", "retired"),
    "map": Template("site.map", "Journey map"),
    "none_stage": Template("site.none-stage", "No stage in this phase"),
    "has_gaps": Template("site.has-gaps", "has open findings"),
    "emotion_-2": Template("site.emotion.-2", "awful"),
    "emotion_-1": Template("site.emotion.-1", "unhappy"),
    "emotion_0": Template("site.emotion.0", "neutral"),
    "emotion_1": Template("site.emotion.1", "happy"),
    "emotion_2": Template("site.emotion.2", "delighted"),
    "dot": Template("site.emotion-dot", "{name}: {emotion}"),  # a point of the curve
    "kind": Template("site.kind", "Kind"),
    "matrix_help": Template(
        "site.matrix-help",
        "Touchpoints per channel and phase, across all journeys; third-party touchpoints are "
        "counted apart.",
    ),
    "total": Template("site.total", "Total"),
    "contact": Template("site.contact", "Contact"),
    "contact_line": Template("site.contact-line", "Contact: {contact}"),
    "undeclared": Template("site.undeclared", "Not declared in jcode.yaml"),
    "rule_docs": Template(
        "site.rule-docs", "What each finding means, why it matters and how to fix it."
    ),
    "count": Template("site.count", "Count"),
    "description": Template("site.description", "Description"),
    "moment": Template("site.moment", "Moment"),
    "to_dark": Template("site.to-dark", "Switch to the dark theme"),
    "to_light": Template("site.to-light", "Switch to the light theme"),
    "timing": Template("site.timing", "Timing"),
    "steps": Template("site.steps", "Steps"),
    "thoughts": Template("site.thoughts", "Thoughts"),
    "feelings": Template("site.feelings", "Feelings"),
    "backstage": Template("site.backstage", "Backstage"),
    "visibility": Template("site.visibility", "Line of visibility"),
    "exits": Template("site.exits", "Exits"),
    # TRANSLATORS: {share} is the figure as the language writes it (Italian: "l'8", "il 12,5").
    "exit_share": Template("site.exit-share", "{share}% leave here"),
    "takes_part": Template("site.takes-part", "Takes part in"),
    # {ideas} is HTML: the opportunities, each in its own element.
    "addressed_by": Template("site.addressed-by", "Addressed by: {ideas}"),
    # Before a key moment's reason, for screen readers (on screen, a star says it).
    "key_moment": Template("site.key-moment", "Key moment:"),
    "key_moments": Template("site.key-moments", "Key moments"),
    "scope_ends": Template("site.scope-ends", "This map ends at {last}; it leaves out {left_out}."),
    "scope_only": Template(
        "site.scope-only", "This map covers only {covered}; it leaves out {left_out}."
    ),
}


class Words(dict[str, str]):
    """The labels in one language, as the templates read them: `t.home` and `t[severity]` for
    a label's text, `t("exit_share", share=...)` for one with fields, `t.html(...)` for one
    whose fields hold HTML of the page's own."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__((key, catalog.text(template)) for key, template in LABELS.items())
        self.catalog: Final = catalog

    def __call__(self, key: str, **args: Arg) -> str:
        return self.catalog(LABELS[key], **args)

    def html(self, key: str, **args: Markup) -> Markup:
        # A field is {name} and nothing else (jcode.i18n), which str.format reads alike.
        return Markup(escape(self[key])).format(**args)
