"""What the About dialog and ``--version`` tell: the program's version and licence, the versions
of what it runs on, and the licences of the third-party packages it uses, read at run time from
the installed distributions' metadata (so they are those of what is really installed)."""

from __future__ import annotations

import importlib.metadata
import platform
import re
from dataclasses import dataclass

from ... import identity

# (shown name, distributions that may provide it: the first one installed counts)
COMPONENTS = (
    ("PySide6", ("PySide6-Essentials", "PySide6")),
    ("SQLAlchemy", ("SQLAlchemy",)),
    ("ReportLab", ("reportlab",)),
)
_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_SHORT = 60  # a License field longer than this is the licence's whole text, not its name


@dataclass(frozen=True)
class ThirdParty:
    name: str
    version: str
    licence: str  # an SPDX expression or the licence's name; "" when the metadata says nothing


def installed_version(*distributions: str) -> str | None:
    for name in distributions:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return None


def component_versions() -> list[tuple[str, str]]:
    """(name, version) of the program and of Python, PySide6, SQLAlchemy, ReportLab."""
    rows = [(identity.APPLICATION_NAME, identity.version()), ("Python", platform.python_version())]
    for shown, distributions in COMPONENTS:
        found = installed_version(*distributions)
        if found is not None:
            rows.append((shown, found))
    return rows


def version_line() -> str:
    """``ajfar-desk --version``: one line."""
    rows = component_versions()
    return f"{identity.DISTRIBUTION} {rows[0][1]} (" + ", ".join(
        f"{name} {version}" for name, version in rows[1:3]) + ")"


def licence_of(metadata: importlib.metadata.PackageMetadata) -> str:
    expression = identity.field(metadata, "License-Expression")
    if expression:
        return expression
    stated = identity.field(metadata, "License").strip()
    if stated and len(stated) <= _SHORT and "\n" not in stated and stated.upper() != "UNKNOWN":
        return stated
    classifiers = [c.rsplit("::", 1)[-1].strip() for c in metadata.get_all("Classifier") or []
                   if c.startswith("License ::") and c.count("::") >= 2]
    return " / ".join(classifiers)


def _required_names(requirements: list[str]) -> list[str]:
    names = []
    for requirement in requirements:
        requirement_text, _, marker = requirement.partition(";")
        if "extra" in marker:  # an optional extra's: not installed with the program
            continue
        match = _NAME.match(requirement_text)
        if match:
            names.append(match.group(1))
    return names


def third_party() -> list[ThirdParty]:
    """Every installed distribution the program needs, directly or not, by name."""
    found: dict[str, ThirdParty] = {}
    waiting = _required_names(identity.requirements())
    while waiting:
        name = waiting.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in found or key == identity.DISTRIBUTION:
            continue
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:  # e.g. for another platform only
            continue
        metadata = distribution.metadata
        found[key] = ThirdParty(identity.field(metadata, "Name"),
                                identity.field(metadata, "Version"), licence_of(metadata))
        waiting.extend(_required_names(distribution.requires or []))
    return sorted(found.values(), key=lambda entry: entry.name.lower())
