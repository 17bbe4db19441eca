"""The shape of the package: no import cycle (counting imports inside
functions: a lazy import is still a dependency), no module over 400 lines,
and format names only in the writer table and the writers."""
from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "build_tools"
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[:len(parent) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(files)
    graph = {name: _imports(path, name, known) for name, path in files.items()}
    # A package's __init__ is imported with any of its modules: not an edge back.
    return {name: {t for t in targets if not name.startswith(t + ".")}
            for name, targets in graph.items()}


def _cycle(graph):
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return stack[stack.index(target):] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycle():
    assert _cycle(_graph()) is None, " → ".join(_cycle(_graph()))


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_no_module_over_400_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long


def test_format_names_only_in_the_writer_table_and_the_writers():
    named = re.compile(r"""["'](html|docx|pdf|csv)["']""")
    # Sphinx's own "html" (its builder) and the folders of templates/ are not
    # our formats; benchmarks name the baselines they run.
    elsewhere = ("sphinx_ext.py", "sphinx_a11y.py", "sphinx_run.py", "templates.py")
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith(("writers/", "bench/")) or rel.endswith("bench.py") or rel in elsewhere:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if named.search(line.split("#")[0]):
                offenders.append(f"{rel}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_each_command_is_found_by_its_module_alone():
    """`policy X` imports only X's module (cli.COMMANDS): that module must
    register X, and every command a module registers must be listed."""
    import argparse
    import importlib
    from build_tools.cli import COMMANDS, COMMAND_MODULES, _command_of
    for module in COMMAND_MODULES:
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(module).register(sub)
        registered = set(sub.choices)
        assert registered == {c for c, m in COMMANDS.items() if m == module}, module
    assert _command_of(["--repo", "diff", "amend", "A", "B"]) == "amend"
    assert _command_of(["-h"]) is None
