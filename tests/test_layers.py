"""Dependencies point down: nothing below ui/ imports Qt; ui/ never touches the database; no module
imports another that (directly or not) imports it back; no arrow runs up the floors."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "src" / "ajfar_desk"

# The floors, top down.  A module may import its own floor and the floors below it, never above;
# ui/ and cli/ share the top floor and never import each other.  i18n, paths, the program's
# identity (names, version, licence) and its log file are the ground.
FLOORS = {"ui": 5, "cli": 5, "printing": 4, "services": 3, "db": 2, "domain": 1}
GROUND = {"ajfar_desk.i18n", "ajfar_desk.paths", "ajfar_desk.identity", "ajfar_desk.logs"}
# printing reaches services through this one module only (issuing a paper: number, store, file).
PRINTING_TO_SERVICES = "ajfar_desk.printing.issue"


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names.add(base)
    return names


def test_no_qt_below_ui():
    for path in PKG.rglob("*.py"):
        if "ui" in path.relative_to(PKG).parts:
            continue
        assert not any(n.startswith("PySide6") for n in imports(path)), path


def test_ui_goes_through_services():
    for path in (PKG / "ui").rglob("*.py"):
        bad = [n for n in imports(path) if n.startswith(("sqlalchemy", "..db", "ajfar_desk.db", ".db"))]
        assert not bad, (path, bad)


def test_domain_depends_on_nothing_above_it():
    for path in (PKG / "domain").rglob("*.py"):
        above = {"services", "db", "ui", "sqlalchemy"}  # whole module names: "feedback" is fine
        bad = [n for n in imports(path) if above & set(n.split("."))]
        assert not bad, (path, bad)


# -- the module graph: every import, also inside functions and under TYPE_CHECKING ------------


def module_name(path: Path, root: Path = PKG) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_graph(root: Path = PKG) -> dict[str, dict[str, str]]:
    """module -> {imported module of the package: "file:line" of the first such import}."""
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, dict[str, str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        arrows: dict[str, str] = {}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                wanted = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                # ``from . import x`` names a module; ``from .x import y`` names x (or x.y)
                wanted = [f"{module}.{alias.name}" for alias in node.names] + [module]
                wanted = [w for w in wanted[:-1] if w in files] or [module]
            else:
                continue
            for target in wanted:
                while target and target not in files:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    where = f"{path.relative_to(root.parent.parent)}:{node.lineno}"
                    arrows.setdefault(target, where)
        graph[name] = arrows
    return graph


def cycles(graph: dict[str, dict[str, str]]) -> list[list[str]]:
    """One shortest circle through each strongly connected group of modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(group)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    found = []
    for group in groups:
        circles = [_back_to(start, group, graph) for start in sorted(group)]
        found.append(min(circles, key=len))  # the shortest circle of the group
    return found


def _back_to(start: str, group: set[str], graph: dict[str, dict[str, str]]) -> list[str]:
    paths, seen = [[start]], {start}
    while paths:  # breadth first: the shortest way back to the start
        path = paths.pop(0)
        nxt = sorted(w for w in graph[path[-1]] if w in group)
        if start in nxt:
            return [*path, start]
        for w in nxt:
            if w not in seen:
                seen.add(w)
                paths.append([*path, w])
    raise AssertionError(f"{start} is in a strongly connected group without a circle")


def floor(module: str) -> int:
    if module in GROUND:
        return 0
    part = module.split(".")[1] if "." in module else ""
    return FLOORS.get(part, 9)  # ajfar_desk itself and __main__: above everything


def upward(graph: dict[str, dict[str, str]]) -> list[str]:
    bad = []
    for a, arrows in sorted(graph.items()):
        for b, where in sorted(arrows.items()):
            fa, fb = floor(a), floor(b)
            top_pair = fa == fb == 5 and a.split(".")[1] != b.split(".")[1]  # ui <-> cli
            if fb > fa or top_pair:
                bad.append(f"{where}: {a} -> {b} runs up the floors")
            elif (
                a.startswith("ajfar_desk.printing.")
                and b.startswith("ajfar_desk.services.")
                and a != PRINTING_TO_SERVICES
            ):
                bad.append(f"{where}: {a} -> {b}: printing reaches services only through "
                           f"{PRINTING_TO_SERVICES}")
    return bad


def describe(circle: list[str], graph: dict[str, dict[str, str]]) -> str:
    steps = [f"    {a} -> {b}  ({graph[a][b]})" for a, b in zip(circle, circle[1:], strict=False)]
    return "import circle:\n" + "\n".join(steps)


def test_no_import_circles():
    graph = module_graph()
    assert len(graph) > 100  # the walk saw the package
    found = cycles(graph)
    assert not found, "\n" + "\n".join(describe(c, graph) for c in found)


def test_no_arrow_runs_up_the_floors():
    bad = upward(module_graph())
    assert not bad, "\n" + "\n".join(bad)


def test_the_graph_sees_hidden_imports(tmp_path):
    """Function-local and TYPE_CHECKING imports, relative and absolute, count as arrows."""
    pkg = tmp_path / "ajfar_desk"
    (pkg / "services").mkdir(parents=True)
    (pkg / "printing").mkdir()
    for init in (pkg, pkg / "services", pkg / "printing"):
        (init / "__init__.py").write_text("")
    (pkg / "services" / "a.py").write_text("def f():\n    from . import b\n")
    (pkg / "services" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ajfar_desk.services.c import X\n"
    )
    (pkg / "services" / "c.py").write_text("from ..printing.d import Y\nfrom .a import f\n")
    (pkg / "services" / "e.py").write_text("")
    (pkg / "printing" / "d.py").write_text("from ..services import e\n")
    graph = module_graph(pkg)
    assert cycles(graph) == [
        ["ajfar_desk.services.a", "ajfar_desk.services.b", "ajfar_desk.services.c",
         "ajfar_desk.services.a"]
    ]
    assert [line.split(": ", 1)[1] for line in upward(graph)] == [
        "ajfar_desk.printing.d -> ajfar_desk.services.e: printing reaches services only through "
        "ajfar_desk.printing.issue",
        "ajfar_desk.services.c -> ajfar_desk.printing.d runs up the floors",
    ]
