"""The fixed names of a journeys repository: where jcode looks for journeys and settings, and
where it writes the project schema and the site by default. All relative to the folder that
holds jcode.yaml (the project's root)."""

from __future__ import annotations

from pathlib import Path

CONFIG_NAME = "jcode.yaml"
# The journey files: `jcode lint` reads this folder when given no paths, `jcode new` writes
# into it, `jcode diff` compares it between two revisions.
JOURNEYS = "journeys"
# Where `jcode schema --project` writes by default, and where `jcode lint` looks for it.
PROJECT_SCHEMA_PATH = Path("schema", "journey.schema.json")
# Where `jcode build` writes the site without --out.
SITE = "site"
