"""config.py: finding jcode.yaml, reading it into a Project, and the exact message (file, line,
column, the likely fix) for every way it can be wrong. The command line's view of the same
errors (exit 2, nothing on stdout) is in test_cli.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from jcode import i18n
from jcode.config import find_config, load_project, parse_config, parse_config_bytes
from jcode.errors import JcodeError
from jcode.findings import RuleId
from jcode.i18n import Message

CONFIG = Path("jcode.yaml")


def test_the_nearest_jcode_yaml_upward_is_the_one_found(tmp_path: Path) -> None:
    (tmp_path / "jcode.yaml").write_text("phases: four-stage\n", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == (tmp_path / "jcode.yaml").resolve()
    (tmp_path / "a" / "jcode.yaml").write_text("phases: five-stage\n", encoding="utf-8")
    assert find_config(deep) == (tmp_path / "a" / "jcode.yaml").resolve()
    assert load_project(None, deep).phase_model == "five-stage"


def test_without_jcode_yaml_the_built_in_settings_apply(tmp_path: Path) -> None:
    project = load_project(None, tmp_path)
    assert (project.config_path, project.root, project.phase_model) == (
        None,
        tmp_path,
        "seven-stage",
    )
    assert [p.id for p in project.phases][:2] == ["discovery", "evaluation"]


def test_a_named_config_file_that_is_missing_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(JcodeError) as caught:
        load_project(tmp_path / "other.yaml")
    assert str(caught.value) == f"config file '{tmp_path / 'other.yaml'}' does not exist"


def test_settings_resolve_into_the_project(tmp_path: Path) -> None:
    text = (
        "phases:\n"
        "  - {id: apply, name: Apply, moment: pre-purchase}\n"
        "  - {id: use, name: Use, moment: post-purchase}\n"
        "rules:\n"
        "  missing-owner: off\n"
        "  kpi-without-target: error\n"
    )
    project = parse_config(text, tmp_path / "jcode.yaml")
    assert [(p.id, p.moment, p.index) for p in project.phases] == [
        ("apply", "pre-purchase", 0),
        ("use", "post-purchase", 1),
    ]
    assert project.severities[RuleId.MISSING_OWNER] is None
    assert project.severities[RuleId.KPI_WITHOUT_TARGET] == "error"
    assert (project.config_path, project.root) == (tmp_path / "jcode.yaml", tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "phases: sevenstage\n",
            "jcode.yaml:1:9: unknown phase model 'sevenstage'; did you mean 'seven-stage'? "
            "(built-in: seven-stage, four-stage, five-stage, or a list of phases)",
        ),
        ("phases: []\n", "jcode.yaml:1:9: the phase list is empty"),
        (
            "phases:\n"
            "  - {id: buy, name: Buy, moment: purchase}\n"
            "  - {id: buy, name: Buy again, moment: post-purchase}\n",
            "jcode.yaml:3:10: phase id 'buy' is repeated",
        ),
        (
            "rules:\n  missing-owners: off\n",
            "jcode.yaml:2:3: unknown rule 'missing-owners' under 'rules'; "
            "did you mean 'missing-owner'?",
        ),
        ("- a\n- b\n", "jcode.yaml:1:1: jcode.yaml should be a mapping of settings"),
        ("site: {title: A}\nsite: {title: B}\n", "jcode.yaml:2:1: "),
        ("site: {title: [unclosed\n", "jcode.yaml:2:1: "),
    ],
)
def test_each_mistake_is_named_where_it_is(text: str, message: str) -> None:
    with pytest.raises(JcodeError) as caught:
        parse_config(text, CONFIG)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_settings_the_model_refuses_are_listed_with_their_positions() -> None:
    with pytest.raises(JcodeError) as caught:
        parse_config("review_every_days: soon\nsites: {}\n", CONFIG)
    lines = str(caught.value).splitlines()
    assert lines[0] == "invalid configuration:"
    assert any(line.startswith("jcode.yaml:1:20: review_every_days:") for line in lines[1:])
    assert "jcode.yaml:2:1: sites: unknown setting; did you mean 'site'?" in lines[1:]


def test_bytes_that_are_not_utf8_are_named_with_their_position() -> None:
    with pytest.raises(JcodeError) as caught:
        parse_config_bytes("site:\n  title: Caff\xe8\n".encode("latin-1"), CONFIG)
    assert str(caught.value).startswith("jcode.yaml:2:")
    assert "UTF-8" in str(caught.value)


def test_an_empty_file_is_the_built_in_settings() -> None:
    project = parse_config_bytes(b"", CONFIG)
    assert project.phase_model == "seven-stage"
    assert project.config_path == CONFIG


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (  # the list's error, at the value, not the branch "a name" of phases' union
            "phases:\n  - {id: buy, name: Buy, moment: during}\n",
            [
                "jcode.yaml:2:34: phases/0/moment: Input should be 'pre-purchase', 'purchase' "
                "or 'post-purchase'"
            ],
        ),
        ("phases: 5\n", ["jcode.yaml:1:9: phases: Input should be a valid string or a valid list"]),
        (
            "phases:\n  - {id: a, moment: purchase}\n",
            ["jcode.yaml:2:5: phases/0/name: Field required"],
        ),
        (  # the keys known where the mistake is, not at the top
            "phases:\n  - {id: a, name: A, moment: purchase, optionl: true}\n",
            ["jcode.yaml:2:40: phases/0/optionl: unknown setting; did you mean 'optional'?"],
        ),
        (
            "site: {titl: x}\n",
            ["jcode.yaml:1:8: site/titl: unknown setting; did you mean 'title'?"],
        ),
        ("site: {rules: x}\n", ["jcode.yaml:1:8: site/rules: unknown setting"]),
        (  # a key of its own, not a setting: the moments' names are fixed
            "moments: {during: Buying}\n",
            [
                "jcode.yaml:1:11: moments/during: unknown key; input should be 'pre-purchase', "
                "'purchase' or 'post-purchase'"
            ],
        ),
    ],
)
def test_a_setting_inside_a_list_of_phases_is_named_at_its_place(
    text: str, lines: list[str]
) -> None:
    with pytest.raises(JcodeError) as caught:
        parse_config(text, CONFIG)
    assert str(caught.value).splitlines() == ["invalid configuration:", *lines]


def test_a_channel_the_catalog_lacks_must_say_its_mode() -> None:
    # It used to become "online" silently: a branch office read as a website.
    with pytest.raises(JcodeError) as caught:
        parse_config("channels:\n  kiosk: {name: In-store kiosk, assisted: true}\n", CONFIG)
    assert str(caught.value) == (
        "jcode.yaml:2:3: channel 'kiosk' needs a mode, as the catalog has no channel of that "
        "id: add 'mode: online' or 'mode: offline' under it"
    )
    # A built-in channel keeps its own mode when only its name changes.
    project = parse_config("channels:\n  store: {name: Shop}\n", CONFIG)
    assert (project.channels["store"].name, project.channels["store"].mode) == ("Shop", "offline")


def test_channels_say_who_runs_their_touchpoints() -> None:
    project = parse_config(
        "channels:\n"
        "  forum: {name: Community forum, mode: online, managed_by: third-party}\n"
        "  reviews: {managed_by: owned}\n",
        CONFIG,
    )
    managed = {cid: c.managed_by for cid, c in project.channels.items()}
    assert (managed["forum"], managed["reviews"]) == ("third-party", "owned")
    assert (managed["word-of-mouth"], managed["partner"], managed["web"]) == (
        "third-party",
        "third-party",
        "owned",
    )
    assisted = ("branch", "video-call", "in-person", "event", "courier", "premises")
    assert [project.channels[c].assisted for c in assisted] == [True] * 4 + [False] * 2
    assert {c: project.channels[c].mode for c in ("courier", "premises", "video-call")} == {
        "courier": "offline",
        "premises": "offline",
        "video-call": "online",
    }


def test_moment_labels_come_from_jcode_yaml_else_the_site_language() -> None:
    italian = parse_config("site: {language: it}\n", CONFIG)
    assert italian.moment_labels == {
        "pre-purchase": "Prima dell'acquisto",
        "purchase": "Acquisto",
        "post-purchase": "Dopo l'acquisto",
    }
    own = parse_config("moments:\n  purchase: Enrolling\n", CONFIG)
    assert own.moment_labels == {
        "pre-purchase": "Before the purchase",
        "purchase": "Enrolling",
        "post-purchase": "After the purchase",
    }


ITALIAN = i18n.catalog("it")


@pytest.mark.parametrize(
    ("text", "italian"),
    [
        (
            "rules:\n  missing-owners: off\n",
            "jcode.yaml:2:3: regola sconosciuta 'missing-owners' sotto 'rules'; forse intendevi "
            "'missing-owner'?",
        ),
        (
            "phases: sevenstage\n",
            "jcode.yaml:1:9: modello di fasi sconosciuto 'sevenstage'; forse intendevi "
            "'seven-stage'? (predefiniti: seven-stage, four-stage, five-stage, oppure una lista "
            "di fasi)",
        ),
        (
            "channels:\n  kiosk: {name: In-store kiosk}\n",
            "jcode.yaml:2:3: il canale 'kiosk' richiede una modalità, perché il catalogo non ha "
            "un canale con questo id: aggiungi 'mode: online' o 'mode: offline' sotto di esso",
        ),
        ("- a\n- b\n", "jcode.yaml:1:1: jcode.yaml dovrebbe essere una mappa di impostazioni"),
        (  # the parser's words, in the same language
            "site: {title: [unclosed\n",
            "jcode.yaml:2:1: manca la ',' o la ']' attesa (durante la lettura di una lista tra "
            "parentesi quadre dalla riga 1); chiudi la '[' della riga 1, colonna 15 con ']', "
            "separa i suoi elementi con ',' oppure metti il testo tra virgolette",
        ),
        (
            "site: {title: A}\nsite: {title: B}\n",
            "jcode.yaml:2:1: la chiave 'site' è ripetuta; YAML tiene solo l'ultimo valore",
        ),
        (  # pydantic's words for each setting, mirrored
            "review_every_days: soon\nsites: {}\nphases: 5\nmoments: {during: Buying}\n"
            "site: {language: fr, title: ''}\n",
            "configurazione non valida:\n"
            "jcode.yaml:5:29: site/title: il testo dovrebbe avere almeno 1 carattere\n"
            "jcode.yaml:3:9: phases: il valore dovrebbe essere un testo o una lista\n"
            "jcode.yaml:4:11: moments/during: chiave sconosciuta; dovrebbe essere "
            "'pre-purchase', 'purchase' o 'post-purchase'\n"
            "jcode.yaml:1:20: review_every_days: il valore dovrebbe essere un numero intero\n"
            "jcode.yaml:2:1: sites: impostazione sconosciuta; forse intendevi 'site'?",
        ),
    ],
)
def test_mistakes_in_jcode_yaml_read_in_italian(text: str, italian: str) -> None:
    with pytest.raises(JcodeError) as caught:
        parse_config(text, CONFIG)
    [message] = caught.value.args
    assert isinstance(message, Message)
    assert str(caught.value) == message.text  # what logs and JSON keep: English
    assert ITALIAN.render(message) == italian


def test_a_missing_config_file_reads_in_italian(tmp_path: Path) -> None:
    with pytest.raises(JcodeError) as caught:
        load_project(tmp_path / "other.yaml")
    said = ITALIAN.render(caught.value.args[0])
    assert said == f"il file di configurazione '{tmp_path / 'other.yaml'}' non esiste"


@pytest.mark.parametrize(
    "text",
    [
        "review_every_days: 0\n",
        "review_every_days: 99999\n",
        "review_every_days: 1.5\n",
        "phases: [5]\n",
        "phases:\n  - {id: a, moment: purchase}\n",
        "phases:\n  - {id: A, name: x, moment: purchase}\n",
        "phases:\n  - {id: a, name: 5, moment: purchase, optional: 3}\n",
        "site: 5\n",
        "site: {title: " + "x" * 300 + "}\n",
        "rules: {missing-owner: 3}\n",
        "rules: {missing-owner: loud}\n",
        "owners: [a]\n",
        "channels: {kiosk: {mode: both}}\n",
    ],
)
def test_pydantic_says_what_our_templates_say(text: str) -> None:
    """Each setting's problem is one of our templates, not pydantic's words passed on: they
    would stay English. A pydantic that words a problem otherwise fails here."""
    with pytest.raises(JcodeError) as caught:
        parse_config(text, CONFIG)
    passed_on = [m for m in _nested(caught.value.args[0]) if m.id == "config.pydantic"]
    assert passed_on == []


def _nested(message: Message) -> list[Message]:
    inner = [v for _, v in message.args if isinstance(v, Message)]
    return [message, *(m for value in inner for m in _nested(value))]
