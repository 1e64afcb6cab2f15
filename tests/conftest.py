"""Fixtures for the tests that build git repositories; the settings of the hypothesis tests."""

from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from jcode import i18n

from .helpers import CONFIG, EXAMPLE, EXAMPLE_FILE, GIT_ENV, GitRepo

# In the suite, a fixed seed and few examples: fast, and a failure reproduces. bench/fuzz.py loads
# a profile of its own, with random seeds and many examples.
settings.register_profile(
    "suite",
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("suite")


@pytest.fixture
def git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """git with a fixed identity and dates, and no user or system configuration."""
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def repo(tmp_path: Path, git_env: None, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """A repository holding the README's example project at its first commit on main; the
    current directory."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("jcode.yaml", CONFIG)
    repo.write(EXAMPLE_FILE, EXAMPLE)
    repo.commit("The example project")
    monkeypatch.chdir(repo.root)
    return repo


@pytest.fixture(autouse=True)
def english_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """An English terminal whatever the machine's locale (the suite asserts English output
    unless a test asks for another language), and a terminal catalog of each test's own: what
    the command line sets from the environment does not outlive the test."""
    for name in ("JCODE_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(i18n, "current", ContextVar("jcode_catalog", default=i18n.ENGLISH))
