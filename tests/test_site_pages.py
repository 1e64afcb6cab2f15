"""The table of pages and what every template shares: relative links, and escaping; each page
rendered alone, and what rendering costs."""

from __future__ import annotations

import gc
import html
import json
import sys
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

import jinja2
import pytest
from markupsafe import Markup

from jcode.collect import collect_files
from jcode.config import load_project
from jcode.linter import JourneyFile, LintResult, lint
from jcode.site import index, pages
from jcode.site.pages import MENU, PAGES, Page, Site, environment, middot
from jcode.spec import Project

from .helpers import ROOT, TODAY

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # the benchmark's deterministic corpus

PAYLOAD = """<img src=x onerror="alert('x')"> & <b>"bold"</b>"""


def test_the_navigation_comes_from_the_table_of_pages() -> None:
    assert MENU == (
        ("home", "index.md"),
        ("gaps", "gaps.md"),
        ("owners", "owners.md"),
        ("personas", "personas.md"),
        ("channels", "channels.md"),
        ("kpis", "kpis.md"),
        ("rules", "rules.md"),
    )
    # Pages of their own for each journey, team and persona stay out of it (site-facts.md).
    assert [e.path for e in PAGES if e.menu is None] == [
        "journeys/{}.md",
        "owners/{}.md",
        "personas/{}.md",
    ]


@pytest.mark.parametrize(
    ("page", "path", "anchor", "address"),
    [
        ("index.md", "journeys/gift-card.md", "", "journeys/gift-card.html"),
        ("index.md", "gaps.md", "invalid", "gaps.html#invalid"),
        ("journeys/laptop.md", "journeys/gift-card.md", "kpi-nps", "gift-card.html#kpi-nps"),
        ("journeys/laptop.md", "rules.md", "missing-owner", "../rules.html#missing-owner"),
        (
            "owners/crm.md",
            "journeys/gift-card.md",
            "stage-buy",
            "../journeys/gift-card.html#stage-buy",
        ),
        ("owners.md", "owners/crm.md", "", "owners/crm.html"),
    ],
)
def test_links_are_relative_to_the_page(page: str, path: str, anchor: str, address: str) -> None:
    link = environment().from_string("{{ path|href(anchor) }}")
    assert link.render(page=page, path=path, anchor=anchor) == address


def test_values_are_escaped_as_the_standard_library_escapes_them(tmp_path: Path) -> None:
    # The page's <title> (Material's, from the escaped front matter) and its <h1> read alike,
    # and the HTML is the same, byte for byte, as before the site had templates.
    (tmp_path / "journeys").mkdir()
    stage = {"id": "s", "name": PAYLOAD, "phase": "discovery"}
    journey = {"id": "j", "title": PAYLOAD, "summary": PAYLOAD, "stages": [stage]}
    (tmp_path / "journeys" / "j.yaml").write_text(json.dumps(journey), encoding="utf-8")
    project = load_project(None, search_from=tmp_path)  # no jcode.yaml: the defaults
    result = lint(collect_files([tmp_path / "journeys"]), project, TODAY, jobs=1)
    pages = {page.path: page for page in Site(result, project).pages()}
    body = pages["journeys/j.md"].body
    assert f"<h1>{html.escape(PAYLOAD)}</h1>" in body
    assert f'<p class="jc-summary">{html.escape(PAYLOAD)}</p>' in body
    assert f'<a href="journeys/j.html">{html.escape(PAYLOAD)}</a>' in pages["index.md"].body
    assert f'<strong id="stage-s">{html.escape(PAYLOAD)}</strong>' in body
    for page in pages.values():
        assert "&#39;" not in page.body + (page.search or "")
        assert "&#34;" not in page.body + (page.search or "")


def test_values_are_written_as_jinja_and_markupsafe_write_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The templates write {{ value }} without making a Markup of it (pages._written): the
    # gallery's pages, and those of a journey full of markup, read byte for byte as with
    # Jinja's own template, which writes each value through markupsafe.escape.
    (tmp_path / "journeys").mkdir()
    stage: dict[str, object] = {
        "id": "s",
        "name": PAYLOAD,
        "phase": "discovery",
        "goal": PAYLOAD,
        "emotion": -2,
    }
    stage |= {"touchpoints": [{"id": "t", "name": PAYLOAD, "channel": "web"}]}
    journey: dict[str, object] = {"id": "j", "title": PAYLOAD, "summary": PAYLOAD, "owner": "x"}
    journey |= {"reviewed": "2026-01-02", "stages": [stage]}
    (tmp_path / "journeys" / "j.yaml").write_text(json.dumps(journey), encoding="utf-8")
    written = []
    for template in (pages._Template, jinja2.Template):
        monkeypatch.setattr(pages, "_Template", template)
        pages.environment.cache_clear()
        sites = [Site(*_lint(ROOT)), Site(*_lint(tmp_path))]
        written.append([_fields(page) for site in sites for page in site.pages()])
    pages.environment.cache_clear()
    assert len(written[0]) > 40 and ("journeys/j.md", PAYLOAD) in [f[:2] for f in written[0]]
    assert written[0] == written[1]


