"""Files that jcode writes for people to edit: a new journey skeleton (`jcode new`, returned
as text for the CLI to write) and a new journeys repository (`jcode init`, written here, as
jcode.site writes the site). Nothing here prints; what the user can fix is a JcodeError.

The files come from the Jinja2 templates in templates/, one structure for every language; their
words are templates of jcode.authoring_words, in the site's language. Every journey is checked
the way `jcode lint` reads it before it is written, so a skeleton is always a valid journey, and
every journey file starts with the modeline that gives editors the schema.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import jinja2
import yaml

from jcode import ISSUES_URL, __version__, i18n
from jcode.authoring_words import INIT, NEW, Words
from jcode.collect import collect_files, journey_ids
from jcode.config import load_project, parse_config
from jcode.errors import JcodeError
from jcode.i18n import Arg, Catalog, Template
from jcode.layout import CONFIG_NAME, JOURNEYS, PROJECT_SCHEMA_PATH
from jcode.loader import load
from jcode.project_schema import render as render_project_schema
from jcode.record import Record
from jcode.rules.parsing import validate
from jcode.spec import PHASE_MODELS, Project, ProjectPhase
from jcode.spec.values import ID_MAX, ID_PATTERN
from jcode.text import show

MODELINE = "# yaml-language-server: $schema=../schema/journey.schema.json"
_ID_RE = re.compile(ID_PATTERN)

INVALID_ID = Template(
    "error.new.invalid-id",
    "'{value}' is not a valid {what}: lowercase letters a-z, digits and hyphens, starting with "
    "a letter or digit, at most {max} characters",
)
# What an id given to `jcode new` names, in INVALID_ID.
JOURNEY_ID = Template("phrase.journey-id", "journey id")
PERSONA_ID = Template("phrase.persona-id", "persona")
OWNER_ID = Template("phrase.owner-id", "owner")
RESERVED_ID = Template(
    "error.new.reserved-id", "'jcode' cannot be a journey id: jcode.yaml is never read as a journey"
)
FILE_TAKEN = Template(
    "error.new.file-taken", "{path} already exists; jcode {command} never replaces a file"
)
ID_TAKEN = Template("error.new.id-taken", "journey id '{journey}' is already used in {path}")
UNDECLARED_PERSONA = Template(
    "error.new.undeclared-persona",
    "persona '{persona}' is not declared in jcode.yaml (declared: {declared})",
)
UNDECLARED_OWNER = Template(
    "error.new.undeclared-owner",
    "owner '{owner}' is not declared in jcode.yaml (declared: {declared})",
)
INVALID_JOURNEY = Template("error.new.invalid-journey", "the journey would not be valid: {reasons}")
REASONS = Template("phrase.reasons", "{earlier}; {last}")  # the reasons, one after the other
NOT_A_FOLDER = Template("error.init.not-a-folder", "'{folder}' exists and is not a folder")
CANNOT_WRITE_INTO = Template("error.init.cannot-write", "cannot write into '{folder}': {reason}")


def check_id(value: str, what: Template) -> None:
    """An error unless `value` is an id; `what` names what it is the id of."""
    if len(value) > ID_MAX or not _ID_RE.fullmatch(value):
        raise JcodeError(INVALID_ID(value=show(value), what=what(), max=ID_MAX))


def journey_path(project: Project, journey_id: str, command: str = "new") -> Path:
    """Where `jcode new` (or `jcode import`) writes a journey; an error when the id or the file
    is taken."""
    check_id(journey_id, JOURNEY_ID)
    if journey_id == "jcode":
        raise JcodeError(RESERVED_ID())
    folder = project.root / JOURNEYS
    for name in (f"{journey_id}.yaml", f"{journey_id}.yml"):
        taken = folder / name
        if taken.exists() or taken.is_symlink():
            raise JcodeError(FILE_TAKEN(path=f"{JOURNEYS}/{name}", command=command))
    holder = journey_ids(collect_files([folder]) if folder.is_dir() else []).get(journey_id)
    if holder is not None:
        raise JcodeError(ID_TAKEN(journey=journey_id, path=holder))
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
    if persona is not None:
        check_id(persona, PERSONA_ID)
        if config.personas and persona not in config.personas:
            declared = ", ".join(config.personas)
            raise JcodeError(UNDECLARED_PERSONA(persona=persona, declared=declared))
    if owner is not None:
        check_id(owner, OWNER_ID)
        if config.owners and owner not in config.owners:
            raise JcodeError(UNDECLARED_OWNER(owner=owner, declared=", ".join(config.owners)))
    text = _render(
        "new-journey.yaml.j2",
        id=journey_id,
        title=title,
        owner=owner,
        persona=persona,
        owners=", ".join(config.owners),
        personas=", ".join(config.personas),
        phase_model=project.phase_model,
        phases=_phases_to_cover(project),
        todo=NEW,
        words=INIT,
        say=_sayer(i18n.catalog(config.site.language)),
    )
    _check(text)
    return text


def _sayer(catalog: Catalog) -> Callable[..., str]:
    """A template rendered in a language, as a Jinja template calls it: `say(todo.goal)`."""

    def say(template: Template, **args: Arg) -> str:
        return catalog(template, **args)

    return say


def _phases_to_cover(project: Project) -> tuple[ProjectPhase, ...]:
    required = tuple(p for p in project.phases if not p.optional)
    return required or project.phases  # a model of optional phases only: offer them all


def scalar(text: str, flow: bool = False) -> str:
    """Text as a YAML scalar, as a mapping's value (in a `{flow: mapping}` if `flow`): plain
    when YAML reads it back unchanged, else double-quoted (a JSON string is a valid YAML
    double-quoted scalar, escapes included)."""
    probe = f"{{key: {text}}}" if flow else f"key: {text}"
    try:
        plain = yaml.safe_load(probe) == {"key": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def _check(text: str) -> None:
    """Refuse to write a journey that `jcode lint` would not read as one (a title with control
    characters or too long, say), with the reason."""
    document = load(text)
    journey, problems = validate(document)
    if journey is None or document.problems:
        reasons: list[Arg] = [p.message for p in (*document.problems, *problems)]
        joined = reasons[0] if reasons else ""
        for reason in reasons[1:]:
            joined = REASONS(earlier=joined, last=reason)
        raise JcodeError(INVALID_JOURNEY(reasons=joined))


# jcode init ---------------------------------------------------------------------------------

STARTER_ID = "first-order"
REPO_URL = ISSUES_URL.removesuffix("/issues")
_ACTION = REPO_URL.removeprefix("https://github.com/")


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
        raise JcodeError(NOT_A_FOLDER(folder=str(folder)))
    config_path = folder / CONFIG_NAME
    starter = Path(JOURNEYS, f"{STARTER_ID}.yaml")
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
    words = _words(settings.language)
    files[Path(".pre-commit-config.yaml")] = _render(
        "pre-commit-config.yaml.j2", repo_url=REPO_URL, version=__version__, words=words
    )
    files[Path(".github", "workflows", "jcode.yml")] = _render(
        "github-workflow.yml.j2", action=f"{_ACTION}@v{__version__}", words=words
    )
    done = Scaffold()
    try:
        (folder / JOURNEYS).mkdir(parents=True, exist_ok=True)
        for relative, text in files.items():
            path = folder / relative
            if path.exists() or path.is_symlink():
                done.skipped.append(relative.as_posix())
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            done.created.append(relative.as_posix())
        _ignore_site(folder / ".gitignore", done, words)
    except OSError as exc:
        raise JcodeError(CANNOT_WRITE_INTO(folder=str(folder), reason=str(exc.strerror))) from None
    return done


def _ignore_site(path: Path, done: Scaffold, words: Any) -> None:
    """`/site/` in .gitignore: the built site is not source. Appended to an existing file."""
    if not path.exists():
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(_render("gitignore.j2", words=words))
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
    return _render(
        "jcode.yaml.j2",
        title=settings.title,
        language=settings.language,
        phases=settings.phases,
        words=_words(settings.language),
    )


def starter_journey(settings: InitSettings) -> str:
    """The example journey: every field of the format in use, one stage per phase of the
    chosen built-in model, and no finding at any severity."""
    roles = _ROLES[settings.phases]
    phase = {
        role: p.id for p, role in zip(PHASE_MODELS[settings.phases], roles, strict=True) if role
    }
    text = _render(
        "example-journey.yaml.j2",
        id=STARTER_ID,
        phase=phase,
        words=_words(settings.language),
    )
    _check(text)
    return text


# The example's stage for each phase of a built-in model, by the part it plays; "" leaves an
# optional phase out.
_ROLES: dict[str, tuple[str, ...]] = {
    "seven-stage": ("find", "compare", "", "buy", "receive", "return", "recommend"),
    "five-stage": ("find", "compare", "buy", "receive", "return"),
    "four-stage": ("find", "compare", "buy", "receive"),
}


# The templates ------------------------------------------------------------------------------

TEMPLATES = Path(__file__).parent / "templates"
LINE_LENGTH = 100  # the longest touchpoint of the example on one line, as jcode's own code


def _words(language: str) -> Any:
    """The words of `jcode init`'s files in `language` (English where its catalog lacks one),
    as the templates read them: `words.stages.find.name`."""
    return _rendered(INIT, i18n.catalog(language))


def _rendered(words: Words, catalog: Catalog) -> dict[str, Any]:
    return {
        key: catalog(word) if isinstance(word, Template) else _rendered(word, catalog)
        for key, word in words.items()
    }


def _comment(text: str) -> str:
    """Text as comment lines, broken where it breaks."""
    return "\n".join(f"# {line}" if line else "#" for line in text.splitlines())


def _oneline(text: str) -> str:
    """Text for a comment at the end of a line: on that line, whatever a translation holds."""
    return " ".join(text.split())


def _wrap(text: str, prefix: str) -> str:
    """A paragraph in lines of at most 90 columns, each starting with `prefix`."""
    return textwrap.fill(text, 90, initial_indent=prefix, subsequent_indent=prefix)


def _touchpoint(**fields: str) -> str:
    """A touchpoint of the example as a person writes it: on one line when it fits, else a
    field a line. The name is a word of the language, quoted where YAML would misread it;
    the other fields are the template's own."""

    def shown(flow: bool) -> list[str]:
        return [f"{k}: {scalar(v, flow) if k == 'name' else v}" for k, v in fields.items()]

    line = "      - {" + ", ".join(shown(flow=True)) + "}"
    return line if len(line) <= LINE_LENGTH else "      - " + "\n        ".join(shown(flow=False))


_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=False,  # YAML, not HTML: `|yaml` quotes a value where YAML would misread it
    undefined=jinja2.StrictUndefined,  # a word missing from a language is an error, not a blank
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENVIRONMENT.filters |= {"yaml": scalar, "wrap": _wrap, "comment": _comment, "oneline": _oneline}
_ENVIRONMENT.globals |= {"modeline": MODELINE, "touchpoint": _touchpoint}


def _render(template: str, **context: object) -> str:
    return _ENVIRONMENT.get_template(template).render(context)
