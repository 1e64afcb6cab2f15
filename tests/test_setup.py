"""The set-up: the environment the suite runs in is exactly the lock's, the lock is current, and
the Makefile bootstraps uv at the version and hashes the lock records."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any

from .helpers import ROOT

UV = str(Path(sys.executable).parent / "uv")
LOCK = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
UV_ENV = os.environ | {"UV_NO_CONFIG": "1", "UV_PROJECT_ENVIRONMENT": sys.prefix}


def _uv(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [UV, *argv], cwd=ROOT, env=UV_ENV, capture_output=True, text=True, check=False
    )


def _locked(name: str) -> dict[str, Any]:
    packages: list[dict[str, Any]] = LOCK["package"]
    [package] = [p for p in packages if p["name"] == name]
    return package


def test_the_lock_is_current_with_pyproject() -> None:
    done = _uv("lock", "--check", "--offline")
    assert done.returncode == 0, done.stderr


def test_the_suite_runs_in_exactly_the_locked_set() -> None:
    done = _uv("sync", "--locked", "--extra", "test", "--check", "--offline")
    assert done.returncode == 0, done.stderr
    assert "Would make no changes" in done.stderr


def test_uv_is_bootstrapped_at_the_locked_version_with_its_hashes() -> None:
    done = subprocess.run(
        [sys.executable, ROOT / ".ci" / "uv_requirement.py"],
        capture_output=True,
        text=True,
        check=True,
    )
    uv = _locked("uv")
    hashes = sorted(w["hash"] for w in [uv["sdist"], *uv["wheels"]])
    [requirement, *options] = done.stdout.split()
    assert requirement == f"uv=={uv['version']}"
    assert sorted(o.removeprefix("--hash=") for o in options) == hashes
    version = subprocess.run([UV, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.split()[:2] == ["uv", uv["version"]]


def test_a_wheel_builds_without_warnings_and_says_its_license(tmp_path: Path) -> None:
    done = subprocess.run(
        [UV, "build", "--wheel", "--out-dir", str(tmp_path), str(ROOT)],
        env=UV_ENV | {"PYTHONDONTWRITEBYTECODE": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr and "deprecat" not in done.stderr.lower(), done.stderr
    [wheel] = tmp_path.glob("jcode-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"jcode-{_locked('jcode')['version']}.dist-info/METADATA")
        names = archive.namelist()
    assert b"\nLicense-Expression: MIT\n" in metadata
    # What `jcode init` and `jcode new` write: every template, and every language's words (in
    # the compiled catalogs).
    templates = ROOT / "src" / "jcode" / "templates"
    carried = {
        n.removeprefix("jcode/templates/") for n in names if n.startswith("jcode/templates/")
    }
    assert carried == {
        p.relative_to(templates).as_posix() for p in templates.rglob("*") if p.is_file()
    }
    assert {"jcode.yaml.j2", "github-workflow.yml.j2", "new-journey.yaml.j2"} <= carried
    catalogs = {f"jcode/locale/{language}/LC_MESSAGES/jcode.mo" for language in ("en", "it")}
    assert catalogs <= set(names)
    # The site's templates, every one: the pages' and the partials they import.
    from jcode.site.pages import PAGES

    folder = ROOT / "src" / "jcode" / "site" / "templates"
    pages = sorted(n for n in names if n.startswith("jcode/site/templates/"))
    assert pages == sorted(f"jcode/site/templates/{p.name}" for p in folder.iterdir())
    assert {f"jcode/site/templates/{entry.template}" for entry in PAGES} < set(pages)
