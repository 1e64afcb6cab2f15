"""The table of pages and what every template shares: relative links, and escaping."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from jcode.collect import collect_files
from jcode.config import load_project
from jcode.linter import lint
from jcode.site.pages import MENU, PAGES, Site, environment

from .helpers import TODAY

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
