"""jcode diff --format markdown: the whole comment against a golden file, rendered by
cmark-gfm (the parser GitHub uses) to check that no journey text makes a link, HTML or a
broken table, and a change set far too big for one comment that stays under GitHub's limit."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import cmarkgfm
import pytest
import yaml
from cmarkgfm.cmark import Options

from jcode.config import load_project
from jcode.diff import Diff, JourneyDiff
from jcode.diff.changes import Change
from jcode.errors import ExitCode
from jcode.findings import Finding, RuleId
from jcode.reporters.diff_markdown import MAX_CHARS, render
from jcode.reporters.export_mermaid import diagram
from jcode.reporters.markdown import escape
from jcode.spec import parse_journey

from .helpers import EXAMPLE, EXAMPLE_FILE, RETURNS, TODAY, GitRepo, check_golden, run, said

GITHUB_LIMIT = 65_536
HOSTILE = "<img src=x onerror=alert(1)> | [click](https://evil.example) @octocat www.evil.example"

GIFT_CARD = """\
id: gift-card
title: Buying a gift card
owner: ecommerce
stages:
  - id: buy
    name: Buying
    phase: purchase
    touchpoints: [{id: shop, name: Shop, channel: web}]
"""


def _edit(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


class _Html(HTMLParser):
    """The tags of an HTML document, and its table rows' cell counts."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.rows: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "tr":
            self.rows.append(0)
        elif tag in ("td", "th"):
            self.rows[-1] += 1


def github_html(markdown: str) -> _Html:
    # UNSAFE keeps raw HTML in the output (GitHub sanitises it later), so that any HTML the
    # markdown lets through shows up here.
    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    parsed = _Html()
    parsed.feed(html)
    return parsed


ALLOWED_TAGS = {
    "p", "strong", "em", "code", "ul", "li", "h3", "table", "thead", "tbody", "tr", "th", "td",
    "details", "summary", "pre",  # pre: the journey's Mermaid block
}  # fmt: skip


