"""The findings and documentation of the coverage, KPI and stage rules come from templates:
each finding's template belongs to its rule, and every template reads in Italian."""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any

import pytest
import yaml

from jcode.findings import RuleId
from jcode.i18n import Catalog, Template, catalog, fields
from jcode.rules import RULES, coverage, kpis, stages
from jcode.spec.builtins import BUILTIN_CHANNELS

from .helpers import CASES, lint_case, module_templates
from .test_cases import CASE_FILES

MODULES = (coverage, kpis, stages)
OURS = {rule.id for module in MODULES for rule in module.RULES}
SECTIONS = ("summary", "what", "why", "example", "fix")


def _italian() -> Catalog:
    found = catalog("it")
    assert found.language == "it"
    return found


def _findings(rule: str, case: str, language: Catalog) -> list[str]:
    result = lint_case(CASES / "rules" / rule / case)
    return [f"{f.line}:{f.column} {f.rule} {f.text(language)}" for f in result.findings]


def _finding_templates(module: ModuleType) -> list[Template]:
    """The module's finding messages: its module-level templates, alone or in a dict."""
    return module_templates(module)


def _doc_templates(module: ModuleType) -> list[Template]:
    return [getattr(rule, section) for rule in module.RULES for section in SECTIONS]


def test_coverage_findings_in_italian() -> None:
    it = _italian()
    assert _findings("missing-post-purchase", "fires-no-stage.yaml", it) == [
        "3:1 missing-phase la journey 'fires-no-stage' non ha tappe nella fase 'after-sales'",
        "3:1 missing-post-purchase la journey 'fires-no-stage' non ha tappe nel momento "
        "'Dopo l'acquisto'",
    ]
    assert _findings("missing-post-purchase", "fires-no-touchpoints-labels.yaml", it) == [
        "3:1 missing-post-purchase la journey 'fires-no-touchpoints-labels' non ha touchpoint "
        "nel momento 'After the first run' (le sue tappe 'delivery', 'returns' non ne hanno)",
        "25:5 stage-without-touchpoints la tappa 'delivery' non ha touchpoint",
        "30:5 stage-without-touchpoints la tappa 'returns' non ha touchpoint",
    ]
    assert _findings("no-feedback-loop", "silent-no-post-touchpoints.yaml", it) == [
        "3:1 missing-post-purchase la journey 'silent-no-post-touchpoints' non ha touchpoint "
        "nel momento 'Dopo l'acquisto' (la sua tappa 'after-sales' non ne ha)",
        "24:5 stage-without-touchpoints la tappa 'after-sales' non ha touchpoint",
    ]
    assert _findings("no-feedback-loop", "fires-feedback-before.yaml", it) == [
        "3:1 no-feedback-loop l'unico touchpoint della journey 'fires-feedback-before' nel "
        "momento 'Dopo l'acquisto' non raccoglie feedback",
    ]
    # The project's own name for the moment, as jcode.yaml writes it.
    assert _findings("no-feedback-loop", "project-labels/fires.yaml", it) == [
        "2:1 no-feedback-loop nessuno dei 2 touchpoint della journey 'fires' nel momento "
        "'After buying' raccoglie feedback",
    ]
    assert _findings("phase-order", "fires.yaml", it) == [
        "23:5 phase-order la tappa 'interest' è nella fase 'interest', che viene prima della "
        "fase 'purchase' della tappa precedente 'purchase'",
        "30:5 phase-order la tappa 'comparison' è nella fase 'discovery', che viene prima della "
        "fase 'purchase' della tappa precedente 'purchase'",
    ]
    assert _findings("stage-outside-scope", "fires.yaml", it) == [
        "17:5 stage-outside-scope la tappa 'purchase' è nella fase 'purchase', del momento "
        "'Acquisto', che lo scope della journey esclude",
    ]
    assert _findings("purchase-without-assistance", "fires-labels.yaml", it) == [
        "16:5 purchase-without-assistance nessun touchpoint della journey 'fires-labels' nel "
        "momento 'Buying the shoes' offre l'aiuto di una persona (canali assistiti: chat, phone, "
        "store, event, branch, video-call, in-person)",
    ]


