"""The site in the project's language: jcode's words from the catalogs, Material's interface in
any language Material has, and English, word by word, where jcode's catalog has none.

The acceptance test of issue 15 walks every page of an Italian build of the gallery and of the
Italian example, and looks for any English template of jcode's whose Italian differs.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import lxml.html
import pytest
import yaml

from jcode import i18n
from jcode.config import parse_config
from jcode.errors import ExitCode, JcodeError
from jcode.findings import RuleId
from jcode.i18n import Catalog, Plural, Template
from jcode.site import build as site_build
from jcode.site import checks as site_checks
from jcode.site import labels, serve
from jcode.site.checks import material_languages, translation_note
from jcode.site.pages import Page
from jcode.spec import builtins
from jcode.spec.values import ID_PATTERN

from .helpers import module_templates
from .test_site import CONFIG, JOURNEYS, PROJECT, ROOT, Run, build_argv, jcode, parse, site_pages

ITALIAN_EXAMPLE = ROOT / "examples" / "comune-carta-identita"

# --- the English that an Italian page must not show ----------------------------------------------

# Elements whose words run on in one line of text: a sentence with a code span or a link is one.
INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins",
    "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
    "u", "var",
})  # fmt: skip
UNSEEN = frozenset({"script", "style", "noscript", "template"})
SHOWN_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
WORD = r"[\w-]"  # "Post" in "Post-vendita" is not the English channel "Post"
FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
NUMBERS = frozenset({"count", "done", "total", "line", "column", "age", "every", "port", "number"})


CODE = "\x02"  # where a code span stands: YAML, not words, in the page and in a template


class Visible(NamedTuple):
    """What a reader sees of a page, whitespace collapsed."""

    lines: list[str]  # a line per block of text, a line per piece of text an element holds
    examples: list[str]  # the code blocks: YAML, whose comments are jcode's words


def visible(markup: str) -> Visible:
    """A line per block of text (a sentence with a code span or a link in it is one), a line
    per piece of text that an element holds (a touchpoint's channel, which the page's style
    sets apart from its name), a line per attribute a browser shows (tooltips, labels read
    aloud, placeholders); and the code blocks apart."""
    root = lxml.html.document_fromstring(markup)
    lines: list[list[str]] = [[]]
    pieces: list[str] = []
    examples: list[str] = []

    def walk(element: Any) -> None:
        if element.tag in UNSEEN:
            return
        if element.tag == "pre":
            examples.append(element.text_content())
            return
        if element.tag == "code":
            lines[-1].append(CODE)
            return
        block = element.tag not in INLINE
        if block:
            lines.append([])
        texts = [element.text or ""]
        for child in element:
            if isinstance(child.tag, str):
                lines[-1].append(texts[-1])
                texts.append("")
                walk(child)
            texts[-1] += child.tail or ""
        lines[-1].append(texts[-1])
        pieces.extend(texts)
        if block:
            lines.append([])

    walk(root)
    shown = ["".join(parts) for parts in lines] + pieces
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag not in UNSEEN:
            shown += [element.get(a, "") for a in SHOWN_ATTRIBUTES]
    return Visible(_collapsed(shown), _collapsed(examples))


def _collapsed(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(" ".join(text.split()) for text in texts if text.strip()))


class Pattern(NamedTuple):
    regex: re.Pattern[str]
    example: bool  # a rule's example, looked for in code blocks only


def english_patterns(language: str) -> dict[str, Pattern]:
    """Every English text of jcode's catalog that the language says otherwise (translated to
    something else, or not translated at all), as a pattern, by template id and form: a
    field matches any text, a count a number; a code span matches one; a pattern that starts
    or ends with a word matches whole words only. Texts made of fields alone, or of fields
    and a word of three letters or fewer, are left out."""
    catalog = i18n.catalog(language)
    patterns = {}
    for template_id, english in i18n.source_entries().items():
        if template_id.startswith("init."):
            continue  # what `jcode init` writes into a new project: on a page only as its data
        forms = (english,) if isinstance(english, str) else english
        template = (
            Template(template_id, forms[0]) if len(forms) == 1 else Plural(template_id, *forms)
        )
        for n, form in enumerate(forms):
            if catalog.translates(template) and _same(catalog.text(template, n + 1), form):
                continue  # the same word in both languages: "KPI", "Email", "online"
            example = template_id.startswith("doc.") and template_id.endswith(".example")
            text = form if example else re.sub(r"`[^`]*`", CODE, form)
            text = " ".join(text.split()).replace("{{", "{").replace("}}", "}")
            pieces = FIELD.split(text)  # literal text, a field's name, literal text...
            literal = "".join(pieces[::2])
            if not re.search(r"[A-Za-z]{2}", literal):
                continue
            if len(pieces) > 1 and len(re.findall(r"[A-Za-z]", literal)) < 4:
                # "{earlier} and {last}": between two fields, a word so short that any
                # journey text around it would match; the templates that use it are looked for.
                continue
            body = "".join(
                re.escape(piece) if i % 2 == 0 else r"\d[\d.,]*" if piece in NUMBERS else r"[^\n]+?"
                for i, piece in enumerate(pieces)
            )
            start = f"(?<!{WORD})" if re.match(r"\w", text) else ""
            end = f"(?!{WORD})" if re.search(r"\w$", text) else ""
            patterns[f"{template_id}[{n}]"] = Pattern(re.compile(start + body + end), example)
    return patterns


def _same(a: str, b: str) -> bool:
    return a.split() == b.split()


def journey_text(project: Path, journeys: Path) -> frozenset[str]:
    """Every string of the journey files and of jcode.yaml, keys too, but ids and keywords
    (`live`, `online`, `pre-purchase`): those the site shows in its own words."""
    found: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                collect(key)
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif isinstance(value, str) and not re.match(ID_PATTERN, value):
            found.add(" ".join(value.split()))

    for path in [project / "jcode.yaml", *sorted(journeys.glob("*.yaml"))]:
        with contextlib.suppress(yaml.YAMLError):  # a broken file has no page of its own
            collect(yaml.safe_load(path.read_text(encoding="utf-8")))
    return frozenset(found)


@dataclass(frozen=True)
class English:
    page: str
    template: str  # its id, and which form of a plural
    text: str  # as the page shows it

    def __str__(self) -> str:
        return f"{self.page}: {self.template}: {self.text!r}"


def english_on(site: Path, language: str, journey_words: frozenset[str]) -> list[English]:
    """The English of jcode's own on every page of a built site; journey text aside (a match
    that lies within a string of the journey files or of jcode.yaml)."""
    patterns = english_patterns(language)
    found = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        seen = visible(path.read_text(encoding="utf-8"))
        for example, lines in ((False, seen.lines), (True, seen.examples)):
            for line in lines:
                matches = [
                    (template_id, match)
                    for template_id, pattern in patterns.items()
                    if pattern.example == example
                    for match in pattern.regex.finditer(line)
                    if not _within_journey_text(line, match, journey_words)
                ]
                # A label within an English sentence is the sentence's: one report.
                found += [
                    English(page, template_id, match.group())
                    for template_id, match in matches
                    if not any(_inside(match, other) for _, other in matches)
                ]
    return found


def _inside(match: re.Match[str], other: re.Match[str]) -> bool:
    wider = other.end() - other.start() > match.end() - match.start()
    return wider and other.start() <= match.start() and match.end() <= other.end()


def _within_journey_text(line: str, match: re.Match[str], words: frozenset[str]) -> bool:
    return any(
        match.start() >= at and match.end() <= at + len(word)
        for word in words
        if match.group() in word
        for at in _occurrences(line, word)
    )


def _occurrences(line: str, word: str) -> Iterator[int]:
    at = line.find(word)
    while at != -1:
        yield at
        at = line.find(word, at + 1)


def config_in(source: Path, folder: Path, language: str = "it") -> Path:
    """A copy of a jcode.yaml in `folder`, with this site.language."""
    config = yaml.safe_load(source.read_text(encoding="utf-8"))
    config["site"]["language"] = language
    target = folder / "jcode.yaml"
    target.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def italian_gallery(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gallery-it")
    config = config_in(ROOT / "jcode.yaml", folder)
    run = jcode(*build_argv(folder / "site", journeys=ROOT / "journeys", config=config))
    assert run.code == ExitCode.OK, run
    return folder / "site"


@pytest.fixture(scope="module")
def italian_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example-it") / "site"
    journeys, config = ITALIAN_EXAMPLE / "journeys", ITALIAN_EXAMPLE / "jcode.yaml"
    assert yaml.safe_load(config.read_text(encoding="utf-8"))["site"]["language"] == "it"
    run = jcode(*build_argv(out, journeys=journeys, config=config))
    assert run.code == ExitCode.OK, run
    return out


def test_no_english_of_jcodes_on_any_page_of_the_italian_gallery(italian_gallery: Path) -> None:
    words = journey_text(ROOT, ROOT / "journeys")
    assert [str(e) for e in english_on(italian_gallery, "it", words)] == []


def test_no_english_of_jcodes_on_any_page_of_the_italian_example(italian_example: Path) -> None:
    words = journey_text(ITALIAN_EXAMPLE, ITALIAN_EXAMPLE / "journeys")
    assert [str(e) for e in english_on(italian_example, "it", words)] == []


JOURNEY_WITHOUT_OWNER = """\
id: j
title: J
stages:
  - id: s
    name: S
    phase: discovery
    touchpoints: [{id: t, name: T, channel: web}]