def test_search_lists_each_text_escaped_between_middle_dots(tmp_path: Path) -> None:
    # The texts are escaped together, joined by a NUL that then becomes the separator.
    touchpoint = {"id": "t", "name": "Tom & 'Jerry'", "channel": "web"}
    stage: dict[str, object] = {"id": "s", "name": "S", "phase": "discovery", "goal": PAYLOAD}
    stage |= {"timing": "<now>", "touchpoints": [touchpoint]}
    journey = {"id": "j", "title": "J", "owner": "x", "stages": [stage]}
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "j.yaml").write_text(json.dumps(journey), encoding="utf-8")
    page = Site(*_lint(tmp_path)).page("journeys/j.md")
    texts = ["<now>", PAYLOAD, "Tom & 'Jerry'", "Website"]
    assert f"<p>{' &middot; '.join(map(html.escape, texts))}</p>" in (page.search or "")


@pytest.mark.parametrize("texts", [["a\0b", "<c>"], ["\0"], ["", ""], []])
def test_a_text_that_holds_the_separator_is_listed_as_it_is(texts: list[str]) -> None:
    # The schema keeps control characters out of journeys, but the list does not rely on it.
    assert middot(texts) == Markup(" &middot; ").join(texts)


# --- each page alone -----------------------------------------------------------------------


def _lint(folder: Path) -> tuple[LintResult, Project]:
    project = load_project(
        folder / "jcode.yaml" if (folder / "jcode.yaml").is_file() else None, search_from=folder
    )
    return lint(collect_files([folder / "journeys"]), project, TODAY, jobs=1), project


def _fields(page: Page) -> tuple[str, str, str, str | None, str | None]:
    return page.path, page.title, page.body, page.search, page.description


def test_a_page_renders_alone_as_it_does_among_all_the_others() -> None:
    # The gallery has a page of every kind. Each is rendered by a site that renders nothing
    # else, and reads byte for byte as in the whole site, in the same order.
    result, project = _lint(ROOT)
    whole = [_fields(page) for page in Site(result, project).pages()]
    paths = list(Site(result, project).paths())
    assert paths == [path for path, *_ in whole]
    assert {path.split("/")[0] for path in paths} >= {"journeys", "owners", "personas"}
    assert [_fields(Site(result, project).page(path)) for path in paths] == whole


def test_a_path_the_site_lacks_has_no_page() -> None:
    site = Site(*_lint(ROOT))
    with pytest.raises(KeyError):
        site.page("journeys/no-such-journey.md")


def _journey(journey_id: str, title: str, related: list[str] | None = None) -> str:
    stage = {"id": "s", "name": f"{title} stage", "phase": "discovery", "owner": "crm"}
    journey = {"id": journey_id, "title": title, "owner": "crm", "stages": [stage]}
    return json.dumps(journey | ({"related": related} if related else {}))


