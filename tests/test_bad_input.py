"""Bad inputs too big to commit, generated here: each gets one precise finding, fast."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from jcode import i18n

from .helpers import CASES, lint_paths, render

HEAD = "id: big\ntitle: Big\n"


def _huge_string() -> str:
    return HEAD + "summary: " + "x" * (30 * 1024 * 1024) + "\nstages: []\n"


def _many_stages() -> str:
    stage = "  - {id: s, name: S, phase: discovery}\n"
    return HEAD + "stages:\n" + stage * 200_000


def _many_files_ok() -> str:
    return HEAD + "stages:\n  - {id: s, name: S, phase: discovery}\n"


GENERATED: dict[str, tuple[Callable[[], str], list[str]]] = {
    "30-mb-string": (
        _huge_string,
        [
            "30-mb-string.yaml:3:10 | error | schema | /summary | 'summary' is 31457280 "
            "characters long; at most 5000 are allowed",
            "30-mb-string.yaml:4:9 | error | schema | /stages | 'stages' should list at least 1 "
            "item",
        ],
    ),
    "200000-stages": (
        _many_stages,
        [
            "200000-stages.yaml:2861:5 | error | yaml-syntax | '' | more than 20000 values in "
            "one file: too large for a journey map"
        ],
    ),
}


@pytest.mark.parametrize("name", list(GENERATED))
def test_generated_bad_input(name: str, tmp_path: Path) -> None:
    make, expected = GENERATED[name]
    (tmp_path / "jcode.yaml").write_bytes((CASES / "bad-input" / "jcode.yaml").read_bytes())
    path = tmp_path / f"{name}.yaml"
    path.write_text(make(), encoding="utf-8")
    before = path.read_bytes()
    result = lint_paths([path], cwd=tmp_path)
    assert [render(f) for f in result.findings] == expected
    assert path.read_bytes() == before  # jcode never writes to journey files


def test_other_files_are_still_linted(tmp_path: Path) -> None:
    (tmp_path / "jcode.yaml").write_bytes((CASES / "bad-input" / "jcode.yaml").read_bytes())
    (tmp_path / "a-broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (tmp_path / "b-fine.yaml").write_text(_many_files_ok(), encoding="utf-8")
    result = lint_paths([tmp_path], cwd=tmp_path)
    files = {f.file for f in result.findings}
    assert files == {"a-broken.yaml", "b-fine.yaml"}
    assert [f.rule for f in result.findings if f.file == "a-broken.yaml"] == ["yaml-syntax"]
    assert result.files[1].valid


def _project(tmp_path: Path) -> Path:
    (tmp_path / "jcode.yaml").write_bytes((CASES / "bad-input" / "jcode.yaml").read_bytes())
    return tmp_path


def test_special_files_are_findings_not_hangs(tmp_path: Path) -> None:
    project = _project(tmp_path)
    os.mkfifo(project / "fifo.yaml")
    (project / "zero.yaml").symlink_to("/dev/zero")
    (project / "fine.yaml").write_text(_many_files_ok(), encoding="utf-8")
    result = lint_paths([project], cwd=project)
    assert [render(f) for f in result.findings if f.rule == "yaml-syntax"] == [
        "fifo.yaml:1:1 | error | yaml-syntax | '' | not a regular file; cannot read it",
        "zero.yaml:1:1 | error | yaml-syntax | '' | not a regular file; cannot read it",
    ]
    assert result.files[0].path == "fifo.yaml" and result.files[1].valid  # the others linted


def test_non_utf8_file_name_is_shown_escaped(tmp_path: Path) -> None:
    project = _project(tmp_path)
    name = os.fsencode(project) + b"/caf\xe9.yaml"
    with open(name, "wb") as stream:  # noqa: PTH123 - a bytes path on purpose
        stream.write(b"id: [\n")
    [finding] = lint_paths([project], cwd=project).findings
    assert finding.file == "caf\\xe9.yaml"
    finding.file.encode("utf-8")  # printable anywhere


def test_a_file_reached_twice_is_linted_once(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "sub").mkdir()
    (project / "sub" / "j.yaml").write_text(_many_files_ok(), encoding="utf-8")
    (project / "link").symlink_to(project / "sub")
    result = lint_paths(
        [project / "sub" / "j.yaml", Path("sub/../sub/j.yaml"), project / "link"], cwd=project
    )
    assert [f.path for f in result.files] == ["sub/j.yaml"]
    assert "duplicate-id" not in {f.rule for f in result.findings}


ITALIAN = i18n.catalog("it")

# What an Italian team reads for a few bad inputs of tests/cases/bad-input: each kind of
# wording (a field in an element, an element by its position, a value, libyaml's own problem
# with jcode's hint) once.
IN_ITALIAN = {
    "text-or-object-mistakes": [
        "8:11 schema: 'during' non è una chiave di 'moments' nella journey; chiavi ammesse: "
        "pre-purchase, purchase, post-purchase",
        "8:27 schema: 'purchse' non è una chiave di 'moments' nella journey; chiavi ammesse: "
        "pre-purchase, purchase, post-purchase (forse intendevi 'purchase'?)",
        "14:9 schema: l'elemento 1 di 'pain_points' nella tappa 'discovery' dovrebbe essere un "
        "testo o una mappa con text, non il numero 3",
        "16:9 schema: il punto critico 3 non ha il campo obbligatorio 'text'",
        "16:10 schema: campo sconosciuto 'txt' nel punto critico 3; forse intendevi 'text'?",
        "18:9 schema: l'opportunità 1 non ha il campo obbligatorio 'id'",
    ],
    "date-where-text-is-expected": [
        "4:8 schema: 'title' dovrebbe essere un testo, non la data 2026-11-22; mettilo tra "
        "virgolette",
        "8:11 schema: 'name' nella tappa 'discovery' dovrebbe essere un testo, non la data "
        "2026-11-22T10:00:00; mettilo tra virgolette",
    ],
    "key-moment-as-yes": [
        "11:17 schema: 'key_moment' nella tappa 'discovery' dovrebbe essere un testo che spiega "
        "perché questo è un momento che conta, non il booleano true",
        "13:56 schema: 'key_moment' nell'azione 1 dovrebbe essere un testo che spiega perché "
        "questo è un momento che conta, non il booleano true",
    ],
    "stage-not-a-mapping": [
        "4:5 schema: la tappa 1 dovrebbe essere una mappa con id, name, phase, non il numero 5"
    ],
    "list-at-top": [
        "1:1 schema: un file di journey dovrebbe essere una mappa con id, title, stages, non "
        "una lista"
    ],
    "path-traversal-id": [
        "1:5 schema: 'id': '../../etc/passwd' non è un id valido: usa lettere minuscole a-z, "
        "cifre e trattini, e inizia con una lettera o una cifra",
        "4:10 schema: 'id' nella tappa 1: '..' non è un id valido: usa lettere minuscole a-z, "
        "cifre e trattini, e inizia con una lettera o una cifra",
    ],
    "infinite-and-nan-kpi": [
        "9:55 schema: 'baseline' nel KPI 'ctr' dovrebbe essere un numero finito, non inf",
        "9:69 schema: 'target' nel KPI 'ctr' dovrebbe essere un numero finito, non -inf",
        "10:44 schema: 'baseline' nel KPI 'reach' dovrebbe essere un numero finito, non nan",
    ],
    "empty-file": [
        "1:1 schema: il file non contiene una journey: servono almeno 'id', 'title' e 'stages'"
    ],
    "syntax-error": [
        "4:1 yaml-syntax: il file finisce prima del previsto (durante la lettura di un testo "
        'tra virgolette dalla riga 2); le virgolette (") della riga 2, colonna 8 non vengono '
        'mai chiuse: termina il testo con "'
    ],
    "unclosed-bracket": [
        "8:1 yaml-syntax: manca la ',' o la ']' attesa (durante la lettura di una lista tra "
        "parentesi quadre dalla riga 7); chiudi la '[' della riga 7, colonna 18 con ']', "
        "separa i suoi elementi con ',' oppure metti il testo tra virgolette"
    ],
    "colon-in-text": [
        "3:10 yaml-syntax: valori di una mappa non ammessi in questo punto; c'è un ': ' dentro "
        'il testo? metti il testo tra virgolette: goal: "Pay: and get a date"'
    ],
    "tab-indent": [
        "4:1 yaml-syntax: un carattere di tabulazione dove YAML si aspetta un rientro o un "
        "valore; usa gli spazi per i rientri"
    ],
    "raw-control-char": [
        "2:13 yaml-syntax: carattere non ammesso #x0001: i caratteri di controllo non sono ammessi"
    ],
    "latin1-encoding": [
        "2:13 yaml-syntax: il file non è in UTF-8 valido (byte 0xe8); salvalo in UTF-8"
    ],
    "alias-bomb": [
        "7:8 yaml-syntax: gli alias si espandono in più di 10000 valori (una alias bomb?); "
        "jcode non li espande"
    ],
    "duplicate-keys": [
        "16:5 duplicate-key: la chiave 'name' è ripetuta; YAML tiene solo l'ultimo valore"
    ],
    "escape-sequences": [  # what the file says stays escaped, in every language
        "6:1 duplicate-key: la chiave '\\x1b[2Jk' è ripetuta; YAML tiene solo l'ultimo valore",
        "6:1 schema: campo sconosciuto '\\u001b[2Jk' (campi previsti: id, title, summary, "
        "persona, owner, scope, moments, status, reviewed, tags, related, suppress, stages)",
    ],
}


@pytest.mark.parametrize("name", list(IN_ITALIAN))
def test_bad_input_reads_in_italian(name: str) -> None:
    case = CASES / "bad-input" / f"{name}.yaml"
    result = lint_paths([case], cwd=case.parent)
    said = [f"{f.line}:{f.column} {f.rule}: {f.text(ITALIAN)}" for f in result.findings]
    assert said == IN_ITALIAN[name]


def test_a_file_that_cannot_be_read_is_said_in_italian(tmp_path: Path) -> None:
    project = _project(tmp_path)
    os.mkfifo(project / "fifo.yaml")
    (project / "big.yaml").touch()
    os.truncate(project / "big.yaml", 64 * 1024 * 1024 + 1)  # sparse: nothing is written
    result = lint_paths([project], cwd=project)
    assert [(f.file, f.text(ITALIAN)) for f in result.findings] == [
        ("big.yaml", "il file è di 64 MiB; i file di journey sono limitati a 64 MiB"),
        ("fifo.yaml", "non è un file normale; impossibile leggerlo"),
    ]