def test_markdown_golden_and_safe(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("journeys/parcel-return.yaml", RETURNS)
    repo.write("journeys/gift-card.yaml", GIFT_CARD)
    repo.commit("Three journeys")
    repo.write(
        EXAMPLE_FILE,
        _edit(
            EXAMPLE,
            ("title: Replacing a broken work laptop", "title: Replacing a broken laptop"),
            ("status: live", "status: draft"),
            ("tags: [b2c, electronics]", "tags: [b2c, electronics, refurbished]"),
            ("        channel: search\n", "        channel: ads\n"),
            ("      - id: review-sites\n", "      - id: review-sites-moved\n"),
            ("    name: Comparing options\n", "    name: Comparing laptops\n"),
            (
                "      - Delivery dates are hidden until checkout\n",
                f"      - Delivery dates are hidden until checkout\n      - {HOSTILE!r}\n",
            ),
            ("      - Show the delivery date on every product card\n", "      - Show stock\n"),
            ("        owner: customer-care\n", "        owner: ecommerce\n"),
            ("        target: 50\n", "        target: 45\n"),
            ("        baseline: 59\n        target: 50\n", "        baseline: 59\n"),
            (
                "        baseline: 8\n        target: 12\n",
                "        baseline: 8\n        target: 12\n"
                "      - {id: compare-usage, name: Compare tool usage, baseline: 5, target: 9}\n",
            ),
            ("        baseline: 4.1\n", "        baseline: 4.3\n"),
            (
                "        unit: score\n        direction: increase\n        baseline: 32",
                "        unit: points\n        direction: increase\n        baseline: 32",
            ),
            (
                "      - id: satisfaction-survey\n        name: Satisfaction survey\n"
                "        channel: email\n        feedback: true\n",
                "",
            ),
            (
                "  - id: advocacy\n",
                "  - id: returns\n    name: Returns\n    phase: post-purchase\n"
                "    touchpoints: [{id: returns-portal, name: Returns portal, channel: web}]\n"
                "  - id: advocacy\n",
            ),
        ),
    )
    tracking = "      - {id: tracking, name: Tracking emails, channel: email, feedback: true}\n"
    repo.write("journeys/parcel-return.yaml", _edit(RETURNS, ("    touchpoints:\n" + tracking, "")))
    (repo.root / "journeys" / "gift-card.yaml").unlink()
    repo.write(
        "journeys/hostile.yaml",
        f"id: hostile\ntitle: {HOSTILE!r}\nstages: [{{id: s, name: S, phase: purchase}}]\n",
    )
    repo.write("journeys/broken.yaml", "id: [broken\n")

    code, out, err = run(["diff", "main", "--format", "markdown", "--today", "2026-11-22"], capsys)
    assert (code, err) == (ExitCode.OK, "")
    check_golden("diff.md", out)

    html = github_html(out)
    assert html.tags <= ALLOWED_TAGS  # no <a>, <img> or <script>: the journey text stayed text
    assert {4, 5} == set(html.rows)  # every row of both tables has all its cells
    assert "details" in html.tags  # the example's long list of changes is folded


def test_escape_leaves_no_markup() -> None:
    text = "a|b <i>c</i> [d](e) ![f](g) `h` *i* _j_ ~k~ $l$ &amp; \\ # www.m.n https://o.p @q\nr"
    html = cmarkgfm.github_flavored_markdown_to_html(
        f"| x |\n|---|\n| {escape(text)} |\n", options=Options.CMARK_OPT_UNSAFE
    )
    cell = re.search(r"<td>(.*)</td>", html)
    assert cell is not None
    shown = cell.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    assert shown.replace("&amp;", "&") == text.replace("\n", " ").replace("@", "@\u2060")


def _finding(journey: str, n: int) -> Finding:
    return Finding(
        f"journeys/{journey}.yaml", n, 5, RuleId.STAGE_WITHOUT_KPI, "info", f"/stages/{n}",
        journey, said(f"stage 's{n}' has no KPI"), f"stages/s{n}",
    )  # fmt: skip


def _big_diff(journeys: int, changes: int, findings: int) -> Diff:
    return Diff(
        "main",
        "feature",
        tuple(
            JourneyDiff(
                f"journey-{j:05d}",
                f"Journey {j} | with a title that goes on for a while to fill the table",
                f"journeys/journey-{j:05d}.yaml",
                f"journeys/journey-{j:05d}.yaml",
                tuple(
                    Change(
                        "pain-point-added",
                        f"/stages/0/pain_points/{c}",
                        "stages/s0/pain_points",
                        None,
                        f"Pain point number {c}, written out at some length as people do",
                        position=c + 1,
                    )
                    for c in range(changes)
                ),
            )
            for j in range(journeys)
        ),
        tuple(_finding(f"journey-{j:05d}", n) for j in range(journeys) for n in range(findings)),
        (),
        0,
    )


@pytest.mark.parametrize(
    ("journeys", "changes", "findings"),
    [(2_000, 30, 3), (1, 20_000, 5_000), (5, 400, 0)],
    ids=["many-journeys", "one-huge-journey", "a-few-long-journeys"],
)
def test_huge_change_set_stays_under_the_limit(journeys: int, changes: int, findings: int) -> None:
    out = render(_big_diff(journeys, changes, findings))
    assert len(out.encode("utf-16-le")) // 2 < MAX_CHARS < GITHUB_LIMIT
    html = github_html(out)
    assert html.tags <= ALLOWED_TAGS
    assert out.count("<details>") == out.count("</details>")
    # What did not fit is summarised: whole journeys at the end, or the tail of a list.
    assert "more journeys, not shown" in out or re.search(r"^- … \d+ more$", out, re.MULTILINE)


def test_small_diff_shows_everything() -> None:
    out = render(_big_diff(3, 2, 1))
    assert "not shown" not in out and "more" not in out
    assert out.count("Pain point number 1, written") == 3


def test_changes_to_numbered_items_and_links_are_listed_with_their_ids_and_escaped(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    steps = "    steps:\n      - {text: Pays by card}\n"
    base = _edit(
        EXAMPLE,
        ("    phase: purchase\n", "    phase: purchase\n" + steps),
        (
            "      - Publish a plain-language spec comparison guide\n",
            "      - {id: guide, text: Publish a plain-language spec comparison guide}\n",
        ),
    )
    repo.write(EXAMPLE_FILE, base)
    repo.commit("Steps and an opportunity with an id")
    head = _edit(
        base,
        (
            steps,
            "    steps:\n      - {text: Pays by card, key_moment: 'A refused card *ends* it'}\n"
            f"      - {{text: {HOSTILE!r}}}\n"
            "    exits: [{text: Leaves at the fee, share: 12}]\n",
        ),
        (
            "      - Too many models with unclear specifications\n",
            "      - {text: Too many models with unclear specifications, addressed_by: [guide]}\n",
        ),
        (
            "      - Show the delivery date on every product card\n",
            "      - Show the delivery date on every product card\n"
            "      - {id: stock-badge, text: Show stock on the card}\n",
        ),
    )
    repo.write(EXAMPLE_FILE, head)
    code, out, _ = run(["diff", "main", "--format", "markdown", "--today", "2026-11-22"], capsys)
    assert code == ExitCode.OK
    changes = out[out.index("**Changes (5)**") :].split("\n\n")[1]
    # Each names its stage, then the number of its item there (and an opportunity's id).
    assert changes.splitlines() == [
        "- stage `purchase`, step 1 “Pays by card”: key moment added:"
        " “A refused card \\*ends\\* it”",
        f"- stage `purchase`: step 2 added: “{escape(HOSTILE)}”",
        "- stage `purchase`: exit 1 added: “Leaves at the fee”",
        "- stage `discovery`: pain point 1 “Too many models with unclear specifications”"
        " addressed by: [] → [`guide`]",
        "- stage `evaluation`: opportunity 2 (`stock-badge`) added: “Show stock on the card”",
    ]
    assert github_html(out).tags <= ALLOWED_TAGS


def test_the_journey_map_is_one_mermaid_block_whatever_backticks_its_text_holds(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """HEAD's journey folded as a Mermaid block: a title full of backtick fences cannot close
    it, so GitHub gets exactly the diagram export writes, and no markup of the journey's."""
    repo.commit("The example")
    title = "A ``` fence ```` and ` one\\n### heading"
    repo.write(
        EXAMPLE_FILE, EXAMPLE.replace("title: Replacing a broken work laptop", f'title: "{title}"')
    )
    code, out, _ = run(
        ["diff", "HEAD", "--format", "markdown", "--today", TODAY.isoformat()], capsys
    )
    assert code == ExitCode.OK
    html = cmarkgfm.github_flavored_markdown_to_html(out, options=Options.CMARK_OPT_UNSAFE)
    blocks = re.findall(r'<pre lang="mermaid"><code>(.*?)</code></pre>', html, re.S)
    project = load_project(repo.root / "jcode.yaml")
    journey = parse_journey(yaml.safe_load((repo.root / EXAMPLE_FILE).read_text("utf-8")))
    assert journey is not None
    assert [unescape(block) for block in blocks] == [diagram(journey, project)]
    assert "<h3>heading" not in html
    assert "`````mermaid\n" in out  # one backtick more than the journey's longest run
