"""`jcode export --format json`: the resolved model of the journeys, or their rows as objects
(one per journey, touchpoint, KPI, stage or step, keyed by the CSV's column names)."""

from __future__ import annotations

import json
from typing import TextIO

from jcode.export import HEADERS, VERSION, Export, document, rows
from jcode.reporters import ReportOptions


def report(export: Export, out: TextIO, options: ReportOptions) -> None:
    what = export.what
    if what == "journeys":
        data = document(export.result, export.project)
    else:
        table = rows(export.result, export.project, what)
        data = {"version": VERSION, what: [dict(zip(HEADERS[what], r, strict=True)) for r in table]}
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
