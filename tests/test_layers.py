"""Dependencies point down: nothing below ui/ imports Qt; ui/ never touches the database."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "src" / "ajfar_desk"


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
