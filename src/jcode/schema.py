"""The published JSON Schemas, generated from the pydantic models (the one source of truth)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from jcode.spec.config import Config
from jcode.spec.models import Journey

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "journey.schema.json": Journey,
    "config.schema.json": Config,
}


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    generated = model.model_json_schema(mode="validation")
    return {"$schema": DRAFT, **generated}


def render(model: type[BaseModel]) -> str:
    return json.dumps(schema_of(model), indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMA_FILES.items():
        path = folder / name
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written
