"""`make i18n`: extract jcode's message templates with Babel, update every catalog, compile them.

    python .ci/i18n.py           extract, update src/jcode/locale/*/LC_MESSAGES/jcode.po, compile
    python .ci/i18n.py --check   change nothing; exit 1 and say why when a catalog is not current

The templates are the calls `Template("id", "English text")` and
`Plural("id", "singular", "plural")` in src/jcode (Babel's Python extractor, the id as the
message's context). locale/en is the source catalog, its translations left empty: a new
language starts as a copy of it. Its .mo holds every template with its English text, which jcode
lists in SARIF's messageStrings and counts other catalogs against.

A catalog is current when it has every template of the source and no other, no fuzzy entry, no
empty translation (English aside), every translation keeps its template's fields, and its .mo is
what compiling its .po gives.
"""

from __future__ import annotations

import argparse
import datetime
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "jcode"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "jcode.pot"
SOURCE = "en"
KEYWORDS = {"Template": ((1, "c"), 2), "Plural": ((1, "c"), 2, 3)}
WIDTH = 100

sys.path.insert(0, str(ROOT / "src"))
from jcode.i18n import fields  # noqa: E402


def extract() -> Catalog:
    """Every template in src/jcode, by id; the same id twice is an error."""
    template = Catalog(domain="jcode", fuzzy=False, **IDENTITY)  # type: ignore[arg-type]
    seen: dict[str, str] = {}
    found = extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        where = f"src/jcode/{filename}:{lineno}"
        if context is None:
            raise SystemExit(f"{where}: a template's id must be a literal string")
        if context in seen:
            raise SystemExit(f"{where}: template id {context!r} is also used at {seen[context]}")
        seen[context] = where
        template.add(
            message,
            None,
            [(f"src/jcode/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def _render(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, omit_header=False, sort_output=False, no_location=True)
    return out.getvalue()


def _mo(catalog: Catalog, source: bool) -> bytes:
    """The compiled catalog: its translated entries (fuzzy and empty ones are left out, so that
    jcode shows their English); the source's with every template, its English as its text."""
    catalog = _copy(catalog)
    for message in list(catalog):
        if not message.id:
            continue
        if source:
            message.string = message.id
        elif message.fuzzy or not _translated(message.string):
            # Babel would fill a plural's empty forms with the English ones
            catalog.delete(message.id, context=message.context)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _translated(string: object) -> bool:
    """A translation with every form filled (Babel: text, or a tuple of plural forms)."""
    if isinstance(string, str):
        return bool(string)
    return isinstance(string, tuple | list) and bool(string) and all(string)


def _texts(value: object) -> tuple[str, ...]:
    """A message's id or string as its forms."""
    if isinstance(value, str):
        return (value,)
    return tuple(str(v or "") for v in value) if isinstance(value, tuple | list) else ("",)


def _copy(catalog: Catalog) -> Catalog:
    with io.BytesIO(_render(catalog)) as stream:
        return read_po(stream, locale=catalog.locale, domain="jcode")


def languages(locale: Path = LOCALE) -> list[str]:
    return sorted(path.name for path in locale.iterdir() if (path / "LC_MESSAGES").is_dir())


def updated(template: Catalog, language: str) -> Catalog:
    """The language's catalog with the templates of now: new ones added untranslated, changed
    ones kept fuzzy with their old text (for the translator to check), gone ones dropped."""
    path = LOCALE / language / "LC_MESSAGES" / "jcode.po"
    # The header (language, plural forms) is the language's own, whatever the file says: a new
    # language starts as a copy of English's catalog.
    catalog = Catalog(locale=language, domain="jcode", fuzzy=False, **IDENTITY)  # type: ignore[arg-type]
    if path.is_file():
        with path.open("rb") as stream:
            for message in read_po(stream, locale=language, domain="jcode"):
                if message.id:
                    catalog[message.id] = message
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
    catalog.obsolete.clear()
    for message in catalog:
        if message.id and not any(_texts(message.string)):
            message.flags.discard("fuzzy")  # nothing to review: not translated yet
    if language == SOURCE:
        for message in catalog:
            if message.id:
                message.string = ("", "") if message.pluralizable else ""
                message.flags.discard("fuzzy")
                message.previous_id = []
    return catalog


# Dates in the header would change every run; the catalogs' history is in git instead.
FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
HEADER = (
    "# jcode's messages. English is the source (locale/en: copy it to start a language);\n"
    "# `make i18n` updates every catalog from the code and compiles it."
)
IDENTITY = {
    "project": "jcode",
    "version": "1",
    "copyright_holder": "the jcode authors",
    "msgid_bugs_address": "https://github.com/jcode-dev/jcode/issues",
    "last_translator": "the jcode authors",
    "language_team": "the jcode authors",
    "header_comment": HEADER,
    "creation_date": FIXED_DATE,
    "revision_date": FIXED_DATE,
}


def problems(template: Catalog, language: str, locale: Path = LOCALE) -> Iterator[str]:
    """Why a catalog is not current (nothing when it is)."""
    base = locale / language / "LC_MESSAGES"
    po, mo = base / "jcode.po", base / "jcode.mo"
    if not po.is_file():
        yield f"{_shown(po)}: missing"
        return
    with po.open("rb") as stream:
        catalog = read_po(stream, locale=language, domain="jcode")
    ours = {(m.context, _texts(m.id)[0]): m for m in catalog if m.id}
    theirs = {(m.context, _texts(m.id)[0]): m for m in template if m.id}
    name = _shown(po)
    for key in theirs.keys() - ours.keys():
        yield f"{name}: lacks {key[0]!r} ({key[1]!r})"
    for key in ours.keys() - theirs.keys():
        yield f"{name}: stale entry {key[0]!r} ({key[1]!r}), no longer in the source"
    for obsolete in catalog.obsolete:
        yield f"{name}: stale (obsolete) entry {obsolete!r}"
    for key, message in ours.items():
        if message.fuzzy:
            yield f"{name}: fuzzy entry {key[0]!r}: check its translation, then drop '#, fuzzy'"
        if language == SOURCE:
            continue
        sources, strings = _texts(message.id), _texts(message.string)
        if not _translated(message.string):
            yield f"{name}: {key[0]!r} is not translated"
            continue
        wanted = set(fields(sources[-1]))
        for string in strings:
            got = set(fields(string))
            if got != wanted:
                lost = ", ".join(sorted(wanted - got)) or "none"
                extra = ", ".join(sorted(got - wanted)) or "none"
                yield (
                    f"{name}: {key[0]!r} changes its fields (dropped: {lost}; unknown: {extra}) "
                    f"in {string!r}"
                )
    if not mo.is_file() or mo.read_bytes() != _mo(catalog, language == SOURCE):
        yield f"{_shown(mo)}: not compiled from its .po (run make i18n)"


README = ROOT / "README.md"
TABLE_START, TABLE_END = "<!-- catalogs:start -->\n", "<!-- catalogs:end -->\n"
NAMES = {"en": "English", "it": "Italian"}  # for the README; a new language shows its code


def readme_table(locale: Path = LOCALE) -> str:
    """How complete each catalog is, for the README (from the .po files as they are)."""
    rows = ["| language | catalog | translated |", "|---|---|---|"]
    for language in languages(locale):
        with (locale / language / "LC_MESSAGES" / "jcode.po").open("rb") as stream:
            catalog = read_po(stream, locale=language, domain="jcode")
        messages = [m for m in catalog if m.id]
        done = (
            len(messages)
            if language == SOURCE
            else sum(bool(not m.fuzzy and _translated(m.string)) for m in messages)
        )
        name = NAMES.get(language, language)
        note = " (the source)" if language == SOURCE else ""
        rows.append(f"| {name}{note} | `src/jcode/locale/{language}` | {done} of {len(messages)} |")
    return "\n".join(rows) + "\n"


def _readme_with(table: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(TABLE_START) + len(TABLE_START)
    end = text.index(TABLE_END)
    return text[:start] + table + text[end:]


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; report")
    args = parser.parse_args()
    template = extract()
    if args.check:
        found = [p for language in languages() for p in problems(template, language)]
        if POT.read_bytes() != _render(template) if POT.is_file() else True:
            found.insert(0, f"{POT.relative_to(ROOT)}: not current (run make i18n)")
        if README.read_text(encoding="utf-8") != _readme_with(readme_table()):
            found.append("README.md: the catalogs' table is not current (run make i18n)")
        for problem in found:
            print(problem)
        return 1 if found else 0
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_bytes(_render(template))
    for language in sorted({SOURCE, *languages()}):
        catalog = updated(template, language)
        base = LOCALE / language / "LC_MESSAGES"
        base.mkdir(parents=True, exist_ok=True)
        (base / "jcode.po").write_bytes(_render(catalog))
        with (base / "jcode.po").open("rb") as stream:  # what --check compiles, byte for byte
            catalog = read_po(stream, locale=language, domain="jcode")
        (base / "jcode.mo").write_bytes(_mo(catalog, language == SOURCE))
        untranslated = sum(bool(m.id and (m.fuzzy or not _translated(m.string))) for m in catalog)
        total = sum(1 for m in catalog if m.id)
        done = total if language == SOURCE else total - untranslated
        print(f"{language}: {done} of {total} translated")
    README.write_text(_readme_with(readme_table()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