def test_kpi_findings_in_italian() -> None:
    it = _italian()
    assert _findings("kpi-target-not-improvement", "fires.yaml", it) == [
        "15:87 kpi-target-not-improvement il KPI 'ctr' dovrebbe aumentare, ma il suo obiettivo "
        "2 non migliora il valore attuale 3",
        "23:87 kpi-target-not-improvement il KPI 'conversion' dovrebbe aumentare, ma il suo "
        "obiettivo 40 non migliora il valore attuale 40",
        "31:93 kpi-target-not-improvement il KPI 'complaints' dovrebbe diminuire, ma il suo "
        "obiettivo 4.5 non migliora il valore attuale 3",
    ]
    assert _findings("kpi-without-target", "fires.yaml", it) == [
        "22:9 kpi-without-target il KPI 'conversion' non ha un obiettivo",
    ]
    assert _findings("kpi-without-baseline", "fires.yaml", it) == [
        "22:9 kpi-without-baseline il KPI 'conversion' non ha un valore attuale",
    ]
    assert _findings("key-moment-without-kpi", "fires.yaml", it) == [
        "9:5 key-moment-without-kpi la tappa 'discovery' è un momento chiave ma non ha KPI che "
        "dicano se va bene",
        "9:5 stage-without-kpi la tappa 'discovery' non ha KPI",
        "15:5 key-moment-without-kpi l'azione 2 della tappa 'purchase' è un momento chiave, ma "
        "la tappa non ha KPI che dicano se va bene",
        "15:5 stage-without-kpi la tappa 'purchase' non ha KPI",
        "24:5 key-moment-without-kpi le azioni 1, 3 della tappa 'after-sales' sono momenti "
        "chiave, ma la tappa non ha KPI che dicano se vanno bene",
        "24:5 stage-without-kpi la tappa 'after-sales' non ha KPI",
    ]


def test_stage_findings_in_italian() -> None:
    it = _italian()
    # One pain point, then two: the count's word agrees with it.
    assert _findings("pain-point-without-opportunity", "fires.yaml", it) == [
        "9:5 pain-point-without-opportunity la tappa 'discovery' elenca 1 punto critico ma "
        "nessuna opportunità",
        "17:5 pain-point-without-opportunity la tappa 'purchase' elenca 2 punti critici ma "
        "nessuna opportunità",
    ]
    assert _findings("pain-point-without-opportunity", "fires-linked.yaml", it) == [
        "25:9 pain-point-without-opportunity il punto critico 'No size guide' della tappa "
        "'purchase' non è affrontato da alcuna opportunità",
        "26:9 pain-point-without-opportunity il punto critico 'The card is refused without a "
        "reason' della tappa 'purchase' non è affrontato da alcuna opportunità",
    ]
    assert _findings("negative-emotion-without-pain-point", "fires.yaml", it) == [
        "8:5 negative-emotion-without-pain-point la tappa 'discovery' ha emozione -1 ma non "
        "elenca punti critici",
        "16:5 negative-emotion-without-pain-point la tappa 'purchase' ha emozione -2 ma non "
        "elenca punti critici",
    ]


def test_the_same_findings_stay_english_by_default() -> None:
    english = catalog("en")
    assert _findings("pain-point-without-opportunity", "fires.yaml", english) == [
        "9:5 pain-point-without-opportunity stage 'discovery' lists 1 pain point but no "
        "opportunities",
        "17:5 pain-point-without-opportunity stage 'purchase' lists 2 pain points but no "
        "opportunities",
    ]


@pytest.fixture(scope="module")
def used() -> dict[RuleId, set[str]]:
    """For each rule of these modules, the template ids of its findings in all the rule cases."""
    used: dict[RuleId, set[str]] = {}
    for case in CASE_FILES:
        for finding in lint_case(case).findings:
            if finding.rule in OURS:
                used.setdefault(finding.rule, set()).add(finding.msg.id)
    return used


