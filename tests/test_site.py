"""The stakeholder site without a browser: the generated pages, the escaping of every field, and
the build's guarantees (the --out guard, the atomic swap, reproducible bytes, --strict).

Builds are shared through module-scoped fixtures; tests that need mkdocs to fail or to be
interrupted replace mkdocs' build function, so they cost no real build.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import logging
import os
import re
import shutil
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from jcode.cli import main
from jcode.collect import collect_files
from jcode.config import load_project
from jcode.errors import ExitCode
from jcode.linter import lint
from jcode.site.checks import MARKER
from jcode.site.pages import Page, Site
from jcode.site.render import Renderer
from jcode.spec.builtins import PHASE_MODELS

from .helpers import TODAY

ROOT = Path(__file__).parent.parent
# Relative to ROOT, where every build runs: findings then name files as users see them.
PROJECT = Path("tests/site_project")
JOURNEYS = PROJECT / "journeys"
CONFIG = PROJECT / "jcode.yaml"
SITE_TITLE = "Acme customer journeys"
EPOCH = 1_790_000_000  # 2026-09-21 14:13:20 UTC

PAGES = [
    "index.md",
    "journeys/gift-card.md",
    "journeys/laptop-replacement.md",
    "journeys/payloads.md",
    "owners.md",
    "owners/checkout.md",
    "owners/crm.md",
    "owners/customer-care.md",
    "owners/ecommerce.md",
    "owners/growth.md",
    "personas.md",
    "personas/remote-professional.md",
    "channels.md",
    "kpis.md",
    "gaps.md",
    "rules.md",
]
JOURNEY_TITLES = [  # in journey id order, as the portfolio lists them
    "Buying a gift card for a colleague",
    "Replacing a broken work laptop",
    yaml.safe_load((ROOT / JOURNEYS / "payloads.yaml").read_text(encoding="utf-8"))["title"],
]
NO_STAGE = "\N{EN DASH}"  # a phase the journey does not cover
SEVEN_STAGE = [p.id for p in PHASE_MODELS["seven-stage"]]
REFUSAL = (
    "jcode: error: '{}' is not empty and was not built by jcode; refusing to replace it "
    "(choose another --out, or empty it yourself)\n"
)


# --- a small DOM, so that assertions read the page as a browser would --------------------------

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


@dataclass
class Node:
    tag: str
    attrs: list[tuple[str, str]]
    children: list[Node | str] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        return next((v for k, v in self.attrs if k == name), None)

    @property
    def classes(self) -> list[str]:
        return (self.get("class") or "").split()

    def raw_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.raw_text() for c in self.children)

    def text(self) -> str:
        """The text content, whitespace collapsed as a browser shows it."""
        return " ".join(self.raw_text().split())

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if n.tag == tag and (cls is None or cls in n.classes)]

    def find(self, tag: str, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls!r}>"
        return found[0]

    def by_id(self, element_id: str) -> Node:
        found = [n for n in self.iter() if n.get("id") == element_id]
        assert len(found) == 1, f"{len(found)} elements with id {element_id!r}"
        return found[0]

    def cells(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node) and c.tag in ("th", "td")]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [])
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, [(k, v or "") for k, v in attrs])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, [(k, v or "") for k, v in attrs]))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(markup: str) -> Node:
    builder = _Builder()
    builder.feed(markup)
    builder.close()
    return builder.root


def body_rows(table: Node) -> list[list[str]]:
    return [[c.text() for c in tr.cells()] for tr in table.find("tbody").find_all("tr")]


def section_table(root: Node, heading_id: str) -> Node:
    """The first table after the heading with this id, among the body's top-level elements."""
    top = [c for c in root.children if isinstance(c, Node)]
    index = next(i for i, n in enumerate(top) if n.get("id") == heading_id)
    return next(n for n in top[index + 1 :] if n.find_all("table")).find("table")


URL_ATTRIBUTES = ("href", "src", "action", "xlink:href", "formaction", "data")


def unsafe_markup(root: Node) -> list[str]:
    """What in this document could run script or hide the page, beyond Material's own scripts."""
    problems = []
    for node in root.iter():
        if node.tag in ("iframe", "marquee", "object", "embed", "frame", "base"):
            problems.append(f"<{node.tag}>")
        for name, value in node.attrs:
            if name.startswith("on"):
                problems.append(f"<{node.tag} {name}=...>")
            url = "".join(value.split()).lower()
            if name in URL_ATTRIBUTES and url.startswith(("javascript:", "data:text")):
                problems.append(f"<{node.tag} {name}={value!r}>")
        if node.tag == "img" and node.get("src") == "x":
            problems.append("<img src=x>")
        if node.tag in ("script", "style") and (
            "__pwned" in node.raw_text() or "display:none" in node.raw_text()
        ):
            problems.append(f"<{node.tag}>{node.raw_text()[:60]}")
    return problems


# --- running jcode --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def jcode(*argv: str, cwd: Path = ROOT) -> Run:
    """main() in `cwd`, with its output captured (usable from module-scoped fixtures)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(cwd),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        code = main(list(argv))
    return Run(code, stdout.getvalue(), stderr.getvalue())


def build_argv(
    out: Path | str, *extra: str, journeys: Path = JOURNEYS, config: Path = CONFIG
) -> list[str]:
    return [
        "build",
        str(journeys),
        "--config",
        str(config),
        "--today",
        "2026-11-22",
        "--out",
        str(out),
        "--quiet",
        *extra,
    ]


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file and folder under `root`: relative path -> bytes (None for a folder)."""
    return {
        p.relative_to(root).as_posix(): None if p.is_dir() else p.read_bytes()
        for p in sorted(root.rglob("*"))
    }


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def differences(a: dict[str, bytes | None], b: dict[str, bytes | None]) -> list[str]:
    return sorted(p for p in a.keys() | b.keys() if a.get(p, b"<missing>") != b.get(p, b"<none>"))


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds compared with each other run with the same (unset) date."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@dataclass(frozen=True)
class Built:
    run: Run
    site: Path
    epoch_after: str | None  # SOURCE_DATE_EPOCH as the build left it