"""


def test_the_english_finder_finds_jcodes_english(tmp_path: Path) -> None:
    """The two tests above can fail: on an English build of the fixture project (and a journey
    without an owner), it finds the labels, the findings and the rule docs, in text and in
    attributes, and not the journeys' own words."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / PROJECT, project)
    (project / "journeys" / "j.yaml").write_text(JOURNEY_WITHOUT_OWNER, encoding="utf-8")
    argv = build_argv(
        tmp_path / "site", journeys=project / "journeys", config=project / "jcode.yaml"
    )
    assert jcode(*argv).code == ExitCode.OK
    found = english_on(tmp_path / "site", "it", journey_text(project, project / "journeys"))
    on_gaps = {e.template for e in found if e.page == "gaps.html"}
    assert {"site.gaps[0]", "site.by-rule[0]", "site.count.error[1]"} <= on_gaps
    assert "missing-owner.stage[0]" in on_gaps
    j = [e for e in found if e.page == "journeys/j.html"]
    assert "journey 'j' has no owner, and neither has its stage 's'" in {e.text for e in j}
    rules = {e.template for e in found if e.page == "rules.html"}
    assert {"doc.missing-owner.what[0]", "doc.missing-owner.example[0]"} <= rules
    laptop = {e.text for e in found if e.page == "journeys/laptop-replacement.html"}
    assert {"Journey map", "Switch to the dark theme", "Search engine", "Emotion"} <= laptop
    # "Replacing a broken work laptop" is the journey's title, not jcode's: not reported.
    assert not any("broken work laptop" in e.text for e in found)


