"""The table of pages and what every template shares: relative links, and escaping."""

from __future__ import annotations

import html

import pytest
from markupsafe import Markup

from jcode.site.pages import MENU, PAGES, environment

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


def test_every_printed_value_is_escaped_as_the_standard_library_escapes() -> None:
    # The page's <title> (Material, from our front matter) and its <h1> must read alike.
    page = environment().from_string('<h1 title="{{ text }}">{{ text }}</h1>')
    assert (
        page.render(text=PAYLOAD)
        == f'<h1 title="{html.escape(PAYLOAD)}">{html.escape(PAYLOAD)}</h1>'
    )
    assert page.render(text=42) == '<h1 title="42">42</h1>'


def test_only_html_jcode_marked_as_its_own_is_printed_as_it_is() -> None:
    assert environment().from_string("{{ doc }}").render(doc=Markup("<code>id</code>")) == (
        "<code>id</code>"
    )


def test_a_template_never_prints_none() -> None:
    with pytest.raises(TypeError, match="a template printed None"):
        environment().from_string("<p>{{ summary }}</p>").render(summary=None)
