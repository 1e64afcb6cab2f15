"""`jcode export --format mermaid`: each journey as a Mermaid `journey` diagram, which GitHub
renders in Markdown files and pull-request comments.

A stage is a `section`, each of its steps a task (each touchpoint when it has no steps), scored
from the emotion (-2..2 to Mermaid's 1..5: the step's, else the stage's, else neutral) and
done by the step's actor or the journey's persona, shown by name. One journey is written as a
Mermaid file; several as Markdown, one fenced `mermaid` block each.

Journey text is written so the diagram always parses, whatever it holds. Mermaid's journey
lexer (mermaid's journeyDiagram chunk) ends a task's text at `:`, `;`, `#` or a line end,
starts a comment at `%` and `%%`, reads a line starting with `journey`, `title`, `section` or
`accDescr {` as a keyword, and splits actors at `,`; Mermaid's preprocessor also reads `%%{`
as a directive anywhere and a lone CR as a line end. Those characters are written as Mermaid's
entity codes (`#35;` for `#`), which Mermaid turns back into the characters in the SVG, and
white space (line ends, tabs) as one space. Mermaid marks its entities in the SVG with `ﬂ°°`
and `¶ß`, so the user's own `ﬂ` and `¶` are entities too.
"""

from __future__ import annotations

import re
from typing import TextIO

from jcode.export import Export
from jcode.reporters import ReportOptions
from jcode.spec import Journey, Project, Stage

_SPECIAL_RE = re.compile("[:;#%,\ufb02\xb6]")
# A task line whose text starts so is read as a statement of its own (the lexer ignores case).
_KEYWORD_RE = re.compile(r"journey|title|section|acc", re.IGNORECASE)
_BLANK = "#160;"  # Mermaid has no empty task, title or section: a no-break space shows as blank
NEUTRAL = 3


def report(export: Export, out: TextIO, options: ReportOptions) -> None:
    journeys = [file.journey for file in export.result.files if file.journey is not None]
    if len(journeys) == 1:
        out.write(diagram(journeys[0], export.project))
        return
    out.write("\n".join(f"```mermaid\n{diagram(j, export.project)}```\n" for j in journeys))


def diagram(journey: Journey, project: Project) -> str:
    """The Mermaid text of one journey, ending with a line end."""
    lines = ["journey", f"  title {text(journey.title)}"]
    for stage in journey.stages:
        lines.append(f"  section {text(stage.name)}")
        lines.extend(f"    {task}" for task in _tasks(stage, journey, project))
    return "\n".join(lines) + "\n"


def _tasks(stage: Stage, journey: Journey, project: Project) -> list[str]:
    persona = _actor(journey.persona, project)
    if not stage.steps:
        score = _score(stage.emotion)
        return [_task(t.name, score, persona) for t in stage.touchpoints]
    return [
        _task(
            step.text,
            _score(step.emotion if step.emotion is not None else stage.emotion),
            _actor(step.actor, project) if step.actor else persona,
        )
        for step in stage.steps
    ]


def _task(words: str, score: int, actor: str | None) -> str:
    shown = text(words)
    if _KEYWORD_RE.match(shown):
        shown = f"#{ord(shown[0])};{shown[1:]}"
    return f"{shown}: {score}" + (f": {text(actor)}" if actor else "")


def _score(emotion: int | None) -> int:
    return NEUTRAL if emotion is None else emotion + NEUTRAL


def _actor(actor: str | None, project: Project) -> str | None:
    """A persona's or team's name (the id when jcode.yaml does not declare it)."""
    if actor is None:
        return None
    config = project.config
    known = config.personas.get(actor) or config.owners.get(actor)
    return known.name if known else actor


def text(words: str) -> str:
    """Journey text as Mermaid reads it back: its special characters as entity codes, its white
    space one space."""
    collapsed = " ".join(words.split())
    escaped = _SPECIAL_RE.sub(lambda m: f"#{ord(m.group())};", collapsed)
    return escaped or _BLANK
