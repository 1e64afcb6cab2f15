"""jcode build: generate the pages, let mkdocs-material render them into a temporary folder
beside the output, and swap the result into place only when everything worked.

The output folder is replaced only when it is empty or was written by jcode (it holds the
MARKER file): `--out journeys` or `--out .` can never delete anyone's work. An interrupted or
failed build leaves the previous site as it was.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import importlib.resources
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import yaml

from jcode import __version__, i18n
from jcode.errors import JcodeError
from jcode.i18n import Message, Template
from jcode.linter import LintResult
from jcode.loader import load
from jcode.site.labels import Words
from jcode.site.pages import MENU, Site, for_material
from jcode.site.render import Pages, Progress, Renderer
from jcode.spec import Project
from jcode.text import closest, show

MARKER = ".jcode-site"
TEMPLATE = Path(__file__).resolve().parent.parent / "_site_template"

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
CANNOT_CREATE: Final = Template("error.site.cannot-create", "cannot create '{path}': {reason}")
CANNOT_WRITE: Final = Template("error.site.cannot-write", "cannot write in '{folder}': {reason}")
CANNOT_OPEN: Final = Template("error.site.cannot-open", "cannot open '{path}': {reason}")
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
MARKER_TEXT: Final = Template(
    "site.marker", "Built by jcode {version}. jcode build may replace this folder."
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
        raise JcodeError(PARENT_NOT_WRITABLE(folder=str(_folder(out.parent)), out=str(out)))
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


def _folder(path: Path) -> Path:
    """A folder as the user can find it: the current one by its name rather than '.'."""
    return path if path.name else path.absolute()


def mkdocs_config(project: Project, docs: Path, site: Path) -> dict[str, Any]:
    """The site template's configuration, completed for this build."""
    config: dict[str, Any] = yaml.safe_load((TEMPLATE / "mkdocs.yml").read_text(encoding="utf-8"))
    language = project.config.site.language
    config["site_name"] = for_material(project.config.site.title)
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(site)
    config["theme"]["custom_dir"] = str(TEMPLATE / "overrides")
    # Material's interface, and its search (language, word separator), follow its translation.
    config["theme"]["language"] = language
    words = Words(i18n.catalog(language))
    # Each toggle names the scheme it switches to, in the site's language.
    for option, name in zip(config["theme"]["palette"], ("to_dark", "to_light"), strict=True):
        option["toggle"]["name"] = words[name]
    config["nav"] = [{words[label]: path} for label, path in MENU]
    return config


@contextlib.contextmanager
def mkdocs_environment() -> Iterator[list[str]]:
    """Quiet mkdocs (its warnings are collected and returned), and no build date unless
    SOURCE_DATE_EPOCH asks for one: the same inputs give the same bytes."""
    warnings: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warnings.append(record.getMessage())

    logger = logging.getLogger("mkdocs")
    handler = Collect(logging.WARNING)
    saved = (logger.level, logger.propagate, list(logger.handlers))
    logger.handlers = [handler]
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    env_saved = {k: os.environ.get(k) for k in ("SOURCE_DATE_EPOCH", "NO_MKDOCS_2_WARNING")}
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    try:
        yield warnings
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers = saved[2]
        for key, value in env_saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def render(site: Pages, project: Project, work: Path, progress: Progress | None) -> list[str]:
    """Write the pages and build them with mkdocs into work/site. Returns mkdocs' warnings."""
    with mkdocs_environment() as warnings:
        renderer = open_renderer(project, work, work / "site", progress)
        try:
            renderer.build(site)
        finally:
            renderer.close()
    write_marker(work / "site", project)
    return warnings


def open_renderer(
    project: Project, work: Path, site: Path, progress: Progress | None = None
) -> Renderer:
    """mkdocs-material set up to build the project's site into `site` (its configuration and
    its empty docs folder in `work`): call inside mkdocs_environment(), close() when done."""
    from mkdocs.config import load_config

    docs = work / "docs"
    docs.mkdir(exist_ok=True)  # mkdocs wants one; the pages come from memory
    config_file = work / "mkdocs.yml"
    config_file.write_text(
        yaml.safe_dump(mkdocs_config(project, docs, site), allow_unicode=True),
        encoding="utf-8",
    )
    config = load_config(config_file=str(config_file))
    renderer = Renderer(config, progress)
    config.plugins.on_startup(command="build", dirty=False)
    return renderer


def write_marker(site: Path, project: Project) -> None:
    """The file that says jcode built the folder, and so may replace it."""
    note = i18n.catalog(project.config.site.language)(MARKER_TEXT, version=__version__)
    (site / MARKER).write_text(note + "\n", encoding="utf-8")


def build_site(
    result: LintResult, project: Project, out: Path, progress: Progress | None = None
) -> list[str]:
    """Build the site of a lint result into `out`, atomically. Returns mkdocs' warnings, for
    the caller to show: nothing here prints."""
    check_out_dir(out)
    check_language(project)
    folder = _folder(out.parent)  # for messages, as the user wrote it
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        where = exc.filename if exc.filename is not None else out.parent
        raise JcodeError(CANNOT_CREATE(path=str(where), reason=str(exc.strerror))) from None
    out = out.absolute()  # mkdocs reads relative paths from its config file's folder
    site = Site(result, project)
    with _exclusive(out):
        _remove_leftovers(out)
        try:
            work = Path(tempfile.mkdtemp(prefix=f".{out.name}.jcode-", dir=out.parent))
        except OSError as exc:
            raise JcodeError(CANNOT_WRITE(folder=str(folder), reason=str(exc.strerror))) from None
        try:
            warnings = render(site, project, work, progress)
            _swap(work / "site", out, work / "previous")
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return warnings


@contextlib.contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """One build at a time into a folder: a second build waits for the first instead of
    interleaving its swap with it. The lock is on the folder that holds `out` (no lock file to
    leave behind); builds into two folders of the same parent simply take turns."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; builds are not serialised there
        yield
        return
    try:
        fd = os.open(out.parent, os.O_RDONLY)
    except OSError as exc:
        raise JcodeError(CANNOT_OPEN(path=str(out.parent), reason=str(exc.strerror))) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _remove_leftovers(out: Path) -> None:
    """Work folders of builds that were killed (SIGKILL, power loss) before they could clean up.
    Called with the lock held, so none of them belongs to a running build."""
    for leftover in out.parent.glob(f".{glob.escape(out.name)}.jcode-*"):
        if leftover.is_dir() and not leftover.is_symlink():
            parked = leftover / "previous"
            if parked.is_dir() and not out.exists():  # killed mid-swap: the old site is here
                parked.rename(out)
            shutil.rmtree(leftover, ignore_errors=True)


def _swap(new: Path, out: Path, parking: Path) -> None:
    """Put `new` where `out` is, keeping the previous `out` until the new one is in place."""
    check_out_dir(out)  # again: it may have changed while we built
    try:
        if out.exists():
            out.rename(parking)
        new.rename(out)
    except BaseException:
        # Whatever stopped us (even Ctrl-C right after the first rename), the previous site
        # goes back before the caller removes the work folder it was parked in.
        if parking.exists() and not out.exists():
            parking.rename(out)
        raise
