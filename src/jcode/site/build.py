"""jcode build: generate the pages, let mkdocs-material render them into a temporary folder
beside the output, and swap the result into place only when everything worked.

The output folder is replaced only when it is empty or was written by jcode (it holds the
MARKER file): `--out journeys` or `--out .` can never delete anyone's work. An interrupted or
failed build leaves the previous site as it was.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import yaml

from jcode import __version__, i18n
from jcode.errors import JcodeError
from jcode.i18n import Template
from jcode.linter import LintResult
from jcode.site.checks import MARKER, check_language, check_out_dir, shown_folder
from jcode.site.labels import Words
from jcode.site.pages import MENU, Site, for_material
from jcode.site.render import Progress, Renderer
from jcode.spec import Project

TEMPLATE = Path(__file__).resolve().parent.parent / "_site_template"

CANNOT_CREATE: Final = Template("error.site.cannot-create", "cannot create '{path}': {reason}")
CANNOT_WRITE: Final = Template("error.site.cannot-write", "cannot write in '{folder}': {reason}")
CANNOT_OPEN: Final = Template("error.site.cannot-open", "cannot open '{path}': {reason}")
MARKER_TEXT: Final = Template(
    "site.marker", "Built by jcode {version}. jcode build may replace this folder."
)


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
    with SiteBuild(project, out, progress) as build:
        return build.build(result)


class SiteBuild:
    """One build of a project's site into `out`, in steps, so that the theme can be made ready
    while something else runs (jcode build: while lint reads the journeys):

        with SiteBuild(project, out) as build:  # checks `out`, takes its lock
            build.prepare()                      # mkdocs-material, up to the pages
            warnings = build.build(result)       # the pages; the new site swapped in

    Leaving the block without build() leaves `out` as it was, and no work folder behind."""

    def __init__(self, project: Project, out: Path, progress: Progress | None = None) -> None:
        check_out_dir(out)
        check_language(project)
        self.project = project
        self._given = out  # for messages, as the user wrote it
        self.out = out.absolute()  # mkdocs reads relative paths from its config file's folder
        self._shown = shown_folder(out.parent)  # for messages, as the user wrote it
        self._progress = progress
        self._stack = contextlib.ExitStack()
        self._work: Path | None = None
        self._renderer: Renderer | None = None
        self._warnings: list[str] = []

    def __enter__(self) -> SiteBuild:
        try:
            self._given.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            where = exc.filename if exc.filename is not None else self._given.parent
            raise JcodeError(CANNOT_CREATE(path=str(where), reason=str(exc.strerror))) from None
        with contextlib.ExitStack() as stack:
            stack.enter_context(_exclusive(self.out))
            _remove_leftovers(self.out)
            self._warnings = stack.enter_context(mkdocs_environment())
            self._stack = stack.pop_all()
        return self

    def __exit__(self, *_: object) -> None:
        try:
            if self._renderer is not None:
                self._renderer.close()
        finally:
            if self._work is not None:
                shutil.rmtree(self._work, ignore_errors=True)
            self._stack.close()

    def prepare(self) -> None:
        """mkdocs-material's configuration, theme and templates, ready for the pages."""
        if self._renderer is not None:
            return
        try:
            name = f".{self.out.name}.jcode-"
            self._work = Path(tempfile.mkdtemp(prefix=name, dir=self.out.parent))
        except OSError as exc:
            raise JcodeError(
                CANNOT_WRITE(folder=str(self._shown), reason=str(exc.strerror))
            ) from None
        self._renderer = open_renderer(
            self.project, self._work, self._work / "site", self._progress
        )
        self._renderer.prepare()

    def build(self, result: LintResult) -> list[str]:
        """The site of a lint result, swapped into `out`. mkdocs' warnings, for the caller to
        show: nothing here prints."""
        site = Site(result, self.project)
        self.prepare()
        assert self._renderer is not None and self._work is not None
        self._renderer.build(site)
        write_marker(self._work / "site", self.project)
        _swap(self._work / "site", self.out, self._work / "previous")
        return list(self._warnings)


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
