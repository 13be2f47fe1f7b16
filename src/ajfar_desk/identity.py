"""Who the program is: its names, its version and its licence, each read from one place.

The version and the licence are those of ``pyproject.toml``: from the installed distribution's
metadata, or from ``pyproject.toml`` itself when the program runs from a source checkout (its
sources next to the file, as with ``PYTHONPATH=src``), which may differ from what is installed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importlib.metadata costs 15-35 ms of imports: read only when needed
    from importlib.metadata import PackageMetadata

DISTRIBUTION = "ajfar-desk"  # the name in pyproject.toml, and of the command
APPLICATION_NAME = "Ajfar Desk"  # QApplication's name: QSettings' file, the window's title
ORGANIZATION_NAME = "AjfarDesk"  # QSettings' folder
ORGANIZATION_DOMAIN = "ajfardesk.org"  # QSettings on macOS (reverse domain)
DESKTOP_FILE = "ajfar-desk"  # the .desktop file's name (ajfar-desk.desktop): the icon on Wayland
UNKNOWN_VERSION = "0+unknown"


def _source_pyproject() -> Path | None:
    """``pyproject.toml`` of the source checkout this package is imported from, if any."""
    candidate = Path(__file__).resolve().parent.parent.parent / "pyproject.toml"
    return candidate if candidate.is_file() else None


@cache
def _source_project() -> dict[str, object] | None:
    path = _source_pyproject()
    if path is None:
        return None
    import tomllib

    try:
        project = tomllib.loads(path.read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return None
    if not isinstance(project, dict) or project.get("name") != DISTRIBUTION:
        return None
    return project


def _metadata() -> PackageMetadata | None:
    import importlib.metadata

    try:
        return importlib.metadata.metadata(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return None


@cache
def version() -> str:
    """The program's version: pyproject's, wherever the program runs from."""
    project = _source_project()
    if project is not None and isinstance(project.get("version"), str):
        return str(project["version"])
    metadata = _metadata()
    return (field(metadata, "Version") if metadata is not None else "") or UNKNOWN_VERSION


@cache
def licence() -> str:
    """The program's licence as pyproject states it (an SPDX expression or a short text)."""
    project = _source_project()
    if project is not None:
        stated = project.get("license")
        if isinstance(stated, str):
            return stated
        if isinstance(stated, dict) and isinstance(stated.get("text"), str):
            return str(stated["text"])
    metadata = _metadata()
    if metadata is None:
        return ""
    return field(metadata, "License-Expression") or field(metadata, "License")


def field(metadata: PackageMetadata, name: str) -> str:
    """A metadata field's first value; "" when the metadata has none."""
    values = metadata.get_all(name)
    return str(values[0]) if values else ""


def requirements() -> list[str]:
    """The program's own dependencies as pyproject lists them (extras left out)."""
    project = _source_project()
    listed = project.get("dependencies") if project is not None else None
    if isinstance(listed, list):
        return [str(r) for r in listed]
    metadata = _metadata()
    required = metadata.get_all("Requires-Dist") if metadata is not None else None
    return [r for r in (required or []) if "extra ==" not in r.replace("extra==", "extra ==")]
