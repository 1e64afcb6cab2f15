"""The site built page by page: after any sequence of edits, additions, deletions and renames of
journey files, and changes to jcode.yaml, the served folder holds the same bytes as a clean
`jcode build` of the same files (and jcode's build driver the same bytes as mkdocs' own)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.plugins import event_priority

from jcode.collect import collect_files
from jcode.config import load_project
from jcode.linter import lint
from jcode.relint import Changes, Relinter
from jcode.site.build import build_site
from jcode.site.pages import Page, Site
from jcode.site.serve import LiveSite

from .helpers import ROOT, TODAY

GALLERY = ("laptop-replacement", "beach-holiday-shopping", "recipe-box-winback")


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def linted(project_root: Path) -> tuple[Any, Any]:
    project = load_project(project_root / "jcode.yaml")
    files = collect_files([project_root / "journeys"])
    return lint(files, project, TODAY, keep_models=True), project


def clean_build(project_root: Path, out: Path) -> dict[str, bytes]:
    result, project = linted(project_root)
    shutil.rmtree(out, ignore_errors=True)
    build_site(result, project, out)
    return tree(out)


class Project:
    """A small project on disk, changed by the operations the test draws, and linted as
    `jcode serve` lints it: again and again by one Relinter while jcode.yaml stays the same."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.journeys = root / "journeys"
        self.made = 0
        self._relinter: tuple[bytes, Relinter, Any] | None = None

    def relinted(self) -> tuple[Any, Any, Changes]:
        config = (self.root / "jcode.yaml").read_bytes()
        if self._relinter is None or self._relinter[0] != config:
            project = load_project(self.root / "jcode.yaml")
            self._relinter = (config, Relinter(project, TODAY), project)
        _, relinter, project = self._relinter
        result = relinter.lint(collect_files([self.journeys]))
        return result, project, relinter.changes

    def reset(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        self.journeys.mkdir(parents=True)
        shutil.copy(ROOT / "jcode.yaml", self.root / "jcode.yaml")
        for name in GALLERY:
            shutil.copy(ROOT / "journeys" / f"{name}.yaml", self.journeys)

    def files(self) -> list[Path]:
        return sorted(self.journeys.glob("*.yaml"))

    def apply(self, operation: tuple[str, int, str]) -> None:
        kind, n, word = operation
        files = self.files()
        if not files and kind != "config":
            kind = "add-new"
        path = files[n % len(files)] if files else self.journeys / "x.yaml"
        self.made += 1
        if kind == "title":  # a change of text: the journey's page, its links and the lists
            text = path.read_text(encoding="utf-8")
            lines = [
                f"title: {word} {self.made}" if line.startswith("title:") else line
                for line in text.splitlines()
            ]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        elif kind == "add":  # a copy under a new id: a new page, in every list
            text = path.read_text(encoding="utf-8")
            new_id = f"{word}-{self.made}"
            lines = [
                f"id: {new_id}" if line.startswith("id: ") else line for line in text.splitlines()
            ]
            (self.journeys / f"{new_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        elif kind == "add-new":
            shutil.copy(ROOT / "journeys" / f"{GALLERY[n % len(GALLERY)]}.yaml", self.journeys)
        elif kind == "duplicate":  # the same id twice: a finding, one page
            shutil.copy(path, self.journeys / f"{word}-copy-{self.made}.yaml")
        elif kind == "delete":
            path.unlink()
        elif kind == "rename":
            path.rename(self.journeys / f"{word}-{self.made}.yaml")
        elif kind == "break":  # not YAML any more: the file's findings, no journey page
            path.write_text(path.read_text(encoding="utf-8") + "\n  - [unclosed\n", "utf-8")
        elif kind == "owner":  # an undeclared owner: a new error on the journey
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("\nowner: ", f"\nowner: {word}-team\n# was: "), "utf-8")
        elif kind == "config":  # jcode.yaml: the site's title on every page
            config = self.root / "jcode.yaml"
            text = config.read_text(encoding="utf-8")
            config.write_text(text.replace("title: ", f"title: {word} ", 1), encoding="utf-8")


OPERATIONS = st.tuples(
    st.sampled_from(
        ["title", "title", "add", "delete", "rename", "break", "owner", "duplicate", "config"]
    ),
    st.integers(0, 5),
    st.sampled_from(["alfa", "bravo", "charlie"]),
)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("live")


_LIVE: dict[Path, tuple[Project, LiveSite]] = {}


def live(root: Path) -> tuple[Project, LiveSite]:
    """One project and one served site for all the examples under `root` (bench/fuzz.py gives
    its own): each example starts from the last one's site."""
    if root not in _LIVE:
        project = Project(root / "project")
        project.reset()
        (root / "work").mkdir()
        _LIVE[root] = (project, LiveSite(root / "served", root / "work"))
    return _LIVE[root]


KINDS = ["title", "add", "delete", "rename", "break", "owner", "duplicate", "config"]


SUITE = settings.default
EXAMPLES = (SUITE.max_examples if SUITE is not None else 40) // 4  # the fuzz run: more


@settings(max_examples=EXAMPLES, deadline=None)  # a site build takes seconds
@given(
    operations=st.lists(OPERATIONS, min_size=1, max_size=5),
    later=st.lists(st.booleans(), max_size=5),
)
@example(operations=[(kind, n, "delta") for n, kind in enumerate(KINDS)], later=[])
def test_the_served_site_is_what_a_clean_build_writes(
    root: Path, operations: list[tuple[str, int, str]], later: list[bool]
) -> None:
    """Page by page from the last example's state, the edited journeys' pages sometimes first
    and the lists after them (as serve does once it serves), finished at the end."""
    project, site = live(root)
    project.reset()
    site.refresh(*project.relinted())
    for operation, first in zip(operations, later + [False] * len(operations), strict=False):
        project.apply(operation)
        site.refresh(*project.relinted(), later=first)
    site.finish()
    assert not site.pending
    assert tree(site.out) == clean_build(project.root, root / "clean")


def test_a_page_by_page_update_writes_only_what_changed(tmp_path: Path) -> None:
    project = Project(tmp_path / "project")
    project.reset()
    (tmp_path / "work").mkdir()
    site = LiveSite(tmp_path / "served", tmp_path / "work")
    try:
        site.refresh(*project.relinted())
        before = {p: p.stat().st_mtime_ns for p in site.out.rglob("*.html")}
        path = project.journeys / "recipe-box-winback.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("name: ", "name: Renamed ", 1), encoding="utf-8")
        site.refresh(*project.relinted())
        rewritten = sorted(
            str(p.relative_to(site.out)) for p, t in before.items() if p.stat().st_mtime_ns != t
        )
    finally:
        site.close()
    # The journey's page, and the lists that show its stages' names: not the other journeys.
    assert "journeys/recipe-box-winback.html" in rewritten
    assert "journeys/laptop-replacement.html" not in rewritten
    assert "journeys/beach-holiday-shopping.html" not in rewritten
    assert tree(site.out) == clean_build(project.root, tmp_path / "clean")


# Pages outside the navigation in other folders than the site's: the theme's shared blocks
# (render.Shell) link from each folder as the folder needs.
_ELSEWHERE = [
    Page("extra.md", "At the top", "<p>top</p>"),
    Page("deep/er/page.md", "Two down", "<p>deep</p>", description="Deep <b>down</b>"),
    Page("deep/er/other.md", "Two down too", "<p>other</p>"),
    Page("journeys/extra.md", "Beside the journeys", "<p>beside</p>"),
]


class _WithPages:
    """A site with more pages after its own."""

    def __init__(self, site: Site, extra: list[Page]) -> None:
        self.site = site
        self.extra = {page.path: page for page in extra}

    def paths(self) -> Iterator[str]:
        yield from self.site.paths()
        yield from self.extra

    def page(self, path: str) -> Page:
        return self.extra[path] if path in self.extra else self.site.page(path)

    def costliest_first(self) -> list[str]:
        return [*self.site.costliest_first(), *self.extra]


class _MkdocsOwnBuild:
    """The pages handed to mkdocs' own build() as jcode did before it drove the build: the
    reference the driver must match byte for byte."""

    def __init__(self, pages: list[Any]) -> None:
        self.pages = {page.path: page for page in pages}

    def on_files(self, files: Any, *, config: Any) -> Any:
        from mkdocs.structure.files import File, InclusionLevel

        from jcode.site.pages import MENU

        menu = {path for _, path in MENU}
        for page in self.pages.values():
            inclusion = InclusionLevel.UNDEFINED if page.path in menu else InclusionLevel.NOT_IN_NAV
            content = page.front_matter() + "<!-- jcode -->\n"
            files.append(File.generated(config, page.path, content=content, inclusion=inclusion))
        return files

    def on_page_content(self, html: str, *, page: Any, **_: object) -> str:
        ours = self.pages[page.file.src_uri]
        return str(ours.search) if ours.search is not None else ours.html()

    def _page_context(self, context: Any, *, page: Any, **_: object) -> Any:
        page.content = self.pages[page.file.src_uri].html()
        return context

    on_page_context = event_priority(-100)(_page_context)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_driver_writes_what_mkdocs_own_build_writes(tmp_path: Path, jobs: int) -> None:
    """In one process or in two (each building every other page)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from jcode.site.build import mkdocs_config, mkdocs_environment, open_renderer

    result, project = linted(ROOT)
    site = _WithPages(Site(result, project), _ELSEWHERE)
    pages = [site.page(path) for path in site.paths()]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with mkdocs_environment():
        ours = open_renderer(project, tmp_path / "a", tmp_path / "a" / "site")
        ours.build(site, jobs=jobs)
        ours.close()
        (tmp_path / "b" / "docs").mkdir()
        settings = mkdocs_config(project, tmp_path / "b" / "docs", tmp_path / "b" / "site")
        (tmp_path / "b" / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
        config = load_config(config_file=str(tmp_path / "b" / "mkdocs.yml"))
        config.plugins["jcode"] = _MkdocsOwnBuild(pages)  # type: ignore[assignment]
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
    (tmp_path / "b" / "site" / "404.html").unlink()
    assert len(pages) > 20
    assert tree(tmp_path / "a" / "site") == tree(tmp_path / "b" / "site")
