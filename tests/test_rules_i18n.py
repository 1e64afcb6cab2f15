"""The rules of parsing, references and project in Italian: their findings and their docs, each
message from a template of its own rule, and every template of theirs translated."""

from __future__ import annotations

from pathlib import Path

import pytest

import jcode.rules as registry
from jcode import i18n, project_schema
from jcode.config import load_project
from jcode.findings import Finding, RuleId
from jcode.i18n import Message, Template
from jcode.rules import RULES, UnknownRuleError, get_rule, parsing, project, references
from jcode.spec.builtins import BUILTIN_CHANNELS

from .helpers import CASES, lint_case, module_templates
from .test_cases import CASE_FILES

IT = i18n.catalog("it")
MODULES = (parsing, references, project)
OURS = {rule.id for module in MODULES for rule in module.RULES}


def _italian(case: str) -> list[str]:
    findings = lint_case(CASES / case).findings
    return [
        f"{f.file}:{f.line}:{f.column} {f.rule}: {f.text(IT)}" for f in findings if f.rule in OURS
    ]


# Each case as the .expected files have it in English, in Italian: every variant of every
# message, the hints and the lists among them.
ITALIAN = {
    "bad-input/empty-file.yaml": [
        "empty-file.yaml:1:1 schema: il file non contiene una journey: servono almeno 'id', "
        "'title' e 'stages'",
    ],
    "rules/duplicate-id/fires-stages.yaml": [
        "fires-stages.yaml:23:9 duplicate-id: l'id di tappa 'purchase' è già usato dalla tappa "
        "'Checkout' in questa journey",
    ],
    "rules/duplicate-id/fires-touchpoints.yaml": [
        "fires-touchpoints.yaml:29:14 duplicate-id: l'id di touchpoint 'chat' è già usato dal "
        "touchpoint 'Live chat' in questa journey",
    ],
    "rules/duplicate-id/fires-kpis.yaml": [
        "fires-kpis.yaml:30:14 duplicate-id: l'id di KPI 'csat' è già usato dal KPI 'Checkout "
        "satisfaction' in questa journey",
    ],
    "rules/duplicate-id/fires-opportunities.yaml": [
        "fires-opportunities.yaml:18:14 duplicate-id: l'id di opportunità 'size-guide' è già "
        "usato dall'opportunità 1 della tappa 'discovery'",
    ],
    "rules/duplicate-id/fires-journeys.d": [
        "b-shoes.yaml:2:5 duplicate-id: l'id di journey 'shoes' è già usato in a-shoes.yaml",
        "c-shoes.yaml:2:5 duplicate-id: l'id di journey 'shoes' è già usato in a-shoes.yaml",
    ],
    "rules/invalid-suppression/fires-unknown-rule.yaml": [
        "fires-unknown-rule.yaml:15:9 invalid-suppression: il silenziamento nomina la regola "
        "sconosciuta 'stage-without-kpis', quindi non ha effetto; intendevi 'stage-without-kpi'?",
    ],
    "rules/invalid-suppression/fires-no-reason.yaml": [
        "fires-no-reason.yaml:15:9 invalid-suppression: il silenziamento di 'stage-without-kpi' "
        "non ha un motivo, quindi non ha effetto; spiega perché la segnalazione è accettata",
    ],
    "rules/unknown-owner/fires.yaml": [
        "fires.yaml:5:8 unknown-owner: il responsabile 'sale' non è dichiarato in jcode.yaml; "
        "intendevi 'sales'?",
        "fires.yaml:11:12 unknown-owner: il responsabile 'legal' non è dichiarato in jcode.yaml "
        "(dichiarati: care, marketing, sales)",
        "fires.yaml:21:59 unknown-owner: il responsabile 'cares' non è dichiarato in jcode.yaml; "
        "intendevi 'care'?",
        "fires.yaml:23:98 unknown-owner: il responsabile 'marketting' non è dichiarato in "
        "jcode.yaml; intendevi 'marketing'?",
    ],
    "rules/unknown-persona/fires.yaml": [
        "fires.yaml:4:10 unknown-persona: la persona 'shoper' non è dichiarata in jcode.yaml; "
        "intendevi 'shopper'?",
    ],
    "rules/unknown-persona/fires-no-hint.yaml": [
        "fires-no-hint.yaml:4:10 unknown-persona: la persona 'retiree' non è dichiarata in "
        "jcode.yaml (dichiarate: shopper)",
    ],
    "rules/unknown-phase/fires.yaml": [
        "fires.yaml:18:12 unknown-phase: la fase 'evaluation' della tappa 'comparison' non è nel "
        "modello di fasi 'custom' (fasi: discovery, interest, purchase, after-sales)",
        "fires.yaml:41:12 unknown-phase: la fase 'after-sale' della tappa 'returns' non è nel "
        "modello di fasi 'custom'; intendevi 'after-sales'?",
    ],
    "rules/unknown-channel/fires.yaml": [
        "fires.yaml:12:61 unknown-channel: il canale 'seo' del touchpoint 'search-results' non è "
        "nel catalogo dei canali; aggiungilo sotto 'channels:' in jcode.yaml",
        "fires.yaml:29:53 unknown-channel: il canale 'e-mail' del touchpoint 'newsletter' non è "
        "nel catalogo dei canali; intendevi 'email'?",
    ],
    "rules/unknown-touchpoint/fires.yaml": [
        "fires.yaml:16:54 unknown-touchpoint: tappa 'discovery', azione 1: il touchpoint "
        "'search-add' non è un touchpoint della journey 'fires'; intendevi 'search-ads'?",
        "fires.yaml:26:61 unknown-touchpoint: tappa 'purchase', attività dietro le quinte 1: il "
        "touchpoint 'warehouse-system' non è un touchpoint della journey 'fires' (touchpoint: "
        "search-ads, checkout, chat, survey)",
        "fires.yaml:29:54 unknown-touchpoint: tappa 'purchase', abbandono 2: il touchpoint "
        "'store-visit' non è un touchpoint della journey 'fires' (touchpoint: search-ads, "
        "checkout, chat, survey)",
    ],
    "rules/unknown-touchpoint/fires-no-touchpoints.yaml": [
        "fires-no-touchpoints.yaml:13:54 unknown-touchpoint: tappa 'discovery', azione 1: il "
        "touchpoint 'search-ads' non è un touchpoint della journey 'fires-no-touchpoints' (la "
        "journey non ha touchpoint)",
    ],
    "rules/unknown-actor/fires.yaml": [
        "fires.yaml:24:66 unknown-actor: l'attore 'caer' dell'azione 2 della tappa 'purchase' "
        "non è né una persona né un team dichiarati in jcode.yaml; intendevi 'care'?",
        "fires.yaml:25:50 unknown-actor: l'attore 'bank' dell'azione 3 della tappa 'purchase' "
        "non è né una persona né un team dichiarati in jcode.yaml (dichiarati: care, marketing, "
        "sales, shopper)",
    ],
    "rules/unknown-opportunity/fires.yaml": [
        "fires.yaml:15:59 unknown-opportunity: l'opportunità 'model-finder' non è un'opportunità "
        "della tappa 'discovery' (la tappa non ha opportunità con un id)",
        "fires.yaml:27:76 unknown-opportunity: l'opportunità 'show-cost' non è un'opportunità "
        "della tappa 'purchase'; intendevi 'show-costs'?",
    ],
    "rules/unknown-opportunity/fires-listed.yaml": [
        "fires-listed.yaml:23:76 unknown-opportunity: l'opportunità 'courier-choice' non è "
        "un'opportunità della tappa 'purchase' (opportunità: show-costs, free-returns)",
    ],
    "rules/unknown-journey/fires.yaml": [
        "fires.yaml:4:11 unknown-journey: la journey collegata 'trail-shoes' non esiste",
    ],
    "rules/stale-project-schema/stale/fires.yaml": [
        "schema/journey.schema.json:1:1 stale-project-schema: lo schema del progetto non riporta "
        "il responsabile 'partners' e riporta ancora il responsabile 'growth'; esegui `jcode "
        "schema --project` per aggiornarlo",
    ],
}


