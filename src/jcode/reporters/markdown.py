"""Markdown for what GitHub renders (`jcode diff --format markdown`, the job summary that
`--format github` writes): user text escaped, severity icons, a finding as a line.

Everything that comes from a journey, a file name or the command line goes through escape()
or code(): it cannot close a table cell, open HTML, make a link or mention anyone.
"""

from __future__ import annotations

import re

from jcode.findings import SEVERITY_NAMES, Finding
from jcode.i18n import ENGLISH, Arg, Catalog, Template
from jcode.text import printable

ICONS = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}  # noqa: RUF001 - the info sign is meant
# Backslash-escaped: every character that markdown, GitHub's extensions (tables, autolinks,
# strikethrough, math) or HTML give a meaning to in the middle of a line. CommonMark lets any
# ASCII punctuation be escaped, and an escaped character is only text.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|~$:.&])")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")


def escape(text: str) -> str:
    """User text as markdown that shows exactly that text: on one line, no markup, no HTML,
    no link; an @ is followed by an invisible word joiner so GitHub mentions nobody."""
    text = printable(_LINE_BREAK.sub(" ", text))
    return _SPECIAL.sub(r"\\\1", text).replace("@", "@\u2060")


def code(text: str) -> str:
    """User text as a code span (shown as it is, never as markup, a link or a mention), or
    escaped when it holds a backtick. Not for table cells: a | would end the cell."""
    text = printable(_LINE_BREAK.sub(" ", text))
    return f"`{text}`" if "`" not in text else escape(text)


def size(text: str) -> int:
    """Length as GitHub counts it (UTF-16 code units: an emoji outside the BMP counts two)."""
    return len(text.encode("utf-16-le")) // 2


ITEM = Template("markdown.finding", "- {icon} {severity} {rule} line {line}: {message}")
ITEM_IN_FILE = Template(
    "markdown.finding-in-file", "- {icon} {severity} {rule} {file} line {line}: {message}"
)


def finding_item(finding: Finding, file: str | None = None, catalog: Catalog = ENGLISH) -> str:
    """`- ❌ error `rule` line 12: message`, with a file before the line when given one."""
    args: dict[str, Arg] = {
        "icon": ICONS[finding.severity],
        "severity": catalog.text(SEVERITY_NAMES[finding.severity]),
        "rule": f"`{finding.rule}`",
        "line": finding.line,
        "message": escape(finding.text(catalog)),
    }
    if file:
        return catalog(ITEM_IN_FILE, file=escape(file), **args)
    return catalog(ITEM, **args)
