"""The command line: click only. Each command is a module of this package that parses its
options, calls its use case (jcode.app) and turns what it returns into output and an exit code;
main() maps errors to exit codes. This is the only layer that prints or exits."""

from __future__ import annotations

from jcode.cli.main import main, run

__all__ = ["main", "run"]
