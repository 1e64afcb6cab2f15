"""Files that jcode writes for people to edit: a new journey skeleton (`jcode new`, returned
as text for the CLI to write) and a new journeys repository (`jcode init`, written here, as
jcode.site writes the site). Nothing here prints; what the user can fix is a JcodeError.

Every journey is checked the way `jcode lint` reads it before it is written, so a skeleton is
always a valid journey, and every journey file starts with the modeline that gives editors
the schema.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Collection
from pathlib import Path
from typing import Final

import yaml

from jcode import ISSUES_URL, __version__
from jcode.collect import collect_files, journey_ids
from jcode.config import CONFIG_NAME, PROJECT_SCHEMA_PATH, load_project, parse_config
from jcode.errors import JcodeError
from jcode.loader import load
from jcode.project_schema import render as render_project_schema
from jcode.record import Record
from jcode.rules.parsing import validate
from jcode.spec import PHASE_MODELS, Project, ProjectPhase
from jcode.spec.values import ID_MAX, ID_PATTERN
from jcode.validation import show

MODELINE = "# yaml-language-server: $schema=../schema/journey.schema.json"
_ID_RE = re.compile(ID_PATTERN)


def check_id(value: str, what: str) -> None:
    if len(value) > ID_MAX or not _ID_RE.fullmatch(value):
        raise JcodeError(
            f"'{show(value)}' is not a valid {what}: lowercase letters a-z, digits and hyphens, "
            f"starting with a letter or digit, at most {ID_MAX} characters"
        )


def journey_path(project: Project, journey_id: str) -> Path:
    """Where `jcode new` writes a journey; an error when the id or the file is taken."""
    check_id(journey_id, "journey id")
    if journey_id == "jcode":
        raise JcodeError("'jcode' cannot be a journey id: jcode.yaml is never read as a journey")
    folder = project.root / "journeys"
    for name in (f"{journey_id}.yaml", f"{journey_id}.yml"):
        taken = folder / name
        if taken.exists() or taken.is_symlink():
            raise JcodeError(f"journeys/{name} already exists; jcode new never replaces a file")
    holder = journey_ids(collect_files([folder]) if folder.is_dir() else []).get(journey_id)
    if holder is not None:
        raise JcodeError(f"journey id '{journey_id}' is already used in {holder}")
    return folder / f"{journey_id}.yaml"


def new_journey(
    project: Project,
    journey_id: str,
    title: str | None = None,
    persona: str | None = None,
    owner: str | None = None,
) -> str:
    """A journey skeleton: one stage per phase that a journey must cover, in order, each with
    TODO comments and no touchpoints, so that `jcode lint` warns until someone fills it in."""
    config = project.config
    for value, what, declared in (
        (persona, "persona", config.personas),
        (owner, "owner", config.owners),
    ):
        if value is None:
            continue
        check_id(value, what)
        if declared and value not in declared:
            raise JcodeError(
                f"{what} '{value}' is not declared in jcode.yaml (declared: {', '.join(declared)})"
            )
    lines = [
        MODELINE,
        "# A new journey from `jcode new`: one stage per phase of the phase model"
        f" '{project.phase_model}'.",
        "# Fill in each TODO; `jcode lint` warns until every stage lists its touchpoints.",
        f"id: {journey_id}",
    ]
    if title is None:
        lines.append(
            f"title: {_scalar(journey_id.replace('-', ' ').capitalize())}"
            "  # TODO: the journey as the customer would name it"
        )
    else:
        lines.append(f"title: {_scalar(title)}")
    lines.append("# summary: TODO: who the customer is and what they want, in a sentence or two")
    lines.append(
        f"owner: {owner}"
        if owner
        else "# owner: TODO: the team that answers for the journey"
        + _among(config.owners, "owners")
    )
    lines.append(
        f"persona: {persona}"
        if persona
        else "# persona: TODO: who the journey is about" + _among(config.personas, "personas")
    )
    lines += ["status: draft", "stages:"]
    for index, phase in enumerate(_phases_to_cover(project)):
        lines += [
            f"  - id: {phase.id}",
            f"    name: {_scalar(phase.name)}  # TODO: the stage in the customer's words",
            f"    phase: {phase.id}",
            "    # goal: TODO: what the customer wants to achieve in this stage",
            "    touchpoints: []  # TODO: where the customer meets you here"
            + (", for example:" if index == 0 else ""),
        ]
        if index == 0:
            lines.append("    #   - {id: search-ads, name: Search ads, channel: search}")
    text = "\n".join(lines) + "\n"
    _check(text)
    return text


def _phases_to_cover(project: Project) -> tuple[ProjectPhase, ...]:
    required = tuple(p for p in project.phases if not p.optional)
    return required or project.phases  # a model of optional phases only: offer them all


def _among(declared: Collection[str], key: str) -> str:
    if declared:
        return f", one of: {', '.join(declared)}"
    return f" (declare it under `{key}` in jcode.yaml)"


def _scalar(text: str) -> str:
    """Text as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted (a
    JSON string is a valid YAML double-quoted scalar, escapes included)."""
    try:
        plain = yaml.safe_load(f"key: {text}") == {"key": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def _check(text: str) -> None:
    """Refuse to write a journey that `jcode lint` would not read as one (a title with control
    characters or too long, say), with the reason."""
    document = load(text)
    journey, problems = validate(document)
    if journey is None or document.problems:
        reasons = [p.message for p in (*document.problems, *problems)]
        raise JcodeError("the journey would not be valid: " + "; ".join(reasons))


# jcode init ---------------------------------------------------------------------------------

STARTER_ID = "first-order"
REPO_URL = ISSUES_URL.removesuffix("/issues")


class InitSettings(Record):
    __slots__ = ("language", "phases", "title")

    def __init__(self, title: str, language: str, phases: str) -> None:
        self.title: Final = title
        self.language: Final = language
        self.phases: Final = phases


class Scaffold(Record):
    """What `jcode init` did: files created, files left alone because they exist, and files
    it appended to, each relative to the folder."""

    __slots__ = ("appended", "created", "skipped")

    def __init__(self) -> None:
        self.created: list[str] = []
        self.skipped: list[str] = []
        self.appended: list[str] = []


def scaffold(folder: Path, settings: InitSettings) -> Scaffold:
    """Write a journeys repository into `folder`, never replacing a file. An existing
    jcode.yaml is kept, and the project schema made from it; the example journey goes only
    with a new jcode.yaml, whose owners and persona it uses."""
    if folder.exists() and not folder.is_dir():
        raise JcodeError(f"'{folder}' exists and is not a folder")
    config_path = folder / CONFIG_NAME
    starter = Path("journeys", f"{STARTER_ID}.yaml")
    files: dict[Path, str] = {}
    if config_path.exists():  # listed only to be reported as skipped
        project = load_project(config_path)
        files[Path(CONFIG_NAME)] = ""
        if (folder / starter).exists():
            files[starter] = ""
    else:
        config_text = config_yaml(settings)
        project = parse_config(config_text, config_path)
        files[Path(CONFIG_NAME)] = config_text
        files[starter] = starter_journey(settings)
    files[PROJECT_SCHEMA_PATH] = render_project_schema(project)
    files[Path(".pre-commit-config.yaml")] = PRE_COMMIT
    files[Path(".github", "workflows", "jcode.yml")] = workflow()
    done = Scaffold()
    try:
        (folder / "journeys").mkdir(parents=True, exist_ok=True)
        for relative, text in files.items():
            path = folder / relative
            if path.exists() or path.is_symlink():
                done.skipped.append(relative.as_posix())
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            done.created.append(relative.as_posix())
        _ignore_site(folder / ".gitignore", done)
    except OSError as exc:
        raise JcodeError(f"cannot write into '{folder}': {exc.strerror}") from None
    return done


def _ignore_site(path: Path, done: Scaffold) -> None:
    """`/site/` in .gitignore: the built site is not source. Appended to an existing file."""
    if not path.exists():
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write("# The site `jcode build` makes: built in CI, never committed.\n/site/\n")
        done.created.append(".gitignore")
        return
    text = path.read_text(encoding="utf-8", errors="replace")
    if {"/site/", "/site", "site/", "site"} & {line.strip() for line in text.splitlines()}:
        done.skipped.append(".gitignore")
        return
    with path.open("a", encoding="utf-8", newline="\n") as stream:
        stream.write(("" if text.endswith("\n") or not text else "\n") + "/site/\n")
    done.appended.append(".gitignore")


def config_yaml(settings: InitSettings) -> str:
    words = _WORDS[settings.language]
    return f"""\
