"""The rules page's text: each rule's sections, jcode's own Markdown in the site's language,
rendered to HTML once per process and language with Python-Markdown (as mkdocs renders
Markdown)."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from functools import cache
from typing import Any

import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no types
from markdown.inlinepatterns import (  # type: ignore[import-untyped]
    BACKTICK_RE,
    BacktickInlineProcessor,
)
from markdown.util import AtomicString, code_escape  # type: ignore[import-untyped]
from markupsafe import Markup

from jcode.i18n import Catalog
from jcode.rules import RULES
from jcode.site.views import RuleDoc


@cache
def rule_docs(catalog: Catalog) -> tuple[RuleDoc, ...]:
    """Every rule's documentation in a catalog's language, in the registry's order."""
    renderer = markdown.Markdown()
    # In place of Python-Markdown's own, which strips every space at the ends of a code span.
    renderer.inlinePatterns.register(_CodeSpan(BACKTICK_RE), "backtick", 190)

    def paragraph(text: str) -> Markup:
        """One paragraph's HTML, without the <p> the page writes (with its own class)."""
        html: str = renderer.reset().convert(text)
        if not (html.startswith("<p>") and html.endswith("</p>")) or "<p>" in html[3:]:
            raise ValueError(f"a rule's section is not one paragraph: {text!r}")
        return Markup(html[3:-4])  # jcode's own words, the one HTML the templates take as it is

    t = catalog.text
    return tuple(
        RuleDoc(
            rule.id,
            rule.severity,
            paragraph(t(rule.what)),
            paragraph(t(rule.why)),
            t(rule.example).rstrip(),
            paragraph(t(rule.fix)),
        )
        for rule in RULES.values()
    )


class _CodeSpan(BacktickInlineProcessor):  # type: ignore[misc]
    """A code span as CommonMark reads it, and GitHub shows the README's table of rules: one
    space comes off each end, only when both ends have one. So "quote text that contains `: `"
    shows a colon and a space, not a bare colon."""

    def handleMatch(self, m: Any, data: str) -> tuple[Any, int | None, int | None]:
        begin = m.start(0)
        start, end = (0, None) if m.group(1) else self.find_code_spans(begin, data)
        if end is None:  # backslashes before backticks, or backticks that do not close
            return super().handleMatch(m, data)  # type: ignore[no-any-return]
        code = data[start:end]
        if code.startswith(" ") and code.endswith(" ") and code.strip(" "):
            code = code[1:-1]
        element = etree.Element("code")
        element.text = AtomicString(code_escape(code))
        return element, begin, end + (start - begin)
