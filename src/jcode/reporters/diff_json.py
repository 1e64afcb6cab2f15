"""`jcode diff --format json`, version 1: the journeys added, removed and changed (each with its
file, each change with its kind, pointer, the ids of its element, before and after), the ids
that several files declare on a side, and the findings new, resolved and unchanged.

Each change also names the template of its sentence (`message_id`, the catalogs' entry the text
and markdown formats render) and that sentence's `arguments` as data, so that a tool can word it
in any language; findings carry theirs as lint's JSON does. Added keys keep the version: readers
of version 1 ignore what they do not know."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from jcode.diff.sentences import arguments, template
from jcode.reporters.json_reporter import finding_dict

if TYPE_CHECKING:
    from jcode.diff import Diff
    from jcode.reporters import ReportOptions


def document(diff: Diff) -> dict[str, Any]:
    return {
        "version": 1,
        "base": diff.base,
        "head": diff.head,
        "journeys": {
            "added": diff.added,
            "removed": diff.removed,
            "changed": [
                {
                    "id": journey.id,
                    "file": journey.file,
                    "changes": [
                        {
                            "kind": change.kind,
                            "pointer": change.pointer,
                            **change.ids(),
                            "before": change.before,
                            "after": change.after,
                            "message_id": template(change).id,
                            "arguments": arguments(change),
                        }
                        for change in journey.changes
                    ],
                }
                for journey in diff.changed
            ],
            "duplicated": _duplicated(diff),
        },
        "findings": {
            "new": [finding_dict(f) for f in diff.new],
            "resolved": [finding_dict(f) for f in diff.resolved],
            "unchanged": diff.unchanged,
        },
    }


def _duplicated(diff: Diff) -> list[dict[str, Any]]:
    """The ids among the diff's journeys that more than one file declares on a side, with the
    files that declare them on each."""
    found: dict[str, dict[str, Any]] = {}
    for journey in diff.journeys:
        if journey.duplicates():
            found.setdefault(
                journey.id,
                {
                    "id": journey.id,
                    "base": list(journey.base_files),
                    "head": list(journey.head_files),
                },
            )
    return list(found.values())


def report(diff: Diff, out: TextIO, options: ReportOptions) -> None:
    json.dump(document(diff), out, indent=2, ensure_ascii=False)
    out.write("\n")