# jcode.yaml: the settings of every journey under journeys/ (written by `jcode init`).
# The jcode README explains each key; `jcode schema --config-schema` prints their schema.
site:
  title: {_scalar(settings.title)}
  language: {settings.language}  # of the site's own labels: en or it
# The phases a journey goes through: seven-stage, five-stage or four-stage, or a list of
# your own, each {{id, name, moment}} with moment pre-purchase, purchase or post-purchase.
phases: {settings.phases}
# A journey is stale this many days after its `reviewed` date.
review_every_days: 365
# The teams that answer for journeys, stages, touchpoints and KPIs. Placeholders: put your
# own, then run `jcode schema --project` so that editors offer them.
owners:
  marketing:
    name: {_scalar(words["marketing"])}
  sales:
    name: {_scalar(words["sales"])}
  customer-care:
    name: {_scalar(words["customer-care"])}
    contact: care@example.com
# The customers the journeys are about; a placeholder too.
personas:
  first-time-buyer:
    name: {_scalar(words["persona"])}
    description: {_scalar(words["persona-description"])}
# A rule's severity can be changed, or the rule turned off, for example:
# rules:
#   stage-without-kpi: off
"""


def starter_journey(settings: InitSettings) -> str:
    """The example journey: every field of the format in use, one stage per phase of the
    chosen built-in model, and no finding at any severity."""
    words = _WORDS[settings.language]
    stages = "".join(
        _STAGES[settings.language][role].replace("@PHASE@", phase.id)
        for phase, role in zip(PHASE_MODELS[settings.phases], _ROLES[settings.phases], strict=True)
        if role
    )
    comment = textwrap.fill(
        words["starter-comment"], 90, initial_indent="# ", subsequent_indent="# "
    )
    summary = textwrap.fill(
        words["starter-summary"], 90, initial_indent="  ", subsequent_indent="  "
    )
    text = f"""\
{MODELINE}
{comment}
id: {STARTER_ID}
title: {_scalar(words["starter-title"])}
summary: >
{summary}
persona: first-time-buyer
owner: sales
status: draft
tags: [example]
stages:
{stages}"""
    _check(text)
    return text


# The example's stage for each phase of a built-in model, by the part it plays; "" leaves an
# optional phase out.
_ROLES: dict[str, tuple[str, ...]] = {
    "seven-stage": ("find", "compare", "", "buy", "receive", "return", "recommend"),
    "five-stage": ("find", "compare", "buy", "receive", "return"),
    "four-stage": ("find", "compare", "buy", "receive"),
}

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "marketing": "Marketing",
        "sales": "Sales",
        "customer-care": "Customer care",
        "persona": "First-time buyer",
        "persona-description": "Has never bought from us and compares us with other shops.",
        "starter-comment": (
            "An example from `jcode init`: make it one of your journeys, or delete it once "
            "you have your own."
        ),
        "starter-title": "A first order from our online shop",
        "starter-summary": (
            "A customer who has never bought from us finds the shop, compares, orders, "
            "receives the goods and comes back."
        ),
    },
    "it": {
        "marketing": "Marketing",
        "sales": "Vendite",
        "customer-care": "Servizio clienti",
        "persona": "Cliente alla prima volta",
        "persona-description": "Non ha mai comprato da noi e ci confronta con altri negozi.",
        "starter-comment": (
            "Un esempio di `jcode init`: fatene una delle vostre journey, o cancellatelo "
            "quando avrete le vostre."
        ),
        "starter-title": "Il primo ordine nel negozio online",
        "starter-summary": (
            "Un cliente che non ha mai comprato da noi trova il negozio, confronta, ordina, "
            "riceve la merce e torna."
        ),
    },
}

_STAGES: dict[str, dict[str, str]] = {
    "en": {
        "find": """\
  - id: finding-us
    name: Finding the shop
    phase: @PHASE@
    goal: Find a shop that sells what they need
    emotion: 0
    owner: marketing
    touchpoints:
      - {id: search-ads, name: Search ads, channel: search}
      - id: friend-tip
        name: A friend's recommendation
        channel: word-of-mouth
        managed_by: third-party
    kpis:
      - id: search-visits
        name: Visits from search
        unit: visits
        direction: increase
        baseline: 1200
        target: 1500
        source: Web analytics