@pytest.mark.parametrize("case", ITALIAN)
def test_findings_in_italian(case: str) -> None:
    assert _italian(case) == ITALIAN[case]


def _messages(message: Message) -> list[Message]:
    """A message and the phrases it holds as arguments."""
    nested = [
        m for _, value in message.args if isinstance(value, Message) for m in _messages(value)
    ]
    return [message, *nested]


def _findings_of_ours() -> list[Finding]:
    return [f for case in CASE_FILES for f in lint_case(case).findings if f.rule in OURS]


def test_every_finding_of_these_rules_says_a_message_its_rule_owns() -> None:
    """SARIF lists a rule's messages by its id: a finding's template must be its rule's."""
    findings = _findings_of_ours()
    assert {f.rule for f in findings} == OURS
    strays = [
        (f.file, f.line, f.rule, f.msg.id) for f in findings if not RULES[f.rule].owns(f.msg.id)
    ]
    assert strays == []
    # the phrases a message holds ("step 2", a built-in name) are no rule's messages
    # (or a message of the same rule: yaml-syntax quotes libyaml's problem in its own words)
    phrases = {(f.rule, m.id) for f in findings for m in _messages(f.msg)[1:]}
    assert phrases
    assert [
        (rule, id)
        for rule, id in phrases
        if not id.startswith(("phrase.", "name.")) and not RULES[rule].owns(id)
    ] == []


