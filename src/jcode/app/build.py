"""`jcode build`: lint the journeys and build the site, unless --strict and lint finds errors.

mkdocs and the theme are imported and made ready while lint reads the journeys, in the process
that lint leaves free for it (jcode.linter.Linter.check): a build of many journeys waits for
neither."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

from jcode.app.project import journey_files
from jcode.config import load_project
from jcode.i18n import Message
from jcode.layout import SITE
from jcode.linter import JourneyFile, LintResult, lint
from jcode.record import Record
from jcode.site.checks import check_language, check_out_dir, translation_note

if TYPE_CHECKING:
    from jcode.site.build import SiteBuild
    from jcode.site.render import Progress


class BuildRequest(Record):
    __slots__ = ("config_file", "out", "paths", "progress", "strict", "today")

    def __init__(
        self,
        paths: Sequence[Path] = (),
        config_file: Path | None = None,
        today: date | None = None,
        *,
        out: Path | None = None,
        strict: bool = False,
        progress: Progress | None = None,
    ) -> None:
        self.paths: Final = tuple(paths)
        self.config_file: Final = config_file
        self.today: Final = today
        self.out: Final = out  # None: site/ beside jcode.yaml
        self.strict: Final = strict  # no site when lint finds errors
        self.progress: Final = progress


class BuildOutcome(Record):
    __slots__ = ("built", "out", "result", "translation", "warnings")

    def __init__(
        self,
        result: LintResult,
        out: Path,
        built: bool,
        warnings: Sequence[str] = (),
        translation: Message | None = None,
    ) -> None:
        self.result: Final = result
        self.out: Final = out
        self.built: Final = built  # False: --strict, and lint found errors; `out` is unchanged
        self.warnings: Final = tuple(warnings)  # mkdocs'
        # How much of jcode's words the site's language has, when not all of them.
        self.translation: Final = translation

    def errors(self) -> LintResult:
        """The result with only the errors of its journey files: what kept a --strict build
        from happening."""
        files = [
            JourneyFile(
                file.path, findings=tuple(f for f in file.findings if f.severity == "error")
            )
            for file in self.result.files
        ]
        return LintResult(files)


def build(request: BuildRequest) -> BuildOutcome:
    project = load_project(request.config_file)
    out = request.out if request.out is not None else project.root / SITE
    check_out_dir(out)
    check_language(project)
    files = journey_files(project, request.paths)
    with contextlib.ExitStack() as stack:
        site: SiteBuild | None = None

        def prepare() -> None:
            nonlocal site
            from jcode.site.build import SiteBuild  # mkdocs: only now, while lint runs

            site = stack.enter_context(SiteBuild(project, out, request.progress))
            site.prepare()

        # Early only where that makes nothing the user would see: a --strict build that finds
        # errors must not leave the folders of --out behind.
        early = prepare if out.parent.is_dir() else None
        result = lint(files, project, request.today, keep_models=True, meanwhile=early)
        if request.strict and result.counts()["error"]:
            return BuildOutcome(result, out, built=False)
        if site is None:
            prepare()
        assert site is not None
        warnings = site.build(result)
    note = translation_note(project.config.site.language)
    return BuildOutcome(result, out, built=True, warnings=warnings, translation=note)
