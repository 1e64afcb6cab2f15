"""The site's pages: a table of them, each one template (site/templates/) rendered from the
portfolio (site/index.py) into the HTML body of a Markdown file for mkdocs.

Every value from a journey file or jcode.yaml is untrusted. The templates escape whatever they
print (autoescape), so a value only ever lands in text or in a quoted attribute; the one HTML
they take as it is, jcode's own rule docs, is marked where it is made. Each body is raw HTML
that never goes through Markdown, and links are written as the final relative .html addresses,
so that mkdocs has nothing to rewrite.
"""

from __future__ import annotations

import contextlib
import gc
import html
import json
import posixpath
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

import jinja2
from markupsafe import Markup, escape

from jcode.linter import LintResult
from jcode.site.index import Portfolio
from jcode.site.rule_docs import rule_docs
from jcode.site.views import by_journey
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
    """The pages of a lint result, each rendered on its own when asked for: all of them for a
    build, or only those that a change touched. `previous`: the site of an earlier lint of the
    same project, whose index of the unchanged journeys is reused (Portfolio)."""

    def __init__(self, result: LintResult, project: Project, previous: Site | None = None) -> None:
        with _collector_off():
            earlier = previous.portfolio if previous else None
            self.portfolio: Final[Portfolio] = Portfolio(result, project, earlier)
        self._shared = {
            "portfolio": self.portfolio,
            "t": self.portfolio.words,
            "catalog": self.portfolio.catalog,  # for the findings' messages
            "rules": rule_docs(self.portfolio.catalog),
        }
        self._folders: dict[str, dict[str, object]] = {}  # what a folder's pages share
        self._entries: dict[str, tuple[Entry, object]] = {}  # by path, in the order of PAGES
        for entry in PAGES:
            if not entry.each:
                self._entries[entry.path] = (entry, None)
                continue
            items: Mapping[str, object] = getattr(self.portfolio, entry.each)
            for item_id, item in items.items():
                self._entries[entry.path.format(item_id)] = (entry, item)

    def paths(self) -> Iterator[str]:
        """The Markdown path of every page, in the order in which mkdocs builds them."""
        return iter(self._entries)

    def costliest_first(self) -> list[str]:
        """The paths with the costliest pages first, for a build that shares the pages out
        between processes as each is free: the lists of the whole portfolio, then the pages
        of its owners, personas and the rest (each lists some journeys), then the journeys'.
        The last pages taken are then small, and no process is left building a big one alone.
        """
        lists = [path for path, (entry, _) in self._entries.items() if not entry.each]
        items = [path for path, (entry, _) in self._entries.items() if entry.each]
        journeys = [path for path in items if self._entries[path][0].each == "journeys"]
        others = [path for path in items if self._entries[path][0].each != "journeys"]
        return lists + others + journeys

    def page(self, path: str) -> Page:
        """The page at a Markdown path, rendered alone (KeyError: the site has no such page)."""
        entry, item = self._entries[path]
        template = environment().get_template(entry.template)
        folder = posixpath.dirname(path)
        with _collector_off():
            if folder not in self._folders:
                self._folders[folder] = _macros(self._shared | {"page": path})
            return _render(template, path, self._shared | self._folders[folder] | {"item": item})

    def pages(self) -> Iterator[Page]:
        """Every page, in the order of paths(), each rendered when it is reached."""
        return map(self.page, self.paths())


class Rendered(dict[Hashable, str]):
    """A macro's HTML by its arguments (a tuple of them when there are several), rendered on
    first use. Templates look it up (`owner_link[id]`, `badge[kind, key]`): a fraction of the
    cost of a call, and pages show tens of thousands of links and badges."""

    def __init__(self, macro: jinja2.runtime.Macro) -> None:
        super().__init__()
        self._macro = macro

    def __missing__(self, key: Hashable) -> str:  # Markup, since the templates autoescape
        html = self[key] = self._macro(*key) if isinstance(key, tuple) else self._macro(key)
        return html