def test_every_finding_of_these_rules_has_a_template_its_rule_owns(
    used: dict[RuleId, set[str]],
) -> None:
    assert sorted(used) == sorted(OURS)
    assert {
        rule: sorted(i for i in ids if not RULES[rule].owns(i)) for rule, ids in used.items()
    } == {rule: [] for rule in used}


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_each_finding_template_belongs_to_one_rule_and_a_case_shows_it(
    module: ModuleType, used: dict[RuleId, set[str]]
) -> None:
    templates = {t.id for t in _finding_templates(module)}
    owners = {t: [r.id for r in module.RULES if r.owns(t)] for t in templates}
    assert [t for t, rules in owners.items() if len(rules) != 1] == []
    assert {i for rule in module.RULES for i in used[rule.id]} == templates


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_every_template_of_these_rules_is_in_italian_with_its_fields(module: ModuleType) -> None:
    it = _italian()
    templates = _finding_templates(module) + _doc_templates(module)
    assert [t.id for t in templates if not it.translates(t)] == []
    for template in templates:
        counts = (1, 2, 1_000_000) if template.plural is not None else (None,)
        for count in counts:
            assert set(fields(it.text(template, count))) == set(template.fields), template.id


_WORDS = {"name", "title", "pain_points", "key_moment"}


def _shape(value: Any) -> Any:
    """An example's YAML with its words for people (names, pain points) left out: what the
    rule reads, which a translation must keep."""
    if isinstance(value, dict):
        return {k: None if k in _WORDS else _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return value


@pytest.mark.parametrize("rule_id", sorted(OURS))
def test_the_italian_docs_keep_the_example_and_the_shape_of_the_english(rule_id: RuleId) -> None:
    it = _italian()
    rule = RULES[rule_id]
    summary = it.text(rule.summary)
    assert summary != rule.summary.text and summary.endswith(".") and "\n" not in summary
    english = yaml.safe_load(rule.example.text.replace("[...]", "[]"))
    italian = yaml.safe_load(it.text(rule.example).replace("[...]", "[]"))
    assert _shape(italian) == _shape(english)
    # YAML keys and code in backticks stay as they are.
    for section in SECTIONS:
        text = getattr(rule, section)
        assert _code(it.text(text)) >= _code(text.text), f"{rule_id}: {section}"


def _code(text: str) -> set[str]:
    return set(re.findall(r"`[^`]+`", text))


def test_a_rule_doc_in_italian() -> None:
    it = _italian()
    rule = RULES[RuleId.KPI_WITHOUT_TARGET]
    assert [it.text(getattr(rule, section)) for section in SECTIONS] == [
        "Un KPI non ha un obiettivo.",
        "Un KPI senza `target:`.",
        "Un numero senza obiettivo è un cruscotto, non un traguardo: nessuno può dire se la "
        "tappa funziona, né se un cambiamento l'ha migliorata.",
        "- {id: csat, name: Soddisfazione del cliente, baseline: 4.1}\n",
        "Concorda un obiettivo con il responsabile del KPI e aggiungi `target:` (e `direction:`).",
    ]
    assert it.text(RULES[RuleId.PHASE_ORDER].example) == (
        "stages:\n  - {id: checkout, name: Pagamento, phase: purchase}\n"
        "  - {id: research, name: Ricerca, phase: evaluation}   # prima dell'acquisto\n"
    )


def test_the_assistance_doc_lists_the_assisted_built_in_channels() -> None:
    """The list is written out in the template (catalogs translate literal text): it must be
    the built-in catalog's, in English and in Italian."""
    listed = "(" + ", ".join(c.id for c in BUILTIN_CHANNELS.values() if c.assisted) + ", "
    what = RULES[RuleId.PURCHASE_WITHOUT_ASSISTANCE].what
    assert listed in what.text
    assert listed in _italian().text(what)