def _write(folder: Path, journeys: dict[str, str]) -> None:
    (folder / "journeys").mkdir(exist_ok=True)
    for old in (folder / "journeys").iterdir():
        old.unlink()
    for name, text in journeys.items():
        (folder / "journeys" / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_a_journey_page_reads_of_other_journeys_the_titles_of_its_related_ones(
    tmp_path: Path,
) -> None:
    # What serve must re-render after a save: a journey's page changes with its own file and
    # with the titles of the journeys it lists as related, not with any other journey.
    before = {"a": _journey("a", "Alpha", related=["b"]), "b": _journey("b", "Beta")}
    _write(tmp_path, before | {"c": _journey("c", "Gamma")})
    page = Site(*_lint(tmp_path)).page("journeys/a.md")
    assert '<a href="b.html">Beta</a>' in page.body

    _write(tmp_path, before | {"c": _journey("c", "Gamma, renamed", related=["a"])})
    assert _fields(Site(*_lint(tmp_path)).page("journeys/a.md")) == _fields(page)

    _write(tmp_path, before | {"b": _journey("b", "Beta, renamed")})
    renamed = Site(*_lint(tmp_path)).page("journeys/a.md")
    assert renamed.body == page.body.replace(">Beta<", ">Beta, renamed<")
    assert (renamed.search, renamed.title) == (page.search, page.title)


def test_a_site_takes_the_unchanged_journeys_of_the_previous_one_as_they_are(
    tmp_path: Path,
) -> None:
    _write(tmp_path, {"a": _journey("a", "Alpha", ["b"]), "b": _journey("b", "Beta")})
    result, project = _lint(tmp_path)
    previous = Site(result, project)
    # As an incremental lint gives them: new files, each with the same model as before.
    again = LintResult(
        [JourneyFile(f.path, f.journey, f.journey_id, f.valid, f.findings) for f in result.files]
    )
    site = Site(again, project, previous)
    assert site.portfolio.journeys["a"] is previous.portfolio.journeys["a"]
    # Another project (jcode.yaml read again) is another site: nothing is taken.
    other = Site(again, load_project(None, search_from=tmp_path), previous)
    assert other.portfolio.journeys["a"] is not previous.portfolio.journeys["a"]

    _write(tmp_path, {"a": _journey("a", "Alpha", ["b"]), "b": _journey("b", "Beta, renamed")})
    changed, _ = _lint(tmp_path)
    site = Site(changed, project, previous)
    assert site.portfolio.journeys["a"] is previous.portfolio.journeys["a"]
    assert site.portfolio.journeys["b"] is not previous.portfolio.journeys["b"]
    fresh = Site(changed, project)
    assert [_fields(p) for p in site.pages()] == [_fields(p) for p in fresh.pages()]


# --- what rendering costs ----------------------------------------------------------------


def _stage(n: int) -> dict[str, Any]:
    """A stage that fills every lane of the map but a key moment's (a macro of its own)."""
    return {
        "id": f"s{n}",
        "name": f"Stage {n}",
        "phase": "discovery",
        "timing": "day 1",
        "goal": "Choose",
        "emotion": 1,
        "owner": "crm",
        "thoughts": ["Which one?"],
        "feelings": ["curious"],
        "steps": [{"text": "Compares", "touchpoint": f"t{n}"}],
        "touchpoints": [{"id": f"t{n}", "name": "Site", "channel": "web", "description": "d"}],
        "backstage": [{"text": "Stock check", "touchpoint": f"t{n}"}],
        "exits": [{"text": "Leaves", "share": 5}],
        "pain_points": ["Too many options"],
        "opportunities": ["A guide"],
        "kpis": [{"id": f"k{n}", "name": "Conversion", "baseline": 1, "target": 2}],
    }


def _macro_calls(folder: Path, stages: int, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    journey = {"id": "j", "title": "J", "owner": "crm", "persona": "p", "tags": ["t"]}
    _write(folder, {"j": json.dumps(journey | {"stages": [_stage(n) for n in range(stages)]})})
    site = Site(*_lint(folder))
    calls: Counter[str] = Counter()
    call = jinja2.runtime.Macro.__call__

    def counted(macro: jinja2.runtime.Macro, *args: Any, **kwargs: Any) -> str:
        calls[macro.name] += 1
        return call(macro, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(jinja2.runtime.Macro, "__call__", counted)
        body = site.page("journeys/j.md").body
    assert body.count('<li class="jc-card jc-tp') == stages
    return calls


def test_a_journey_page_calls_as_many_macros_however_long_its_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A macro call costs what writing a dozen values does: the map writes its cells and cards
    # in one loop, and links and badges are rendered once, so a page's macro calls do not
    # grow with its stages.
    assert _macro_calls(tmp_path, 2, monkeypatch) == _macro_calls(tmp_path, 12, monkeypatch)


def test_no_garbage_collection_runs_while_the_index_is_built_or_a_template_renders(
    tmp_path: Path,
) -> None:
    # Rendering makes a Markup per value, each tracked by the collector, which would walk
    # them and the whole lint result again and again: a third of a large site's time.
    generate(3, tmp_path)
    result, project = _lint(tmp_path)
    list(Site(result, project).pages())  # templates compiled, rule docs rendered
    inside: list[str] = []
    collections = 0

    def watch(phase: str, info: dict[str, int]) -> None:
        nonlocal collections
        collections += phase == "start"
        frame: FrameType | None = sys._getframe(1)
        while frame is not None:
            name = frame.f_code.co_filename
            if phase == "start" and (name.endswith(".html") or name == index.__file__):
                inside.append(f"{Path(name).name}:{frame.f_lineno}")
            frame = frame.f_back

    threshold = gc.get_threshold()
    gc.callbacks.append(watch)
    gc.set_threshold(1)  # a collection at every chance it has
    try:
        pages = list(Site(result, project).pages())
    finally:
        gc.set_threshold(*threshold)
        gc.callbacks.remove(watch)
    assert len(pages) > 10
    assert collections > 0  # between pages: Jinja's contexts hold cycles
    assert inside == []
