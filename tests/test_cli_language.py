"""The terminal's language: --lang on every command, else the environment, and the CLI's own
lines and errors in that language (English unless told otherwise)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from jcode import ISSUES_URL, __version__, i18n
from jcode.cli.main import COMMANDS, cli, module
from jcode.errors import ExitCode
from jcode.findings import SEVERITY_NAMES, RuleId, Severity
from jcode.i18n import Catalog
from jcode.rules import RULES, rules_table_markdown

from .helpers import module_templates, run

ENVIRONMENT = ("JCODE_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
MISSING_EN = "jcode: error: path 'missing-path' does not exist\n"
MISSING_IT = "jcode: errore: il percorso 'missing-path' non esiste\n"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder as the current one, and no language in the environment."""
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_command_takes_lang() -> None:
    for name in COMMANDS:
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None
        assert "--lang" in [o for p in command.params for o in p.opts], name


@pytest.mark.parametrize("name", COMMANDS)
def test_an_invalid_lang_is_a_usage_error(
    name: str, here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run([name, "--lang", "it_IT!"], capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err.endswith(
        "Error: Invalid value for '--lang': 'it_IT!' is not a language code such as 'en', 'it' "
        "or 'pt_BR'\n"
    )


@pytest.mark.parametrize(
    ("environment", "argv", "expected"),
    [
        ({}, [], MISSING_EN),
        ({"LANG": "it_IT.UTF-8"}, [], MISSING_IT),
        ({"LANG": "it_IT.UTF-8"}, ["--lang", "en"], MISSING_EN),
        ({"JCODE_LANG": "en"}, ["--lang", "it"], MISSING_IT),
        ({"JCODE_LANG": "it", "LC_ALL": "en_US.UTF-8"}, [], MISSING_IT),
        ({"JCODE_LANG": "en", "LC_ALL": "it_IT.UTF-8"}, [], MISSING_EN),
        ({"LC_ALL": "it_IT.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LANG": "en"}, [], MISSING_IT),
        ({"LC_MESSAGES": "it_IT.UTF-8", "LANG": "en_US.UTF-8"}, [], MISSING_IT),
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "it_IT.UTF-8"}, [], MISSING_EN),
        ({"LC_ALL": "C", "LANG": "it_IT.UTF-8"}, [], MISSING_EN),
        ({"LC_ALL": "POSIX", "LANG": "it_IT.UTF-8"}, [], MISSING_EN),
        ({"LC_ALL": "C.UTF-8", "LANG": "it_IT.UTF-8"}, [], MISSING_EN),
        ({"JCODE_LANG": "C", "LANG": "it_IT.UTF-8"}, [], MISSING_EN),
        ({"LANG": "it-IT"}, [], MISSING_IT),
        ({"LANG": "pl_PL.UTF-8"}, [], MISSING_EN),  # no catalog of jcode's: English
        ({}, ["--lang", "pt_BR"], MISSING_EN),
    ],
)
def test_the_language_is_lang_else_jcode_lang_else_the_locale_else_english(
    environment: dict[str, str],
    argv: list[str],
    expected: str,
    here: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert run(["lint", *argv, "missing-path"], capsys) == (ExitCode.USAGE, "", expected)


def test_lang_before_the_command_and_after_it(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--lang", "it", "lint", "missing-path"], capsys)[2] == MISSING_IT
    assert run(["--lang", "it", "lint", "--lang", "en", "missing-path"], capsys)[2] == MISSING_EN
    # Each run starts from the environment again: the last one's language does not linger.
    assert run(["lint", "missing-path"], capsys)[2] == MISSING_EN


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["build", "missing-path"], MISSING_IT),
        (["export", "missing-path"], MISSING_IT),
        (
            ["new", "x"],
            "jcode: errore: nessun jcode.yaml in questa cartella o più in alto; `jcode init` ne "
            "crea uno (oppure indicate --config FILE)\n",
        ),
        (["schema", "--out", "x.json"], "jcode: errore: --out e --config vanno con --project\n"),
        (
            ["rules", "missing-ownr"],
            "jcode: errore: regola sconosciuta 'missing-ownr'; intendevi 'missing-owner'?\n",
        ),
        (["rules", "owner"], "jcode: errore: regola sconosciuta 'owner'\n"),
        (
            ["lint", "--baseline", "a.json", "--write-baseline", "b.json"],
            "jcode: errore: indicate --baseline o --write-baseline, non entrambe\n",
        ),
    ],
)
def test_errors_in_italian(
    argv: list[str], expected: str, here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "journeys").mkdir()
    assert run([argv[0], "--lang", "it", *argv[1:]], capsys) == (ExitCode.USAGE, "", expected)


