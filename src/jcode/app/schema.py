"""`jcode schema`: the published JSON Schemas, and the project schema written for editors."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from jcode.app.project import CANNOT_WRITE, declared_project, shown
from jcode.errors import JcodeError
from jcode.i18n import Template
from jcode.layout import PROJECT_SCHEMA_PATH
from jcode.record import Record

CANNOT_READ = Template("error.schema.cannot-read", "cannot read '{path}': {reason}")
NOT_OURS = Template(
    "error.schema.not-ours",
    "'{path}' exists and was not written by `jcode schema --project`; refusing to replace it "
    "(choose another --out, or remove it yourself)",
)


def published_schema(config_schema: bool = False) -> str:
    """The JSON Schema of journey files, or of jcode.yaml."""
    from jcode.schema import SCHEMA_FILES, render  # imports pydantic

    models = list(SCHEMA_FILES.values())  # the journey's, then jcode.yaml's
    return render(models[1] if config_schema else models[0])


class SchemaWritten(Record):
    __slots__ = ("changed", "path")

    def __init__(self, path: Path, changed: bool) -> None:
        self.path: Final = path
        self.changed: Final = changed  # False: the file was up to date, and left alone


def write_project_schema(out: Path | None, config_file: Path | None) -> SchemaWritten:
    """Write the project schema of the jcode.yaml in use (to schema/journey.schema.json beside
    it, or to `out`); a file that `jcode schema --project` did not write is never replaced."""
    from jcode.project_schema import is_project_schema, render

    project = declared_project(config_file)
    target = out if out is not None else project.root / PROJECT_SCHEMA_PATH
    text = render(project)
    if target.exists():
        try:
            before = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise JcodeError(CANNOT_READ(path=shown(target), reason=str(exc))) from None
        if not is_project_schema(before):
            raise JcodeError(NOT_OURS(path=shown(target)))
        if before == text:
            return SchemaWritten(target, changed=False)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise JcodeError(CANNOT_WRITE(path=shown(target), reason=str(exc.strerror))) from None
    return SchemaWritten(target, changed=True)
