"""The stakeholder site: journey pages generated as HTML, rendered by mkdocs-material."""

from __future__ import annotations

from jcode.site.build import MARKER, build_site, check_out_dir

__all__ = ["MARKER", "build_site", "check_out_dir"]
