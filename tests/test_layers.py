"""The run's shape (issue 17): stages only look down, modules form no import cycle, none is a hub.

Floors, lowest first; a module may import from its own floor or below, never above. Imports inside
functions count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PIPELINE = Path(__file__).resolve().parent.parent / "pipeline"

FLOORS: tuple[tuple[str, ...], ...] = (
    ("model", "data", "text", "progress", "files", "sample_site"),
    ("config",),
    ("plan", "catalogs"),
    ("gather",),
    ("checks",),
    ("results",),
    ("report",),
    ("commands",),
    ("cli", "__main__"),
)
FLOOR_OF = {part: i for i, parts in enumerate(FLOORS) for part in parts}
MAX_LINES = 500
COMMAND_MAX_LINES = 150


def _module_name(path: Path) -> str:
    rel = path.relative_to(PIPELINE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
            found.add(node.module)
            # `from pipeline.x import y` where y is a module is a dependency on pipeline.x.y
            for alias in node.names:
                if (PIPELINE.parent / (node.module.replace(".", "/") + "/" + alias.name + ".py")).is_file():
                    found.add(f"{node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("pipeline"))
    return found


MODULES = {_module_name(p): p for p in sorted(PIPELINE.rglob("*.py"))}
GRAPH = {name: {dep for dep in _imports(path) if dep in MODULES and dep != name} for name, path in MODULES.items()}


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_only_look_down(module: str) -> None:
    top = _top(module)
    if top == "__init__":
        return
    assert top in FLOOR_OF, f"{module}: pipeline/{top} is on no floor; add it to FLOORS in this test"
    upward = sorted(dep for dep in GRAPH[module]
                    if _top(dep) != "__init__" and FLOOR_OF.get(_top(dep), 0) > FLOOR_OF[top])
    assert not upward, f"{module} (floor {FLOOR_OF[top]}, {top}) imports from a higher floor: {upward}"


def test_no_import_cycle() -> None:
    # Package __init__ modules re-export their submodules; a submodule importing its own package's
    # name is resolved through the submodule, so edges into one's own package __init__ are dropped.
    def edges(module: str) -> set[str]:
        return {d for d in GRAPH[module] if not (MODULES[d].name == "__init__.py" and module.startswith(d + "."))}

    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(edges(node)):
            if state.get(dep) == 1:
                cycle = [*stack[stack.index(dep):], dep]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for module in sorted(MODULES):
        if module not in state:
            visit(module)


SIZED = sorted(m for m in MODULES if not m.startswith(("pipeline.data", "pipeline.sample_site")))


@pytest.mark.parametrize("module", SIZED)
def test_no_module_is_a_hub(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    limit = COMMAND_MAX_LINES if module.startswith("pipeline.commands.") else MAX_LINES
    assert lines <= limit, f"{module} has {lines} lines (limit {limit}): split it by concern"


def test_every_floor_exists() -> None:
    missing = [part for part in FLOOR_OF if part != "__main__" and not (PIPELINE / part).exists()
               and not (PIPELINE / f"{part}.py").exists()]
    assert not missing, f"floors named in this test but missing from pipeline/: {missing}"


def test_every_test_file_names_its_stage() -> None:
    from tests.conftest import STAGE_OF_FILE

    files = sorted(p.name for p in Path(__file__).parent.glob("test_*.py"))
    unmapped = [f for f in files if f not in STAGE_OF_FILE]
    assert not unmapped, f"add these test files to STAGE_OF_FILE in tests/conftest.py: {unmapped}"