@contextlib.contextmanager
def _collector_off() -> Iterator[None]:
    """The garbage collector off while the index is built or a page rendered. Both make objects
    that it tracks by the hundred thousand (cards; a Markup per value a template writes), none
    of them garbage, so it would keep walking them and the whole lint result: a third of the
    time. The few cycles left (Jinja's contexts) are collected once it is back on."""
    if not gc.isenabled():  # the caller's choice
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _macros(context: dict[str, object]) -> dict[str, object]:
    """The macros that the pages of one folder call without importing them, made once for
    all of them: a link's address depends on the folder only, and an import "with context"
    would make them again for every page (a tenth of a journey page's time). Those of
    links.html come as tables of what they render, those of macros.html and map.html as they
    are. A macro reads the site's variables and the page's folder, never the page's `item`."""
    env = environment()
    shared: dict[str, object] = {
        name: Rendered(macro) for name, macro in _exported(env, "links.html", context)
    }
    for template in ("macros.html", "map.html"):
        shared |= dict(_exported(env, template, context | shared))
    return shared


def _exported(
    env: jinja2.Environment, template: str, context: dict[str, object]
) -> Iterator[tuple[str, jinja2.runtime.Macro]]:
    """The macros a template defines, made with a context."""
    module = env.get_template(template).make_module(context)
    for name, value in vars(module).items():
        if isinstance(value, jinja2.runtime.Macro):
            yield name, value


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
        _html(str(module)),
        None if search is None else _html(str(search)),
        sets.get("description"),
    )


def _html(lines: str) -> str:
    """What a template wrote, as the page holds it. Autoescape (MarkupSafe) writes ' and " as
    &#39; and &#34;, where html.escape, and so for_material and the site as it always was,
    writes &#x27; and &quot;: they are respelt. Nothing else can spell them, since the & of
    every value is escaped too. The last line break is the page's own (Page.html())."""
    return lines.removesuffix("\n").replace("&#39;", "&#x27;").replace("&#34;", "&quot;")


try:  # markupsafe's escaping in C, without the Markup that its escape() makes of the text
    from markupsafe._speedups import _escape_inner
except ImportError:  # no C extension: the same text, made as escape() makes it

    def _escape_inner(text: str, /) -> str:
        return str(escape(text))


def _written(value: object) -> str:
    """What a template writes for {{ value }}: the text of markupsafe.escape(value), without
    the Markup it wraps it in. A value written is only joined into the page's text, and making
    a Markup costs more than the escaping (a Python __new__): a journey page writes a thousand
    values, and that was a third of its time."""
    if type(value) is str:
        return _escape_inner(value)
    html: Callable[[], str] | None = getattr(value, "__html__", None)  # a macro's HTML, a link
    if html is not None:
        return html()  # Markup is a str: joined as it is, not copied
    return _escape_inner(str(value))


class _Template(jinja2.Template):
    """Jinja's template, with {{ value }} written by _written. A compiled template writes
    each value through the name `escape` of its module (jinja2.compiler, _output_child_pre),
    and uses it for nothing else."""

    @classmethod
    def _from_namespace(
        cls,
        environment: jinja2.Environment,
        namespace: MutableMapping[str, Any],
        globals: MutableMapping[str, Any],
    ) -> jinja2.Template:
        namespace["escape"] = _written
        return super()._from_namespace(environment, namespace, globals)


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
    )
    env.template_class = _Template
    env.filters["href"] = href
    env.filters["middot"] = middot
    env.filters["by_journey"] = by_journey
    return env


@jinja2.pass_context
def href(context: jinja2.runtime.Context, path: str, anchor: str = "") -> str:
    """The relative address, from the page, of the page at `path` (a Markdown path)."""
    # The page is among the variables the template was rendered with (Context.parent).
    address = _address(context.parent["page"], path)
    return f"{address}#{anchor}" if anchor else address


@cache
def _address(page: str, path: str) -> str:
    # Pages hold hundreds of thousands of links, to a few thousand pages: relpath is slow.
    # Cached by page, not by folder, so that a link costs no dirname either.
    return posixpath.relpath(path.removesuffix(".md") + ".html", posixpath.dirname(page) or ".")


def middot(items: Iterable[str]) -> Markup:
    """Texts separated by a middle dot, as search indexes lists, each escaped."""
    texts = list(items)
    # Escaped at once, not one by one (a journey's search text holds a hundred): joined by a
    # character that escaping keeps as it is and that no text holds, which then becomes the
    # separator.
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:  # a text holds it (the schema forbids it)
        return Markup(" &middot; ").join(texts)
    return Markup(str.replace(escape(joined), _SEPARATOR, " &middot; "))


_SEPARATOR: Final = "\0"
