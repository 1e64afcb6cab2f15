"""A test that needs a real client or a reference file never passes without it under CI=true."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from . import clients, test_docs, test_reporters


@pytest.mark.parametrize(
    "check",
    [
        test_reporters.test_vendored_sarif_schema_is_the_official_one,
        test_reporters.test_vendored_junit_schema_is_jenkins_one,
        test_docs.test_contract_journey_ships_unchanged_and_its_config_is_kept,
    ],
)
def test_tests_of_shared_files_fail_without_them_on_ci(
    check: Callable[[], None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clients, "SHARED", tmp_path / "no-shared")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="shared/ must be beside the checkout"):
        check()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="shared/ must be beside the checkout"):
        check()


def test_missing_node_package_fails_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"no-such-package/index\.js is missing"):
        clients.node_module("no-such-package/index.js")
