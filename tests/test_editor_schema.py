"""The published and the project schema as an editor shows them: the real YAML language server
(npm `yaml-language-server`, as VS Code's YAML extension runs it) over stdio, on journeys that
start with the schema line. One server answers the whole module."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jcode.spec import BUILTIN_CHANNELS

from . import clients

ROOT = Path(__file__).parent.parent
TIMEOUT = 30.0  # seconds for any one answer; the server starts in about a second
MODELINE = "# yaml-language-server: $schema=../schema/journey.schema.json\n"
CONFIG = """\
owners:
  ecommerce:
    name: E-commerce team
  growth:
    name: Growth marketing
  customer-care:
    name: Customer care
personas:
  remote-professional:
    name: Remote professional
"""
# Valid in both schemas; the touchpoint's owner is null, as good as left out (inherited).
JOURNEY = (
    MODELINE
    + """\
id: first-order
title: A first order
owner: ecommerce
persona: remote-professional
stages:
  - id: discovery
    name: Discovery
    phase: discovery
    emotion: 1
    owner: growth
    touchpoints:
      - id: search-ads
        name: Search engine ads
        channel: search
        owner:
"""
)


class LanguageServer:
    """A small LSP client: JSON-RPC messages framed by Content-Length on the server's stdin
    and stdout. Every wait has a deadline, so a silent server fails the test, never hangs it."""

    def __init__(self, command: list[str], root: Path) -> None:
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.last_id = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.request(
            "initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}
        )
        self.notify("initialized", {})

    def _read(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            headers = {}
            while (line := stdout.readline().strip()) != b"":
                name, _, value = line.decode("ascii").partition(":")
                headers[name.lower()] = value.strip()
            if not headers:  # the server closed its output
                self.inbox.put(None)
                return
            self.inbox.put(json.loads(stdout.read(int(headers["content-length"]))))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.last_id += 1
        asked = self.last_id
        self._send({"id": asked, "method": method, "params": params})
        answer = self._until(lambda m: m.get("id") == asked and "method" not in m, method)
        assert "error" not in answer, answer
        return answer.get("result")

    def _until(self, wanted: Any, what: str) -> dict[str, Any]:
        """Handle messages until one is `wanted`; the server's own requests get answers."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                message = self.inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no answer to {what} in {TIMEOUT:.0f} s") from None
            assert message is not None, f"the server stopped before answering {what}"
            if message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
            elif "method" in message and "id" in message:
                # workspace/configuration: the extension's defaults (validate, hover, complete)
                items = message["params"].get("items", [])
                self._send({"id": message["id"], "result": [None] * len(items) or None})
            if wanted(message):
                return message

    def open(self, path: Path, text: str) -> list[dict[str, Any]]:
        """Open the file as an editor does, and return the diagnostics the server publishes."""
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        self.diagnostics.pop(uri, None)
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        if uri not in self.diagnostics:
            self._until(
                lambda m: (
                    m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri
                ),
                f"didOpen of {path.name}",
            )
        return self.diagnostics[uri]

    def hover(self, path: Path, line: int, character: int) -> str:
        answer = self.request("textDocument/hover", _position(path, line, character))
        assert answer is not None, f"no hover at {path.name}:{line}:{character}"
        value: str = answer["contents"]["value"]
        return value

    def completion(self, path: Path, line: int, character: int) -> list[tuple[str, Any]]:
        """(label, documentation) of each item offered."""
        answer = self.request("textDocument/completion", _position(path, line, character))
        items = answer["items"] if isinstance(answer, dict) else answer
        return [(item["label"], item.get("documentation")) for item in items]

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=TIMEOUT)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.reader.join(timeout=TIMEOUT)  # it stops at the end of the server's output
            for pipe in (self.process.stdin, self.process.stdout):
                if pipe is not None:
                    pipe.close()


