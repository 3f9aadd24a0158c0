"""pytest's hooks for this suite: tests are marked when collected by what they call
on, so that the fast lane can leave them out without each test saying so: `oracle`
for Pacemaker's tools, pcs or a Debian root, `slow` for a child process (pcsgen's
command line, or any other program). The helpers themselves are in tests/helpers."""

from __future__ import annotations

import ast
import functools
from pathlib import Path
from typing import Dict, FrozenSet, List, Set, Tuple

import pytest

# The helpers through which a test reaches an oracle: each skips (or fails in CI)
# without its tool or root.
ORACLE_GATES = frozenset({"need_tool", "generation_of", "crm_verify", "run_script"})
# What starts a process: a Python start-up and pcsgen's imports each time, a fifth of
# a second on an idle machine and more than a second on a loaded one.
PROCESS_GATES = frozenset({"run_pcsgen", "run_compile", "subprocess"})
MARKS = ((ORACLE_GATES, "oracle"), (PROCESS_GATES, "slow"))


class _Module:
    """What a test module's functions call, and where its imported names come from."""

    def __init__(self, path: Path) -> None:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        self.calls: Dict[str, Set[str]] = {}
        self.imports: Dict[str, Tuple[str, str]] = {}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                called = self.calls.setdefault(node.name, set())
                # the body only: a name in an annotation or a decorator runs nothing
                for inner in (n for statement in node.body for n in ast.walk(statement)):
                    if isinstance(inner, ast.Name):
                        called.add(inner.id)
                    elif isinstance(inner, ast.ImportFrom) and inner.module:
                        # an import inside the function: its names are its calls
                        for alias in inner.names:
                            self.imports.setdefault(
                                alias.asname or alias.name, (inner.module, alias.name)
                            )
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    self.imports.setdefault(alias.asname or alias.name, (node.module, alias.name))


@functools.lru_cache(maxsize=None)
def _module(path: Path) -> _Module:
    return _Module(path)


def _source(module: str) -> Path:
    """The file of a module of the tests package (tests.helpers.x, tests.corpus ...)."""
    base = Path(__file__).resolve().parent.parent.joinpath(*module.split("."))
    package = base / "__init__.py"
    return package if package.exists() else base.with_suffix(".py")


def _reaches(path: Path, names: FrozenSet[str], gates: FrozenSet[str]) -> bool:
    """Whether any of the names, followed through the functions of this module and of
    the tests package it imports, calls one of the gates."""
    todo: List[Tuple[Path, str]] = [(path, name) for name in names]
    seen: Set[Tuple[Path, str]] = set()
    while todo:
        where, name = todo.pop()
        if (where, name) in seen:
            continue
        seen.add((where, name))
        if name in gates:
            return True
        module = _module(where)
        if name in module.calls:
            todo.extend((where, called) for called in module.calls[name])
        elif name in module.imports:
            origin, original = module.imports[name]
            if origin == "tests" or origin.startswith("tests."):
                source = _source(origin)
                if source.exists():
                    todo.append((source, original))
    return False


def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        path = Path(str(item.fspath))
        names = frozenset({item.originalname, *item.fixturenames})
        for gates, mark in MARKS:
            if not item.get_closest_marker(mark) and _reaches(path, names, gates):
                item.add_marker(mark)
