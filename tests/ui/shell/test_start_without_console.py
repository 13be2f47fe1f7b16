"""The program started as an installed windowed program is: no console (``sys.stdout`` and
``sys.stderr`` are ``None``).  It reaches its first window, and its log file has the lines."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ajfar_desk.identity import version
from ajfar_desk.logs import LOG_FILE
from ajfar_desk.paths import APP_NAME
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from ajfar_desk.ui.shell.app_identity import FIRST_WINDOW

ROOT = Path(__file__).resolve().parents[3]
LAUNCHER = ROOT / "tests" / "gui_without_console.py"
WAIT_S = 90  # a loaded 2-core machine; the start takes one to two seconds when it is idle


def start_without_console(tmp_path: Path, data: Path) -> tuple[str, int | None]:
    """Start the program; return its log once the first window is in it, and the exit code
    (None: still running, as it should be: it waits for the user)."""
    state = tmp_path / "state"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(state),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    env.pop("AJFAR_LOG", None)
    log_file = state / APP_NAME / "log" / LOG_FILE
    process = subprocess.Popen([sys.executable, str(LAUNCHER), "--data-dir", str(data)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + WAIT_S
        text = ""
        while time.monotonic() < deadline and process.poll() is None:
            text = log_file.read_text(encoding="utf-8") if log_file.is_file() else ""
            # the version's line is written just after the first window's: read both (the
            # file read between the two lines failed once in CI)
            if FIRST_WINDOW in text and f"{version()}\n" in text:
                break
            time.sleep(0.1)
        return text, process.poll()
    finally:
        process.kill()
        _out, err = process.communicate()
        if err:  # nothing to write to: a line here would have been lost in the windowed build
            print(err.decode(errors="replace"))


@pytest.mark.subprocess
def test_a_new_store_reaches_the_first_run_window_without_a_console(tmp_path):
    log, exit_code = start_without_console(tmp_path, tmp_path / "data")
    assert exit_code is None, log  # it did not stop (a crash on the missing console)
    assert f"{FIRST_WINDOW}: FirstRunDialog" in log, log
    assert "Ajfar Desk starting" in log and f"Ajfar Desk {version()}" in log
    assert "Running upgrade" in log  # other modules' lines (the migrations) reach the file too


@pytest.mark.subprocess
def test_a_set_up_store_reaches_the_sign_in_window_without_a_console(tmp_path):
    data = tmp_path / "data"
    store = Store.open(data)
    setup.init_store(store, "ajfar", None, "admin", "password123")
    store.close()
    log, exit_code = start_without_console(tmp_path, data)
    assert exit_code is None, log
    assert f"{FIRST_WINDOW}: EarlySignInDialog" in log, log
