"""The Linux download: ``dist/ajfar-desk-<version>-linux-<machine>.tar.gz`` (``python3 dev.py
bundle --tarball``; standard library only).

It holds one folder with the bundle (``ajfar-desk/``), ``install.sh`` and ``uninstall.sh``
(per user, no administrator rights), the menu entry (``ajfar-desk.desktop``) and the icons.
``check(tarball)`` unpacks it, installs into a scratch home, runs the installed command, installs
again (an upgrade; then with a head office's store URL, and again without it: the URL stays),
uninstalls, and checks that a data folder left there survives.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import tarfile
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LINUX = HERE / "linux"
ICONS = ROOT / "resources" / "icons"


def version(root: Path = ROOT) -> str:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def build(bundle: Path, out_dir: Path) -> Path:
    """The tarball of ``bundle`` (``dist/ajfar-desk``) in ``out_dir``; returns its path."""
    name = f"ajfar-desk-{version()}-linux-{platform.machine()}"
    out = Path(out_dir) / f"{name}.tar.gz"

    def executable(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"{name}/ajfar-desk", filter=executable)
        for script in ("install.sh", "uninstall.sh", "ajfar-desk.desktop"):
            tar.add(LINUX / script, arcname=f"{name}/{script}", filter=executable)
        for icon in sorted(ICONS.glob("ajfar-desk*")) if ICONS.is_dir() else []:
            if icon.suffix in (".png", ".svg"):
                tar.add(icon, arcname=f"{name}/icons/{icon.name}", filter=executable)
    return out


def check(tarball: Path) -> int:
    """Install, run, upgrade and remove in a scratch home; 0 when all went as it should."""
    failures = []

    def step(label: str, ok: bool, detail: str = "") -> None:
        print(f"  {'ok  ' if ok else 'FAIL'} {label}" + (f": {detail}" if detail else ""), flush=True)
        if not ok:
            failures.append(label)

    print(f"Installing {tarball.name} in a scratch home", flush=True)
    with tempfile.TemporaryDirectory(prefix="ajfar-tarball-") as tmp:
        with tarfile.open(tarball) as tar:
            tar.extractall(tmp, filter="tar")
        [top] = [p for p in Path(tmp).iterdir() if p.is_dir()]
        home = Path(tmp) / "home"
        home.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
        env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen")
        env.pop("PYTHONPATH", None)

        def sh(*cmd: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(list(cmd), env=env, capture_output=True, text=True, check=False)

        done = sh("sh", str(top / "install.sh"))
        step("install.sh", done.returncode == 0, done.stderr.strip()[-300:])
        local = home / ".local"
        desktop = local / "share" / "applications" / "ajfar-desk.desktop"
        entry = desktop.read_text(encoding="utf-8") if desktop.is_file() else ""
        step("menu entry", f'Exec="{local}/lib/ajfar-desk/ajfar-desk-gui"' in entry, str(desktop))
        icon = local / "share" / "icons" / "hicolor" / "256x256" / "apps" / "ajfar-desk.png"
        step("icon", icon.is_file() or not ICONS.is_dir(), str(icon))
        for program in ("ajfar-desk", "ajfar-desk-gui"):
            done = sh(str(local / "bin" / program), "--help")
            step(f"installed {program} --help", done.returncode == 0, done.stderr.strip()[-300:])
        data = local / "share" / "AjfarDesk"  # platformdirs' user data folder
        data.mkdir(parents=True, exist_ok=True)
        (data / "keep.txt").write_text("the office's data\n", encoding="utf-8")
        done = sh("sh", str(top / "install.sh"))
        step("install.sh again (upgrade)", done.returncode == 0 and (data / "keep.txt").is_file(),
             done.stderr.strip()[-300:])
        # a head office's desk: the store's URL on the menu entry, kept by a later upgrade
        url = "postgresql+psycopg://desk3@hq-server/ajfar?sslmode=require"
        env["AJFAR_DB_URL"] = url
        done = sh("sh", str(top / "install.sh"))
        del env["AJFAR_DB_URL"]
        wanted = f'Exec="{local}/lib/ajfar-desk/ajfar-desk-gui" --db-url "{url}"'
        entry = desktop.read_text(encoding="utf-8") if desktop.is_file() else ""
        step("AJFAR_DB_URL=… install.sh: the menu entry opens head office's store",
             done.returncode == 0 and wanted in entry, done.stderr.strip()[-300:])
        done = sh("sh", str(top / "install.sh"))
        entry = desktop.read_text(encoding="utf-8") if desktop.is_file() else ""
        step("an upgrade keeps the store's URL", done.returncode == 0 and wanted in entry,
             done.stderr.strip()[-300:])
        done = sh("sh", str(local / "lib" / "ajfar-desk" / "uninstall.sh"))
        gone = not (local / "lib" / "ajfar-desk").exists() and not desktop.exists()
        step("uninstall.sh removes the program", done.returncode == 0 and gone,
             done.stderr.strip()[-300:])
        step("the data folder survives", (data / "keep.txt").is_file())
    print("Tarball check " + ("FAILED: " + ", ".join(failures) if failures else "passed"), flush=True)
    return 1 if failures else 0


def size_mib(path: Path) -> float:
    return Path(path).stat().st_size / 2**20


if __name__ == "__main__":
    import sys

    built = build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{built} ({size_mib(built):.0f} MiB)")
    sys.exit(check(built) if shutil.which("sh") else 0)