""",
        "compare": """\
  - id: comparing
    name: Comparing offers
    phase: @PHASE@
    goal: Choose the right product at the right price
    emotion: -1
    owner: marketing
    touchpoints:
      - {id: product-pages, name: Product pages, channel: web}
      - {id: reviews, name: Independent reviews, channel: reviews, managed_by: third-party}
    pain_points:
      - Delivery costs appear only at checkout
    opportunities:
      - Show delivery costs on every product page
    kpis:
      - id: add-to-cart
        name: Add-to-cart rate
        unit: "%"
        direction: increase
        baseline: 6
        target: 8
""",
        "buy": """\
  - id: ordering
    name: Placing the order
    phase: @PHASE@
    goal: Pay and know when the order will arrive
    emotion: 1
    touchpoints:
      - {id: checkout, name: Online checkout, channel: web}
      - {id: live-chat, name: Live chat, channel: chat, owner: customer-care}
    kpis:
      - id: checkout-conversion
        name: Checkout conversion
        unit: "%"
        direction: increase
        baseline: 45
        target: 55
""",
        "receive": """\
  - id: delivery
    name: Delivery
    phase: @PHASE@
    goal: Receive the order on time and undamaged
    emotion: 1
    owner: customer-care
    touchpoints:
      - {id: tracking-emails, name: Delivery tracking emails, channel: email}
      - {id: survey, name: Satisfaction survey, channel: email, feedback: true}
    kpis:
      - id: csat
        name: Customer satisfaction
        unit: score
        direction: increase
        baseline: 4.2
        target: 4.5
      - id: late-deliveries
        name: Late deliveries
        unit: "%"
        direction: decrease
        baseline: 8
        target: 4