def _build(out: Path, epoch: str | None = None, **paths: Path) -> Built:
    with pytest.MonkeyPatch.context() as mp:
        if epoch is None:
            mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            mp.setenv("SOURCE_DATE_EPOCH", epoch)
        run = jcode(*build_argv(out, **paths))
        return Built(run, out, os.environ.get("SOURCE_DATE_EPOCH"))


@pytest.fixture(scope="module")
def site_a(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The fixture project, built into a folder that does not exist yet."""
    return _build(tmp_path_factory.mktemp("a") / "site")


@pytest.fixture(scope="module")
def site_b(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The same inputs, built into another (existing, empty) folder."""
    out = tmp_path_factory.mktemp("b") / "public"
    out.mkdir()
    return _build(out)


@pytest.fixture(scope="module")
def site_epoch(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory.mktemp("epoch") / "site", epoch=str(EPOCH))


@pytest.fixture(scope="module")
def site_it(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = tmp_path_factory.mktemp("it") / "project"
    shutil.copytree(ROOT / PROJECT, project)
    config = (project / "jcode.yaml").read_text(encoding="utf-8")
    assert "  language: en\n" in config
    (project / "jcode.yaml").write_text(
        config.replace("  language: en\n", "  language: it\n"), encoding="utf-8"
    )
    return _build(project / "site", journeys=project / "journeys", config=project / "jcode.yaml")


@pytest.fixture(scope="module")
def pages() -> dict[str, Page]:
    with contextlib.chdir(ROOT):
        project = load_project(CONFIG)
        result = lint(collect_files([JOURNEYS]), project, TODAY, jobs=1, keep_models=True)
        return {page.path: page for page in Site(result, project).pages()}


def site_pages(journeys: Path, config: Path) -> dict[str, Page]:
    project = load_project(config)
    result = lint(collect_files([journeys]), project, TODAY, jobs=1, keep_models=True)
    return {page.path: page for page in Site(result, project).pages()}


def read(built: Built, path: str) -> Node:
    return parse((built.site / path).read_text(encoding="utf-8"))


def journey_yaml(name: str) -> Any:
    return yaml.safe_load((ROOT / JOURNEYS / f"{name}.yaml").read_text(encoding="utf-8"))


# --- 1. page generation ---------------------------------------------------------------------


def test_the_pages_and_their_paths(pages: dict[str, Page]) -> None:
    assert list(pages) == PAGES
    assert [pages[p].title for p in ("index.md", "owners/crm.md", "gaps.md")] == [
        SITE_TITLE,
        "CRM and loyalty",
        "Gaps",
    ]


def test_built_site_has_a_page_per_generated_page(site_a: Built) -> None:
    built = sorted(p.relative_to(site_a.site).as_posix() for p in site_a.site.rglob("*.html"))
    assert built == sorted(p.removesuffix(".md") + ".html" for p in PAGES)  # no 404.html
    assert (site_a.site / MARKER).is_file()


def test_journey_page_shows_every_element_of_its_yaml(pages: dict[str, Page]) -> None:
    data = journey_yaml("laptop-replacement")
    body = pages["journeys/laptop-replacement.md"].body
    stages = data["stages"]
    texts = [data["title"], data["summary"], *data["tags"]]
    for stage in stages:
        texts += [stage["name"], *([stage["goal"]] if "goal" in stage else [])]
        texts += [t["name"] for t in stage["touchpoints"]] + [k["name"] for k in stage["kpis"]]
        texts += stage.get("pain_points", []) + stage.get("opportunities", [])
    assert len(texts) == 35
    assert [t for t in texts if html.escape(t) not in body] == []

    root = parse(body)
    table = root.find("table", "jc-map")
    rows = {tr.cells()[0].text(): tr.cells()[1:] for tr in table.find("tbody").find_all("tr")}
    assert [c.text() for c in rows["Stage"]] == [s["name"] for s in stages]
    cards = [[n.text() for n in cell.find_all("span", "jc-name")] for cell in rows["Touchpoints"]]
    assert cards == [[t["name"] for t in s["touchpoints"]] for s in stages]
    kpis = [[n.text() for n in cell.find_all("span", "jc-name")] for cell in rows["KPIs"]]
    assert kpis == [[k["name"] for k in s["kpis"]] for s in stages]
    pains = [[li.text() for li in cell.find_all("li")] for cell in rows["Pain points"]]
    assert pains == [s.get("pain_points", []) for s in stages]
    ideas = [[li.text() for li in cell.find_all("li")] for cell in rows["Opportunities"]]
    assert ideas == [s.get("opportunities", []) for s in stages]
    assert [c.text() for c in rows["Owner"]] == [
        "Growth marketing",
        "E-commerce team",  # inherited from the journey
        "Checkout squad",
        "Customer care",
        "CRM and loyalty",
        "CRM and loyalty",
    ]
    assert root.find("p", "jc-summary").text() == " ".join(data["summary"].split())
    assert [n.text() for n in root.find_all("span", "jc-tag")] == ["b2c", "electronics"]


def test_every_header_cell_of_the_map_names_its_row_or_column(pages: dict[str, Page]) -> None:
    """Screen readers announce a cell with its row and column headers: the corner (over the row
    labels) and the row of emotion words under the curve say so, for screen readers only."""
    table = parse(pages["journeys/laptop-replacement.md"].body).find("table", "jc-map")
    labels = [
        (th.text(), th.find_all("span", "jc-visually-hidden") != []) for th in table.find_all("th")
    ]
    assert labels == [
        ("Moment", True),
        ("Before the purchase", False),
        ("Purchase", False),
        ("After the purchase", False),
        ("Phase", False),
        ("Stage", False),
        ("Goal", False),
        ("Emotion", False),
        ("Emotion", True),
        ("Touchpoints", False),
        ("Pain points", False),
        ("Opportunities", False),
        ("KPIs", False),
        ("Owner", False),
    ]


REVERSED = "reversed"


@pytest.mark.parametrize("order", ["as written", REVERSED])
def test_stages_in_the_order_written_under_their_moments(order: str, tmp_path: Path) -> None:
    data = journey_yaml("laptop-replacement")
    if order == REVERSED:  # the map follows the file, whatever the phases
        data["stages"].reverse()
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "j.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    page = site_pages(tmp_path / "journeys", ROOT / CONFIG)["journeys/laptop-replacement.md"]
    table = parse(page.body).find("table", "jc-map")
    moments = [
        (th.text(), th.get("colspan")) for th in table.find("thead").find_all("th", "jc-moment")
    ]
    written = [
        ("Before the purchase", "2"),
        ("Purchase", "1"),
        ("After the purchase", "3"),
    ]
    assert moments == (written[::-1] if order == REVERSED else written)
    rows = {tr.cells()[0].text(): tr.cells()[1:] for tr in table.find("tbody").find_all("tr")}
    assert [c.text() for c in rows["Stage"]] == [s["name"] for s in data["stages"]]
    phases = ["Discovery", "Evaluation", "Purchase", "Post-purchase", "Loyalty", "Advocacy"]
    assert [c.text() for c in rows["Phase"]] == (phases[::-1] if order == REVERSED else phases)
    curve = table.find("svg", "jc-emotion")
    assert [t.text() for t in curve.find_all("title")] == [
        f"{s['name']}: {s['emotion']:+d}" for s in data["stages"] if "emotion" in s
    ]


MAP_PROJECT = Path("tests/map_project")


@pytest.fixture(scope="module")
def map_pages() -> dict[str, Page]:
    """The pages of the project whose map uses every field of the format."""
    return site_pages(ROOT / MAP_PROJECT / "journeys", ROOT / MAP_PROJECT / "jcode.yaml")


def map_lanes(page: Page) -> list[tuple[str, list[Node]]]:
    """(label, cells) of each row of the page's map, top to bottom."""
    table = parse(page.body).find("table", "jc-map")
    return [(tr.cells()[0].text(), tr.cells()[1:]) for tr in table.find("tbody").find_all("tr")]


def map_rows(page: Page) -> dict[str, list[Node]]:
    return dict(map_lanes(page))


def test_the_journey_with_every_field_lints_clean() -> None:
    run = jcode(
        "lint",
        str(MAP_PROJECT / "journeys" / "every-field.yaml"),
        "--config",
        str(MAP_PROJECT / "jcode.yaml"),
        "--today",
        TODAY.isoformat(),
    )
    assert run == Run(ExitCode.OK, "0 errors, 0 warnings, 0 info in 1 file\n", "")


def test_a_journey_that_goes_back_gets_a_second_banner(map_pages: dict[str, Page]) -> None:
    table = parse(map_pages["journeys/goes-back.md"].body).find("table", "jc-map")
    banners = [
        (th.text(), th.get("colspan")) for th in table.find("thead").find_all("th", "jc-moment")
    ]
    assert banners == [
        ("Before the purchase", "1"),
        ("Purchase", "1"),
        ("Before the purchase", "1"),
        ("Purchase", "1"),
    ]
    rows = map_rows(map_pages["journeys/goes-back.md"])
    assert [c.text() for c in rows["Stage"]] == [
        "Searching",
        "First attempt",
        "Comparing again",
        "Second attempt",
    ]


def test_a_phase_spans_its_consecutive_stages_and_banners_use_the_journeys_labels(
    map_pages: dict[str, Page],
) -> None:
    page = map_pages["journeys/every-field.md"]
    table = parse(page.body).find("table", "jc-map")
    banners = [
        (th.text(), th.get("colspan")) for th in table.find("thead").find_all("th", "jc-moment")
    ]
    assert banners == [("Before enrolling", "3"), ("Enrolling", "1")]
    phases = [(c.text(), c.get("colspan")) for c in map_rows(page)["Phase"]]
    assert phases == [("Discovery", "1"), ("Evaluation", "2"), ("Enrolment", "1")]


def test_a_lane_no_stage_uses_is_not_drawn(map_pages: dict[str, Page]) -> None:
    page = map_pages["journeys/goes-back.md"]
    assert list(map_rows(page)) == ["Phase", "Stage", "Touchpoints", "Owner"]
    for lane in ("jc-row-timing", "jc-row-steps", "jc-row-emotion", "jc-row-visibility"):
        assert lane not in page.body
    assert 'class="jc-scope"' not in page.body and 'id="key-moments"' not in page.body
    every = [label for label, _ in map_lanes(map_pages["journeys/every-field.md"])]
    assert every == [
        "Phase",
        "Stage",
        "Timing",
        "Goal",
        "Steps",
        "Thoughts",
        "Feelings",
        "Emotion",
        "Emotion",  # the emotions in words, for screen readers
        "Touchpoints",
        "Line of visibility",
        "Backstage",
        "Exits",
        "Pain points",
        "Opportunities",
        "KPIs",
        "Owner",
    ]


@pytest.mark.parametrize(
    ("language", "scope", "sentence"),
    [
        (
            "en",
            ["pre-purchase", "purchase"],
            "This map ends at \u201cEnrolling\u201d; it leaves out \u201cAfter the purchase\u201d.",
        ),
        (
            "it",
            ["pre-purchase", "purchase"],
            "Questa mappa si ferma a \u201cEnrolling\u201d; non "
            "comprende \u201cDopo l'acquisto\u201d.",
        ),
        (
            "en",
            ["post-purchase"],
            "This map covers only \u201cAfter the purchase\u201d; it leaves "
            "out \u201cBefore enrolling\u201d, \u201cEnrolling\u201d.",
        ),
    ],
)
def test_the_page_says_what_the_map_leaves_out(
    language: str, scope: list[str], sentence: str, tmp_path: Path
) -> None:
    config = yaml.safe_load((ROOT / MAP_PROJECT / "jcode.yaml").read_text(encoding="utf-8"))
    config["site"]["language"] = language
    (tmp_path / "jcode.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    data = yaml.safe_load(
        (ROOT / MAP_PROJECT / "journeys" / "every-field.yaml").read_text(encoding="utf-8")
    )
    data["scope"] = scope
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "j.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    page = site_pages(tmp_path / "journeys", tmp_path / "jcode.yaml")["journeys/every-field.md"]
    assert parse(page.body).find("p", "jc-scope").text() == sentence


def test_owners_page_lists_backstage_work_by_team(map_pages: dict[str, Page]) -> None:
    def backstage(owner: str) -> list[list[str]]:
        table = parse(map_pages[f"owners/{owner}.md"].body).find("table")
        return [row for row in body_rows(table) if row[0] == "Backstage"]

    assert backstage("admissions") == [  # inherited from the journey
        [
            "Backstage",
            "The press office sends figures to the ranking",
            "Enrolling at the university",
        ],
        ["Backstage", "The office checks the diploma", "Enrolling at the university"],
    ]
    assert backstage("student-office") == [  # its own
        ["Backstage", "A tutor is assigned within a day", "Enrolling at the university"],
    ]
    link = parse(map_pages["owners/admissions.md"].body).find_all("a")
    assert "../journeys/every-field.html#stage-hear" in [a.get("href") for a in link]


def test_channels_matrix_counts_the_new_channels(map_pages: dict[str, Page]) -> None:
    tables = parse(map_pages["channels.md"].body).find_all("table", "jc-coverage")
    rows = {row[0]: row[1:] for table in tables for row in body_rows(table)}
    assert {name: cells[-1] for name, cells in rows.items()} == {
        "Website": "3",
        "Search engine": "1",
        "Phone": "1",
        "Video call": "2",
        "Print": "1",
        "Premises": "1",
        "In person": "1",
        "Branch": "2",
        "Courier": "1",
    }


def test_home_page_lists_each_valid_journey(pages: dict[str, Page]) -> None:
    root = parse(pages["index.md"].body)
    portfolio = body_rows(root.find("table", "jc-portfolio"))
    assert [row[0] for row in portfolio] == JOURNEY_TITLES
    assert portfolio[1] == [
        "Replacing a broken work laptop",
        "Remote professional",
        "E-commerce team",
        "live",
        "6",
        "0",
        "2026-10-01",
    ]
    coverage = root.find("table", "jc-coverage")
    head = coverage.find("thead").find_all("tr")
    assert [th.text() for th in head[1].cells()] == [
        "Discovery",
        "Evaluation",
        "Interest",
        "Purchase",
        "Post-purchase",
        "Loyalty",
        "Advocacy",
    ]
    grid = body_rows(coverage)
    assert [row[0] for row in grid] == JOURNEY_TITLES
    assert grid[1] == ["Replacing a broken work laptop", "2", "2", NO_STAGE, "2", "2", "1", "1"]
    assert grid[0] == [
        "Buying a gift card for a colleague",
        "2",
        NO_STAGE,
        NO_STAGE,
        "1 !",
        NO_STAGE,
        NO_STAGE,
        NO_STAGE,
    ]
    warning = root.find("p", "jc-warning")
    assert warning.text() == "2 · Files that could not be read"
    assert warning.find("a").get("href") == "gaps.html#invalid"


def test_gaps_page_lists_the_unreadable_files(pages: dict[str, Page]) -> None:
    root = parse(pages["gaps.md"].body)
    assert body_rows(section_table(root, "invalid")) == [
        [
            "tests/site_project/journeys/broken.yaml:1",
            "error",
            "schema",
            "the journey is missing the required field 'title'",
        ],
        [
            "tests/site_project/journeys/syntax.yaml:3",
            "error",
            "yaml-syntax",
            "did not find expected ',' or ']' (while parsing a flow sequence at line 2); close "
            "the '[' of line 2, column 8 with ']', separate its items with ',', or quote the text",
        ],
    ]
    assert root.find("p").text() == "2 error 10 warning 3 info"
    assert body_rows(section_table(root, "by-journey")) == [
        ["Buying a gift card for a colleague", "7 1"],
        [JOURNEY_TITLES[2], "3 2"],
    ]


def test_owner_and_persona_pages(pages: dict[str, Page]) -> None:
    crm = body_rows(parse(pages["owners/crm.md"].body).find("table"))
    laptop = "Replacing a broken work laptop"
    assert crm == [
        ["Stage", "Staying with us", laptop],
        ["Touchpoint", "Accessories newsletter", laptop],
        ["KPI", "12-month repeat purchase rate", laptop],
        ["Stage", "Recommending us", laptop],
        ["Touchpoint", "Review request after 30 days", laptop],
        ["KPI", "Net Promoter Score", laptop],
    ]
    owners = body_rows(parse(pages["owners.md"].body).find("table"))
    # 14: the payload journey's backstage work counts too, inherited from the journey
    assert owners[3] == ["E-commerce team", "14", "ecommerce@acme.example"]
    persona = parse(pages["personas/remote-professional.md"].body)
    assert [li.text() for li in persona.find_all("li")] == [laptop]
    assert body_rows(parse(pages["personas.md"].body).find("table")) == [
        ["Remote professional", "1"]
    ]


def test_every_link_of_the_built_site_leads_somewhere(site_a: Built) -> None:
    """Relative links between pages, and their #anchors, point at what exists."""
    broken = []
    for page in sorted(site_a.site.rglob("*.html")):
        for a in read(site_a, page.relative_to(site_a.site).as_posix()).find_all("a"):
            target = a.get("href")
            if not target or re.match(r"[a-z][a-z0-9+.-]*:", target):
                continue
            path, _, anchor = target.partition("#")
            file = (page.parent / path).resolve() if path else page
            if not file.is_file() and (file / "index.html").is_file():
                file = file / "index.html"
            if not file.is_file() or site_a.site.resolve() not in file.parents:
                broken.append(f"{page.name}: {target}")
            elif anchor and f'id="{anchor}"' not in file.read_text(encoding="utf-8"):
                broken.append(f"{page.name}: {target} (no such anchor)")
    assert broken == []


# --- 2. escaping ------------------------------------------------------------------------------


def text_of(item: str | dict[str, str]) -> str:
    """A pain point's or an opportunity's text, whether written as text or as an object."""
    return item if isinstance(item, str) else item["text"]


def payload_texts() -> list[str]:
    """Every free-text value of payloads.yaml."""
    data = journey_yaml("payloads")
    texts = [data["title"], data["summary"], *data["tags"], *data["moments"].values()]
    for stage in data["stages"]:
        texts += [stage[k] for k in ("name", "timing", "goal", "key_moment") if k in stage]
        for step in stage.get("steps", []):
            texts += [step["text"], *([step["key_moment"]] if "key_moment" in step else [])]
        texts += stage.get("thoughts", []) + stage.get("feelings", [])
        texts += [b["text"] for b in stage.get("backstage", [])]
        texts += [x["text"] for x in stage.get("exits", [])]
        texts += [text_of(p) for p in stage.get("pain_points", [])]
        texts += [text_of(o) for o in stage.get("opportunities", [])]
        for t in stage.get("touchpoints", []):
            texts += [t["name"], *([t["description"]] if "description" in t else [])]
        for k in stage.get("kpis", []):
            texts += [k["name"], k["unit"], k["source"], k["definition"]]
    return texts


FORBIDDEN = ("<script", "<img", "<iframe", "<svg onload", "<style", "<marquee", "<b>", "<u>")


def test_each_payload_appears_escaped(pages: dict[str, Page]) -> None:
    texts = payload_texts()
    assert len(texts) == 32
    body = pages["journeys/payloads.md"].body
    assert [t for t in texts if html.escape(t) not in body] == []
    assert [
        t
        for t in texts
        if html.escape(t)
        not in (pages["journeys/payloads.md"].front_matter() + pages["journeys/payloads.md"].html())
    ] == []


@pytest.mark.parametrize("path", PAGES)
def test_no_page_carries_live_markup(path: str, pages: dict[str, Page]) -> None:
    page = pages[path]
    for name, text in [
        ("body", page.body),
        ("page", page.front_matter() + page.html()),
        ("search", page.search),
    ]:
        if text is None:
            continue
        lowered = text.lower()
        assert [f for f in FORBIDDEN if f in lowered] == [], name
        assert unsafe_markup(parse(text)) == [], name


@pytest.mark.parametrize("path", PAGES)
def test_front_matter_and_html(path: str, pages: dict[str, Page]) -> None:
    page = pages[path]
    front = page.front_matter()
    assert front.startswith("---\n") and front.endswith("\n---\n\n")
    expected: dict[str, object] = {"hide": ["navigation", "toc"]}
    if path != "index.md":  # the home page takes the site's name from Material
        expected["title"] = html.escape(page.title)
    if path.startswith("journeys/"):  # <meta name="description">: the summary, on one line
        summary = journey_yaml(Path(path).stem)["summary"]
        expected["description"] = html.escape(" ".join(summary.split()))
    assert yaml.safe_load(front[4:-6]) == expected
    assert page.html() == f'<div class="jc">\n{page.body}\n</div>\n'


def test_a_journey_without_summary_has_no_description(tmp_path: Path) -> None:
    data = journey_yaml("gift-card")
    del data["summary"]
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "j.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    page = site_pages(tmp_path / "journeys", ROOT / CONFIG)["journeys/gift-card.md"]
    assert yaml.safe_load(page.front_matter()[4:-6]) == {
        "title": data["title"],
        "hide": ["navigation", "toc"],
    }


def test_payload_title_in_front_matter(pages: dict[str, Page]) -> None:
    title = JOURNEY_TITLES[2]
    front = pages["journeys/payloads.md"].front_matter().split("\n---\n", 1)[0]
    assert yaml.safe_load(front.removeprefix("---\n"))["title"] == html.escape(title)
    assert "<" not in front and "</title>" not in front


def test_built_payload_page_shows_the_payloads_as_text(site_a: Built) -> None:
    data = journey_yaml("payloads")
    page = read(site_a, "journeys/payloads.html")
    assert page.find("title").text() == f"{data['title']} - {SITE_TITLE}"
    content = page.find("div", "jc")
    assert content.find("h1").text() == data["title"]
    assert content.find("p", "jc-summary").text() == data["summary"]
    assert [n.text() for n in content.find_all("span", "jc-tag")] == data["tags"]
    stage = data["stages"][0]
    assert content.by_id("stage-discovery").text() == stage["name"]
    [pains, linked] = content.find_all("ul", "jc-pain")  # the first stage's, the last one's
    assert [n.text() for n in pains.find_all("span", "jc-text")] == [
        " ".join(text_of(p).split()) for p in stage["pain_points"]
    ]
    last = data["stages"][-1]
    assert [n.text() for n in linked.find_all("span", "jc-text")] == [
        " ".join(text_of(p).split()) for p in last["pain_points"]
    ]
    assert linked.find("span", "jc-idea").text() == last["opportunities"][0]["text"]
    kpi = content.by_id("kpi-payload-kpi")
    assert kpi.find("span", "jc-desc").text() == stage["kpis"][0]["source"]


def test_built_journey_pages_describe_themselves_with_their_summary(site_a: Built) -> None:
    """Search engines and link previews read <meta name="description">; the payload's summary
    stays inside the attribute, as text."""
    for journey_id in ("gift-card", "laptop-replacement", "payloads"):
        head = read(site_a, f"journeys/{journey_id}.html").find("head")
        metas = [m for m in head.find_all("meta") if m.get("name") == "description"]
        summary = journey_yaml(journey_id)["summary"]
        assert [m.get("content") for m in metas] == [" ".join(summary.split())], journey_id
        assert [m.attrs for m in metas] == [
            [("name", "description"), ("content", metas[0].get("content"))]
        ]
    assert "description" not in [m.get("name") for m in read(site_a, "gaps.html").find_all("meta")]


def test_built_site_runs_no_payload(site_a: Built) -> None:
    problems = {}
    for page in sorted(site_a.site.rglob("*.html")):
        found = unsafe_markup(parse(page.read_text(encoding="utf-8")))
        if found:
            problems[page.name] = found
    assert problems == {}
    text = (site_a.site / "journeys" / "payloads.html").read_text(encoding="utf-8")
    assert "window.__pwned = 'title'" in read(site_a, "journeys/payloads.html").text()
    assert "{{ 7*7 }}" in text and "{{ config.site_name }}" in text
    assert "{% include &#x27;base.html&#x27; %}" in text


def test_search_index_holds_no_live_markup(site_a: Built) -> None:
    """Material shows search results as HTML: what the index holds must be inert too."""
    index = json.loads((site_a.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = [d for d in index["docs"] if d["location"].startswith("journeys/payloads.html")]
    assert len(docs) == 4  # the page and its three stages
    for doc in index["docs"]:
        for key in ("title", "text"):
            assert unsafe_markup(parse(doc[key])) == [], (doc["location"], key)
            assert [f for f in FORBIDDEN if f in doc[key].lower()] == [], (doc["location"], key)


def test_home_page_title_is_the_site_title(site_a: Built) -> None:
    """The home page's <title> is the site's title, once (not "Title - Title")."""
    assert read(site_a, "index.html").find("title").text() == SITE_TITLE
    assert read(site_a, "gaps.html").find("title").text() == f"Gaps - {SITE_TITLE}"


PAYLOAD_CONFIG = """\
site:
  title: "<script>window.__pwned='site'</script> Acme & \\"Co\\""
phases:
  - id: before
    name: "<img src=x onerror=\\"window.__pwned='phase'\\">Before"
    moment: pre-purchase
  - {id: buy, name: "<b>Buy</b>", moment: purchase}
  - {id: after, name: "{{ 7*7 }} After", moment: post-purchase}
channels:
  kiosk:
    name: "<iframe src=\\"javascript:window.__pwned='channel'\\"></iframe>Kiosk"
    mode: offline
owners:
  team:
    name: "<svg onload=\\"window.__pwned='owner'\\">Team"
    contact: "<a href=\\"javascript:window.__pwned='contact'\\">mail</a>"
personas:
  buyer:
    name: "<marquee>Buyer</marquee>"
    description: "<style>body{display:none}</style>{% raw %}"
"""
PAYLOAD_JOURNEY = """\
id: j
title: J
persona: buyer
owner: team
stages:
  - {id: a, name: A, phase: before, touchpoints: [{id: k, name: K, channel: kiosk}]}
  - {id: b, name: B, phase: buy, touchpoints: [{id: w, name: W, channel: web}]}
  - {id: c, name: C, phase: after, touchpoints: [{id: e, name: E, channel: email}]}
"""


@pytest.fixture(scope="module")
def payload_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("config-payloads")
    (project / "jcode.yaml").write_text(PAYLOAD_CONFIG, encoding="utf-8")
    (project / "journeys").mkdir()
    (project / "journeys" / "j.yaml").write_text(PAYLOAD_JOURNEY, encoding="utf-8")
    return project


def test_jcode_yaml_payloads_are_escaped_in_every_page(payload_project: Path) -> None:
    config = yaml.safe_load(PAYLOAD_CONFIG)
    texts = [
        config["site"]["title"],
        *(p["name"] for p in config["phases"]),
        config["channels"]["kiosk"]["name"],
        *config["owners"]["team"].values(),
        *config["personas"]["buyer"].values(),
    ]
    pages = site_pages(payload_project / "journeys", payload_project / "jcode.yaml")
    assert list(pages) == [
        "index.md",
        "journeys/j.md",
        "owners.md",
        "owners/team.md",
        "personas.md",
        "personas/buyer.md",
        "channels.md",
        "kpis.md",
        "gaps.md",
        "rules.md",
    ]
    everything = "".join(
        p.body + p.front_matter() + p.html() + (p.search or "") for p in pages.values()
    )
    assert [t for t in texts if html.escape(t) not in everything] == []
    for page in pages.values():
        for text in (page.body, page.front_matter() + page.html(), page.search or ""):
            assert [f for f in FORBIDDEN if f in text.lower()] == [], page.path
            assert unsafe_markup(parse(text)) == [], page.path


def test_jcode_yaml_payloads_are_escaped_in_the_built_site(
    payload_project: Path, tmp_path: Path
) -> None:
    title = yaml.safe_load(PAYLOAD_CONFIG)["site"]["title"]
    built = _build(
        tmp_path / "site",
        journeys=payload_project / "journeys",
        config=payload_project / "jcode.yaml",
    )
    assert (built.run.code, built.run.err) == (ExitCode.OK, "")
    problems = {}
    for page in sorted(built.site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        found = unsafe_markup(parse(text)) + [f for f in FORBIDDEN if f in text and f != "<script"]
        if found:
            problems[page.name] = found
    assert problems == {}
    home = read(built, "index.html")
    assert home.find("h1").text() == title
    assert home.find("title").text().startswith(title)
    assert read(built, "owners.html").find("title").text() == f"Owners - {title}"


# --- 3. the --out guard -------------------------------------------------------------------------


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / PROJECT, tmp_path / "project")
    return tmp_path / "project"


@pytest.mark.parametrize("case", ["journey file", "journeys folder", "dot"])
def test_out_refuses_a_folder_jcode_did_not_write(
    case: str, project_copy: Path, tmp_path: Path
) -> None:
    if case == "journey file":
        (tmp_path / "mine").mkdir()
        shutil.copy(project_copy / "journeys" / "gift-card.yaml", tmp_path / "mine")
        out = str(tmp_path / "mine")
    else:
        out = {"journeys folder": "journeys", "dot": "."}[case]
    before = tree(tmp_path)
    argv = build_argv(out, journeys=Path("journeys"), config=Path("jcode.yaml"))
    run = jcode(*argv, cwd=project_copy)
    assert run == Run(ExitCode.USAGE, "", REFUSAL.format(out))
    assert differences(before, tree(tmp_path)) == []


def test_out_refuses_a_file(project_copy: Path, tmp_path: Path) -> None:
    before = tree(tmp_path)
    run = jcode(*build_argv(project_copy / "journeys" / "gift-card.yaml"))
    assert run.code == ExitCode.USAGE
    assert "Invalid value for '--out'" in run.err and "is a file" in run.err
    assert differences(before, tree(tmp_path)) == []


def test_out_refuses_a_symlink_even_to_a_jcode_site(site_a: Built, tmp_path: Path) -> None:
    shutil.copytree(site_a.site, tmp_path / "site")
    (tmp_path / "link").symlink_to(tmp_path / "site")
    before = tree(tmp_path)
    run = jcode(*build_argv(tmp_path / "link"))
    assert run == Run(
        ExitCode.USAGE,
        "",
        f"jcode: error: '{tmp_path / 'link'}' exists and is not a folder; choose another --out\n",
    )
    assert differences(before, tree(tmp_path)) == []


def test_out_accepts_an_empty_folder(site_b: Built) -> None:
    assert site_b.run == Run(ExitCode.OK, "", "")
    assert (site_b.site / "index.html").is_file() and (site_b.site / MARKER).is_file()
    assert names(site_b.site.parent) == [site_b.site.name]


def test_out_replaces_a_site_jcode_built(site_a: Built, tmp_path: Path) -> None:
    out = tmp_path / "site"
    shutil.copytree(site_a.site, out)
    (out / "journeys" / "retired-journey.html").write_text("old page", encoding="utf-8")
    assert jcode(*build_argv(out)) == Run(ExitCode.OK, "", "")
    assert differences(tree(site_a.site), tree(out)) == []  # the old page is gone
    assert names(tmp_path) == ["site"]


def test_relative_out_builds(tmp_path: Path) -> None:
    """--out relative to the current folder, as in `jcode build --out public`."""
    run = jcode(*build_argv("public", journeys=ROOT / JOURNEYS, config=ROOT / CONFIG), cwd=tmp_path)
    assert run == Run(ExitCode.OK, "", "")
    assert (tmp_path / "public" / "index.html").is_file()
    assert names(tmp_path) == ["public"]


# --- 4. the atomic swap -------------------------------------------------------------------------


@pytest.fixture
def previous(site_a: Built, tmp_path: Path) -> tuple[Path, dict[str, bytes | None]]:
    """A site jcode built, alone in its parent folder, and its snapshot."""
    out = tmp_path / "site"
    shutil.copytree(site_a.site, out)
    return out, tree(out)


def fake_mkdocs(monkeypatch: pytest.MonkeyPatch, also: Callable[[], object] = lambda: None) -> None:
    """mkdocs' build replaced by one that writes a one-page site (and then runs `also`)."""

    def build(renderer: Any, pages: Any, jobs: Any = None) -> None:
        site = Path(renderer.config["site_dir"])
        site.mkdir(parents=True)
        (site / "index.html").write_text("new", encoding="utf-8")
        also()

    monkeypatch.setattr("jcode.site.render.Renderer.build", build)


@pytest.mark.parametrize(
    ("failure", "code", "err"),
    [
        (
            RuntimeError("mkdocs broke"),
            ExitCode.INTERNAL,
            "internal error: RuntimeError: mkdocs broke",
        ),
        (KeyboardInterrupt(), 130, "Aborted.\n"),
    ],
)
def test_failed_build_keeps_the_previous_site(
    failure: BaseException,
    code: int,
    err: str,
    previous: tuple[Path, dict[str, bytes | None]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out, before = previous

    def build(renderer: Any, pages: Any, jobs: Any = None) -> None:
        site = Path(renderer.config["site_dir"])
        site.mkdir(parents=True)  # half-written
        (site / "index.html").write_text("half", encoding="utf-8")
        raise failure

    monkeypatch.setattr("jcode.site.render.Renderer.build", build)
    run = jcode(*build_argv(out))
    assert (run.code, run.out) == (code, "")
    assert err in run.err
    assert differences(before, tree(out)) == []
    assert names(out.parent) == ["site"]


def test_failed_first_build_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def build(renderer: Any, pages: Any, jobs: Any = None) -> None:
        raise RuntimeError("mkdocs broke")

    monkeypatch.setattr("jcode.site.render.Renderer.build", build)
    assert jcode(*build_argv(tmp_path / "site")).code == ExitCode.INTERNAL
    assert names(tmp_path) == []


def _failing_rename(
    monkeypatch: pytest.MonkeyPatch, fail_on: int, after: bool, exc: BaseException
) -> list[tuple[Path, Path]]:
    """Path.rename that raises `exc` on call number `fail_on`, before or after renaming."""
    calls: list[tuple[Path, Path]] = []
    real = Path.rename

    def rename(self: Path, target: Any) -> Path:
        calls.append((self, Path(target)))
        if len(calls) == fail_on and not after:
            raise exc
        moved = real(self, target)
        if len(calls) == fail_on:
            raise exc
        return moved

    monkeypatch.setattr(Path, "rename", rename)
    return calls


@pytest.mark.parametrize(
    ("fail_on", "after", "exc", "code"),
    [
        pytest.param(
            2, False, OSError(5, "I/O error"), ExitCode.INTERNAL, id="new-site-move-fails"
        ),
        pytest.param(1, False, OSError(5, "I/O error"), ExitCode.INTERNAL, id="parking-fails"),
        pytest.param(2, False, KeyboardInterrupt(), 130, id="interrupt-before-new-site-moves"),
        pytest.param(1, True, KeyboardInterrupt(), 130, id="interrupt-just-after-parking"),
    ],
)
def test_failed_swap_restores_the_previous_site(
    fail_on: int,
    after: bool,
    exc: BaseException,
    code: int,
    previous: tuple[Path, dict[str, bytes | None]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out, before = previous
    fake_mkdocs(monkeypatch)
    calls = _failing_rename(monkeypatch, fail_on, after, exc)
    assert jcode(*build_argv(out)).code == code
    assert calls[0][0] == out  # the previous site was parked first
    assert differences(before, tree(out)) == []
    assert names(out.parent) == ["site"]


def test_out_filled_during_the_build_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    out.mkdir()
    fake_mkdocs(monkeypatch, lambda: (out / "notes.txt").write_text("mine", encoding="utf-8"))
    assert jcode(*build_argv(out)) == Run(ExitCode.USAGE, "", REFUSAL.format(out))
    assert tree(tmp_path) == {"site": None, "site/notes.txt": b"mine"}


# --- 5. reproducible ---------------------------------------------------------------------------


def test_two_builds_are_byte_identical(site_a: Built, site_b: Built) -> None:
    a, b = tree(site_a.site), tree(site_b.site)
    assert len(a) > 60 and "journeys/payloads.html" in a and "search/search_index.json" in a
    assert differences(a, b) == []


def test_build_leaves_source_date_epoch_as_it_was(site_a: Built, site_epoch: Built) -> None:
    assert (site_a.epoch_after, site_epoch.epoch_after) == (None, str(EPOCH))
    assert site_epoch.run == Run(ExitCode.OK, "", "")


def _gzip_mtime(path: Path) -> int:
    header = path.read_bytes()[:8]
    assert header[:2] == b"\x1f\x8b"
    mtime: int = struct.unpack("<I", header[4:8])[0]
    return mtime


def test_sitemap_date_follows_source_date_epoch(site_a: Built, site_epoch: Built) -> None:
    day = datetime.fromtimestamp(EPOCH, UTC).replace(hour=0, minute=0, second=0)
    assert _gzip_mtime(site_a.site / "sitemap.xml.gz") == 0  # no clock in an unpinned build
    assert _gzip_mtime(site_epoch.site / "sitemap.xml.gz") == int(day.timestamp())
    # The date lands nowhere else: sitemap.xml lists no page (mkdocs writes <url> and <lastmod>
    # only with a site_url, which an offline site has not), and no page shows a build date.
    assert differences(tree(site_a.site), tree(site_epoch.site)) == ["sitemap.xml.gz"]


# --- 6. Italian ---------------------------------------------------------------------------------


def test_italian_site(site_it: Built) -> None:
    assert site_it.run == Run(ExitCode.OK, "", "")
    home = read(site_it, "index.html")
    assert home.find("html").get("lang") == "it"
    content = home.find("div", "jc")
    assert content.by_id("portfolio").text() == "Tutte le customer journey"
    assert content.by_id("coverage").text() == "Copertura per fase"
    coverage = content.find("table", "jc-coverage").find("thead").find_all("tr")
    assert [th.text() for th in coverage[0].cells()] == [
        "Journey",
        "Prima dell'acquisto",
        "Acquisto",
        "Dopo l'acquisto",
    ]
    assert [th.text() for th in coverage[1].cells()] == [
        "Scoperta",
        "Valutazione",
        "Interesse",
        "Acquisto",
        "Post-vendita",
        "Fidelizzazione",
        "Advocacy",
    ]
    tabs = [a.text() for a in home.find_all("a", "md-tabs__link")]
    assert tabs == [
        "Customer journey",
        "Lacune",
        "Responsabili",
        "Personas",
        "Canali",
        "KPI",
        "Regole",
    ]
    text = (site_it.site / "index.html").read_text(encoding="utf-8")
    assert "All journeys" not in text and "Coverage by phase" not in text
    index = json.loads((site_it.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["it"]
    laptop = read(site_it, "journeys/laptop-replacement.html").find("table", "jc-map")
    channels = [n.text() for n in laptop.find_all("span", "jc-channel")]
    assert channels[:2] == ["Motore di ricerca", "Siti di recensioni"]


# --- 7. --strict and bad options ---------------------------------------------------------------


def test_strict_with_errors_keeps_the_previous_site(
    previous: tuple[Path, dict[str, bytes | None]],
) -> None:
    out, before = previous
    run = jcode(*build_argv(out, "--strict"))
    assert run == Run(
        ExitCode.FINDINGS,
        "tests/site_project/journeys/broken.yaml:1:1: error: the journey is missing the required "
        "field 'title' [schema]\n"
        "tests/site_project/journeys/syntax.yaml:3:1: error: did not find expected ',' or ']' "
        "(while parsing a flow sequence at line 2); close the '[' of line 2, column 8 with ']', "
        "separate its items with ',', or quote the text [yaml-syntax]\n",
        f"jcode: 2 errors; site not built (--strict), '{out}' unchanged\n",
    )
    assert differences(before, tree(out)) == []
    assert names(out.parent) == ["site"]


def test_build_says_counts_as_lint_does(tmp_path: Path) -> None:
    journeys = tmp_path / "journeys"
    shutil.copytree(JOURNEYS, journeys)
    (journeys / "syntax.yaml").unlink()
    out = tmp_path / "site"
    argv = [a for a in build_argv(out, journeys=journeys) if a != "--quiet"]
    assert jcode(*argv) == Run(
        ExitCode.OK, f"3 journeys, 1 error, 10 warnings, 3 info; site: {out}/index.html\n", ""
    )
    assert jcode(*argv, "--strict").err == (
        f"jcode: 1 error; site not built (--strict), '{out}' unchanged\n"
    )


def test_without_strict_errors_still_build(site_a: Built) -> None:
    assert site_a.run == Run(ExitCode.OK, "", "")
    gaps = read(site_a, "gaps.html").find("div", "jc")
    assert [r[0] for r in body_rows(section_table(gaps, "invalid"))] == [
        "tests/site_project/journeys/broken.yaml:1",
        "tests/site_project/journeys/syntax.yaml:3",
    ]


@pytest.mark.parametrize("today", ["2026-13-01", "2026-02-30", "22-11-2026"])
def test_invalid_option_value_is_usage_error(today: str, tmp_path: Path) -> None:
    argv = build_argv(tmp_path / "site")
    argv[argv.index("--today") + 1] = today
    run = jcode(*argv)
    assert (run.code, run.out) == (ExitCode.USAGE, "")
    assert f"Invalid value for '--today': '{today}' is not a date written YYYY-MM-DD" in run.err
    assert names(tmp_path) == []


# --- 8. mkdocs warnings -----------------------------------------------------------------------


def test_fixture_project_builds_without_mkdocs_warnings(site_a: Built, site_it: Built) -> None:
    assert [line for line in site_a.run.err.splitlines() if line.startswith("jcode: mkdocs:")] == []
    assert site_a.run.err == "" and site_it.run.err == ""


def test_mkdocs_warnings_are_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: a warning mkdocs logs reaches stderr."""
    real = Renderer.build

    def build(renderer: Renderer, pages: Any, jobs: Any = None) -> None:
        logging.getLogger("mkdocs.commands.build").warning("a test warning")
        real(renderer, pages, jobs)

    monkeypatch.setattr("jcode.site.render.Renderer.build", build)
    assert jcode(*build_argv(tmp_path / "site")) == Run(
        ExitCode.OK, "", "jcode: mkdocs: a test warning\n"
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("terminal", "quiet"), [(True, False), (True, True), (False, False)])
def test_progress_bar_only_on_a_terminal_and_not_quiet(
    terminal: bool, quiet: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = [a for a in build_argv(tmp_path / "out") if quiet or a != "--quiet"]
    stderr = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    assert main(argv) == ExitCode.OK
    bar = re.findall(r"rendering pages \[[#.]{30}\] (\d+)/(\d+)", stderr.getvalue())
    if terminal and not quiet:
        assert bar[-1] == (str(len(PAGES)), str(len(PAGES)))  # counts up to every page
        assert "[" + "#" * 30 + "]" in stderr.getvalue()
    else:
        assert bar == []
