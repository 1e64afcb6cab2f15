"""Sheets into journeys: the five shapes `jcode export --format csv` writes (a row per journey,
touchpoint, KPI, stage or step), and the plain sheets teams keep, matched by header name in
English or Italian.

A sheet's shape is told by its columns: `position` or `text` (a step's), else `kpi`, else
`touchpoint`, else `stage`, else a sheet of journeys. Rows of several sheets about one journey
build it together, in the order they come. What export computes (a touchpoint's mode, a stage's
moment, the findings, a journey's counts) is not read back: lint computes it again. What export
resolves is written only where it is not what jcode would resolve anyway: an owner equal to the
one inherited, a `managed_by` equal to its channel's, a step's actor equal to the persona.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, Final

from jcode.export import HEADERS
from jcode.i18n import Template
from jcode.importing.draft import Fields, JourneyDraft, Place, StageDraft
from jcode.importing.names import Names, is_id, key, slug
from jcode.importing.sheet import Cell, delimiter, records
from jcode.importing.source import Source
from jcode.reporters.export_csv import FORMULA_START

NO_COLUMNS = Template(
    "error.import.csv.no-columns",
    "no column jcode knows in the header; it reads {columns} (in English or Italian)",
)
NO_NAME = Template("error.import.csv.empty-cell", "the '{column}' cell of this row is empty")

# The columns of a sheet, by their names in English and in Italian (as key() compares them).
# Export's own headers are all here; what export computes from others is read and ignored.
ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "journey": ("journey_id", "percorso", "customer_journey"),
    "title": ("titolo", "journey_title", "titolo_journey"),
    "persona": ("cliente_tipo",),
    "owner": ("responsabile", "team", "proprietario"),
    "status": ("stato",),
    "reviewed": ("last_reviewed", "revisione", "rivista_il", "data_revisione"),
    "summary": ("sommario", "riepilogo"),
    "stage": ("stage_id", "tappa", "id_tappa"),
    "stage_name": ("nome_tappa", "nome_della_tappa"),
    "phase": ("fase",),
    "touchpoint": ("touchpoint_id", "punto_di_contatto", "id_touchpoint"),
    "name": ("nome", "touchpoint_name", "nome_touchpoint", "kpi_name", "nome_kpi"),
    "channel": ("canale",),
    "managed_by": ("gestito_da", "gestione"),
    "feedback": ("raccoglie_feedback",),
    "description": ("descrizione", "notes", "note"),
    "kpi": ("kpi_id", "indicatore", "id_kpi"),
    "unit": ("unita", "unita_di_misura"),
    "direction": ("direzione",),
    "baseline": ("valore_attuale", "valore_di_partenza"),
    "target": ("valore_obiettivo", "traguardo"),
    "source": ("fonte",),
    "timing": ("tempi", "quando", "durata"),
    "goal": ("obiettivo", "scopo"),
    "emotion": ("emozione", "score", "punteggio"),
    "feelings": ("sentimenti", "stati_d_animo"),
    "thoughts": ("pensieri",),
    "pain_points": ("punti_critici", "criticita"),
    "opportunities": ("opportunita",),
    "exits": ("abbandoni", "uscite"),
    "key_moment": ("momento_chiave", "momento_della_verita"),
    "position": ("posizione", "ordine"),
    "text": ("step", "testo", "azione", "cosa_fa"),
    "actor": ("attore", "chi"),
    "suppress": ("suppressed", "soppressioni"),
}
# What export computes from other columns: never read back, so a sheet of only these says nothing.
_COMPUTED = frozenset({"moment", "mode", "assisted", "findings", "file"})
_KNOWN = {key(h) for shape in HEADERS.values() for h in shape} | set(ALIASES)
_COLUMN = {key(alias): name for name, aliases in ALIASES.items() for alias in (name, *aliases)}
_COLUMN |= {name: name for name in _KNOWN}

# What export writes after a list item's text (jcode.export._stage_cells).
_ADDRESSED_RE = re.compile(
    r"^(.*) \(addressed by ([a-z0-9][a-z0-9-]*(?:, [a-z0-9][a-z0-9-]*)*)\)$", re.S
)
_IDEA_RE = re.compile(
    r"^(.*) \(id: ([a-z0-9][a-z0-9-]*)(?:, owner: ([a-z0-9][a-z0-9-]*))?\)$", re.S
)
_SHARE_RE = re.compile(r"^(.*) \((\d+(?:[.,]\d+)?)%\)$", re.S)
_TRUE = {"true", "yes", "y", "si", "vero", "x", "1"}
_FALSE = {"false", "no", "n", "falso", "0"}


def columns_markdown() -> str:
    """The README's table of the columns import reads, and the other names it knows them by."""
    rows = ["| column | also read as |", "|---|---|"]
    for name, aliases in ALIASES.items():
        shown = ", ".join(f"`{a.replace('_', ' ')}`" for a in aliases)
        rows.append(f"| `{name}` | {shown} |")
    return "\n".join(rows) + "\n"


