#!/usr/bin/env python3
"""Bootstrap for newcomers and CI: needs only Python 3.11+.

    python3 dev.py run  [ajfar-desk options]   install into .venv, then launch the app
    python3 dev.py test [pytest options]       install into .venv (with test extras), run all tests
                                               (in parallel, one worker per core: ``-n 0`` for one
                                               process, e.g. to debug with ``--pdb``)
    python3 dev.py bundle [--check] [--tarball] [--no-build]
                                               install into .venv (with the bundle extra), build
                                               the one-folder program in dist/ajfar-desk/
                                               (packaging/ajfar-desk.spec); --check runs its smoke
                                               test, --tarball makes the Linux download and tries
                                               its installer; --no-build takes the one built

The virtual environment is created on first use; dependencies are re-installed only when
pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("AJFAR_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_env(extras: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit("Ajfar Desk needs Python 3.11 or newer (this is %s)" % sys.version.split()[0])
    if not PYTHON.exists():
        print(f"Creating virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, upgrade_deps=False).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".ajfar-installed-{extras or 'app'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    print("Installing Ajfar Desk and its dependencies ...", flush=True)
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target],
        check=True,
    )
    stamp.write_text(digest)


def bundle(options: list[str]) -> int:
    """Build (and check) the PyInstaller bundle; see the module's text."""
    import time

    unknown = set(options) - {"--check", "--tarball", "--no-build"}
    if unknown:
        print(__doc__)
        return 2
    dist = ROOT / "dist"
    folder = dist / "ajfar-desk"
    if "--no-build" not in options:
        ensure_env("bundle")
        start = time.perf_counter()
        code = subprocess.call(
            [str(PYTHON), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
             "--distpath", str(dist), "--workpath", str(ROOT / "build" / "pyinstaller"),
             str(ROOT / "packaging" / "ajfar-desk.spec")],
            cwd=ROOT,
        )
        if code:
            return code
        print(f"Built {folder} in {time.perf_counter() - start:.0f} s", flush=True)
    sys.path.insert(0, str(ROOT / "packaging"))
    code = 0
    if "--check" in options:
        import smoke

        code = smoke.smoke(folder, BIN) or code
    if "--tarball" in options and os.name != "nt":
        import tarball

        built = tarball.build(folder, dist)
        print(f"Built {built} ({tarball.size_mib(built):.0f} MiB)", flush=True)
        code = tarball.check(built) or code
    return code


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "bundle"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "bundle":
        return bundle(rest)
    if command == "run":
        ensure_env("")
        return subprocess.call([str(PYTHON), "-m", "ajfar_desk", *rest])
    ensure_env("test")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Each worker compiles the sources and rewrites the tests' asserts while collecting, and so
    # does every command a test starts in a new Python: 5 s of each worker's 9 s start-up when
    # nothing is kept.  An environment that keeps no bytecode beside the sources
    # (PYTHONDONTWRITEBYTECODE) has it kept in the virtual environment's folder instead.
    if env.pop("PYTHONDONTWRITEBYTECODE", ""):
        env.setdefault("PYTHONPYCACHEPREFIX", str(VENV / "pycache"))
    # pytest-xdist, each worker its own stores (and PostgreSQL database); a worker that runs out
    # of tests takes some from the other's queue, so one long test does not leave a core idle
    parallel = [] if any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in rest) else [
        "-n", "auto", "--dist", "worksteal"]
    return subprocess.call([str(PYTHON), "-m", "pytest", *parallel, *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
