"""The rules page: each rule's sections, jcode's own Markdown, shown as formatted text (code as
code), the way GitHub shows the same Markdown in the README's table of rules."""

from __future__ import annotations

import contextlib
from pathlib import Path

import cmarkgfm
import lxml.html
import pytest

from jcode.collect import collect_files
from jcode.config import load_project
from jcode.findings import RuleId
from jcode.linter import lint
from jcode.rules import RULES
from jcode.site.pages import Site

from .helpers import ROOT, TODAY

PROJECT = Path("tests/site_project")


@pytest.fixture(scope="module")
def rules_page() -> lxml.html.HtmlElement:
    with contextlib.chdir(ROOT):
        project = load_project(PROJECT / "jcode.yaml")
        result = lint(collect_files([PROJECT / "journeys"]), project, TODAY, jobs=1)
        [page] = [p for p in Site(result, project).pages() if p.path == "rules.md"]
    assert page.search is None  # search indexes the page itself
    return lxml.html.fragment_fromstring(page.body, create_parent="div")


def seen(element: lxml.html.HtmlElement) -> tuple[str, list[str]]:
    """What a reader sees of a paragraph: its text, and which parts of it are code."""
    return element.text_content(), [code.text_content() for code in element.iter("code")]


def commonmark(text: str) -> tuple[str, list[str]]:
    return seen(lxml.html.fragment_fromstring(cmarkgfm.markdown_to_html(text)))


@pytest.mark.parametrize("rule_id", list(RULES))
def test_each_section_reads_as_github_shows_it(
    rule_id: RuleId, rules_page: lxml.html.HtmlElement
) -> None:
    rule = RULES[rule_id]
    [heading] = rules_page.xpath("h2[@id=$id]", id=rule_id)
    what, why, example, fix = _next(heading, 4)
    assert (what.tag, what.get("class")) == ("p", None)
    assert seen(what) == commonmark(rule.what.text)
    assert (why.tag, why.get("class")) == ("p", "jc-why")
    assert seen(why) == commonmark(rule.why.text)
    assert example.tag == "pre" and example.text_content() == rule.example.text.rstrip()
    assert (fix.tag, fix.get("class")) == ("p", "jc-fix")
    assert seen(fix) == commonmark(rule.fix.text)


def test_a_code_span_keeps_its_spaces(rules_page: lxml.html.HtmlElement) -> None:
    # Python-Markdown on its own shows `: ` as a bare colon: the advice would change.
    [heading] = rules_page.xpath("h2[@id='yaml-syntax']")
    fix = _next(heading, 4)[3]
    assert "quote text that contains `: `" in RULES[RuleId.YAML_SYNTAX].fix.text
    assert [c.text_content() for c in fix.iter("code")] == [": "]


def test_no_backtick_is_left_outside_code(rules_page: lxml.html.HtmlElement) -> None:
    for code in rules_page.iter("code"):
        code.drop_tree()
    assert "`" not in rules_page.text_content()


def _next(heading: lxml.html.HtmlElement, count: int) -> list[lxml.html.HtmlElement]:
    siblings = []
    for sibling in heading.itersiblings():
        siblings.append(sibling)
        if len(siblings) == count:
            break
    return siblings