@pytest.mark.parametrize("name", ["lint", "build", "export", "serve", "diff"])
def test_option_errors_in_italian(
    name: str, here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [name, "--today", "2026-13-01", "--lang", "it"] + (["main"] if name == "diff" else [])
    code, out, err = run(argv, capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err.endswith(
        "Error: Invalid value for '--today': '2026-13-01' non è una data nella forma YYYY-MM-DD\n"
    )


def test_init_says_what_it_did_in_italian(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = ["jcode.yaml", "journeys/first-order.yaml", "schema/journey.schema.json"]
    files += [".pre-commit-config.yaml", ".github/workflows/jcode.yml", ".gitignore"]
    next_steps = (
        "  jcode lint          controlla le journey\n"
        "  jcode build         genera il sito in site/ (poi aprite site/index.html)\n"
        "  jcode new ID        inizia una journey tutta vostra\n"
    )
    assert run(["init", "--lang", "it", "--yes", "repo"], capsys) == (
        ExitCode.OK,
        "".join(f"creato repo/{name}\n" for name in files) + "E ora, in repo:\n" + next_steps,
        "",
    )
    # The site's language is --language, not the terminal's: the files are English.
    assert (here / "repo" / "jcode.yaml").read_text("utf-8").count("language: en ") == 1
    assert run(["init", "--lang", "it", "repo"], capsys) == (
        ExitCode.OK,
        "".join(f"saltato repo/{name}: esiste già\n" for name in files)
        + "mantenute le impostazioni del jcode.yaml esistente\n"
        + "E ora, in repo:\n"
        + next_steps,
        "",
    )


def test_new_and_baselines_in_italian(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["init", "--yes", "--phases", "four-stage", "."], capsys)
    assert run(["new", "--lang", "it", "renewal"], capsys) == (
        ExitCode.OK,
        "scritto journeys/renewal.yaml: 4 tappe da completare (modello di fasi 'four-stage')\n",
        "",
    )
    argv = ["lint", "--lang", "it", "--write-baseline", "base.json"]
    code, _, err = run(argv, capsys)
    assert (code, err) == (ExitCode.OK, "jcode: scritte 10 segnalazioni in 'base.json'\n")
    (here / "journeys" / "renewal.yaml").unlink()
    code, _, err = run(["lint", "--lang", "it", "--baseline", "base.json"], capsys)
    lines = err.splitlines()
    assert (code, lines[:2]) == (
        ExitCode.OK,
        [
            "jcode: 0 segnalazioni accettate dalla baseline 'base.json'",
            "jcode: risolte (nessuna segnalazione corrisponde più): 10 delle 10 voci della "
            "baseline; riscrivete 'base.json' con --write-baseline per toglierle:",
        ],
    )
    # Each entry's message as the baseline keeps it: in English.
    assert lines[2].startswith("  journey 'renewal', missing-owner: journey 'renewal' has no ")
    assert lines[4] == (
        "  journey 'renewal', stage-without-kpi in stages/awareness: stage 'awareness' has no KPI"
    )


def test_interruptions_and_internal_errors_in_italian(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "journeys").mkdir()
    monkeypatch.setenv("JCODE_LANG", "it")

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("jcode.app.lint.lint", interrupt)
    assert run(["lint"], capsys) == (ExitCode.INTERRUPTED, "", "\nAnnullato.\n")
    monkeypatch.setattr("jcode.app.lint.lint", fail)
    assert run(["lint"], capsys) == (
        ExitCode.INTERNAL,
        "",
        f"jcode {__version__}: errore interno: RuntimeError: boom. Segnalatelo su {ISSUES_URL} "
        "(eseguite con --debug per vedere il traceback)\n",
    )
    monkeypatch.delenv("JCODE_LANG")
    assert run(["lint"], capsys)[2] == (
        f"jcode {__version__}: internal error: RuntimeError: boom. Please report it at "
        f"{ISSUES_URL} (run with --debug for the traceback)\n"
    )


@pytest.fixture
def pretend_italian(monkeypatch: pytest.MonkeyPatch) -> Catalog:
    """An Italian catalog of a few words, whatever the real one translates yet: the rules' docs
    and the severities are other parts' to translate."""
    rule = RULES[RuleId.YAML_SYNTAX]
    texts = {
        (SEVERITY_NAMES["error"].id, "error"): "errore",
        (SEVERITY_NAMES["warning"].id, "warning"): "avviso",
        (SEVERITY_NAMES["info"].id, "info"): "informazione",
        (rule.summary.id, rule.summary.text): "Il file non è YAML leggibile.",
        (rule.what.id, rule.what.text): "Un file che il parser YAML rifiuta.",
    }
    italian = Catalog("it", texts)
    english = i18n.catalog
    monkeypatch.setattr(i18n, "catalog", lambda code: italian if code == "it" else english(code))
    return italian


def test_rules_lists_and_documents_in_the_terminal_language(
    pretend_italian: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["rules", "--lang", "it"], capsys)
    width = max(len(r) for r in RULES)
    first, second = out.splitlines()[:2]
    assert code == ExitCode.OK
    assert first == f"{'yaml-syntax':<{width}}  errore        Il file non è YAML leggibile."
    assert second.startswith(f"{'duplicate-key':<{width}}  errore        A mapping repeats a key")
    assert run(["rules", "yaml-syntax", "--lang", "it"], capsys)[1].startswith(
        "yaml-syntax (errore)\n\nWhat it flags:\n  Un file che il parser YAML rifiuta.\n"
    )
    # The README's table is English whatever the terminal's language.
    assert run(["rules", "--markdown", "--lang", "it"], capsys)[1] == rules_table_markdown()
    assert "leggibile" not in rules_table_markdown()


def test_rules_in_english_line_up_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(["rules", "--lang", "en"], capsys)[1]
    width = max(len(r) for r in RULES)
    assert out.splitlines()[0] == (
        f"{'yaml-syntax':<{width}}  error    "
        "The file is not readable YAML (syntax, encoding, tabs)."
    )
    assert len(out.splitlines()) == len(RULES)


def test_build_strict_says_so_in_italian(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "journeys").mkdir()
    (here / "journeys" / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    code, _, err = run(["build", "--strict", "--lang", "it"], capsys)
    assert (code, err) == (
        ExitCode.FINDINGS,
        f"jcode: 1 errore; sito non generato (--strict), '{here / 'site'}' invariato\n",
    )
    assert not (here / "site").exists()


def test_serve_speaks_the_terminal_language_from_the_server_thread(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from jcode.collect import NO_SUCH_PATH
    from jcode.errors import JcodeError
    from jcode.findings import severity_counts
    from jcode.site.serve import BuildFailed, Built, Event, Serving, Stopped

    counts: dict[Severity, int] = {"error": 1, "warning": 2, "info": 0}

    def serve_site(request: object, on_event: Callable[[Event], None]) -> None:
        def rebuild() -> None:
            on_event(Built(1.25, counts))
            on_event(BuildFailed(JcodeError(NO_SUCH_PATH(path="gone.yaml"))))

        on_event(Serving("http://127.0.0.1:8765/"))
        # Rebuilds report from the server's thread, which starts with a context of its own.
        server = threading.Thread(target=rebuild)
        server.start()
        server.join()
        on_event(Stopped())

    monkeypatch.setattr("jcode.app.serve.serve_site", serve_site)
    italian = i18n.catalog("it")
    assert run(["serve", "--lang", "it"], capsys) == (
        ExitCode.OK,
        "",
        "In servizio su http://127.0.0.1:8765/ (Ctrl-C per fermarlo)\n"
        f"generato in 1.2 s: {severity_counts(counts, italian)}\n"
        "jcode: errore: il percorso 'gone.yaml' non esiste\n"
        "Fermato.\n",
    )


OURS = [
    *(module(name) for name in (*COMMANDS, "main", "options", "output")),
    *(f"jcode.app.{name}" for name in ("diff", "importing", "lint", "new", "project", "schema")),
    *(f"jcode.importing.{name}" for name in ("draft", "mermaid", "sheet", "source", "table")),
    "jcode.collect",
    "jcode.baseline",
    "jcode.sides",
    "jcode.authoring",
    "jcode.authoring_words",
]


def test_the_italian_catalog_translates_every_line_and_error_of_the_cli() -> None:
    templates = {
        t.id: t
        for name in OURS
        for t in module_templates(importlib.import_module(name))
        if t.id.startswith(("cli.", "error.", "init.", "phrase."))  # not those it imports
    }
    assert len(templates) > 130
    italian = i18n.catalog("it")
    assert [id for id, t in templates.items() if not italian.translates(t)] == []
    for template in templates.values():  # every field kept, none added
        for count in (1, 2, 5):
            assert set(i18n.fields(italian.text(template, count))) == set(template.fields)


GOLDEN_PROJECT = Path(__file__).parent / "golden" / "project"


def _lint_in(environment: dict[str, str], *argv: str) -> tuple[int, list[str]]:
    """`jcode lint` as a user runs it, in a locale: the console script, in a process of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "JCODE_"))}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "jcode"), "lint", "--today", "2026-11-22", *argv],
        cwd=GOLDEN_PROJECT,
        env=env | environment,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout.splitlines()


def test_an_italian_locale_gives_italian_findings_and_summary_and_lang_en_overrides_it() -> None:
    code, lines = _lint_in({"LANG": "it_IT.UTF-8"})
    assert code == ExitCode.FINDINGS
    assert lines[0] == (
        "journeys/bank-account.yaml:8:5: errore: campo sconosciuto 'touchpoint' nella tappa "
        "'discovery'; forse intendevi 'touchpoints'? [schema]"
    )
    assert (
        "journeys/beach-holiday.yaml:14:5: avviso: la tappa 'valutazione' non ha touchpoint "
        "[stage-without-touchpoints]"
    ) in lines
    assert lines[-1] == "3 errori, 7 avvisi, 3 informazioni in 3 file (1 silenziata)"
    code, lines = _lint_in({"LANG": "it_IT.UTF-8"}, "--lang", "en")
    assert code == ExitCode.FINDINGS
    assert lines[0] == (
        "journeys/bank-account.yaml:8:5: error: unknown field 'touchpoint' in stage "
        "'discovery'; did you mean 'touchpoints'? [schema]"
    )
    assert lines[-1] == "3 errors, 7 warnings, 3 info in 3 files (1 suppressed)"
    # JCODE_LANG wins over the locale; the rule ids never change.
    code, lines = _lint_in({"LANG": "it_IT.UTF-8", "JCODE_LANG": "en"})
    assert lines[-1] == "3 errors, 7 warnings, 3 info in 3 files (1 suppressed)"
