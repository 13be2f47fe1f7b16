#!/usr/bin/env python
"""Launch times as the employee sees them, each measured in a fresh process, in one run:

    python benchmarks/bench_startup.py [--runs 7] [--store DIR --password PW] [--importtime FILE]

(a) a bare PySide6 window painted, from process start (the floor on this machine);
(b) the sign-in window painted, from process start, through the real entry point
    (``ajfar-desk --data-dir DIR``: argument parsing, fonts, catalogs, the store opened and its
    schema checked) on a store: the big one of ``bench_search.py`` in /work/bench/store1m when
    it exists, else a fresh one;
(c) the main window painted after a correct password, from the moment the password check
    returns (argon2's deliberate slowness is left out); the password is given ``--typing``
    seconds after the sign-in window is painted (default 1: a person types a name and a
    password; 0: at once, the worst case, while the store is still being opened).

"Process start" is the moment before the parent starts the child; "painted" is when the
window's first paint is over (the first event after its first paint event).  Runs alternate
(a), (b)+(c), so a slow moment of this shared machine falls on both; the medians are printed,
with the ratio to the bare window and PASS/FAIL against DESIGN.md: sign-in ≤ 0.5 s and ≤ 2.5×
the bare window, main window ≤ 0.3 s.  ``--importtime FILE`` writes ``python -X importtime``
of one sign-in run to FILE.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIG_STORE = Path("/work/bench/store1m")
BIG_PASSWORD = "benchmark-password"  # bench_search.py's administrator
SIGN_IN_BUDGET_S = 0.5
SIGN_IN_RATIO = 2.5
MAIN_BUDGET_S = 0.3

# The child: marks the end of a window's first paint on the monotonic clock (shared by every
# process of the machine), prints the marks as JSON and leaves at once.
PROBE = r'''
import json, os, sys, time
MODE, STORE, PASSWORD, TYPING_MS = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
marks = {}

def done():
    print(json.dumps(marks), flush=True)
    os._exit(0)

def safely(then, window):
    try:
        then(window)
    except BaseException as exc:  # never a modal error box nobody will close
        print(json.dumps({"error": repr(exc)}), flush=True)
        os._exit(3)

def probe_class():
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    class Probe(QObject):
        """Watches every paint; the first one of a window it waits for is marked once over."""

        def __init__(self, wanted):
            super().__init__()
            self.wanted = dict(wanted)  # window class name (its end) -> what to do once painted

        def eventFilter(self, obj, event):
            if self.wanted and event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
                name = type(obj.window()).__name__
                key = next((k for k in self.wanted if name.endswith(k)), None)
                then = self.wanted.pop(key, None) if key else None
                if then is not None:
                    window = obj.window()
                    QTimer.singleShot(0, lambda: safely(then, window))
            return False

    return Probe

if MODE == "bare":
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])

    class Bare(QWidget):
        pass

    def painted(_window):
        marks["painted"] = time.monotonic()
        done()

    probe = probe_class()({"Bare": painted})
    app.installEventFilter(probe)
    window = Bare()
    window.resize(420, 300)
    window.show()
    app.exec()
else:
    import ajfar_desk.ui.shell.app as app_module

    real_setup = app_module.setup_application

    def sign_in_painted(dialog):
        marks["sign_in_painted"] = time.monotonic()
        from PySide6.QtCore import QTimer

        QTimer.singleShot(TYPING_MS, lambda: safely(type_password, dialog))

    def type_password(dialog):
        from ajfar_desk.services.users import setup as setup_service  # after the mark: not measured

        real_sign_in = setup_service.sign_in

        def signed_in(*args, **kwargs):
            user = real_sign_in(*args, **kwargs)
            marks["password_checked"] = time.monotonic()
            return user

        setup_service.sign_in = signed_in
        dialog.username.setText("admin")
        dialog.password.setText(PASSWORD)
        dialog.try_sign_in()

    def main_painted(_window):
        marks["main_painted"] = time.monotonic()
        done()

    def setup_application(*args, **kwargs):
        app = real_setup(*args, **kwargs)
        global probe
        probe = probe_class()({"SignInDialog": sign_in_painted, "MainWindow": main_painted})
        app.installEventFilter(probe)
        return app

    app_module.setup_application = setup_application
    from ajfar_desk.cli.main import main

    main(["--data-dir", STORE, "--lang", "ar"])
    print(json.dumps({"error": "the program ended before its windows were painted"}), flush=True)
'''


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM", "offscreen")
    env["AJFAR_LOG"] = "WARNING"
    try:
        import ajfar_desk  # noqa: F401
    except ImportError:  # a source checkout without the package installed
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


def child(mode: str, store: Path, password: str, typing_s: float = 1.0, extra: list[str] | None = None,
          stderr=subprocess.DEVNULL) -> dict[str, float]:
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, *(extra or []), "-c", PROBE, mode, str(store), password, str(round(typing_s * 1000))],
        env=_env(), stdout=subprocess.PIPE, stderr=stderr, text=True, timeout=120,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        sys.exit(f"the {mode} run printed nothing (exit {out.returncode})")
    marks = json.loads(lines[-1])
    if "error" in marks:
        sys.exit(f"the {mode} run: {marks['error']}")
    return {name: value - start for name, value in marks.items()}


def fresh_store(folder: Path, password: str) -> None:
    from ajfar_desk.services.store.store import Store
    from ajfar_desk.services.users.setup import init_store

    store = Store.open(folder)
    init_store(store, "ajfar", None, "admin", password)
    store.close()


def ready(folder: Path) -> None:
    """Today's automatic backup made now, outside the measure (the program makes it once a day,
    off the GUI thread; a child that leaves at once must not leave half a copy behind)."""
    from ajfar_desk.services.store.backup import auto_backup
    from ajfar_desk.services.store.store import Store

    store = Store.open(folder)
    try:
        t0 = time.perf_counter()
        if auto_backup(store) is not None:
            print(f"(today's automatic backup made first: {time.perf_counter() - t0:.1f} s)")
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="measured runs of each (default 7)")
    ap.add_argument("--store", type=Path, default=None,
                    help=f"an initialised store (default {BIG_STORE} if it exists, else a fresh one)")
    ap.add_argument("--password", default=None, help="its administrator's password")
    ap.add_argument("--typing", type=float, default=1.0,
                    help="seconds between the sign-in window painted and the password given "
                         "(a person's typing; default 1.0, 0: at once)")
    ap.add_argument("--importtime", type=Path, default=None,
                    help="write `python -X importtime` of one sign-in run to this file")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))

    tmp = None
    if args.store:
        store, password = args.store, args.password or BIG_PASSWORD
    elif (BIG_STORE / "ajfar_desk.sqlite").exists() or any(BIG_STORE.glob("*.sqlite")):
        store, password = BIG_STORE, BIG_PASSWORD
    else:
        tmp = tempfile.TemporaryDirectory(prefix="ajfar-startup-")
        store, password = Path(tmp.name), BIG_PASSWORD
        fresh_store(store, password)
    try:
        ready(store)
        print(f"Python {sys.version.split()[0]}, store {store}, {args.runs} runs of each, "
              f"QT_QPA_PLATFORM={_env()['QT_QPA_PLATFORM']}")
        child("bare", store, password)  # warm-up: file caches, compiled catalogs, bytecode
        child("app", store, password)
        bare, sign_in, main_window = [], [], []
        for _ in range(args.runs):
            bare.append(child("bare", store, password)["painted"])
            marks = child("app", store, password, args.typing)
            sign_in.append(marks["sign_in_painted"])
            main_window.append(marks["main_painted"] - marks["password_checked"])
        if args.importtime:
            with args.importtime.open("w") as fh:
                child("app", store, password, args.typing, ["-X", "importtime"], stderr=fh)
            print(f"import times of one sign-in run: {args.importtime}")
    finally:
        if tmp:
            tmp.cleanup()

    def line(title: str, values: list[float]) -> str:
        return (f"{title:<44} median {statistics.median(values):6.3f} s   "
                f"min {min(values):6.3f}   max {max(values):6.3f}")

    b, s, m = statistics.median(bare), statistics.median(sign_in), statistics.median(main_window)
    print(line("(a) bare PySide6 window painted", bare))
    print(line("(b) sign-in window painted", sign_in) + f"   {s / b:4.2f}× bare")
    print(line(f"(c) main window after the password ({args.typing:g} s typing)", main_window))
    ok_sign_in = s <= SIGN_IN_BUDGET_S and s / b <= SIGN_IN_RATIO
    ok_main = m <= MAIN_BUDGET_S
    print(f"{'PASS' if ok_sign_in else 'FAIL'}  sign-in {s:.3f} s ≤ {SIGN_IN_BUDGET_S} s and "
          f"{s / b:.2f}× ≤ {SIGN_IN_RATIO}× the bare window ({b:.3f} s)")
    print(f"{'PASS' if ok_main else 'FAIL'}  main window {m:.3f} s ≤ {MAIN_BUDGET_S} s after the password")
    return 0 if ok_sign_in and ok_main else 1


if __name__ == "__main__":
    sys.exit(main())