def _position(path: Path, line: int, character: int) -> dict[str, Any]:
    return {
        "textDocument": {"uri": path.as_uri()},
        "position": {"line": line, "character": character},
    }


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two journeys folders: one with the published schema, one with a project schema that
    `jcode schema --project` wrote from CONFIG."""
    published = tmp_path_factory.mktemp("published")
    (published / "schema").mkdir()
    shutil.copy(ROOT / "schema" / "journey.schema.json", published / "schema")
    project = tmp_path_factory.mktemp("project")
    (project / "jcode.yaml").write_text(CONFIG, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "jcode", "schema", "--project"],
        cwd=project,
        check=True,
        capture_output=True,
    )
    for folder in (published, project):
        (folder / "journeys").mkdir()
    return {"published": published, "project": project}


@pytest.fixture(scope="module")
def server(folders: dict[str, Path]) -> Iterator[LanguageServer]:
    node = clients.node()
    script = clients.node_module("yaml-language-server/bin/yaml-language-server")
    started = LanguageServer([node, str(script), "--stdio"], folders["published"].parent)
    yield started
    started.close()


def _source(folder: Path) -> str:
    schema = folder / "schema" / "journey.schema.json"
    return f"Source: [journey.schema.json]({schema.as_uri()})"


def _line(text: str, start: str, after: int = 0) -> int:
    """The number of the first line that starts with `start`, from line `after` on."""
    lines = text.splitlines()
    return next(n for n in range(after, len(lines)) if lines[n].startswith(start))


STAGE_EMOTION = "    emotion: "
STAGE_OWNER = "    owner: "


@pytest.mark.parametrize("schema", ["published", "project"])
def test_a_valid_journey_has_no_diagnostics(
    server: LanguageServer, folders: dict[str, Path], schema: str
) -> None:
    assert server.open(folders[schema] / "journeys" / "first-order.yaml", JOURNEY) == []


@pytest.mark.parametrize("schema", ["published", "project"])
def test_hover_shows_an_optional_fields_title_once(
    server: LanguageServer, folders: dict[str, Path], schema: str
) -> None:
    folder = folders[schema]
    path = folder / "journeys" / "hover.yaml"
    server.open(path, JOURNEY)
    emotion = _line(JOURNEY, STAGE_EMOTION)
    assert server.hover(path, emotion, 5) == (
        "#### Emotion\n\nHow the customer feels, from -2 (awful) to 2 (delighted).\n\n"
        + _source(folder)
    )
    owner = _line(JOURNEY, STAGE_OWNER)
    # The server escapes the description's Markdown; an editor shows `owners` as written.
    owned_by = (
        "#### Owner\n\nA team declared under \\`owners\\` in jcode.yaml. Inherited when absent.\n\n"
    )
    if schema == "published":
        expected = owned_by + "Example:\n\n```yaml\ncustomer-care\n```\n\n"
    else:  # the value under the cursor first, each with its name
        expected = (
            owned_by + "Allowed Values:\n\n* `growth`: Growth marketing\n"
            "* `ecommerce`: E-commerce team\n* `customer-care`: Customer care\n\n"
        )
    assert server.hover(path, owner, 5) == expected + _source(folder)


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        (
            "owner: ",
            [
                ("ecommerce", "E-commerce team"),
                ("growth", "Growth marketing"),
                ("customer-care", "Customer care"),
            ],
        ),
        ("persona: ", [("remote-professional", "Remote professional")]),
        (
            STAGE_OWNER,
            [
                ("ecommerce", "E-commerce team"),
                ("growth", "Growth marketing"),
                ("customer-care", "Customer care"),
            ],
        ),
    ],
)
def test_project_schema_completes_the_declared_owners_and_personas_only(
    server: LanguageServer, folders: dict[str, Path], line: str, offered: list[tuple[str, str]]
) -> None:
    """No "Default value" item inserting null, no bare null: leaving the field out is how an
    owner is inherited."""
    number = _line(JOURNEY, line.split(":")[0] + ":")
    lines = JOURNEY.splitlines()
    lines[number] = line
    path = folders["project"] / "journeys" / f"complete-line-{number}.yaml"
    server.open(path, "\n".join(lines) + "\n")
    assert server.completion(path, number, len(line)) == offered


PHASES = [
    ("discovery", "Discovery (seven-stage, five-stage models)"),
    ("evaluation", "Evaluation (seven-stage, five-stage models)"),
    ("interest", "Interest (seven-stage model)"),
    ("purchase", "Purchase (seven-stage, five-stage models)"),
    ("post-purchase", "Post-purchase (seven-stage, four-stage, five-stage models)"),
    ("loyalty", "Loyalty (seven-stage, five-stage models)"),
    ("advocacy", "Advocacy (seven-stage model)"),
    ("awareness", "Awareness (four-stage model)"),
    ("consideration", "Consideration (four-stage model)"),
    ("decision", "Decision (four-stage model)"),
]


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("    phase: ", PHASES),
        ("        channel: ", [(c.id, c.name) for c in BUILTIN_CHANNELS.values()]),
    ],
)
def test_published_schema_completes_every_built_in_phase_and_channel(
    server: LanguageServer, folders: dict[str, Path], line: str, offered: list[tuple[str, str]]
) -> None:
    number = _line(JOURNEY, line)
    lines = JOURNEY.splitlines()
    lines[number] = line
    path = folders["published"] / "journeys" / f"complete-line-{number}.yaml"
    server.open(path, "\n".join(lines) + "\n")
    assert server.completion(path, number, len(line)) == offered


def test_published_schema_names_a_built_in_value_and_takes_custom_ones(
    server: LanguageServer, folders: dict[str, Path]
) -> None:
    folder = folders["published"]
    custom = JOURNEY.replace("phase: discovery", "phase: onboarding").replace(
        "channel: search", "channel: kiosk"
    )
    assert server.open(folder / "journeys" / "custom.yaml", custom) == []
    path = folder / "journeys" / "built-in.yaml"
    server.open(path, JOURNEY)
    others = [c for c in BUILTIN_CHANNELS.values() if c.id != "search"]
    assert server.hover(path, _line(JOURNEY, "        channel: "), 10) == (
        "#### Channel\n\nA channel of the catalog (web, email, store, phone...) or of jcode.yaml."
        "\n\nAllowed Values:\n\n* `search`: Search engine\n"  # the value under the cursor first
        + "".join(f"* `{c.id}`: {c.name}\n" for c in others)
        + "\n"
        + _source(folder)
    )


def test_project_schema_marks_an_undeclared_owner(
    server: LanguageServer, folders: dict[str, Path]
) -> None:
    """The diagnostics above would be empty if the server did not validate at all."""
    path = folders["project"] / "journeys" / "unknown-owner.yaml"
    diagnostics = server.open(path, JOURNEY.replace("owner: growth", "owner: marketing"))
    line = _line(JOURNEY, STAGE_OWNER)
    assert [(d["range"]["start"], d["message"]) for d in diagnostics] == [
        (
            {"line": line, "character": 11},
            'Value is not accepted. Valid values: "ecommerce", "growth", "customer-care".',
        )
    ]
