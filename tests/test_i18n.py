"""The message catalogs: complete and current (what `make i18n` checks), the checker itself on
broken catalogs, and how jcode picks and renders a language."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from jcode import i18n
from jcode.i18n import ENGLISH, Catalog, Plural, Template, catalog, fields, terminal_language

ROOT = Path(__file__).parent.parent
CHECKER = ROOT / ".ci" / "i18n.py"


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("jcode_i18n_checker", CHECKER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def checker() -> ModuleType:
    return _checker()


@pytest.fixture(scope="module")
def source(checker: ModuleType) -> object:
    return checker.extract()


def test_every_catalog_is_complete_and_current() -> None:
    """What `make i18n` leaves: every template of the code in every catalog, translated
    (Italian), none fuzzy or stale, every field kept, the .mo compiled from the .po."""
    done = subprocess.run(
        [sys.executable, str(CHECKER), "--check"], capture_output=True, text=True, check=False
    )
    assert done.stdout == ""
    assert done.returncode == 0


def test_the_languages_jcode_ships() -> None:
    assert i18n.available() == ("en", "it")
    translated, total = i18n.completeness("it")
    assert translated == total > 300


# The checker on broken copies of the Italian catalog: each kind of fault is named.
ENTRY = 'msgctxt "missing-owner.stage"\n'


def _broken(tmp_path: Path, change: str, old: str = "", new: str = "") -> Path:
    locale = tmp_path / "locale"
    shutil.copytree(ROOT / "src" / "jcode" / "locale", locale)
    po = locale / "it" / "LC_MESSAGES" / "jcode.po"
    text = po.read_text(encoding="utf-8")
    start = text.index(ENTRY)
    end = text.index("\n\n", start)
    entry = text[start:end]
    if change == "drop":
        text = text[:start] + text[end + 2 :]
    elif change == "stale":
        text += '\nmsgctxt "gone"\nmsgid "a template the code no longer has"\nmsgstr "sparito"\n'
    elif change == "fuzzy":
        text = text[:start] + "#, fuzzy\n" + text[start:]
    elif change == "edit":  # in the translation only
        head, _, translation = entry.partition("msgstr ")
        assert old in translation
        text = text[:start] + head + "msgstr " + translation.replace(old, new) + text[end:]
    po.write_text(text, encoding="utf-8")
    return locale


def _problems(checker: ModuleType, source: object, locale: Path) -> list[str]:
    return [p.split(": ", 1)[1] for p in checker.problems(source, "it", locale)]


def test_the_check_names_a_missing_entry(
    checker: ModuleType, source: object, tmp_path: Path
) -> None:
    found = _problems(checker, source, _broken(tmp_path, "drop"))
    assert found[0] == (
        "lacks 'missing-owner.stage' "
        "(\"journey '{journey}' has no owner, and neither has its stage '{stage}'\")"
    )
    assert found[1:] == ["not compiled from its .po (run make i18n)"]


def test_the_check_names_a_stale_entry(checker: ModuleType, source: object, tmp_path: Path) -> None:
    found = _problems(checker, source, _broken(tmp_path, "stale"))
    assert found[0] == (
        "stale entry 'gone' ('a template the code no longer has'), no longer in the source"
    )


def test_the_check_names_a_fuzzy_entry(checker: ModuleType, source: object, tmp_path: Path) -> None:
    found = _problems(checker, source, _broken(tmp_path, "fuzzy"))
    assert found[0] == (
        "fuzzy entry 'missing-owner.stage': check its translation, then drop '#, fuzzy'"
    )


@pytest.mark.parametrize(
    ("old", "new", "dropped", "unknown"),
    [
        ("'{stage}'", "'{tappa}'", "stage", "tappa"),  # renamed
        (" '{stage}'", "", "stage", "none"),  # dropped
        ("'{journey}'", "'{journey.id}'", "journey", "none"),  # not a plain field any more
    ],
)
def test_the_check_names_a_translation_that_changes_its_fields(
    checker: ModuleType,
    source: object,
    tmp_path: Path,
    old: str,
    new: str,
    dropped: str,
    unknown: str,
) -> None:
    found = _problems(checker, source, _broken(tmp_path, "edit", old, new))
    assert found[0].startswith(
        f"'missing-owner.stage' changes its fields (dropped: {dropped}; unknown: {unknown})"
    )


def test_every_template_id_is_unique_and_every_field_is_a_plain_name(source: object) -> None:
    ids = [message.context for message in source if message.id]  # type: ignore[attr-defined]
    assert len(ids) == len(set(ids))
    for message in source:  # type: ignore[attr-defined]
        if not message.id or message.context.startswith("doc."):
            continue  # a rule's docs are text, never filled: their YAML examples hold braces
        texts = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in texts:
            # Braces are a field or a doubled literal, nothing else (no {0}, {x.y}, {x:>3}).
            stripped = text.replace("{{", "").replace("}}", "")
            for name in fields(text):
                stripped = stripped.replace("{" + name + "}", "")
            assert "{" not in stripped and "}" not in stripped, (message.context, text)


# Rendering.
GREETING = Template("test.greeting", "hello {name}, you have {what}")
ITEMS = Plural("test.items", "{count} item", "{count} items")


def test_a_catalog_renders_its_translation_and_falls_back_to_english_template_by_template() -> None:
    italian = Catalog(
        "it",
        {
            ("test.greeting", "hello {name}, you have {what}"): "ciao {name}, hai {what}",
            ("test.items", "{count} item"): ("{count} elemento", "{count} elementi", "x"),
        },
        lambda n: int(n != 1),
    )
    assert italian(GREETING, name="Ada", what=ITEMS(count=3)) == "ciao Ada, hai 3 elementi"
    assert italian(GREETING, name="Ada", what=ITEMS(count=1)) == "ciao Ada, hai 1 elemento"
    assert ENGLISH(GREETING, name="Ada", what=ITEMS(count=2)) == "hello Ada, you have 2 items"
    # A template whose English changed finds no translation: English until the catalog is updated.
    changed = Template("test.greeting", "hi {name}, you have {what}")
    assert italian(changed, name="Ada", what="x") == "hi Ada, you have x"
    # Values are never read as templates.
    assert ENGLISH(GREETING, name="{what}", what="{{}}") == "hello {what}, you have {{}}"


def test_a_message_keeps_english_for_json_sarif_and_fingerprints() -> None:
    message = GREETING(name="Ada", what=ITEMS(count=2))
    assert message.text == str(message) == "hello Ada, you have 2 items"
    assert message.arguments() == ["Ada", "2 items"]
    assert i18n.positional(GREETING.text, GREETING.fields) == "hello {0}, you have {1}"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("it", "it"), ("it_IT.UTF-8", "it"), ("it-CH", "it"), ("IT", "it"), ("pl", "pl")],
)
def test_a_language_finds_its_catalog_or_its_region_s(language: str, expected: str) -> None:
    assert catalog(language).language == expected


def test_a_language_without_a_catalog_is_english_string_by_string() -> None:
    polish = catalog("pl_PL.UTF-8")
    assert len(polish) == 0
    assert polish(GREETING, name="Ada", what="x") == "hello Ada, you have x"
    translated, total = i18n.completeness("pl")
    assert translated == 0 and total == i18n.completeness("it")[1]


@pytest.mark.parametrize(
    ("option", "environ", "expected"),
    [
        (None, {}, "en"),
        (None, {"LANG": "it_IT.UTF-8"}, "it_IT.UTF-8"),
        (None, {"LANG": "it_IT.UTF-8", "LC_MESSAGES": "de_DE"}, "de_DE"),
        (None, {"LANG": "it_IT.UTF-8", "LC_MESSAGES": "de_DE", "LC_ALL": "fr_FR"}, "fr_FR"),
        (None, {"LC_ALL": "fr_FR", "JCODE_LANG": "it"}, "it"),
        ("en", {"LC_ALL": "fr_FR", "JCODE_LANG": "it"}, "en"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {"LC_ALL": "POSIX", "LANG": "it_IT"}, "en"),
        (None, {"LC_ALL": "", "LANG": "it_IT"}, "it_IT"),
    ],
)
def test_the_terminal_language_follows_option_then_jcode_lang_then_the_locale(
    option: str | None, environ: dict[str, str], expected: str
) -> None:
    assert terminal_language(option, environ) == expected


def test_a_new_language_starts_as_a_copy_of_english(
    checker: ModuleType, source: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's recipe: copy locale/en to locale/pl, run make i18n; the catalog gets
    Polish's header (its three plural forms) and every message waits for its translation."""
    locale = tmp_path / "locale"
    shutil.copytree(ROOT / "src" / "jcode" / "locale", locale)
    shutil.copytree(locale / "en", locale / "pl")
    monkeypatch.setattr(checker, "LOCALE", locale)
    catalog = checker.updated(source, "pl")
    po = locale / "pl" / "LC_MESSAGES" / "jcode.po"
    po.write_bytes(checker._render(catalog))
    text = po.read_text(encoding="utf-8")
    assert '"Language: pl\\n"' in text and "nplurals=3;" in text and "#, fuzzy" not in text
    found = list(checker.problems(source, "pl", locale))
    total = len([m for m in source if m.id])  # type: ignore[attr-defined]
    assert len([p for p in found if p.endswith(" is not translated")]) == total
    assert found[-1].endswith("jcode.mo: not compiled from its .po (run make i18n)")
    assert len(found) == total + 1