def test_journey_text_is_not_reported_but_english_around_it_is() -> None:
    patterns = english_patterns("it")
    line = "Contact: Website"  # an English label around a team's contact, a journey's word
    words = frozenset({"Website"})
    matches = {
        template_id
        for template_id, pattern in patterns.items()
        for match in pattern.regex.finditer(line)
        if not _within_journey_text(line, match, words)
    }
    assert matches == {"site.contact[0]", "site.contact-line[0]"}
    assert "Post" not in {
        m.group() for m in patterns["name.channel.post[0]"].regex.finditer("Post-vendita")
    }


# --- the Italian site's words --------------------------------------------------------------------


@pytest.fixture(scope="module")
def italian_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Page]:
    folder = tmp_path_factory.mktemp("pages-it")
    return site_pages(ROOT / JOURNEYS, config_in(ROOT / CONFIG, folder))


def test_italian_labels_with_their_fields(italian_pages: dict[str, Page]) -> None:
    gaps = parse(italian_pages["gaps.md"].body)
    counts = [span.text() for span in gaps.find("p").find_all("span")]
    assert counts == ["2 errori", "10 avvisi", "3 informazioni"]
    owner = parse(italian_pages["owners/ecommerce.md"].body)
    assert owner.find("p").text() == "Contatto: ecommerce@acme.example"
    laptop = parse(italian_pages["journeys/laptop-replacement.md"].body)
    assert laptop.find("svg", "jc-emotion").get("aria-label") == "Emozione"
    assert [t.text() for t in laptop.find_all("title")][:2] == [
        "Discovery: -2",  # a stage's name and its emotion
        "Comparing options: -1",
    ]


