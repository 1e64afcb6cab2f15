"""The site's pages: a table of them, each one template (site/templates/) rendered from the
portfolio (site/index.py) into the HTML body of a Markdown file for mkdocs.

Every value from a journey file or jcode.yaml is untrusted. The templates escape whatever they
print (autoescape), so a value only ever lands in text or in a quoted attribute; the one HTML
they take as it is, jcode's own rule docs, is marked where it is made. Each body is raw HTML
that never goes through Markdown, and links are written as the final relative .html addresses,
so that mkdocs has nothing to rewrite.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Final

import jinja2
from markupsafe import Markup

from jcode.linter import LintResult
from jcode.site.index import Portfolio
from jcode.site.rule_docs import rule_docs
from jcode.spec import Project


@dataclass(frozen=True, slots=True)
class Entry:
    """A row of the table of pages: a template and the page, or pages, made with it."""

    template: str
    path: str  # the Markdown path; with `each`, "{}" stands for the item's id
    each: str = ""  # a page per item of this Portfolio mapping: the template reads it as `item`
    menu: tuple[int, str] | None = None  # its place and label in the navigation


# The order in which mkdocs builds the pages, which is that of the search index.
PAGES: Final = (
    Entry("home.html", "index.md", menu=(0, "home")),
    Entry("journey.html", "journeys/{}.md", each="journeys"),
    Entry("owners.html", "owners.md", menu=(2, "owners")),
    Entry("owner.html", "owners/{}.md", each="owners"),
    Entry("personas.html", "personas.md", menu=(3, "personas")),
    Entry("persona.html", "personas/{}.md", each="personas"),
    Entry("channels.html", "channels.md", menu=(4, "channels")),
    Entry("kpis.html", "kpis.md", menu=(5, "kpis")),
    Entry("gaps.html", "gaps.md", menu=(1, "gaps")),
    Entry("rules.html", "rules.md", menu=(6, "rules")),
)

# The navigation: (label, path), in its order. Pages outside it are reached by links.
MENU: Final = tuple(
    (label, path) for (_, label), path in sorted((e.menu, e.path) for e in PAGES if e.menu)
)


def for_material(text: str) -> str:
    """Text that Material puts into a page unescaped (the site's name, a page's title and
    description): escaped as the templates escape, since it lands in the same HTML."""
    return html.escape(text, quote=True)


class Page:
    """A page of the site: its Markdown path, its title (plain text), its HTML body, the
    lighter HTML that search indexes (None: the body itself), and the plain-text description
    of its <meta name="description"> (None: no description). Search parses what it indexes,
    and a journey map is thousands of tags: names and words are what people search for."""

    __slots__ = ("body", "description", "path", "search", "title")

    def __init__(
        self,
        path: str,
        title: str,
        body: str,
        search: str | None = None,
        description: str | None = None,
    ) -> None:
        self.path = path
        self.title = title
        self.body = body
        self.search = search
        self.description = description

    def front_matter(self) -> str:
        # JSON is valid YAML, so the front matter cannot be broken out of.
        lines = []
        if self.path != "index.md":  # Material titles the home page with the site's name
            lines.append(f"title: {json.dumps(for_material(self.title))}")
        if self.description:
            description = " ".join(self.description.split())
            lines.append(f"description: {json.dumps(for_material(description))}")
        lines.append("hide:\n  - navigation\n  - toc")
        return "---\n" + "\n".join(lines) + "\n---\n\n"

    def html(self) -> str:
        """The body as the page shows it."""
        return f'<div class="jc">\n{self.body}\n</div>\n'


class Site:
    """The pages of a lint result."""

    def __init__(self, result: LintResult, project: Project) -> None:
        self.portfolio = Portfolio(result, project)

    def pages(self) -> Iterator[Page]:
        env = environment()
        shared = {"portfolio": self.portfolio, "t": self.portfolio.words, "rules": rule_docs()}
        for entry in PAGES:
            template = env.get_template(entry.template)
            if not entry.each:
                yield _render(template, entry.path, shared)
                continue
            items: Mapping[str, object] = getattr(self.portfolio, entry.each)
            for item_id, item in items.items():
                yield _render(template, entry.path.format(item_id), shared | {"item": item})


def _render(template: jinja2.Template, path: str, context: dict[str, object]) -> Page:
    """A page from its template: the body is the lines it writes; `title`, `search` and
    `description` are what it sets (search: the body when it sets none). Each line a template
    writes ends with a line break; the page ends the last one itself (Page.html())."""
    module = template.make_module(context | {"page": path})
    sets = vars(module)
    search = sets.get("search")
    return Page(
        path,
        sets["title"],
        str(module).removesuffix("\n"),
        None if search is None else str(search).removesuffix("\n"),
        sets.get("description"),
    )


@cache
def environment() -> jinja2.Environment:
    """The templates, compiled once per process: a build, or every rebuild of `jcode serve`."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("jcode.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,  # so that every body ends alike, whatever its last line
        auto_reload=False,
        finalize=_escape,
    )
    env.filters["href"] = href
    return env


def _escape(value: object) -> object:
    """Autoescape in the standard library's way, as for_material escapes: MarkupSafe writes
    ' and " as &#39; and &#34;, html.escape as &#x27; and &quot;. So text with a quote is
    escaped here, and all else by autoescape, which writes &, < and > as html.escape does.
    None is never printed: a template says what stands for a missing value."""
    if value is None:
        raise TypeError("a template printed None")
    if type(value) is str and ("'" in value or '"' in value):
        return Markup(html.escape(value, quote=True))
    return value


@jinja2.pass_context
def href(context: jinja2.runtime.Context, path: str, anchor: str = "") -> str:
    """The relative address, from the page, of the page at `path` (a Markdown path)."""
    folder, name = posixpath.split(path.removesuffix(".md") + ".html")
    up = _relative(folder, posixpath.dirname(context["page"]))
    return (name if up == "." else f"{up}/{name}") + (f"#{anchor}" if anchor else "")


@cache
def _relative(folder: str, start: str) -> str:
    # A few folders link to each other, by hundreds of thousands of links: relpath is slow.
    return posixpath.relpath(folder or ".", start or ".")
