"""mkdocs-material's build, driven by jcode: the steps of mkdocs.commands.build.build(), with the
pages built in forked processes, and kept so that `jcode serve` can build again only the pages
that changed.

mkdocs renders each page twice over: Markdown to HTML, then the theme's template around it. Our
pages are HTML already (jcode.site.pages), so the Markdown step is skipped; the theme's
template, search (Material's plugin, fed each page's light HTML) and the sitemap are mkdocs' and
Material's own, called as mkdocs calls them. A page's output depends on its own content and on
the navigation, which holds the menu pages only (pages outside it keep the build linear, see
site-facts.md): so a page can be built again alone, and the search index and the sitemap be
written again from what every page gave them, in the order of a full build. The result is the
same bytes as mkdocs' own build of the same pages (tests/test_site_render.py compares them).
"""

from __future__ import annotations

import gc
import hashlib
import os
import posixpath
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from mkdocs.commands.build import _build_page, _build_theme_template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from jcode.forking import Numbers, forked
from jcode.site.pages import MENU, Page

# Told (pages rendered, pages in all) after each page: the CLI draws its progress bar with it.
Progress = Callable[[int, int], None]
# Pages built in one process below this many (a fork and its pipe cost more than they save).
PARALLEL_MIN_PAGES = 40
_MENU = frozenset(path for _, path in MENU)


def _content(page: Page) -> str:
    """The Markdown file mkdocs reads: the front matter (title, description), and no body."""
    return page.front_matter() + "<!-- jcode -->\n"


def _inclusion(path: str) -> InclusionLevel:
    return InclusionLevel.UNDEFINED if path in _MENU else InclusionLevel.NOT_IN_NAV


class Pages(Protocol):
    """The pages of a site, each rendered when asked for (jcode.site.pages.Site)."""

    def paths(self) -> Iterator[str]: ...

    def page(self, path: str) -> Page: ...

    def costliest_first(self) -> list[str]: ...


Built = dict[
    str, tuple[str, list[dict[str, Any]]]
]  # by path: the page's digest, its search entries


