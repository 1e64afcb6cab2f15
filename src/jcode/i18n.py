"""jcode's words in the team's language: message templates, and the gettext catalogs that
translate them.

Every text jcode writes for people is a Template: an id (the catalog's msgctxt, and the id
SARIF viewers look a message up by) and its English text with named fields ("owner '{owner}'
is not declared"). A Template called with its arguments is a Message, which findings, errors
and labels carry as data; a Catalog renders it in one language. English is the source: the
catalogs under locale/<language>/LC_MESSAGES/jcode.po translate it (`make i18n` extracts the
templates with Babel, updates the catalogs and compiles them into the .mo files read here), and
a template a catalog does not translate is shown in English, template by template.

Fields are `{name}` and nothing else (no format specs, no attribute access): a translation
may move a field but not change what it shows; `{{` and `}}` are literal braces. A field's
value is text, a number, or a Message (a phrase rendered in the same language).

The lowest layer: the standard library only, and no Babel at run time.
"""

from __future__ import annotations

import functools
import os
import re
import struct
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Final, Union

from jcode.record import Record

LOCALE_DIR: Final = Path(__file__).parent / "locale"
DOMAIN: Final = "jcode"
SOURCE_LANGUAGE: Final = "en"

_FIELD_RE = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")

Arg = Union[str, int, float, "Message"]


def fields(text: str) -> tuple[str, ...]:
    """The names of a template's fields, in order of first appearance."""
    names: dict[str, None] = {}
    for match in _FIELD_RE.finditer(text):
        if match.group(1):
            names.setdefault(match.group(1))
    return tuple(names)