def test_a_language_without_a_catalog_shows_jcodes_words_in_english(tmp_path: Path) -> None:
    pages = site_pages(ROOT / JOURNEYS, config_in(ROOT / CONFIG, tmp_path, "pl"))
    gaps = parse(pages["gaps.md"].body)
    assert gaps.find("h1").text() == "Gaps"
    assert [span.text() for span in gaps.find("p").find_all("span")] == [
        "2 error",
        "10 warning",
        "3 info",
    ]
    project = parse_config("site: {language: pl}\n", Path("jcode.yaml"))
    assert project.moment_labels == {
        "pre-purchase": "Before the purchase",
        "purchase": "Purchase",
        "post-purchase": "After the purchase",
    }


def _with_italian(monkeypatch: pytest.MonkeyPatch, extra: dict[tuple[str, str], str]) -> None:
    """The Italian catalog as shipped, with these translations too: the findings and the rule
    docs are the rules' templates, which their own engineers translate."""
    real = i18n.catalog
    texts, _ = i18n.read_mo(i18n.LOCALE_DIR / "it" / "LC_MESSAGES" / "jcode.mo")
    italian = Catalog("it", {**texts, **extra})

    def catalog(language: str) -> Catalog:
        return italian if language == "it" else real(language)

    monkeypatch.setattr(i18n, "catalog", catalog)


def test_findings_and_rule_docs_are_shown_in_the_sites_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from jcode.rules import RULES
    from jcode.rules.ownership import NO_OWNER_STAGE

    what = RULES[RuleId.MISSING_OWNER].what
    _with_italian(
        monkeypatch,
        {
            (NO_OWNER_STAGE.id, NO_OWNER_STAGE.text): (
                "la journey '{journey}' non ha un responsabile, e nemmeno la sua tappa '{stage}'"
            ),
            (what.id, what.text): "Una journey senza `owner`, segnalata una volta sola.",
        },
    )
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "j.yaml").write_text(JOURNEY_WITHOUT_OWNER, encoding="utf-8")
    (tmp_path / "jcode.yaml").write_text("site: {language: it}\n", encoding="utf-8")
    pages = site_pages(tmp_path / "journeys", tmp_path / "jcode.yaml")
    message = "la journey 'j' non ha un responsabile, e nemmeno la sua tappa 's'"
    journey = parse(pages["journeys/j.md"].body)
    table = journey.find("table", "jc-findings").find("tbody")
    rows = [[c.text() for c in tr.cells()] for tr in table.find_all("tr")]
    assert ["1", "avviso", "missing-owner", message] in rows
    gaps = parse(pages["gaps.md"].body)
    assert message in [c.text() for c in gaps.find_all("td")]
    rules = parse(pages["rules.md"].body)
    [paragraph] = [p for p in rules.find_all("p") if p.text().startswith("Una journey senza")]
    assert paragraph.text() == "Una journey senza owner, segnalata una volta sola."
    assert [c.text() for c in paragraph.find_all("code")] == ["owner"]


# --- a language Material has and jcode has not ---------------------------------------------------


@pytest.fixture(scope="module")
def polish(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Path]:
    folder = tmp_path_factory.mktemp("pl")
    config = config_in(ROOT / "jcode.yaml", folder, "pl")
    argv = build_argv(folder / "site", journeys=ROOT / "journeys", config=config)
    return jcode(*(a for a in argv if a != "--quiet")), folder / "site"


