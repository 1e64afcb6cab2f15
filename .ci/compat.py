"""`make test-compat`: the loader's tests and the bad-input cases under the oldest and the newest
PyYAML jcode supports, each in a throwaway environment with the rest of the lock unchanged.

PyYAML 6.0.1 carries libyaml 0.2.5 and 6.0.4 libyaml 0.2.6, which has nesting limits of its own:
the findings must be the same under both.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
UV = str(Path(sys.executable).parent / "uv")
TESTS = ["tests/test_loader.py", "tests/test_cases.py", "-k", "bad-input or test_loader"]


def supported_versions() -> tuple[str, str]:
    """The floor pyproject.toml declares and the version uv.lock pins."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    floor = next(
        match.group(1)
        for spec in project["project"]["dependencies"]
        if (match := re.fullmatch(r"PyYAML>=([\d.]+)", spec))
    )
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    locked = next(p["version"] for p in lock["package"] if p["name"] == "pyyaml")
    return floor, locked


def run(*argv: str, cwd: Path = ROOT) -> None:
    print("+", " ".join(argv), flush=True)
    subprocess.run(argv, cwd=cwd, check=True)


def main() -> int:
    failed = []
    for version in supported_versions():
        with tempfile.TemporaryDirectory(prefix=f"jcode-pyyaml-{version}-") as tmp:
            env, python = Path(tmp) / "env", str(Path(tmp) / "env" / "bin" / "python")
            requirements, overrides = Path(tmp) / "requirements.txt", Path(tmp) / "overrides.txt"
            run(UV, "venv", "--quiet", "--python", sys.executable, str(env))
            run(
                UV, "export", "--quiet", "--locked", "--extra", "test", "--no-dev",
                "--no-emit-project", "--no-hashes", "--output-file", str(requirements),
            )  # fmt: skip
            overrides.write_text(f"pyyaml=={version}\n", encoding="utf-8")
            run(
                UV, "pip", "install", "--quiet", "--python", python, "-r", str(requirements),
                "--override", str(overrides), "--editable", ".",
            )  # fmt: skip
            run(python, "-c", "import yaml; print('PyYAML', yaml.__version__, 'libyaml',"
                " yaml._yaml.get_version_string())")  # fmt: skip
            code = subprocess.run(
                [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS], cwd=ROOT
            ).returncode
            if code:
                failed.append(version)
    if failed:
        print(f"failed under PyYAML {', '.join(failed)}", file=sys.stderr)
        return 1
    print("the bad-input cases pass under PyYAML " + " and ".join(supported_versions()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
