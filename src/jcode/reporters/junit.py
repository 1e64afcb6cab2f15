"""JUnit XML, as GitLab, Jenkins and Azure DevOps read it: a test case per journey file (and
one per file a project rule reports on), a failure per finding at or above --fail-on; findings
below it go to the case's system-out."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from jcode.linter import printable

if TYPE_CHECKING:
    from jcode.findings import Finding
    from jcode.linter import LintResult
    from jcode.reporters import ReportOptions

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _line(finding: Finding) -> str:
    return _clean(
        f"{finding.file}:{finding.line}:{finding.column}: {finding.severity}: "
        f"{finding.message} [{finding.rule}]"
    )


def report(result: LintResult, out: TextIO, options: ReportOptions) -> None:
    suites = ET.Element("testsuites", name="jcode")
    suite = ET.SubElement(suites, "testsuite", name="jcode lint")
    # Named as findings name them: a file name that is not UTF-8 is escaped, not a crash.
    cases: dict[str, list[Finding]] = {printable(f.path): f.findings for f in result.files}
    for finding in result.project_findings:  # a case for the schema file, say
        cases.setdefault(finding.file, []).append(finding)
    failed = 0
    for path, findings in cases.items():
        case = ET.SubElement(suite, "testcase", classname="jcode.lint", name=path, file=path)
        failing = [f for f in findings if f.at_least(options.fail_on)]
        for finding in failing:
            failure = ET.SubElement(
                case,
                "failure",
                type=finding.rule,
                message=_clean(f"{finding.line}:{finding.column}: {finding.message}"),
            )
            failure.text = _line(finding)
        below = [_line(f) for f in findings if not f.at_least(options.fail_on)]
        if below:
            ET.SubElement(case, "system-out").text = "\n".join(below)
        failed += bool(failing)
    for element in (suites, suite):
        element.set("tests", str(len(cases)))
        element.set("failures", str(failed))
        element.set("errors", "0")
    suite.set("skipped", "0")
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(suites, encoding="unicode"))
    out.write("\n")
