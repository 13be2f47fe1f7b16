"""The licence notices of a bundle, generated from the installed distributions' metadata.

``write_notices(folder, dists, root)`` writes into ``folder`` (``dist/ajfar-desk/licenses``):

- ``LICENSE`` — Ajfar Desk's own licence (the repository's ``LICENSE``);
- ``THIRD-PARTY.txt`` — every distribution in the bundle: name, version, licence (its
  ``License-Expression``, else its ``License`` field, else its classifiers), home page, and the
  licence files that follow;
- ``<name>-<version>/`` — each distribution's licence files as it ships them (the dist-info's
  ``licenses/`` folder, ``License-File`` entries, ``LICENSE``/``COPYING``/``NOTICE``/``AUTHORS``
  files beside its metadata or at the top of its package); a distribution under the LGPL or GPL
  that ships no text (PySide6, shiboken6) gets the GNU texts kept in ``packaging/licenses/``;
- ``Python-<version>/LICENSE.txt`` — the interpreter's own licence (the bundle carries it).

Run alone (``python packaging/notices.py OUT``) it writes the notices of every distribution the
program needs in the current environment (its requirements, followed recursively).
"""

from __future__ import annotations

import importlib.metadata as md
import re
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

HERE = Path(__file__).resolve().parent
GNU_TEXTS = HERE / "licenses"
_LICENCE_NAME = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|AUTHORS|OFL)", re.IGNORECASE)
_NAME_NORM = re.compile(r"[-_.]+")


def canonical(name: str) -> str:
    return _NAME_NORM.sub("-", name).lower()


@dataclass
class Notice:
    name: str
    version: str
    licence: str
    home: str
    files: dict[str, bytes] = field(default_factory=dict)  # file name -> text


def licence_of(meta: md.PackageMetadata) -> str:
    """The distribution's licence in one line: the SPDX expression, else the ``License``
    field's first line, else the licence classifiers; "unknown" when it says nothing."""
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    text = (meta.get("License") or "").strip()
    if text and text.upper() != "UNKNOWN":
        return text.splitlines()[0].strip()
    classifiers = [
        c.split("::")[-1].strip()
        for c in (meta.get_all("Classifier") or [])
        if c.startswith("License ::")
    ]
    return "; ".join(classifiers) or "unknown"


def _home(meta: md.PackageMetadata) -> str:
    if meta.get("Home-page"):
        return str(meta["Home-page"])
    for entry in meta.get_all("Project-URL") or []:
        label, _sep, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository", "source code"):
            return url.strip()
    return ""


def licence_files(dist: md.Distribution) -> dict[str, bytes]:
    """The licence files a distribution ships: in its dist-info (a ``licenses/`` folder, the
    ``License-File`` entries, files named LICENSE/COPYING/NOTICE/AUTHORS), or at the top of
    one of its packages (``fontpkg_amiri/LICENSE``, ``reportlab/license.txt``)."""
    declared = {PurePosixPath(f).name for f in dist.metadata.get_all("License-File") or []}
    found: dict[str, bytes] = {}
    for entry in dist.files or []:
        path = PurePosixPath(str(entry))
        top = path.parts[0]
        in_meta = top.endswith(".dist-info")
        wanted = (
            (in_meta and ("licenses" in path.parts or path.name in declared))
            or (_LICENCE_NAME.match(path.name) and (in_meta or len(path.parts) == 2))
        )
        if not wanted or path.suffix in (".py", ".pyc"):
            continue
        try:
            data = Path(str(dist.locate_file(entry))).read_bytes()
        except OSError:
            continue
        label = path.name if in_meta else f"{top}-{path.name}"
        found.setdefault(label, data)
    return found


def gnu_texts(licence: str) -> dict[str, bytes]:
    """The GNU licence texts an LGPL or GPL licence refers to (the LGPL v3 is a set of
    permissions added to the GPL v3: both texts go together)."""
    upper = licence.upper()
    names = []
    if "LGPL" in upper or "LESSER" in upper:
        names += ["LGPL-3.0.txt", "GPL-3.0.txt"]
    elif "GPL" in upper:
        names += ["GPL-3.0.txt"]
    return {name: (GNU_TEXTS / name).read_bytes() for name in names if (GNU_TEXTS / name).is_file()}


def notice_for(dist: md.Distribution) -> Notice:
    meta = dist.metadata
    licence = licence_of(meta)
    files = licence_files(dist)
    if not files:  # nothing shipped (PySide6, shiboken6): the standard text of its licence
        files = gnu_texts(licence)
    return Notice(str(meta["Name"]), dist.version, licence, _home(meta), files)


def bundled_distributions(modules: Iterable[str]) -> list[md.Distribution]:
    """The distributions that provide these modules (dotted names, or file names of extension
    modules and libraries as bundled: ``sqlcipher3/_sqlite3.cpython-311-x86_64-linux-gnu.so``);
    each once, by name."""
    owners = md.packages_distributions()
    chosen: dict[str, md.Distribution] = {}
    for module in modules:
        top = re.split(r"[./\\]", module, maxsplit=1)[0]
        for name in owners.get(top, []):
            key = canonical(name)
            if key not in chosen:
                try:
                    chosen[key] = md.distribution(name)
                except md.PackageNotFoundError:
                    continue
    chosen.pop("ajfar-desk", None)  # the program itself: its own LICENSE
    return [chosen[k] for k in sorted(chosen)]


