"""jcode.app.serve and jcode.site.serve: the builds and the server's start and stop are events
handed to the caller; nothing is printed. mkdocs' live-reload server is replaced by one that
stops at once, as at Ctrl-C (tests/test_serve.py drives the real one)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jcode.app.serve import ServeRequest, serve_site
from jcode.errors import JcodeError
from jcode.site.serve import BuildFailed, Built, Event, Serving, Stopped, serve

from .helpers import TODAY

PROJECT = Path(__file__).parent / "site_project"


class FakeServer:
    """Builds once more on start (as a change would), then stops as at Ctrl-C."""

    watched: list[str]
    observer: object = None  # the file watcher, which serve may replace

    def __init__(self, builder: Callable[[], None], host: str, port: int, root: str) -> None:
        self.builder, self.address, self.root = builder, f"{host}:{port}", Path(root)
        FakeServer.watched = []

    def watch(self, path: str) -> None:
        FakeServer.watched.append(path)

    def serve(self, open_in_browser: bool) -> None:
        assert (self.root / "index.html").is_file()
        self.builder()
        raise KeyboardInterrupt

    def shutdown(self) -> None:
        pass


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(PROJECT, tmp_path / "project")
    monkeypatch.chdir(tmp_path / "project")
    monkeypatch.setattr("jcode.site.serve.LiveReloadServer", FakeServer)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    return tmp_path / "project"


def test_serving_reports_each_build_the_address_and_the_stop(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events: list[Event] = []
    serve_site(ServeRequest(today=TODAY, port=8123), events.append)
    assert [type(e) for e in events] == [Built, Serving, Built, Stopped]
    counts = {"error": 2, "warning": 10, "info": 3}
    assert [e.counts for e in events if isinstance(e, Built)] == [counts, counts]
    assert events[1] == Serving("http://127.0.0.1:8123/")
    assert FakeServer.watched == [str(project / "journeys"), str(project / "jcode.yaml")]
    assert capsys.readouterr() == ("", "")
    assert list((tmp_path / "tmp").iterdir()) == []  # the temporary site is gone


def test_a_failed_first_build_is_an_event_then_an_error(project: Path) -> None:
    broken = JcodeError("jcode.yaml:1:1: not_a_setting: unknown setting")

    def lint() -> Any:
        raise broken

    events: list[Event] = []
    with pytest.raises(JcodeError) as caught:
        serve(lint, [], 8123, False, events.append)
    assert str(caught.value) == "the first build failed; fix the error above and start again"
    assert events == [BuildFailed(broken)]