def _templates() -> list[Template]:
    """Every template of these modules: their findings', their phrases' and their docs'."""
    found = module_templates(*MODULES, project_schema, registry)
    for rule_id in OURS:
        rule = RULES[rule_id]
        found += [rule.summary, rule.what, rule.why, rule.example, rule.fix]
    return found


def test_every_template_of_these_rules_is_translated_into_italian() -> None:
    templates = _templates()
    assert len(templates) > 100
    assert [t.id for t in templates if not IT.translates(t)] == []


def test_the_rule_docs_in_italian() -> None:
    rule = RULES[RuleId.UNKNOWN_JOURNEY]
    assert IT.text(rule.summary) == "Una voce di `related` non nomina nessuna journey."
    assert IT.text(rule.fix) == "Usa l'id di una journey esistente, o rimuovi la voce."
    # YAML keys and ids stay; the comments are translated
    assert IT.text(RULES[RuleId.UNKNOWN_PHASE].example) == (
        "- id: research\n  name: Ricerca\n"
        "  phase: valutazione   # il modello prevede 'evaluation'\n"
    )
    assert IT.text(RULES[RuleId.INVALID_SUPPRESSION].example) == (
        "suppress:\n  - rule: stage-without-kpi   # nessun motivo\n"
    )


def test_the_unknown_channel_docs_name_the_built_in_channels() -> None:
    """The doc lists them literally (catalogs translate whole texts): it must follow the list."""
    channels = f"({', '.join(BUILTIN_CHANNELS)})"
    what = RULES[RuleId.UNKNOWN_CHANNEL].what
    assert channels in what.text
    assert channels in IT.text(what)


def test_an_unknown_rule_in_english_and_in_italian() -> None:
    with pytest.raises(UnknownRuleError) as hinted:
        get_rule("stage-without-kpis")
    assert (
        str(hinted.value) == "unknown rule 'stage-without-kpis'; did you mean 'stage-without-kpi'?"
    )
    assert IT.render(hinted.value.message) == (
        "regola sconosciuta 'stage-without-kpis'; intendevi 'stage-without-kpi'?"
    )
    with pytest.raises(UnknownRuleError) as plain:
        get_rule("zzz")
    assert str(plain.value) == "unknown rule 'zzz'"
    assert IT.render(plain.value.message) == "regola sconosciuta 'zzz'"


STALE_CONFIG = """\
phases: seven-stage
owners:
  sales: {name: Sales}
  care: {name: Customer care}
personas:
  shopper: {name: Online shopper}
"""


def _stale(tmp_path: Path, config: str) -> Message | None:
    """The finding's message once jcode.yaml changes from STALE_CONFIG to `config`."""
    (tmp_path / "jcode.yaml").write_text(STALE_CONFIG, encoding="utf-8")
    schema = tmp_path / "schema.json"
    schema.write_text(project_schema.render(load_project(tmp_path / "jcode.yaml")), "utf-8")
    (tmp_path / "jcode.yaml").write_text(config, encoding="utf-8")
    return project_schema.staleness(schema, load_project(tmp_path / "jcode.yaml"))


def test_the_stale_project_schema_names_each_difference_in_both_languages(tmp_path: Path) -> None:
    changed = (
        STALE_CONFIG.replace("seven-stage", "five-stage")
        .replace("  care: {name: Customer care}\n", "  legal: {name: Legal}\n  it: {name: IT}\n")
        .replace("personas:\n  shopper: {name: Online shopper}\n", "")
    )
    message = _stale(tmp_path, changed)
    assert message is not None
    assert message.text == (
        "the project schema lacks owners 'it', 'legal', still lists phases 'advocacy', "
        "'interest', still lists owner 'care' and still lists persona 'shopper'; run "
        "`jcode schema --project` to update it"
    )
    assert IT.render(message) == (
        "lo schema del progetto non riporta i responsabili 'it', 'legal', riporta ancora le fasi "
        "'advocacy', 'interest', riporta ancora il responsabile 'care' e riporta ancora la "
        "persona 'shopper'; esegui `jcode schema --project` per aggiornarlo"
    )
    renamed = _stale(tmp_path, STALE_CONFIG.replace("Customer care", "Customer service"))
    assert renamed is not None
    assert IT.render(renamed) == (
        "lo schema del progetto non è aggiornato (è cambiato un nome in jcode.yaml, o il formato "
        "delle journey di jcode); esegui `jcode schema --project` per aggiornarlo"
    )