def required_distributions(root_requirements: Iterable[str]) -> list[md.Distribution]:
    """The distributions these requirements need in this environment, followed recursively
    (markers evaluated; the extras a requirement names are followed too)."""
    from packaging.requirements import Requirement

    chosen: dict[str, md.Distribution] = {}
    seen: set[tuple[str, str]] = set()  # (distribution, extra) already followed
    todo = [(Requirement(r), "") for r in root_requirements]
    while todo:
        req, extra = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": extra}):
            continue
        key = canonical(req.name)
        try:
            dist = md.distribution(req.name)
        except md.PackageNotFoundError:
            continue  # an optional part not installed here
        chosen[key] = dist
        for wanted in ["", *sorted(req.extras)]:
            if (key, wanted) not in seen:
                seen.add((key, wanted))
                todo += [(Requirement(r), wanted) for r in dist.requires or []]
    chosen.pop("ajfar-desk", None)
    return [chosen[k] for k in sorted(chosen)]


def python_licence() -> Path | None:
    """The interpreter's LICENSE.txt (``lib/python3.X/`` on Unix, the install folder on
    Windows), if this Python has one."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for path in (stdlib / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt"):
        if path.is_file():
            return path
    return None


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)


def write_notices(folder: Path, dists: Iterable[md.Distribution], root: Path) -> list[Notice]:
    """Write the notices (see the module's text) into ``folder``; return what was written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    own = Path(root) / "LICENSE"
    if own.is_file():
        (folder / "LICENSE").write_bytes(own.read_bytes())
    notices = [notice_for(d) for d in dists]
    python = python_licence()
    if python is not None:
        version = ".".join(map(str, sys.version_info[:3]))
        notices.append(
            Notice("Python", version, "PSF-2.0", "https://www.python.org/",
                   {"LICENSE.txt": python.read_bytes()})
        )
    lines = [
        "Ajfar Desk is distributed under the Apache License 2.0 (LICENSE in this folder).",
        "It contains the following third-party software, each under its own licence; the",
        "licence texts are in the folder named after each package and version.",
        "PySide6 and shiboken6 (Qt for Python) and python-bidi are used under the GNU LGPL v3:",
        "they are separate shared libraries in this folder's parent and may be replaced by",
        "another build of the same version.",
        "",
    ]
    for notice in notices:
        sub = folder / _safe(f"{notice.name}-{notice.version}")
        sub.mkdir(exist_ok=True)
        for name, data in notice.files.items():
            (sub / _safe(name)).write_bytes(data)
        lines.append(f"{notice.name} {notice.version}")
        lines.append(f"    licence: {notice.licence}")
        if notice.home:
            lines.append(f"    home:    {notice.home}")
        listed = ", ".join(sorted(notice.files)) or "(no licence file shipped)"
        lines.append(f"    texts:   {sub.name}/ {listed}")
        lines.append("")
    (folder / "THIRD-PARTY.txt").write_text("\n".join(lines), encoding="utf-8")
    return notices


SYSTEM_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")


def _other_lib(path: str) -> str:
    """The same file under the other name of a merged /usr: /usr/lib/x ↔ /lib/x."""
    return path[len("/usr"):] if path.startswith("/usr/") else "/usr" + path


def dpkg_owners(paths: list[str]) -> dict[str, str]:
    """path -> the Debian package that installed it (``dpkg -S``), for the paths dpkg knows."""
    import shutil
    import subprocess

    dpkg = shutil.which("dpkg")
    if dpkg is None or not paths:
        return {}
    asked = {}
    for path in paths:  # dpkg knows a file by the path its package installed: with /usr merged
        for variant in (path, str(Path(path).resolve())):  # into /, /lib and /usr/lib are one
            for candidate in (variant, _other_lib(variant)):
                asked.setdefault(candidate, path)
    done = subprocess.run([dpkg, "-S", *asked], capture_output=True, text=True, check=False)
    owners: dict[str, str] = {}
    for line in done.stdout.splitlines():
        package, sep, found = line.partition(": ")
        if sep and found.strip() in asked:
            owners[asked[found.strip()]] = package.split(":")[0].split(",")[0].strip()
    return owners


def system_library_notices(folder: Path, sources: Iterable[str], owners=dpkg_owners) -> list[str]:
    """The copyright files of the system's libraries the bundle carries (Linux: X11, GLib,
    fontconfig, libstdc++…), by the package that installed each (Debian's
    ``/usr/share/doc/PACKAGE/copyright``), into ``folder/system-libraries/``, listed at the end of
    THIRD-PARTY.txt; the packages found."""
    system = sorted({s for s in sources if s.startswith(SYSTEM_DIRS)})
    by_package: dict[str, list[str]] = {}
    for path, package in owners(system).items():
        by_package.setdefault(package, []).append(Path(path).name)
    if not by_package:
        return []
    out = Path(folder) / "system-libraries"
    out.mkdir(parents=True, exist_ok=True)
    lines = ["", "System libraries carried by the bundle (their packages' copyright files are in",
             "system-libraries/):", ""]
    for package, libraries in sorted(by_package.items()):
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        if copyright_file.is_file():
            (out / f"{_safe(package)}.txt").write_bytes(copyright_file.read_bytes())
        lines.append(f"{package}: {', '.join(sorted(libraries))}")
    with (Path(folder) / "THIRD-PARTY.txt").open("a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return sorted(by_package)


def main(argv: list[str]) -> int:
    import tomllib

    if len(argv) != 1:
        print("usage: python packaging/notices.py OUT_FOLDER", file=sys.stderr)
        return 2
    root = HERE.parent
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"]) + list(project["optional-dependencies"]["signing"])
    notices = write_notices(Path(argv[0]), required_distributions(wanted), root)
    print(f"{len(notices)} notices written to {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
