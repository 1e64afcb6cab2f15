"""Find and load jcode.yaml; resolve it into a Project. Problems here are exit 2, not findings."""

from __future__ import annotations

from pathlib import Path

from jcode.errors import JcodeError
from jcode.findings import RuleId, Severity, rule_id
from jcode.i18n import Arg, Message, Template
from jcode.layout import CONFIG_NAME
from jcode.loader import decode, load
from jcode.spec import BUILTIN_CHANNELS, PHASE_MODELS, Config, Project
from jcode.spec import parse_config as parse_config_data
from jcode.text import closest, show

AT = Template("config.at", "{file}:{line}:{column}: {problem}")
MISSING = Template("config.missing", "config file '{path}' does not exist")
UNREADABLE = Template("config.unreadable", "cannot read config '{path}': {reason}")
NOT_A_MAPPING = Template("config.not-a-mapping", "jcode.yaml should be a mapping of settings")
INVALID = Template("config.invalid", "invalid configuration:\n{errors}")
NEXT_LINE = Template("config.invalid.next", "{earlier}\n{last}")
UNKNOWN_MODEL = Template(
    "config.unknown-phase-model",
    "unknown phase model '{model}' (built-in: {models}, or a list of phases)",
)
UNKNOWN_MODEL_HINT = Template(
    "config.unknown-phase-model.hint",
    "unknown phase model '{model}'; did you mean '{hint}'? (built-in: {models}, or a list of "
    "phases)",
)
NO_PHASES = Template("config.no-phases", "the phase list is empty")
REPEATED_PHASE = Template("config.repeated-phase", "phase id '{phase}' is repeated")
CHANNEL_MODE = Template(
    "config.channel-mode",
    "channel '{channel}' needs a mode, as the catalog has no channel of that id: add "
    "'mode: online' or 'mode: offline' under it",
)
UNKNOWN_RULE = Template("config.unknown-rule", "unknown rule '{rule}' under 'rules'")
UNKNOWN_RULE_HINT = Template(
    "config.unknown-rule.hint", "unknown rule '{rule}' under 'rules'; did you mean '{hint}'?"
)


def find_config(start: Path) -> Path | None:
    """The nearest jcode.yaml in `start` or one of its parents."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_project(config_file: Path | None, search_from: Path | None = None) -> Project:
    """Load the given config file, else the one found upward from `search_from`, else defaults."""
    path = config_file
    if path is None:
        path = find_config(search_from or Path.cwd())
    elif not path.is_file():
        raise JcodeError(MISSING(path=str(path)))
    if path is None:
        return default_project(search_from or Path.cwd())
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise JcodeError(UNREADABLE(path=str(path), reason=str(exc.strerror))) from None
    return parse_config_bytes(raw, path)


def default_project(root: Path) -> Project:
    """The built-in settings, for a project without jcode.yaml."""
    return Project.resolve(Config(), {}, None, root)


def parse_config_bytes(raw: bytes, path: Path) -> Project:
    """A jcode.yaml's content (from disk or from a git revision), named by `path` in messages."""
    text, problem = decode(raw)
    if problem is not None:
        raise _at(str(path), problem.position or (1, 1), problem.message)
    assert text is not None
    return parse_config(text, path)


def parse_config(text: str, path: Path) -> Project:
    doc = load(text)
    name = str(path)
    for problem in doc.problems:  # a syntax error or a duplicate key: either makes it unreliable
        raise _at(name, problem.position or (1, 1), problem.message)
    data = {} if doc.empty or doc.data is None else doc.data
    if not isinstance(data, dict):
        raise _at(name, (1, 1), NOT_A_MAPPING())
    config = parse_config_data(data)
    if config is None:
        from jcode.explain_config import config_errors  # pydantic: for bad files only

        errors: Message | None = None
        for error in config_errors(doc, name):
            errors = error if errors is None else NEXT_LINE(earlier=errors, last=error)
        raise JcodeError(INVALID(errors=errors or ""))

    if isinstance(config.phases, str) and config.phases not in PHASE_MODELS:
        hint = closest(config.phases, PHASE_MODELS)
        said = {"model": show(config.phases), "models": ", ".join(PHASE_MODELS)}
        unknown = UNKNOWN_MODEL_HINT(**said, hint=hint) if hint else UNKNOWN_MODEL(**said)
        raise _at(name, doc.position("/phases"), unknown)
    if isinstance(config.phases, tuple):
        if not config.phases:
            raise _at(name, doc.position("/phases"), NO_PHASES())
        seen: set[str] = set()
        for i, phase in enumerate(config.phases):
            if phase.id in seen:
                where = doc.position(f"/phases/{i}/id")
                raise _at(name, where, REPEATED_PHASE(phase=phase.id))
            seen.add(phase.id)

    for cid, spec in config.channels.items():
        if spec.mode is None and cid not in BUILTIN_CHANNELS:
            raise _at(name, doc.key_position(f"/channels/{cid}"), CHANNEL_MODE(channel=cid))

    severities: dict[RuleId, Severity | None] = {}
    for name_given, setting in config.rules.items():
        rule = rule_id(name_given)
        if rule is None:
            hint = closest(name_given, RuleId)
            shown = show(name_given)
            unknown = UNKNOWN_RULE_HINT(rule=shown, hint=hint) if hint else UNKNOWN_RULE(rule=shown)
            raise _at(name, doc.key_position(f"/rules/{name_given}"), unknown)
        severities[rule] = None if setting in ("off", False) else setting  # type: ignore[assignment]
    return Project.resolve(config, severities, path, path.parent)


def _at(name: str, position: tuple[int, int], problem: Arg) -> JcodeError:
    """An error at a place in jcode.yaml."""
    line, column = position
    return JcodeError(AT(file=name, line=line, column=column, problem=problem))