def test_a_polish_site_has_materials_polish_and_jcodes_english(polish: tuple[Run, Path]) -> None:
    run, site = polish
    assert run.code == ExitCode.OK and run.err == ""
    done, total = i18n.completeness("pl")
    assert done == 0
    lines = run.out.splitlines()
    assert lines[0] == f"jcode's labels: 0 of {total} translated into pl; English is used"
    assert [line for line in lines if line.startswith("jcode's labels")] == lines[:1]  # once
    assert lines[1].startswith("6 journeys, ")
    home = lxml.html.parse(str(site / "index.html")).getroot()
    assert home.get("lang") == "pl"
    [search] = home.xpath("//input[contains(@class, 'md-search__input')]")
    assert search.get("placeholder") == "Szukaj"  # Material's Polish
    tabs = home.xpath("//a[contains(@class, 'md-tabs__link')]")
    assert [a.text_content().strip() for a in tabs] == [
        "Journeys",
        "Gaps",
        "Owners",
        "Personas",
        "Channels",
        "KPIs",
        "Rules",
    ]
    assert home.get_element_by_id("portfolio").text_content() == "All journeys"


def test_the_translation_note_counts_a_partial_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "completeness", lambda language: (180, 212))
    note = translation_note("xx")
    assert note is not None
    assert note.text == "jcode's labels: 180 of 212 translated into xx; the rest is in English"
    monkeypatch.setattr(i18n, "completeness", lambda language: (212, 212))
    assert translation_note("xx") is None


def test_an_english_site_has_no_translation_note(tmp_path: Path) -> None:
    argv = [a for a in build_argv(tmp_path / "site") if a != "--quiet"]
    run = jcode(*argv)
    assert run.out.startswith("3 journeys, ")
    assert "jcode's labels" not in run.out + run.err


@pytest.mark.parametrize(
    ("language", "hint"),
    [("pt-br", "pt-BR"), ("pt_BR", "pt-BR"), ("pl-PL", "pl"), ("ZH-tw", "zh-TW"), ("xx", None)],
)
def test_a_language_material_has_not_is_refused_naming_the_nearest(
    language: str, hint: str | None, tmp_path: Path
) -> None:
    config = tmp_path / "jcode.yaml"
    config.write_text(f"site:\n  title: Maps\n  language: {language}\n", encoding="utf-8")
    run = jcode(*build_argv(tmp_path / "site", config=config))
    known = ", ".join(material_languages())
    place = f"{config}:3:13: mkdocs-material has no language '{language}' for site.language"
    said = f"; did you mean '{hint}'? (it has: {known})" if hint else f" (it has: {known})"
    assert run == Run(ExitCode.USAGE, "", f"jcode: error: {place}{said}\n")
    assert not (tmp_path / "site").exists()


def test_materials_languages_are_its_translations() -> None:
    languages = material_languages()
    assert {"en", "it", "pl", "pt-BR", "zh-Hant", "ku-IQ"} <= set(languages)
    assert len(languages) > 60
    for code in languages:  # each is a code that jcode.yaml may hold
        project = parse_config(f"site: {{language: {code}}}\n", Path("jcode.yaml"))
        assert project.config.site.language == code


@pytest.mark.parametrize("language", ["Polish", "p", "it-IT-x", "it IT"])
def test_what_cannot_be_a_language_code_is_refused_with_the_settings(language: str) -> None:
    with pytest.raises(JcodeError) as caught:
        parse_config(f"site: {{language: {language}}}\n", Path("jcode.yaml"))
    assert "jcode.yaml:1:18: site/language: " in str(caught.value)


# --- every word of the site has its Italian ------------------------------------------------------


def _templates() -> list[Template]:
    return module_templates(labels, site_build, site_checks, serve, builtins)


def test_every_template_of_the_site_is_in_italian_with_its_fields() -> None:
    italian = i18n.catalog("it")
    templates = _templates()
    assert len(templates) > 150
    assert [t.id for t in templates if not italian.translates(t)] == []
    for template in templates:
        for count in (1, 2, 5) if template.plural else (1,):
            text = italian.text(template, count)
            assert set(i18n.fields(text)) == set(template.fields), template.id
    builtin = {p.id for model in builtins.PHASE_MODELS.values() for p in model}
    assert sorted(builtin - set(builtins.PHASE_NAMES)) == []
    assert sorted(builtins.BUILTIN_CHANNELS) == sorted(builtins.CHANNEL_NAMES)