class Sheet:
    """One CSV file, read into the journeys of an import."""

    __slots__ = ("_columns", "_comma_decimals", "_names", "_rows", "_source", "shape")

    def __init__(self, source: Source, names: Names) -> None:
        separator = delimiter(source)
        rows = records(source, separator)
        self._source = source
        self._names = names
        self._comma_decimals = separator == ";"  # Excel writes 12,5 where it writes `;`
        header = rows[0]
        self._columns: dict[str, int] = {}
        for index, cell in enumerate(header):
            name = _COLUMN.get(key(_unquoted(cell.text)))
            if name is not None and name not in self._columns:
                self._columns[name] = index
        columns = self._columns
        if "stage" in columns:  # beside stages, "Touchpoints" is a touchpoint a row, no count
            for plural in ("touchpoints", "kpis"):
                if plural in columns and plural.removesuffix("s") not in columns:
                    columns[plural.removesuffix("s")] = columns.pop(plural)
        self._rows = rows[1:]
        if not columns.keys() - _COMPUTED:
            readable = ", ".join(sorted(ALIASES))
            raise source.error(1, 1, NO_COLUMNS(columns=readable))
        self.shape = (
            "steps"
            if {"position", "text"} & columns.keys()
            else "kpis"
            if "kpi" in columns
            else "touchpoints"
            if "touchpoint" in columns
            else "stages"
            if "stage" in columns
            else "journeys"
        )

    def read_into(self, journeys: dict[str, JourneyDraft]) -> None:
        for row in self._rows:
            journey = self._journey(row, journeys)
            if self.shape == "journeys":
                self._journey_fields(row, journey)
                continue
            stage = self._stage(row, journey)
            if self.shape == "stages":
                self._stage_fields(row, journey, stage)
            elif self.shape == "steps":
                self._step(row, journey, stage)
            else:
                self._element(row, journey, stage)

    # The parts of a row ---------------------------------------------------------------------

    def _cell(self, row: list[Cell], column: str) -> tuple[str | None, Place]:
        index = self._columns.get(column)
        if index is None:
            first = row[0]
            return None, Place(self._source, first.line, first.column)
        cell = row[index]
        text = _unquoted(cell.text)
        return (text if text.strip() else None), Place(self._source, cell.line, cell.column)

    def _journey(self, row: list[Cell], journeys: dict[str, JourneyDraft]) -> JourneyDraft:
        text, place = self._cell(row, "journey")
        if text is None and "journey" in self._columns:
            raise self._source.error(place.line, place.column, NO_NAME(column="journey"))
        text = text if text is not None else self._source.stem  # one journey: named by its file
        ident = _ident(text)
        journey = journeys.get(ident)
        if journey is None:
            journey = journeys[ident] = JourneyDraft(ident)
        journey.came_from(self._source)
        if ident != text and "title" not in self._columns:
            journey.fields.put("title", text.strip(), place)
        return journey

    def _journey_fields(self, row: list[Cell], journey: JourneyDraft) -> None:
        put = self._putter(row, journey.fields)
        put("title")
        put("summary")
        put("persona", self._names.persona)
        put("owner", self._names.owner)
        put("status")
        put("reviewed")
        put("scope", _ids)
        put("tags", _lines)
        put("related", _ids)
        put("suppress", _suppressions)

    def _stage(self, row: list[Cell], journey: JourneyDraft) -> StageDraft:
        text, place = self._cell(row, "stage")
        if text is None:
            raise self._source.error(place.line, place.column, NO_NAME(column="stage"))
        name, _ = self._cell(row, "stage_name")
        ident = _ident(text)
        stage = journey.stage(ident)
        stage.fields.put("name", name if name is not None else text.strip(), place)
        put = self._putter(row, stage.fields)
        put("phase", self._names.phase)
        return stage

    def _stage_fields(self, row: list[Cell], journey: JourneyDraft, stage: StageDraft) -> None:
        put = self._putter(row, stage.fields)
        put("timing")
        put("goal")
        put("emotion", self._number)
        put("key_moment")
        put("owner", self._names.owner)
        put("suppress", _suppressions)
        for column, parse in (
            ("thoughts", str),
            ("feelings", str),
            ("pain_points", _pain_point),
            ("opportunities", _opportunity),
            ("exits", self._exit),
        ):
            items, place = self._cell(row, column)
            if items is not None:
                parsed = [parse(item) for item in items.split("\n") if item]
                stage.fields.put(column, parsed, place)

    def _step(self, row: list[Cell], journey: JourneyDraft, stage: StageDraft) -> None:
        step = Fields(stage.fields.element)
        put = self._putter(row, step)
        put("text")
        put("touchpoint")
        actor, place = self._cell(row, "actor")
        if actor is not None:
            found = self._names.actor(actor)
            step.put("actor", found if found is not None else actor, place)
        put("emotion", self._number)
        put("key_moment")
        stage.steps.append(step.values)

    def _element(self, row: list[Cell], journey: JourneyDraft, stage: StageDraft) -> None:
        kind = self.shape
        column = kind.removesuffix("s")
        text, place = self._cell(row, column)
        if text is None:
            raise self._source.error(place.line, place.column, NO_NAME(column=column))
        name, _ = self._cell(row, "name")
        ident = _ident(text)
        element = stage.element(kind, ident)
        element.put("name", name if name is not None else text.strip(), place)
        put = self._putter(row, element)
        if kind == "touchpoints":
            put("channel", self._names.channel)
            if _boolean(self._cell(row, "feedback")[0] or "") is not False:  # False: the default
                put("feedback", _boolean)
            put("description")
            self._managed_by(row, element)
        else:
            put("unit")
            put("direction")
            put("baseline", self._number)
            put("target", self._number)
            put("source")
        put("owner", self._names.owner)
        put("suppress", _suppressions)

    def _managed_by(self, row: list[Cell], element: Fields) -> None:
        text, place = self._cell(row, "managed_by")
        if text is None:
            return
        if text != self._names.managed_by(element.values.get("channel")):
            element.put("managed_by", text, place)

    def _putter(self, row: list[Cell], fields: Fields) -> Callable[..., None]:
        """put(column, parse): set the field of `fields` from the row's cell, if it has one."""

        def put(column: str, parse: Callable[[str], Any] | None = None) -> None:
            text, place = self._cell(row, column)
            if text is not None:
                fields.put(column, parse(text) if parse else text, place)

        return put

    def _number(self, text: str) -> Any:
        """A figure as the sheet writes it (12,5 in a `;` sheet); else the text as it is."""
        plain = text.strip()
        if self._comma_decimals and re.fullmatch(r"[+-]?\d+,\d+", plain):
            plain = plain.replace(",", ".")
        try:
            number = float(plain)
        except ValueError:
            return text
        if not math.isfinite(number):
            return text
        return int(number) if number.is_integer() else number

    def _exit(self, item: str) -> Any:
        match = _SHARE_RE.match(item)
        if match is None:
            return {"text": item}
        return {"text": match[1], "share": self._number(match[2].replace(",", "."))}