def _fill(text: str, values: Mapping[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return match.group()[0]
        return values.get(name, match.group())

    return _FIELD_RE.sub(one, text)


class Template:
    """A text of jcode's, in English, with its id. Calling it with its fields gives a Message."""

    __slots__ = ("count", "fields", "id", "plural", "text")

    def __init__(self, id: str, text: str) -> None:
        self.id: Final = id
        self.text: Final = text
        self.plural: str | None = None
        self.count = ""
        self.fields: tuple[str, ...] = fields(text)

    def __call__(self, **args: Arg) -> Message:
        missing = set(self.fields) - args.keys()
        if missing:  # a programming error, caught by the tests that render every template
            raise TypeError(f"template {self.id!r} needs {', '.join(sorted(missing))}")
        return Message(self, tuple(args.items()))

    def _key(self) -> tuple[str, str, str | None]:
        return (self.id, self.text, self.plural)

    def __eq__(self, other: object) -> bool:
        # By value: findings come back from the worker processes of a parallel lint pickled.
        return isinstance(other, Template) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Template({self.id!r})"


class Plural(Template):
    """A template whose words depend on a number, the field `count` ("{count} error" /
    "{count} errors"): each language's catalog says how many forms it has and which is used."""

    __slots__ = ()

    def __init__(self, id: str, text: str, plural: str, count: str = "count") -> None:
        super().__init__(id, text)
        self.plural = plural
        self.count = count
        self.fields = fields(plural)


class Message(Record):
    """A template and its arguments: what a finding or an error says, in no language yet."""

    __slots__ = ("args", "template")

    def __init__(self, template: Template, args: tuple[tuple[str, Arg], ...]) -> None:
        self.template: Final = template
        self.args: Final = args

    @property
    def id(self) -> str:
        return self.template.id

    @property
    def text(self) -> str:
        """In English: what JSON, SARIF and fingerprints keep."""
        return ENGLISH.render(self)

    def arguments(self) -> list[str]:
        """The values of its fields in the order the English text names them, in English (the
        `arguments` of a SARIF message, whose `{0}`, `{1}` ... they fill)."""
        values = self.english_values()
        return [values[name] for name in self.template.fields]

    def english_values(self) -> dict[str, str]:
        return {name: ENGLISH.value(value) for name, value in self.args}

    def __str__(self) -> str:
        return self.text


def positional(text: str, names: tuple[str, ...]) -> str:
    """A template with `{0}`, `{1}` ... for its named fields, as SARIF's messageStrings want
    (literal braces stay doubled, as SARIF writes them too)."""
    index = {name: str(i) for i, name in enumerate(names)}

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return match.group() if name is None else "{" + index[name] + "}"

    return _FIELD_RE.sub(one, text)


class Catalog:
    """The translations of one language: (id, English text) -> its text in that language.

    A template whose English text changed finds no translation (the catalog's entry is for the
    old text) and is shown in English until the catalog is updated."""

    __slots__ = ("_plural", "_texts", "language")

    def __init__(
        self,
        language: str,
        texts: Mapping[tuple[str, str], str | tuple[str, ...]],
        plural: Callable[[int], int] | None = None,
    ) -> None:
        self.language: Final = language
        self._texts = texts
        self._plural = plural or (lambda n: int(n != 1))

    def text(self, template: Template, count: int | None = None) -> str:
        """The template's text in this language, its fields unfilled."""
        found = self._texts.get((template.id, template.text))
        if template.plural is None:
            return found if isinstance(found, str) and found else template.text
        n = 1 if count is None else count
        if isinstance(found, tuple) and _complete(found):
            index = self._plural(n)
            if 0 <= index < len(found):
                return found[index]
        return template.text if n == 1 else template.plural

    def render(self, message: Message) -> str:
        template = message.template
        count = dict(message.args).get(template.count) if template.plural else None
        text = self.text(template, count if isinstance(count, int) else None)
        return _fill(text, {name: self.value(value) for name, value in message.args})

    def value(self, value: Arg) -> str:
        if isinstance(value, Message):
            return self.render(value)
        return str(value)

    def __call__(self, template: Template, **args: Arg) -> str:
        """A template rendered at once: `catalog(SUMMARY, files=3)`."""
        return self.render(template(**args))

    def translates(self, template: Template) -> bool:
        return _complete(self._texts.get((template.id, template.text)))

    def __len__(self) -> int:
        return len(self._texts)

    def __repr__(self) -> str:
        return f"Catalog({self.language!r}, {len(self._texts)} entries)"


def _complete(found: str | tuple[str, ...] | None) -> bool:
    """An entry with its text, or every plural form, filled in."""
    if isinstance(found, tuple):
        return bool(found) and all(found)
    return bool(found)


ENGLISH: Final = Catalog(SOURCE_LANGUAGE, {})


def read_mo(path: Path) -> tuple[dict[tuple[str, str], str | tuple[str, ...]], dict[str, str]]:
    """A compiled gettext catalog: {(msgctxt, msgid): msgstr or its plural forms}, and the
    header's fields. Entries without a context are the header only."""
    data = path.read_bytes()
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    _, count, originals, translations = struct.unpack_from(order + "4I", data, 4)
    keys = struct.unpack_from(f"{order}{2 * count}I", data, originals)  # (length, offset)...
    values = struct.unpack_from(f"{order}{2 * count}I", data, translations)
    texts: dict[tuple[str, str], str | tuple[str, ...]] = {}
    header: dict[str, str] = {}
    for i in range(0, 2 * count, 2):
        original = data[keys[i + 1] : keys[i + 1] + keys[i]].decode("utf-8")
        translated = data[values[i + 1] : values[i + 1] + values[i]].decode("utf-8")
        if not original:
            for line in translated.splitlines():
                key, _, value = line.partition(":")
                if value:
                    header[key.strip().lower()] = value.strip()
            continue
        context, _, msgid = original.rpartition("\x04")
        if "\x00" in msgid:  # a plural: the singular and the plural, and the forms
            texts[context, msgid.split("\x00")[0]] = tuple(translated.split("\x00"))
        else:
            texts[context, msgid] = translated
    return texts, header


def _plural_rule(header: Mapping[str, str]) -> Callable[[int], int] | None:
    forms = header.get("plural-forms", "")
    match = re.search(r"plural=([^;]+)", forms)
    if not match:
        return None
    from gettext import c2py  # only for a catalog with plural forms: start-up time

    try:
        return c2py(match.group(1).strip())
    except (ValueError, SyntaxError):
        return None


def available() -> tuple[str, ...]:
    """The languages jcode has a catalog for, the source's first."""
    found = sorted(
        path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
    )
    return (SOURCE_LANGUAGE, *(name for name in found if name != SOURCE_LANGUAGE))


def normalize(language: str) -> str:
    """`it_IT.UTF-8`, `it-IT`, `it` -> `it_IT` or `it`: a POSIX locale's language part."""
    code = language.split(".")[0].split("@")[0].replace("-", "_")
    head, _, region = code.partition("_")
    return f"{head.lower()}_{region.upper()}" if region else head.lower()


@functools.cache
def catalog(language: str) -> Catalog:
    """The catalog of a language (`it`, `pt_BR`, `it_IT.UTF-8`): its own, else its language's
    without the region, else English (every template in English)."""
    code = normalize(language)
    for name in dict.fromkeys((code, code.split("_")[0])):
        if not name or name == SOURCE_LANGUAGE:
            break
        path = LOCALE_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if path.is_file():
            texts, header = read_mo(path)
            return Catalog(name, texts, _plural_rule(header))
    return Catalog(code or SOURCE_LANGUAGE, {}) if code != SOURCE_LANGUAGE else ENGLISH


@functools.cache
def source_entries() -> dict[str, str | tuple[str, ...]]:
    """Every template of jcode's by id, in English, from the source catalog (locale/en): what
    SARIF's messageStrings list and what a catalog's completeness is counted against."""
    path = LOCALE_DIR / SOURCE_LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.mo"
    texts, _ = read_mo(path)
    return {id: text for (id, _), text in texts.items()}


def completeness(language: str) -> tuple[int, int]:
    """(translated, total) of jcode's templates for a language."""
    chosen = catalog(language)
    total = source_entries()
    if chosen.language == SOURCE_LANGUAGE:
        return len(total), len(total)
    done = sum(
        chosen.translates(Template(id, text if isinstance(text, str) else text[0]))
        for id, text in total.items()
    )
    return done, len(total)


def terminal_language(option: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The terminal's language: --lang, else JCODE_LANG, else LC_ALL, LC_MESSAGES, LANG (the
    first one set, as gettext reads them), else English. `C` and `POSIX` are English."""
    env = os.environ if environ is None else environ
    for value in (option, env.get("JCODE_LANG"), env.get("LC_ALL"), env.get("LC_MESSAGES")):
        if value:
            return _posix(value)
    return _posix(env.get("LANG") or SOURCE_LANGUAGE)


def _posix(value: str) -> str:
    first = value.split(":")[0]  # LANGUAGE-style lists: the first
    return SOURCE_LANGUAGE if first in ("C", "POSIX") or first.startswith("C.") else first


# The terminal's catalog for this run, set once by the CLI from --lang and the environment;
# what prints to the terminal (the error handler too) renders with it.
current: ContextVar[Catalog] = ContextVar("jcode_catalog", default=ENGLISH)
