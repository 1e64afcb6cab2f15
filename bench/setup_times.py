"""What a new user and a CI job wait for before jcode answers: the install, measured side by side
with the plain pip path in one run (`bench/run.py --only setup`).

- The CI wait: a new virtual environment, jcode installed as the GitHub Action installs it (its
  "Install jcode" step, run as it stands in action.yml, with the download cache warm as
  actions/cache leaves it), then `jcode lint` of 100 journeys. Beside it, the same with
  `pip install` of the checkout, as the action did before the lock.
- `make demo` on a fresh clone (the download caches warm), beside the same work done with
  `python -m venv` and `pip install -e .`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).parent.parent
PYTHON = sys.base_prefix + "/bin/python3"  # the Python a runner or a new user starts from


def _seconds(script: str, cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def _install_step() -> dict[str, Any]:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    steps: list[dict[str, Any]] = action["runs"]["steps"]
    [step] = [s for s in steps if s.get("name") == "Install jcode"]
    return step


def ci_wait_action(corpus: Path, cache: Path) -> float:
    """The action's install step (expressions evaluated as on a runner), then lint."""
    step = _install_step()
    with tempfile.TemporaryDirectory() as tmp:
        runner_temp = Path(tmp)
        values = {"${{ runner.temp }}": str(runner_temp)}
        env = dict(os.environ)
        for name, value in step["env"].items():
            for expression, text in values.items():
                value = str(value).replace(expression, text)
            env[name] = value.replace(str(runner_temp) + "/jcode-cache", str(cache))
        path_file = runner_temp / "github_path"
        env |= {
            "GITHUB_ACTION_PATH": str(ROOT),
            "RUNNER_TEMP": str(runner_temp),
            "RUNNER_OS": "Linux",
            "GITHUB_PATH": str(path_file),
            "PATH": f"{Path(PYTHON).parent}{os.pathsep}{env['PATH']}",
        }
        start = time.perf_counter()
        _seconds(step["run"], ROOT, env)
        jcode = Path(path_file.read_text(encoding="utf-8").strip()) / "jcode"
        _seconds(f"'{jcode}' lint --quiet --today 2026-11-22 journeys/ || [ $? = 1 ]", corpus)
        return time.perf_counter() - start


def ci_wait_pip(corpus: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        return _seconds(
            f"'{PYTHON}' -m venv '{venv}'\n"
            f"'{venv}/bin/python' -m pip install --quiet '{ROOT}'\n"
            f"'{venv}/bin/jcode' lint --quiet --today 2026-11-22 journeys/ || [ $? = 1 ]",
            corpus,
        )


def _fresh_clone(tmp: Path) -> Path:
    clone = tmp / "fresh"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    return clone


def make_demo(tmp: Path) -> float:
    clone = _fresh_clone(tmp)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UV_", "VIRTUAL_ENV"))}
    return _seconds(f"make demo PYTHON='{PYTHON}'", clone, env)


def demo_pip(tmp: Path) -> float:
    clone = _fresh_clone(tmp)
    return _seconds(
        f"'{PYTHON}' -m venv .venv\n"
        ".venv/bin/python -m pip install --quiet -e .\n"
        ".venv/bin/jcode lint journeys/\n"
        ".venv/bin/jcode build --out site",
        clone,
    )