def _ident(text: str) -> str:
    """The id a cell names: the cell when it is an id, else one made from the name it holds."""
    return text.strip() if is_id(text.strip()) else slug(text)


def _unquoted(text: str) -> str:
    """A cell without the `'` that export (or a person) put before a formula character."""
    if text.startswith("'") and text[1:].lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text


def _pain_point(item: str) -> Any:
    match = _ADDRESSED_RE.match(item)
    if match is None:
        return item
    return {"text": match[1], "addressed_by": match[2].split(", ")}


def _opportunity(item: str) -> Any:
    match = _IDEA_RE.match(item)
    if match is None:
        return item
    idea: dict[str, Any] = {"id": match[2], "text": match[1]}
    if match[3]:
        idea["owner"] = match[3]
    return idea


def _ids(cell: str) -> list[str]:
    """Ids as export joins them: `a; b`."""
    return [part.strip() for part in cell.replace(",", ";").split(";") if part.strip()]


def _lines(cell: str) -> list[str]:
    return [line for line in cell.split("\n") if line]


def _suppressions(cell: str) -> list[dict[str, str]]:
    """`rule: reason` a line, as export writes an element's suppressions."""
    entries = []
    for line in cell.split("\n"):
        rule, _, reason = line.partition(": ")
        if rule.strip():
            entry = {"rule": rule.strip()}
            if reason.strip():
                entry["reason"] = reason
            entries.append(entry)
    return entries


def _boolean(text: str) -> Any:
    word = key(text)
    return True if word in _TRUE else False if word in _FALSE else text
