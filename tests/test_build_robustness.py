"""jcode build killed at any point, or run twice at once, never loses or mixes the site.

The builds are real processes of the `jcode` console script (the entry point users run, with
its SIGTERM handling), over a generated corpus big enough to be caught mid-build.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402 - the benchmark's deterministic corpus

JCODE = Path(sys.executable).parent / "jcode"
pytestmark = pytest.mark.skipif(not JCODE.is_file(), reason="needs the jcode console script")


class Project:
    def __init__(self, folder: Path) -> None:
        generate(30, folder)
        self.folder = folder
        text = (folder / "jcode.yaml").read_text(encoding="utf-8")
        self.config_a = folder / "a.yaml"
        self.config_b = folder / "b.yaml"
        self.config_a.write_text(text.replace("Benchmark journeys", "Site A"), "utf-8")
        self.config_b.write_text(text.replace("Benchmark journeys", "Site B"), "utf-8")

    def argv(self, config: Path, out: Path) -> list[str]:
        return [
            str(JCODE),
            "build",
            str(self.folder / "journeys"),
            "--config",
            str(config),
            "--today",
            "2026-11-22",
            "--quiet",
            "--out",
            str(out),
        ]

    def build(self, config: Path, out: Path) -> None:
        subprocess.run(self.argv(config, out), check=True, capture_output=True)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return Project(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def sites(
    project: Project, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, bytes]]:
    """The two complete sites a build may leave: A (before) and B (after)."""
    reference = tmp_path_factory.mktemp("reference")
    project.build(project.config_a, reference / "a")
    project.build(project.config_b, reference / "b")
    a, b = snapshot(reference / "a"), snapshot(reference / "b")
    assert a != b
    return {"a": a, "b": b}


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_killed_build_leaves_the_previous_site_or_the_new_one_whole(
    sig: signal.Signals, project: Project, sites: dict[str, dict[str, bytes]], tmp_path: Path
) -> None:
    out = tmp_path / "site"
    project.build(project.config_a, out)
    start = time.monotonic()
    project.build(project.config_b, tmp_path / "timing")
    duration = time.monotonic() - start
    seen = set()
    for fraction in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.97):
        process = subprocess.Popen(
            project.argv(project.config_b, out),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(duration * fraction)
        process.send_signal(sig)
        process.wait(timeout=60)
        state = snapshot(out)
        assert state in (sites["a"], sites["b"]), f"a mixed or missing site at {fraction:.0%}"
        seen.add("a" if state == sites["a"] else "b")
        if state == sites["b"]:
            project.build(project.config_a, out)  # back to A for the next round
    assert "a" in seen  # some kill landed before the swap
    if sig == signal.SIGTERM:  # handled: each build removed its own work folder at once
        assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "timing"]
    project.build(project.config_b, out)  # the next build clears what SIGKILL left behind
    assert snapshot(out) == sites["b"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "timing"]


def test_two_builds_at_once_take_turns(
    project: Project, sites: dict[str, dict[str, bytes]], tmp_path: Path
) -> None:
    out = tmp_path / "site"
    for _ in range(3):
        first = subprocess.Popen(project.argv(project.config_a, out), stderr=subprocess.PIPE)
        second = subprocess.Popen(project.argv(project.config_b, out), stderr=subprocess.PIPE)
        _, err_a = first.communicate(timeout=120)
        _, err_b = second.communicate(timeout=120)
        assert (first.returncode, second.returncode) == (0, 0), (err_a, err_b)
        assert snapshot(out) in (sites["a"], sites["b"])  # one whole site, never a mix
        assert [p.name for p in tmp_path.iterdir()] == ["site"]
