"""yaml_messages: what the yaml-syntax and duplicate-key rules say, libyaml's own words among
them, in English (what libyaml writes) and in Italian."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from yaml import _yaml
from yaml.reader import ReaderError

from jcode import i18n
from jcode.i18n import Message
from jcode.loader import load
from jcode.yaml_messages import CONTEXTS, PROBLEMS, READER_REASONS, parser_problem, reader_problem

ITALIAN = i18n.catalog("it")


@pytest.mark.parametrize(
    ("text", "english", "italian"),
    [
        (
            "key: @x\n",
            "found character that cannot start any token (while scanning for the next token "
            "at line 1)",
            "un carattere che non può iniziare alcun elemento (cercando l'elemento successivo "
            "dalla riga 1)",
        ),
        (
            "- a\nb: c\n",
            "did not find expected '-' indicator (while parsing a block collection at line 1)",
            "manca l'indicatore '-' atteso (durante la lettura di una lista a blocchi dalla "
            "riga 1)",
        ),
        (
            "a:\n  - b\n c: d\n",
            "did not find expected key (while parsing a block mapping at line 1)",
            "manca la chiave attesa (durante la lettura di una mappa a blocchi dalla riga 1)",
        ),
        (
            "a: {b: 1\n",
            "did not find expected ',' or '}' (while parsing a flow mapping at line 1); close "
            "the '{' of line 1, column 4 with '}', separate its items with ',', or quote the "
            "text",
            "manca la ',' o la '}' attesa (durante la lettura di una mappa tra parentesi graffe "
            "dalla riga 1); chiudi la '{' della riga 1, colonna 4 con '}', separa i suoi "
            "elementi con ',' oppure metti il testo tra virgolette",
        ),
        (
            'a: "\\q"\n',
            "found unknown escape character (while parsing a quoted scalar at line 1)",
            "un carattere di escape sconosciuto (durante la lettura di un testo tra virgolette "
            "dalla riga 1)",
        ),
        (
            "? a\n? b\n: c: d:\n",
            "mapping values are not allowed in this context",
            "valori di una mappa non ammessi in questo punto",
        ),
    ],
)
def test_libyaml_says_its_problems_in_italian_too(text: str, english: str, italian: str) -> None:
    doc = load(text)
    assert doc.error is not None
    assert doc.error.message.text == english
    assert ITALIAN.render(doc.error.message) == italian


def test_a_key_repeated_is_said_in_italian() -> None:
    [repeated] = load("a: 1\nb: 2\na: 3\n").duplicate_keys
    assert ITALIAN.render(repeated.message) == (
        "la chiave 'a' è ripetuta; YAML tiene solo l'ultimo valore"
    )


def test_every_text_of_the_table_is_one_libyaml_writes() -> None:
    """Each phrase's English is a text of libyaml's scanner, parser or reader, as compiled into
    PyYAML's binding: a phrase whose English libyaml never writes would never be used."""
    binary = Path(_yaml.__file__).read_bytes()
    texts = [*PROBLEMS, *CONTEXTS, *READER_REASONS]
    assert [text for text in texts if text.encode() + b"\0" not in binary] == []


def test_what_the_table_lacks_is_passed_on_as_libyaml_wrote_it() -> None:
    """A newer libyaml's text: shown as it is, in the sentence of the language."""
    message = parser_problem("found a problem of tomorrow", "while reading ahead", 3)
    assert message.text == "found a problem of tomorrow (while reading ahead at line 3)"
    assert (
        ITALIAN.render(message) == "found a problem of tomorrow (while reading ahead dalla riga 3)"
    )
    assert ITALIAN.render(parser_problem(None, None, None)) == "YAML non valido"


def test_a_reader_error_is_ours_when_its_parts_say_what_it_says() -> None:
    refused = ReaderError("<unicode string>", 5, 0x07, "?", "control characters are not allowed")
    said = str(refused).split("\n")[0]
    message = reader_problem(refused, said)
    assert (
        message.text == said == "unacceptable character #x0007: control characters are not allowed"
    )
    assert ITALIAN.render(message) == (
        "carattere non ammesso #x0007: i caratteri di controllo non sono ammessi"
    )
    undecodable = ReaderError("<file>", 3, b"\xe9", "utf-8", "invalid continuation byte")
    said = str(undecodable).split("\n")[0]
    assert ITALIAN.render(reader_problem(undecodable, said)) == said


def test_a_libyaml_error_without_a_reader_error_is_passed_on() -> None:
    other = yaml.YAMLError("something else went wrong")
    message = reader_problem(other, "something else went wrong")
    assert isinstance(message, Message)
    assert ITALIAN.render(message) == "something else went wrong"
