"""`jcode import`: sheets and Mermaid diagrams into journey files under journeys/.

Everything is read, placed and checked before anything is written: a file or a journey id that
exists already, two sources that make one journey id, a --phase that names no section, bad input
anywhere: each stops the import with nothing written (exit 2). The new files are linted with
the project's others, as `jcode lint` will read them, and the result is returned for the CLI to
show. Written with "x" (never over a file); if one cannot be written, those written before it
are removed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Final

from jcode import i18n
from jcode.app.project import CANNOT_WRITE, declared_project, shown
from jcode.authoring import journey_path
from jcode.collect import collect_files
from jcode.errors import JcodeError
from jcode.i18n import Catalog, Template
from jcode.importing import mermaid
from jcode.importing.draft import JourneyDraft
from jcode.importing.names import Names, key
from jcode.importing.source import Source, read
from jcode.importing.table import Sheet
from jcode.importing.writer import Noted, journey_yaml
from jcode.layout import JOURNEYS
from jcode.linter import JourneyFile, LintResult, lint
from jcode.record import Record
from jcode.spec import Project, ProjectPhase
from jcode.text import printable, show

FORMATS = ("csv", "mermaid")
NEITHER = Template(
    "error.import.neither",
    "neither a CSV sheet nor a Mermaid journey; give --format csv or --format mermaid",
)
NOT_A_FILE = Template("error.import.not-a-file", "'{path}' is not a file")
TWICE = Template(
    "error.import.twice", "journey id '{journey}' is made by both {first} and {second}"
)
UNUSED_PHASE = Template(
    "error.import.unused-phase", "--phase '{section}': no section or stage is named so"
)
HEADER = Template("import.header", "Imported by `jcode import` from {sources}.")
HEADER_ACTORS = Template(
    "import.header.actors",
    "Mermaid actors to map to the personas and teams of jcode.yaml (`persona:`, a step's "
    "`actor:`): {actors}",
)
TODO_TITLE = Template("import.todo.title", "TODO: the journey's title")
TODO_PHASE = Template("import.todo.phase", "TODO: the phase of this stage, one of {phases}")
TODO = "todo"  # the phase of a stage the user is to place: lint reports it until it is set

_MERMAID_SUFFIXES = {".mmd", ".mermaid", ".md", ".markdown"}
_CSV_SUFFIXES = {".csv", ".tsv", ".txt"}

# Asked on a terminal: the phase of a section (its name, the project's phases); None: left TODO.
Ask = Callable[[str, tuple[ProjectPhase, ...]], str | None]


class ImportRequest(Record):
    __slots__ = ("ask", "config_file", "dry_run", "fmt", "paths", "phases", "today")

    def __init__(
        self,
        paths: Sequence[Path],
        fmt: str | None = None,
        phases: Sequence[tuple[str, str]] = (),
        *,
        dry_run: bool = False,
        config_file: Path | None = None,
        ask: Ask | None = None,
        today: date | None = None,
    ) -> None:
        self.paths: Final = tuple(paths)
        self.fmt: Final = fmt  # None: told by each file's name, else by its content
        self.phases: Final = tuple(phases)  # (section, phase) from --phase SECTION=PHASE
        self.dry_run: Final = dry_run
        self.config_file: Final = config_file
        self.ask: Final = ask
        self.today: Final = today


class NewFile(Record):
    """A journey file the import writes (or would, with --dry-run)."""

    __slots__ = ("actors", "counts", "path", "sources", "text", "todo_phases")

    def __init__(
        self,
        path: Path,
        text: str,
        counts: dict[str, int],
        sources: Sequence[str],
        actors: Sequence[str],
        todo_phases: int,
    ) -> None:
        self.path: Final = path
        self.text: Final = text
        self.counts: Final = counts  # stages, steps, touchpoints, kpis
        self.sources: Final = tuple(sources)
        self.actors: Final = tuple(actors)  # Mermaid actors no persona or team matched
        self.todo_phases: Final = todo_phases  # stages left with phase TODO


class Imported(Record):
    __slots__ = ("files", "lint", "not_utf8", "written")

    def __init__(
        self,
        files: Sequence[NewFile],
        lint: LintResult,
        not_utf8: Sequence[tuple[str, str]],
        written: bool,
    ) -> None:
        self.files: Final = tuple(files)
        self.lint: Final = lint  # the new files as `jcode lint` will read them
        self.not_utf8: Final = tuple(not_utf8)  # (file, the encoding it was read in)
        self.written: Final = written


def import_journeys(request: ImportRequest) -> Imported:
    project = declared_project(request.config_file)
    names = Names(project)
    words = i18n.catalog(project.config.site.language)  # the files' notes: the site's language
    sources = [_read(path) for path in request.paths]
    journeys = _journeys(sources, request.fmt, names, words)
    _place_phases(journeys, request, project, names, words)
    files = [_new_file(journey, project, words) for journey in journeys]
    result = _lint(files, project, request.today)
    if not request.dry_run:
        _write(files)
    not_utf8 = [(s.name, s.encoding) for s in sources if s.encoding is not None]
    return Imported(files, result, not_utf8, not request.dry_run)


def _read(path: Path) -> Source:
    if path.is_dir():
        raise JcodeError(NOT_A_FILE(path=printable(str(path))))
    return read(path)


def _journeys(
    sources: list[Source], fmt: str | None, names: Names, words: Catalog
) -> list[JourneyDraft]:
    """The journeys of every source, rows of one journey in several sheets together."""
    from_sheets: dict[str, JourneyDraft] = {}
    journeys: list[JourneyDraft] = []
    for source in sources:
        if _format(source, fmt) == "csv":
            sheet = Sheet(source, names)
            before = set(from_sheets)
            sheet.read_into(from_sheets)
            journeys.extend(from_sheets[j] for j in from_sheets if j not in before)
        else:
            journeys.extend(mermaid.read(source, names, words))
    made: dict[str, JourneyDraft] = {}
    for journey in journeys:
        other = made.setdefault(journey.id, journey)
        if other is not journey:
            first, second = other.sources[0], journey.sources[0]
            raise JcodeError(TWICE(journey=journey.id, first=first, second=second))
    return journeys


def _format(source: Source, fmt: str | None) -> str:
    if fmt is not None:
        return fmt
    suffix = Path(source.name).suffix.lower()
    if suffix in _MERMAID_SUFFIXES:
        return "mermaid"
    if suffix in _CSV_SUFFIXES:
        return "csv"
    if mermaid.is_mermaid(source.text):
        return "mermaid"
    first = source.text.split("\n", 1)[0]
    if any(d in first for d in (",", ";", "\t")):
        return "csv"
    raise source.error(1, 1, NEITHER())


def _place_phases(
    journeys: list[JourneyDraft],
    request: ImportRequest,
    project: Project,
    names: Names,
    words: Catalog,
) -> None:
    """The phase of each stage that has none: --phase, else the answer on a terminal, else TODO."""
    given = {key(section): phase for section, phase in request.phases}
    used: set[str] = set()
    choices = ", ".join(p.id for p in project.phases)
    for journey in journeys:
        for stage in journey.stages.values():
            fields = stage.fields.values
            if "phase" in fields:
                continue
            section = next(
                (k for k in (key(fields["name"]), key(fields["id"])) if k in given), None
            )
            phase = given[section] if section is not None else None
            if section is not None:
                used.add(section)
            elif request.ask is not None:
                phase = request.ask(str(fields["name"]), project.phases)
            fields["phase"] = (
                names.phase(phase) if phase else Noted(TODO, words(TODO_PHASE, phases=choices))
            )
    for section, _ in request.phases:
        if key(section) not in used:
            raise JcodeError(UNUSED_PHASE(section=show(section)))


def _new_file(journey: JourneyDraft, project: Project, words: Catalog) -> NewFile:
    path = journey_path(project, journey.id, "import")
    fields = journey.fields.values
    if "title" not in fields:
        fields["title"] = Noted(journey.id.replace("-", " ").capitalize(), words(TODO_TITLE))
    header = [words(HEADER, sources=", ".join(journey.sources))]
    if journey.actors:
        header.append(words(HEADER_ACTORS, actors=", ".join(journey.actors)))
    draft = journey.draft()
    stages = draft["stages"]
    counts = {
        kind: sum(len(stage.get(kind, ())) for stage in stages)
        for kind in ("steps", "touchpoints", "kpis")
    }
    todo = sum(1 for stage in stages if isinstance(stage.get("phase"), Noted))
    return NewFile(
        path,
        journey_yaml(draft, header),
        {"stages": len(stages), **counts},
        journey.sources,
        journey.actors,
        todo,
    )


def _lint(files: list[NewFile], project: Project, today: date | None) -> LintResult:
    """The new files as lint will read them: with the project's others, for the rules across
    journeys; only theirs are returned."""
    folder = project.root / JOURNEYS
    existing = collect_files([folder]) if folder.is_dir() else []
    new = [(shown(f.path), f.text.encode("utf-8")) for f in files]
    result = lint([*existing, *new], project, today)
    mine = {path for path, _ in new}
    kept: list[JourneyFile] = [f for f in result.files if f.path in mine]
    return LintResult(kept, [])


def _write(files: list[NewFile]) -> None:
    written: list[Path] = []
    for file in files:
        try:
            file.path.parent.mkdir(parents=True, exist_ok=True)
            with file.path.open("x", encoding="utf-8", newline="\n") as stream:
                stream.write(file.text)
        except OSError as exc:
            for path in written:  # all or nothing
                path.unlink(missing_ok=True)
            raise JcodeError(
                CANNOT_WRITE(path=shown(file.path), reason=str(exc.strerror))
            ) from None
        written.append(file.path)
