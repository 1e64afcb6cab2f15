"""project_schema: what the stale-project-schema finding says a written schema lacks or still
lists, in English and in Italian. The command line's view is in test_authoring.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from jcode import i18n
from jcode.config import parse_config
from jcode.project_schema import render, staleness

ITALIAN = i18n.catalog("it")
WRITTEN = (
    "phases: seven-stage\n"
    "owners:\n  sales: {name: Sales}\n  crm: {name: CRM}\n"
    "personas:\n  shopper: {name: Shopper}\n"
)


@pytest.mark.parametrize(
    ("now", "english", "italian"),
    [
        (
            WRITTEN.replace("  crm: {name: CRM}\n", "  care: {name: Care}\n"),
            "the project schema lacks owner 'care' and still lists owner 'crm'",
            "lo schema del progetto non riporta il responsabile 'care' e riporta ancora il "
            "responsabile 'crm'",
        ),
        (
            WRITTEN.replace("seven-stage", "five-stage").replace("  crm: {name: CRM}\n", "")
            + "channels:\n  kiosk: {name: Kiosk, mode: offline}\n",
            "the project schema lacks channel 'kiosk', still lists phases 'advocacy', "
            "'interest' and still lists owner 'crm'",
            "lo schema del progetto non riporta il canale 'kiosk', riporta ancora le fasi "
            "'advocacy', 'interest' e riporta ancora il responsabile 'crm'",
        ),
        (
            WRITTEN.replace("{name: Sales}", "{name: Sales team}"),
            "the project schema is out of date (a name in jcode.yaml, or jcode's journey "
            "format, changed)",
            "lo schema del progetto non è aggiornato (è cambiato un nome in jcode.yaml, o il "
            "formato delle journey di jcode)",
        ),
    ],
)
def test_a_stale_project_schema_says_what_changed(
    tmp_path: Path, now: str, english: str, italian: str
) -> None:
    schema = tmp_path / "journey.schema.json"
    schema.write_text(render(parse_config(WRITTEN, tmp_path / "jcode.yaml")), encoding="utf-8")
    message = staleness(schema, parse_config(now, tmp_path / "jcode.yaml"))
    assert message is not None
    assert message.text == f"{english}; run `jcode schema --project` to update it"
    assert ITALIAN.render(message) == f"{italian}; esegui `jcode schema --project` per aggiornarlo"
