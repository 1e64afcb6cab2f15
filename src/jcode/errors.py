"""The one user-facing exception, and the exit codes the CLI returns."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3
    INTERRUPTED = 130  # Ctrl-C, as a shell reports a process that SIGINT stopped (128 + 2)


class JcodeError(Exception):
    """A problem the user can fix (bad option, unreadable config, missing path): exit 2. Its
    one argument is a jcode.i18n.Message (str() gives its English text) or, for what has no
    words of jcode's own, text."""

    exit_code = ExitCode.USAGE
