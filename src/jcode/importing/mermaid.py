"""Mermaid `journey` diagrams into journeys: a .mmd file, or each `mermaid` fenced block of a
Markdown file that draws a journey.

Read as Mermaid's journey grammar reads it (mermaid's journeyDiagram lexer): `title`, `section`,
`accTitle:`, `accDescr:` (or `accDescr { ... }`), and tasks `text: score` or
`text: score: actor, actor`; `%%` and `#` start comments, front matter may give the title, and
entity codes (`#35;`, `#quot;`) are the characters they stand for. A section is a stage, a task
a step with its emotion (Mermaid's 1..5 as -2..2, a fraction to the nearest, half up). A
section whose name is a phase's takes that phase; the others are left for the import to settle.
Actors are names: each that names a declared persona or team becomes the step's actor (the
journey's persona when it is one), and the others are listed for the user to map.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from typing import Final

from jcode.i18n import Catalog, Template
from jcode.importing.draft import JourneyDraft, Place
from jcode.importing.names import Names, slug
from jcode.importing.source import Source
from jcode.importing.writer import Noted

NOT_A_TASK = Template(
    "error.import.mermaid.not-a-task",
    "not a line of a Mermaid journey: a task is `text: score` or `text: score: actor, actor`",
)
SCORE = Template(
    "error.import.mermaid.score", "'{score}' is not a score: Mermaid scores a task from 1 to 5"
)
OUTSIDE = Template(
    "error.import.mermaid.outside",
    "a task before the first `section`: jcode puts steps in stages; add a section above it",
)
NO_JOURNEY = Template(
    "error.import.mermaid.no-journey",
    "no Mermaid journey here: a .mmd file starting with `journey`, or a Markdown file with a "
    "```mermaid block that does",
)
UNCLOSED = Template(
    "error.import.mermaid.unclosed", "the `accDescr {{` block that starts here is never closed"
)
ACTORS_NOTE = Template("import.mermaid.actors", "actors: {actors}")

_ENTITY_RE = re.compile(r"#(\w+);")
_HIDDEN_RE = re.compile("\ue000(\\w+)\ue001")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*mermaid\b")
_TASK_RE = re.compile(r"([^#:;]+):([^#;]*)")
_COMMENT_RE = re.compile(r"%%(?!\{).*|#.*")
_DIRECTIVE_RE = re.compile(r"%%\{.*?\}%%")
MIN_SCORE, MAX_SCORE = 1, 5


class Block:
    """The lines of one diagram, with the number of the file's line before its first."""

    __slots__ = ("lines", "offset")

    def __init__(self, lines: list[str], offset: int) -> None:
        self.lines: Final = lines
        self.offset: Final = offset


def is_mermaid(text: str) -> bool:
    """Whether a file of no telling extension holds a journey diagram."""
    return bool(blocks(text))


def blocks(text: str) -> list[Block]:
    """The journey diagrams of a file: itself when it is one, else its fenced blocks."""
    lines = text.splitlines()
    if _starts_journey(lines):
        return [Block(lines, 0)]
    found: list[Block] = []
    n = 0
    while n < len(lines):
        match = _FENCE_RE.match(lines[n])
        n += 1
        if match is None:
            continue
        fence, start = match[1], n
        while n < len(lines) and not lines[n].strip().startswith(fence[0] * len(fence)):
            n += 1
        body = lines[start:n]
        n += 1
        if _starts_journey(body):
            found.append(Block(body, start))
    return found


def _starts_journey(lines: list[str]) -> bool:
    in_front = False
    for n, line in enumerate(lines):
        statement = _statement(line)
        if n == 0 and line.strip() == "---":
            in_front = True
            continue
        if in_front:
            in_front = line.strip() != "---"
            continue
        if statement:
            return statement.split(maxsplit=1)[0] == "journey"
    return False


def _statement(line: str) -> str:
    """A line without its comments and directives, its entity codes hidden (_decoded() shows
    them)."""
    # An entity code is hidden first, as Mermaid does: its `#` and `;` are no syntax.
    line = _ENTITY_RE.sub("\ue000\\1\ue001", _DIRECTIVE_RE.sub("", line))
    cut = _COMMENT_RE.search(line)
    return (line[: cut.start()] if cut else line).strip()


def read(source: Source, names: Names, catalog: Catalog) -> list[JourneyDraft]:
    """The journeys of a file; `catalog` speaks the language of the notes written for the
    reader (the site's)."""
    found = blocks(source.text)
    if not found:
        raise source.error(1, 1, NO_JOURNEY())
    journeys: list[JourneyDraft] = []
    for block in found:  # diagrams without a title are named by the file, -2, -3 after it
        journeys.append(_journey(source, block, names, catalog, [j.id for j in journeys]))
    return journeys


