"""What jcode build checks before it starts, and what it says after: light enough to import
before lint (mkdocs and the theme are imported while lint runs, jcode.site.build)."""

from __future__ import annotations

import contextlib
import functools
import importlib.resources
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from jcode import i18n
from jcode.errors import JcodeError
from jcode.i18n import Message, Template
from jcode.loader import load
from jcode.spec import Project
from jcode.text import closest, show

MARKER = ".jcode-site"

NOT_A_FOLDER: Final = Template(
    "error.site.out-not-a-folder", "'{out}' exists and is not a folder; choose another --out"
)
NOT_OURS: Final = Template(
    "error.site.out-not-ours",
    "'{out}' is not empty and was not built by jcode; refusing to replace it "
    "(choose another --out, or empty it yourself)",
)
PARENT_NOT_WRITABLE: Final = Template(
    "error.site.parent-not-writable",
    "cannot write in '{folder}': jcode builds the new site there, beside '{out}', and then "
    "swaps it in",
)
OUT_NOT_WRITABLE: Final = Template(
    "error.site.out-not-writable",
    "cannot replace '{out}': the folder is not writable (jcode moves the previous site aside, "
    "then the new one in)",
)
UNKNOWN_LANGUAGE: Final = Template(
    "config.site-language",
    "{file}:{line}:{column}: mkdocs-material has no language '{language}' for site.language "
    "(it has: {languages})",
)
UNKNOWN_LANGUAGE_HINT: Final = Template(
    "config.site-language.hint",
    "{file}:{line}:{column}: mkdocs-material has no language '{language}' for site.language; "
    "did you mean '{hint}'? (it has: {languages})",
)
# How much of jcode's catalog the site's language has, said once by `jcode build`.
UNTRANSLATED: Final = Template(
    "site.untranslated",
    "jcode's labels: {done} of {total} translated into {language}; English is used",
)
PARTLY_TRANSLATED: Final = Template(
    "site.partly-translated",
    "jcode's labels: {done} of {total} translated into {language}; the rest is in English",
)


def check_out_dir(out: Path) -> None:
    """Refuse (exit 2) to replace a folder that holds anything jcode did not write, or one that
    jcode could not swap a new site into: before the build, not after it."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise JcodeError(NOT_A_FOLDER(out=str(out)))
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise JcodeError(NOT_OURS(out=str(out)))
    # The site is built in a folder beside `out`, then renamed into place; renaming a folder
    # into another one rewrites its "..", so the previous site must be writable too.
    if out.parent.is_dir() and not os.access(out.parent, os.W_OK | os.X_OK):
        raise JcodeError(PARENT_NOT_WRITABLE(folder=str(shown_folder(out.parent)), out=str(out)))
    if out.is_dir() and not os.access(out, os.W_OK):
        raise JcodeError(OUT_NOT_WRITABLE(out=str(out)))


@functools.cache
def material_languages() -> tuple[str, ...]:
    """The languages of the installed mkdocs-material: those it has a translation of."""
    folder = importlib.resources.files("material") / "templates" / "partials" / "languages"
    return tuple(
        sorted(p.name.removesuffix(".html") for p in folder.iterdir() if p.name.endswith(".html"))
    )


def check_language(project: Project) -> None:
    """Refuse (exit 2) a site.language that Material has no translation for, before the
    build: Material would fail on it halfway, with a message about its templates."""
    language = project.config.site.language
    known = material_languages()
    if language in known:
        return
    path = project.config_path
    line, column = 1, 1
    if path is not None:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            line, column = load(path.read_text(encoding="utf-8")).position("/site/language")
    where: dict[str, i18n.Arg] = {
        "file": str(path or "jcode.yaml"),
        "line": line,
        "column": column,
        "language": show(language),
        "languages": ", ".join(known),
    }
    hint = _nearest(language, known)
    if hint is None:
        raise JcodeError(UNKNOWN_LANGUAGE(**where))
    raise JcodeError(UNKNOWN_LANGUAGE_HINT(**where, hint=hint))


def _nearest(language: str, known: Sequence[str]) -> str | None:
    """The language meant: the same code in other letters (pt-br, pt_BR: pt-BR), else its
    language without the region (pl-PL: pl), else the nearest spelling."""
    by_key = {code.casefold().replace("_", "-"): code for code in known}
    key = language.casefold().replace("_", "-")
    found = by_key.get(key) or by_key.get(key.partition("-")[0])
    return found or closest(language, known)


def translation_note(language: str) -> Message | None:
    """What `jcode build` says when jcode's catalog lacks templates in the site's language
    (they are shown in English): nothing for a complete one."""
    done, total = i18n.completeness(language)
    if done == total:
        return None
    template = UNTRANSLATED if done == 0 else PARTLY_TRANSLATED
    return template(done=done, total=total, language=language)


def shown_folder(path: Path) -> Path:
    """A folder as the user can find it: the current one by its name rather than '.'."""
    return path if path.name else path.absolute()