""",
        "return": """\
  - id: coming-back
    name: Coming back
    phase: @PHASE@
    goal: Find a reason to order again
    emotion: 1
    owner: marketing
    touchpoints:
      - {id: newsletter, name: Newsletter, channel: email}
    kpis:
      - id: repeat-orders
        name: Repeat orders within 12 months
        unit: "%"
        direction: increase
        baseline: 15
        target: 20
""",
        "recommend": """\
  - id: recommending
    name: Recommending us
    phase: @PHASE@
    goal: Tell others about a good experience
    emotion: 2
    owner: marketing
    touchpoints:
      - {id: review-request, name: Review request after 30 days, channel: email, feedback: true}
    kpis:
      - id: nps
        name: Net Promoter Score
        unit: score
        direction: increase
        baseline: 30
        target: 40
""",
    },
    "it": {
        "find": """\
  - id: finding-us
    name: La scoperta del negozio
    phase: @PHASE@
    goal: Trovare un negozio che venda quello che cerca
    emotion: 0
    owner: marketing
    touchpoints:
      - {id: search-ads, name: Annunci sui motori di ricerca, channel: search}
      - id: friend-tip
        name: Il consiglio di un amico
        channel: word-of-mouth
        managed_by: third-party
    kpis:
      - id: search-visits
        name: Visite dalla ricerca
        unit: visite
        direction: increase
        baseline: 1200
        target: 1500
        source: Statistiche del sito