class Renderer:
    """The site of a set of pages in `config.site_dir`: built in full once, then page by page.

    A page is rendered where it is built, in this process or in a forked child, and only a
    digest of it is kept: the next update renders again the pages it is asked to, and builds
    those whose digest changed."""

    def __init__(self, config: MkDocsConfig, progress: Progress | None = None) -> None:
        self.config = config
        self.progress = progress
        self.pages: dict[str, Page] = {}  # the pages being built, by path
        self._order: list[str] = []  # every page's path, in the order of the site
        self._built: Built = {}
        self._files: Files | None = None
        self._doc: list[File] = []  # the pages' files, in order (what templates see as `pages`)
        self._nav: Navigation | None = None
        self._env: Any = None
        self._search: Any = config.plugins.get("material/search")
        self._theme: tuple[Files, Any] | None = None  # prepare()'s files and environment
        config.plugins["jcode"] = _FullHtml(self)  # type: ignore[assignment]

    def close(self) -> None:
        self.config.plugins.on_shutdown()

    # A full build ---------------------------------------------------------------------------

    def prepare(self) -> None:
        """The steps of mkdocs' build before the pages: the plugins' configuration, an emptied
        site_dir, the theme's files and its templates compiled. build() starts with them;
        called earlier, they are done while something else runs (jcode build: lint)."""
        if self._theme is not None:
            return
        from mkdocs import utils

        config = self.config = self.config.plugins.on_config(self.config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        _compile(env, ["main.html", *config.theme.static_templates])
        self._theme = (files, env)

    def build(self, site: Pages, jobs: int | None = None) -> None:
        """Everything mkdocs' build writes, into an emptied site_dir."""
        self.prepare()
        assert self._theme is not None
        config = self.config
        files, env = self._theme
        self._order = list(site.paths())
        for path in self._order:  # the content comes when the page is built
            files.append(File.generated(config, path, content="", inclusion=_inclusion(path)))
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        for file in files.documentation_pages():
            if file.page is None:
                MkDocsPage(None, file, config)
        env = config.plugins.on_env(env, config=config, files=files)
        env.globals["jcode_shell"] = Shell()
        files.copy_static_files()
        self._files, self._nav, self._env = files, nav, env
        self._static_templates()
        doc = self._doc = list(files.documentation_pages())
        workers = jobs if jobs is not None else (os.cpu_count() or 1)
        paths = [f.src_uri for f in doc]
        if workers > 1 and (jobs or len(doc) >= PARALLEL_MIN_PAGES) and hasattr(os, "fork"):
            # Pages differ in cost (a portfolio page lists every journey): each process takes
            # the next page when it is free, the costliest first; this one tells the progress.
            order = site.costliest_first()
            with Numbers(len(order)) as numbers:
                work = partial(self._build_taken, site, order, numbers, workers)
                for built in forked(work, list(range(workers))):
                    self._built.update(built)
        else:
            self._built = self._build_share(site, paths, 1, tell=True)
        if self.progress is not None:
            self.progress(len(paths), len(paths))
        self._write_search()

    def _build_taken(
        self, site: Pages, paths: list[str], numbers: Numbers, workers: int, share: int
    ) -> Built:
        return self._build_share(site, (paths[n] for n in numbers), workers, tell=share == 0)

    def _build_share(self, site: Pages, paths: Iterable[str], workers: int, tell: bool) -> Built:
        """Render and build these pages; what is kept of them (sent back from a child). `tell`:
        report the progress, as this process's pages times the processes."""
        built: Built = {}
        total = len(self._order)
        progress = self.progress if tell else None
        gc.disable()  # the pages make no reference cycles; collecting only costs time here
        try:
            for n, path in enumerate(paths, 1):
                page = site.page(path)
                built[path] = (_digest(page), self._build_one(page))
                if progress is not None and n * workers < total:
                    progress(n * workers, total)
        finally:
            gc.enable()
        return built

    def _build_one(self, ours: Page) -> list[dict[str, Any]]:
        """Read and write one page, as mkdocs' _populate_page and _build_page do, its Markdown
        step aside (the page is HTML): its search entries."""
        assert self._files is not None and self._nav is not None
        config, files = self.config, self._files
        file = files.get_file_from_path(ours.path)
        assert file is not None and file.page is not None
        file.content_string = _content(ours)
        page = file.page
        self.pages[ours.path] = ours
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.content = ours.search if ours.search is not None else ours.html()
            page.toc = get_toc([])
        finally:
            config._current_page = None
        index = self._search.search_index if self._search is not None else None
        before = len(index.entries) if index is not None else 0
        try:
            _build_page(page, config, self._doc, self._nav, self._env)
        finally:
            del self.pages[ours.path]  # only its digest stays
        if index is None:
            return []
        added: list[dict[str, Any]] = index.entries[before:]
        del index.entries[before:]
        return added

    def _static_templates(self) -> None:
        assert self._files is not None and self._nav is not None
        for template in self.config.theme.static_templates:
            _build_theme_template(template, self._env, self._files, self.config, self._nav)
        # mkdocs' 404 page links its assets from the server's root (it cannot know the site's
        # address): from disk or under a sub-path it would load from outside the site. A
        # static, offline site does without it.
        (Path(self.config.site_dir) / "404.html").unlink(missing_ok=True)

    def _write_search(self) -> None:
        """The search index, and what the plugins make of it (search_index.js for file://)."""
        if self._search is not None:
            self._search.search_index.entries = [
                entry for path in self._order for entry in self._built[path][1]
            ]
        self.config.plugins.on_post_build(config=self.config)
        if self._search is not None:
            self._search.search_index.entries = []

    # Page by page ---------------------------------------------------------------------------

    def update(self, site: Pages, stale: Callable[[str], bool] | None = None) -> list[str]:
        """Bring the site in line with `site`: render again its new pages and those `stale`
        says may have changed (all of them when None), build those that changed, remove those
        that went, and write the search index and the sitemap again. The paths that changed."""
        assert self._files is not None
        config, files = self.config, self._files
        order = list(site.paths())
        kept = set(order)
        removed = [p for p in self._order if p not in kept]
        for path in removed:
            file = files.get_file_from_path(path)
            if file is not None:
                Path(file.abs_dest_path).unlink(missing_ok=True)
                files.remove(file)
            del self._built[path]
        for path in order:
            if path not in self._built and files.get_file_from_path(path) is None:
                file = File.generated(config, path, content="", inclusion=_inclusion(path))
                files.append(file)  # new: a page outside the navigation
                MkDocsPage(None, file, config)
        if order != self._order:
            self._files = files = _ordered(files, order)
            self._order = order
        self._doc = list(files.documentation_pages())
        changed = []
        gc.disable()
        try:
            for path in order:
                if path in self._built and stale is not None and not stale(path):
                    continue
                # One page at a time, let go once built: a portfolio's lists are megabytes.
                page = site.page(path)
                digest = _digest(page)
                if self._built.get(path, ("",))[0] != digest:
                    self._built[path] = (digest, self._build_one(page))
                    changed.append(path)
        finally:
            gc.enable()
        if not changed and not removed:
            return []
        self._static_templates()
        self._write_search()
        return changed + removed


def _compile(env: Any, names: list[str]) -> None:
    """These templates compiled, and every template they name (Jinja compiles a template when
    a page first asks for it: in each process that builds pages, after the fork)."""
    from jinja2 import meta

    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        env.get_template(name)
        source, _, _ = env.loader.get_source(env, name)
        # A name made at render time (a language's partial, an icon) is None: left for then.
        todo += [n for n in meta.find_referenced_templates(env.parse(source)) if n]


def _digest(page: Page) -> str:
    """What a page's output depends on, in a few bytes."""
    text = "\0".join((page.front_matter(), page.html(), page.search or ""))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class _FullHtml:
    """An mkdocs plugin in all but registration: once search has indexed a page's light HTML,
    the page gets its full HTML. The bodies never go through Markdown: it would parse every tag
    of every journey map (most of a build's time) to pass them through unchanged."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer

    def _page_context(self, context: Any, *, page: MkDocsPage, **_: object) -> Any:
        page.content = self.renderer.pages[page.file.src_uri].html()
        return context

    on_page_context = event_priority(-100)(_page_context)


class Shell:
    """The blocks of Material's page that overrides/main.html asks for: each rendered once per
    folder and set of hidden sidebars, for the pages outside the navigation that have no table
    of contents. Such a page has no active entry in the menu, no previous or next page, and
    links that depend only on its folder; what differs from one to the next (title,
    description, content) is in other blocks. Every other page renders them itself."""

    def __init__(self) -> None:
        self._blocks: dict[tuple[str, str, tuple[str, ...]], Any] = {}

    def __call__(self, name: str, page: MkDocsPage | None, block: Callable[[], Any]) -> Any:
        if page is None or page.toc or page.file.inclusion is not InclusionLevel.NOT_IN_NAV:
            return block()
        meta = page.meta
        if not meta.keys() <= _OUR_META:  # front matter jcode did not write: Material reads it
            return block()
        key = (name, posixpath.dirname(page.url), tuple(meta.get("hide", ())))
        found = self._blocks.get(key)
        if found is None:
            found = self._blocks[key] = block()
        return found


# The front matter jcode writes (jcode.site.pages.Page.front_matter).
_OUR_META = frozenset({"title", "description", "hide"})


def _ordered(files: Files, paths: list[str]) -> Files:
    """The files with the pages in the order of the site (as a full build adds them), the
    theme's files first as mkdocs has them."""
    pages = {path: files.get_file_from_path(path) for path in paths}
    others = [f for f in files if f.src_uri not in pages]
    return Files([*others, *(f for f in pages.values() if f is not None)])
