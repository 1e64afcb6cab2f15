"""How jcode's modules import each other: no cycle, and the settings without the rules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).parent.parent / "src"


def _imports() -> dict[str, set[str]]:
    """Module -> the jcode modules it imports, anywhere in it (in functions too)."""
    modules = {
        ".".join(p.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__"): p
        for p in (SRC / "jcode").rglob("*.py")
    }

    def module_of(name: str) -> str:
        while name not in modules:
            name = name.rpartition(".")[0]
        return name

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {module_of(a.name) for a in node.names if a.name.startswith("jcode.")}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("jcode"):
                assert node.module is not None
                found |= {
                    f"{node.module}.{a.name}"
                    if f"{node.module}.{a.name}" in modules
                    else module_of(node.module)
                    for a in node.names
                }
        graph[name] = found - {name}
    return graph


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = _imports()
    cycles = set()
    for start in graph:
        stack: list[tuple[str, tuple[str, ...]]] = [(start, (start,))]
        while stack:
            module, path = stack.pop()
            for imported in graph[module]:
                if imported == start:
                    cycles.add(tuple(sorted(path)))
                elif imported not in path and imported > start:  # each cycle once
                    stack.append((imported, (*path, imported)))
    assert sorted(cycles) == []


def test_the_settings_load_without_the_rules() -> None:
    probe = "import sys, jcode.config; print(sorted(m for m in sys.modules if 'rules' in m))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