""",
        "compare": """\
  - id: comparing
    name: Il confronto delle offerte
    phase: @PHASE@
    goal: Scegliere il prodotto giusto al prezzo giusto
    emotion: -1
    owner: marketing
    touchpoints:
      - {id: product-pages, name: Schede prodotto, channel: web}
      - {id: reviews, name: Recensioni indipendenti, channel: reviews, managed_by: third-party}
    pain_points:
      - Le spese di spedizione compaiono solo al checkout
    opportunities:
      - Mostrare le spese di spedizione già nella scheda prodotto
    kpis:
      - id: add-to-cart
        name: Aggiunte al carrello
        unit: "%"
        direction: increase
        baseline: 6
        target: 8
""",
        "buy": """\
  - id: ordering
    name: L'ordine
    phase: @PHASE@
    goal: Pagare e sapere quando arriverà l'ordine
    emotion: 1
    touchpoints:
      - {id: checkout, name: Checkout online, channel: web}
      - {id: live-chat, name: Chat con il servizio clienti, channel: chat, owner: customer-care}
    kpis:
      - id: checkout-conversion
        name: Conversione del checkout
        unit: "%"
        direction: increase
        baseline: 45
        target: 55
""",
        "receive": """\
  - id: delivery
    name: La consegna
    phase: @PHASE@
    goal: Ricevere l'ordine integro e in tempo
    emotion: 1
    owner: customer-care
    touchpoints:
      - {id: tracking-emails, name: Email di tracciamento, channel: email}
      - {id: survey, name: Questionario di soddisfazione, channel: email, feedback: true}
    kpis:
      - id: csat
        name: Soddisfazione dei clienti
        unit: punteggio
        direction: increase
        baseline: 4.2
        target: 4.5
      - id: late-deliveries
        name: Consegne in ritardo
        unit: "%"
        direction: decrease
        baseline: 8
        target: 4
""",
        "return": """\
  - id: coming-back
    name: Il ritorno
    phase: @PHASE@
    goal: Trovare un motivo per ordinare di nuovo
    emotion: 1
    owner: marketing
    touchpoints:
      - {id: newsletter, name: Newsletter, channel: email}
    kpis:
      - id: repeat-orders
        name: Riacquisto entro 12 mesi
        unit: "%"
        direction: increase
        baseline: 15
        target: 20
""",
        "recommend": """\
  - id: recommending
    name: Il passaparola
    phase: @PHASE@
    goal: Raccontare ad altri una buona esperienza
    emotion: 2
    owner: marketing
    touchpoints:
      - id: review-request
        name: Richiesta di recensione dopo 30 giorni
        channel: email
        feedback: true
    kpis:
      - id: nps
        name: Net Promoter Score
        unit: punteggio
        direction: increase
        baseline: 30
        target: 40
""",
    },
}

_ACTION = REPO_URL.removeprefix("https://github.com/")
PRE_COMMIT = f"""\
# Lint the journeys before each commit: run `pre-commit install` once in each clone.
repos:
  - repo: {REPO_URL}
    rev: v{__version__}
    hooks:
      - id: jcode-lint
"""
# The workflow is a file of the package, so that the README can show it as it is; the one
# placeholder is replaced rather than formatted, for GitHub's `${{ }}` expressions.
WORKFLOW_TEMPLATE = Path(__file__).parent / "init_files" / "github-workflow.yml"


def workflow() -> str:
    """The GitHub workflow `jcode init` writes: the template, using this version's action."""
    template = WORKFLOW_TEMPLATE.read_text(encoding="utf-8")
    return template.replace("{action}", f"{_ACTION}@v{__version__}")
