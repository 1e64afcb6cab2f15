"""JUnit XML, as GitLab, Jenkins and Azure DevOps read it, valid against Jenkins' junit-10.xsd.

A failing test case for each finding at or above --fail-on, and a passing one for each file
(a journey file, or a file a project rule reports on) without such a finding, so the report
shows every file checked. One failure per case keeps every reader's totals equal to the
header's. A finding's case is named as lint prints it (file:line:column, message, rule), which
also tells apart findings of one rule at one place; its classname is the file. Findings below
--fail-on go to the system-out of the file's first case.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from jcode.reporters.text import finding_line, plain
from jcode.text import printable

if TYPE_CHECKING:
    from jcode.findings import Finding
    from jcode.i18n import Catalog
    from jcode.linter import LintResult
    from jcode.reporters import ReportOptions

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _place(finding: Finding) -> str:
    return f"{finding.file}:{finding.line}:{finding.column}"


def _line(finding: Finding, catalog: Catalog) -> str:
    return _clean(finding_line(finding, plain, catalog))


def _failing_case(suite: ET.Element, path: str, finding: Finding, catalog: Catalog) -> ET.Element:
    # The case's name stays the same in every language (readers track a test case by its name
    # from run to run): the English message; its failure's words are the terminal's.
    name = _clean(f"{_place(finding)}: {finding.message} [{finding.rule}]")
    case = ET.SubElement(suite, "testcase", classname=path, name=name)
    failure = ET.SubElement(
        case,
        "failure",
        type=finding.rule,
        message=_clean(f"{_place(finding)}: {finding.text(catalog)}"),
    )
    failure.text = _line(finding, catalog)
    return case


def report(result: LintResult, out: TextIO, options: ReportOptions) -> None:
    suites = ET.Element("testsuites", name="jcode")
    suite = ET.SubElement(suites, "testsuite", name="jcode lint")
    # Named as findings name them: a file name that is not UTF-8 is escaped, not a crash.
    files = {printable(f.path): list(f.findings) for f in result.files}
    for finding in result.project_findings:  # the schema file, say
        files.setdefault(finding.file, []).append(finding)
    tests = failures = 0
    for file, findings in files.items():
        path = _clean(file)
        failing = [f for f in findings if f.at_least(options.fail_on)]
        cases = [_failing_case(suite, path, f, options.catalog) for f in failing] or [
            ET.SubElement(suite, "testcase", classname=path, name=path)
        ]
        below = [_line(f, options.catalog) for f in findings if not f.at_least(options.fail_on)]
        if below:  # after the failure: a reader may take the case anew from its failure
            ET.SubElement(cases[0], "system-out").text = "\n".join(below)
        tests += len(cases)
        failures += len(failing)
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", "0")
    suite.set("skipped", "0")  # the schema allows skipped on a testsuite, not on testsuites
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(suites, encoding="unicode"))
    out.write("\n")
