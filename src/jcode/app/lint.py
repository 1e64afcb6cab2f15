"""`jcode lint`: lint the journeys a request names, against a baseline or into one, and plan
where each report goes (the CLI writes them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

from jcode.app.project import journey_files, other_journey_ids, refuse_journey_targets
from jcode.config import load_project
from jcode.errors import JcodeError
from jcode.findings import Severity
from jcode.i18n import ENGLISH, Catalog, Template
from jcode.linter import LintResult, lint
from jcode.record import Record
from jcode.reporters import ReportOptions

if TYPE_CHECKING:
    from jcode.baseline import Entry

# Where each report goes: (format, file), None meaning standard output.
Plan = list[tuple[str, Path | None]]

BOTH_BASELINES = Template(
    "error.lint.both-baselines", "give --baseline or --write-baseline, not both"
)
OUTPUT_TAKES_ONE = Template(
    "error.lint.output-takes-one",
    "--output takes one format; with several, give each its --output-FORMAT file",
)
OUTPUT_UNUSED = Template(
    "error.lint.output-unused",
    "--output has no format left to write (each has its --output-FORMAT)",
)
STDOUT_TAKES_ONE = Template(
    "error.lint.stdout-takes-one",
    "formats {formats} would all go to standard output; give all but one an --output-FORMAT file",
)
CANNOT_WRITE_SUMMARY = Template(
    "error.lint.cannot-write-summary", "cannot write the job summary '{path}': {reason}"
)


class LintRequest(Record):
    __slots__ = (
        "baseline",
        "baseline_out",
        "config_file",
        "formats",
        "output",
        "paths",
        "per_format",
        "today",
    )

    def __init__(
        self,
        paths: Sequence[Path] = (),
        config_file: Path | None = None,
        today: date | None = None,
        *,
        formats: Sequence[str] = (),
        output: Path | None = None,
        per_format: dict[str, Path | None] | None = None,
        baseline: Path | None = None,
        baseline_out: Path | None = None,
    ) -> None:
        self.paths: Final = tuple(paths)
        self.config_file: Final = config_file
        self.today: Final = today
        # The reports asked for, as plan_outputs() reads them.
        self.formats: Final = tuple(formats)
        self.output: Final = output
        self.per_format: Final = per_format or {}
        self.baseline: Final = baseline  # report only the findings it does not accept
        self.baseline_out: Final = baseline_out  # write every finding into it instead


class LintOutcome(Record):
    """The result (without the findings a baseline accepted), where each report goes, and what
    the baseline did."""

    __slots__ = ("accepted", "baseline_size", "fixed", "plan", "result", "written")

    def __init__(
        self,
        result: LintResult,
        plan: Plan,
        *,
        written: int | None = None,
        accepted: int = 0,
        fixed: Sequence[Entry] = (),
        baseline_size: int = 0,
    ) -> None:
        self.result: Final = result
        self.plan: Final = plan
        self.written: Final = written  # findings written to --write-baseline (None: not asked)
        self.accepted: Final = accepted  # findings the baseline accepted
        self.fixed: Final = tuple(fixed)  # its entries that no finding matches any more
        self.baseline_size: Final = baseline_size  # its entries in all

    def failed(self, fail_on: Severity) -> bool:
        """Whether a finding is at or above `fail_on` (a written baseline never fails)."""
        return self.written is None and any(f.at_least(fail_on) for f in self.result.findings)


def lint_journeys(request: LintRequest) -> LintOutcome:
    from jcode.baseline import apply_baseline, read_baseline, write_baseline

    if request.baseline is not None and request.baseline_out is not None:
        raise JcodeError(BOTH_BASELINES())
    plan = plan_outputs(request.formats, request.output, request.per_format)
    project = load_project(request.config_file)
    files = journey_files(project, request.paths)
    refuse_journey_targets([target for _, target in plan] + [request.baseline_out], files)
    entries = read_baseline(request.baseline) if request.baseline is not None else None
    others = other_journey_ids(project, request.paths, files)
    result = lint(files, project, request.today, keep_models=False, other_ids=others)
    if request.baseline_out is not None:
        written = write_baseline(request.baseline_out, result.findings)
        return LintOutcome(result, plan, written=written)
    if entries is None:
        return LintOutcome(result, plan)
    result, accepted, fixed = apply_baseline(result, entries)
    return LintOutcome(result, plan, accepted=accepted, fixed=fixed, baseline_size=len(entries))


def plan_outputs(
    formats: Sequence[str], output: Path | None, per_format: dict[str, Path | None]
) -> Plan:
    """Where each report goes: (format, file), None meaning standard output.

    A format goes to its --output-FORMAT file; else to --output (which only one format may
    take: the one format that is not text, or text alone); else to standard output, which
    only one format may take. --output-FORMAT alone also asks for that format, beside text.
    """
    chosen = list(dict.fromkeys(formats))
    chosen += [name for name, path in per_format.items() if path and name not in chosen]
    if not formats and "text" not in chosen:
        chosen.insert(0, "text")
    plan = [(name, per_format[name]) for name in chosen if per_format.get(name)]
    rest = [name for name in chosen if not per_format.get(name)]
    if output is not None:
        takers = [n for n in rest if n != "text"] or rest
        if len(takers) != 1:
            raise JcodeError(OUTPUT_TAKES_ONE() if takers else OUTPUT_UNUSED())
        plan.append((takers[0], output))
        rest.remove(takers[0])
    if len(rest) > 1:
        raise JcodeError(STDOUT_TAKES_ONE(formats=", ".join(rest)))
    return plan + [(name, None) for name in rest]


def append_step_summary(
    path: Path, result: LintResult, repo_root: Path, catalog: Catalog = ENGLISH
) -> None:
    """In GitHub Actions, the full list of findings for the job summary: the annotations of
    one step stop at 10 of each level."""
    from jcode.reporters.github import step_summary

    try:
        with path.open("a", encoding="utf-8", newline="\n") as stream:
            stream.write(step_summary(result, ReportOptions(repo_root=repo_root, catalog=catalog)))
    except OSError as exc:
        raise JcodeError(CANNOT_WRITE_SUMMARY(path=str(path), reason=str(exc.strerror))) from None
