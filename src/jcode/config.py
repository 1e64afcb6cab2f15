"""Find and load jcode.yaml; resolve it into a Project. Problems here are exit 2, not findings."""

from __future__ import annotations

from pathlib import Path

from jcode.errors import JcodeError
from jcode.findings import RuleId, Severity, rule_id
from jcode.layout import CONFIG_NAME
from jcode.loader import decode, load
from jcode.spec import BUILTIN_CHANNELS, PHASE_MODELS, Config, Project
from jcode.spec import parse_config as parse_config_data
from jcode.text import closest, show


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
        raise JcodeError(f"config file '{path}' does not exist")
    if path is None:
        return default_project(search_from or Path.cwd())
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise JcodeError(f"cannot read config '{path}': {exc.strerror}") from None
    return parse_config_bytes(raw, path)


def default_project(root: Path) -> Project:
    """The built-in settings, for a project without jcode.yaml."""
    return Project.resolve(Config(), {}, None, root)


def parse_config_bytes(raw: bytes, path: Path) -> Project:
    """A jcode.yaml's content (from disk or from a git revision), named by `path` in messages."""
    text, problem = decode(raw)
    if problem is not None:
        line, column = problem.position or (1, 1)
        raise JcodeError(f"{path}:{line}:{column}: {problem.message}")
    assert text is not None
    return parse_config(text, path)


def parse_config(text: str, path: Path) -> Project:
    doc = load(text)
    name = str(path)
    for problem in doc.problems:  # a syntax error or a duplicate key: either makes it unreliable
        line, column = problem.position or (1, 1)
        raise JcodeError(f"{name}:{line}:{column}: {problem.message}")
    data = {} if doc.empty or doc.data is None else doc.data
    if not isinstance(data, dict):
        raise JcodeError(f"{name}:1:1: jcode.yaml should be a mapping of settings")
    config = parse_config_data(data)
    if config is None:
        from jcode.explain import config_errors  # pydantic: for bad files only

        errors = config_errors(doc, name)
        raise JcodeError("invalid configuration:\n" + "\n".join(errors))

    if isinstance(config.phases, str) and config.phases not in PHASE_MODELS:
        line, column = doc.position("/phases")
        hint = closest(config.phases, PHASE_MODELS)
        raise JcodeError(
            f"{name}:{line}:{column}: unknown phase model '{show(config.phases)}'"
            + (f"; did you mean '{hint}'?" if hint else "")
            + f" (built-in: {', '.join(PHASE_MODELS)}, or a list of phases)"
        )
    if isinstance(config.phases, tuple):
        if not config.phases:
            line, column = doc.position("/phases")
            raise JcodeError(f"{name}:{line}:{column}: the phase list is empty")
        seen: set[str] = set()
        for i, phase in enumerate(config.phases):
            if phase.id in seen:
                line, column = doc.position(f"/phases/{i}/id")
                raise JcodeError(f"{name}:{line}:{column}: phase id '{phase.id}' is repeated")
            seen.add(phase.id)

    for cid, spec in config.channels.items():
        if spec.mode is None and cid not in BUILTIN_CHANNELS:
            line, column = doc.key_position(f"/channels/{cid}")
            raise JcodeError(
                f"{name}:{line}:{column}: channel '{cid}' needs a mode, as the catalog has no "
                f"channel of that id: add 'mode: online' or 'mode: offline' under it"
            )

    severities: dict[RuleId, Severity | None] = {}
    for name_given, setting in config.rules.items():
        rule = rule_id(name_given)
        if rule is None:
            line, column = doc.key_position(f"/rules/{name_given}")
            hint = closest(name_given, RuleId)
            raise JcodeError(
                f"{name}:{line}:{column}: unknown rule '{show(name_given)}' under 'rules'"
                + (f"; did you mean '{hint}'?" if hint else "")
            )
        severities[rule] = None if setting in ("off", False) else setting  # type: ignore[assignment]
    return Project.resolve(config, severities, path, path.parent)
