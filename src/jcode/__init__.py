"""jcode: customer journeys as code."""

from __future__ import annotations

__version__ = "0.1.0"
ISSUES_URL = "https://github.com/jcode-dev/jcode/issues"
