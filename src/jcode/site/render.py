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

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _build_page, _build_theme_template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from jcode.forking import forked
from jcode.site.pages import MENU, Page

# Told (pages rendered, pages in all) after each page: the CLI draws its progress bar with it.
Progress = Callable[[int, int], None]
# Pages built in one process below this many (a fork and its pipe cost more than they save).
PARALLEL_MIN_PAGES = 40
_MENU = frozenset(path for _, path in MENU)


def _content(page: Page) -> str:
    return page.front_matter() + "<!-- jcode -->\n"


def _inclusion(path: str) -> InclusionLevel:
    return InclusionLevel.UNDEFINED if path in _MENU else InclusionLevel.NOT_IN_NAV


class Renderer:
    """The site of a set of pages in `config.site_dir`: built in full once, then page by page."""

    def __init__(self, config: MkDocsConfig, progress: Progress | None = None) -> None:
        self.config = config
        self.progress = progress
        self.pages: dict[str, Page] = {}  # by path, in the order of the site
        self._files: Files | None = None
        self._doc: list[File] = []  # the pages' files, in order (what templates see as `pages`)
        self._nav: Navigation | None = None
        self._env: Any = None
        self._entries: dict[str, list[dict[str, Any]]] = {}  # search entries, by page path
        self._search: Any = config.plugins.get("material/search")
        config.plugins["jcode"] = _FullHtml(self)  # type: ignore[assignment]

    def close(self) -> None:
        self.config.plugins.on_shutdown()

    # A full build ---------------------------------------------------------------------------

    def build(self, pages: Sequence[Page], jobs: int | None = None) -> None:
        """Everything mkdocs' build writes, into an emptied site_dir."""
        from mkdocs import utils

        config = self.config
        self.pages = {page.path: page for page in pages}
        config = self.config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        for page in pages:
            files.append(
                File.generated(
                    config, page.path, content=_content(page), inclusion=_inclusion(page.path)
                )
            )
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        for file in files.documentation_pages():
            if file.page is None:
                MkDocsPage(None, file, config)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files()
        self._files, self._nav, self._env = files, nav, env
        self._static_templates()
        doc = self._doc = list(files.documentation_pages())
        workers = jobs if jobs is not None else (os.cpu_count() or 1)
        if workers > 1 and (jobs or len(doc) >= PARALLEL_MIN_PAGES) and hasattr(os, "fork"):
            shares = [[f.src_uri for f in doc[i::workers]] for i in range(workers)]
            results = forked(self._build_share, shares)
            for share in results:
                self._entries.update(share)
        else:
            self._entries = self._build_share([f.src_uri for f in doc])
        self._write_search()

    def _build_share(self, paths: list[str]) -> dict[str, list[dict[str, Any]]]:
        """Build these pages; their search entries, by path (sent back from a child)."""
        entries: dict[str, list[dict[str, Any]]] = {}
        for n, path in enumerate(paths, 1):
            entries[path] = self._build_one(path)
            if self.progress is not None:
                self.progress(
                    min(n * len(self.pages) // len(paths), len(self.pages)), len(self.pages)
                )
        return entries

    def _build_one(self, path: str) -> list[dict[str, Any]]:
        """Read and write one page, as mkdocs' _populate_page and _build_page do, its Markdown
        step aside: the page is HTML."""
        assert self._files is not None and self._nav is not None
        config, files = self.config, self._files
        file = files.get_file_from_path(path)
        assert file is not None and file.page is not None
        page = file.page
        ours = self.pages[path]
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
        _build_page(page, config, self._doc, self._nav, self._env)
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
                entry for path in self.pages for entry in self._entries.get(path, [])
            ]
        self.config.plugins.on_post_build(config=self.config)
        if self._search is not None:
            self._search.search_index.entries = []

    # Page by page ---------------------------------------------------------------------------

    def update(self, pages: Sequence[Page]) -> list[str]:
        """Build again the pages that are new or changed, remove those that went, and write the
        search index and the sitemap again: the paths that changed."""
        assert self._files is not None
        config, files = self.config, self._files
        new = {page.path: page for page in pages}
        changed = [p for p in new if p not in self.pages or _differs(self.pages[p], new[p])]
        removed = [p for p in self.pages if p not in new]
        if not changed and not removed:
            return []
        for path in removed:
            file = files.get_file_from_path(path)
            if file is not None:
                Path(file.abs_dest_path).unlink(missing_ok=True)
                files.remove(file)
            self._entries.pop(path, None)
        for path in changed:
            file = files.get_file_from_path(path)
            if file is not None:  # the same File and Page: the navigation holds them
                file.content_string = _content(new[path])
                continue
            file = File.generated(
                config, path, content=_content(new[path]), inclusion=_inclusion(path)
            )
            files.append(file)
            MkDocsPage(None, file, config)
        if set(new) != set(self.pages) or list(new) != list(self.pages):
            self._files = files = _ordered(files, list(new))
        self._doc = list(files.documentation_pages())
        self.pages = new
        for path in changed:
            self._entries[path] = self._build_one(path)
        self._static_templates()
        self._write_search()
        return changed + removed


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


def _differs(old: Page, new: Page) -> bool:
    return (old.title, old.body, old.search, old.description) != (
        new.title,
        new.body,
        new.search,
        new.description,
    )


def _ordered(files: Files, paths: list[str]) -> Files:
    """The files with the pages in the order of the site (as a full build adds them), the
    theme's files first as mkdocs has them."""
    pages = {path: files.get_file_from_path(path) for path in paths}
    others = [f for f in files if f.src_uri not in pages]
    return Files([*others, *(f for f in pages.values() if f is not None)])


def pages_in_order(files: Files) -> Iterator[str]:
    return (f.src_uri for f in files.documentation_pages())