def _journey(
    source: Source, block: Block, names: Names, catalog: Catalog, taken: list[str]
) -> JourneyDraft:
    title: str | None = None
    summary: list[str] = []
    sections: list[tuple[str, Place]] = []
    tasks: list[tuple[int, str, float, list[str], Place]] = []  # (section, text, score, actors)
    lines = block.lines
    n = 0
    if lines and lines[0].strip() == "---":  # front matter: only its title matters here
        n = 1
        while n < len(lines) and lines[n].strip() != "---":
            front = re.match(r"title:\s*(.*)", lines[n].strip())
            title = _unquote(front[1]) if front else title
            n += 1
        n += 1
    started = False
    while n < len(lines):
        line_no = block.offset + n + 1
        raw = lines[n]
        n += 1
        statement = _statement(raw)
        if not statement:
            continue
        column = raw.find(statement[0]) + 1
        place = Place(source, line_no, column)
        word, _, rest = statement.partition(" ")
        if not started:
            started = word == "journey"
            continue
        if word == "title" and rest.strip():
            title = _decoded(rest.strip())
        elif word == "section" and rest.strip():
            sections.append((_decoded(rest.strip()), place))
        elif re.match(r"accTitle\s*:", statement):
            continue
        elif re.match(r"accDescr\s*:", statement):
            summary.append(_decoded(statement.split(":", 1)[1].strip()))
        elif re.match(r"accDescr\s*\{", statement):
            body = [statement.split("{", 1)[1]]
            while "}" not in body[-1]:
                if n >= len(lines):
                    raise source.error(place.line, place.column, UNCLOSED())
                body.append(lines[n])
                n += 1
            body[-1] = body[-1].split("}", 1)[0]
            summary.append(_decoded(" ".join(" ".join(body).split())))
        else:
            tasks.append(_task(statement, place, len(sections) - 1))
    return _draft(source, title, summary, sections, tasks, names, catalog, taken)


def _task(statement: str, place: Place, section: int) -> tuple[int, str, float, list[str], Place]:
    match = _TASK_RE.fullmatch(statement)
    if match is None:
        raise place.source.error(place.line, place.column, NOT_A_TASK())
    if section < 0:
        raise place.source.error(place.line, place.column, OUTSIDE())
    score_text, _, actors = match[2].partition(":")
    try:
        score = float(score_text.strip())
    except ValueError:
        score = math.nan
    if not MIN_SCORE <= score <= MAX_SCORE:
        column = place.column + len(match[1]) + 1 + (len(score_text) - len(score_text.lstrip()))
        raise place.source.error(place.line, column, SCORE(score=score_text.strip()))
    people = [_decoded(a.strip()) for a in actors.split(",") if a.strip()]
    return section, _decoded(match[1].strip()), score, people, place


def _draft(
    source: Source,
    title: str | None,
    summary: list[str],
    sections: list[tuple[str, Place]],
    tasks: list[tuple[int, str, float, list[str], Place]],
    names: Names,
    catalog: Catalog,
    taken: list[str],
) -> JourneyDraft:
    journey = JourneyDraft(slug(title or source.stem, taken))
    journey.came_from(source)
    if title:
        journey.fields.values["title"] = title
    if summary:
        journey.fields.values["summary"] = " ".join(summary)
    counts = Counter(a for task in tasks for a in task[3])
    personas = [p for p in (names.find_persona(a) for a, _ in counts.most_common()) if p]
    persona = personas[0] if personas else None  # the persona most tasks are done by
    if persona is not None:
        journey.fields.values["persona"] = persona
    stage_ids: list[str] = []
    for name, place in sections:
        ident = slug(name, stage_ids)
        stage_ids.append(ident)
        stage = journey.stage(ident)
        stage.fields.put("name", name, place)
        phase = names.find_phase(name)
        if phase is not None:  # a section named as a phase is in that phase
            stage.fields.put("phase", phase, place)
    for section, text, score, actors, _ in tasks:
        step: dict[str, object] = {"text": text, "emotion": math.floor(score + 0.5) - 3}
        mapped = [names.actor(a) for a in actors]
        if len(actors) == 1 and mapped[0] is not None:
            step["actor"] = mapped[0]
        elif actors:
            step["text"] = Noted(text, catalog(ACTORS_NOTE, actors=", ".join(actors)))
        for actor, found in zip(actors, mapped, strict=True):
            if found is None and actor not in journey.actors:
                journey.actors.append(actor)
        journey.stages[stage_ids[section]].steps.append(step)
    return journey


def _decoded(text: str) -> str:
    """Text with Mermaid's entity codes as their characters (`#35;` is `#`, `#quot;` `"`)."""

    def character(match: re.Match[str]) -> str:
        code = match[1]
        if code.isdigit():
            return chr(int(code)) if int(code) < 0x110000 else match[0]
        named = html.unescape(f"&{code};")
        return match[0] if named == f"&{code};" else named

    return _HIDDEN_RE.sub(character, text)


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text
