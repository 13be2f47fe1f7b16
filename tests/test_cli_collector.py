"""The program freezes what its start made out of the cycle collector's walks
(``cycles.freeze_start_up``): a command before it runs, the desktop program after its first
window.  A caller that hands ``cli.main`` its own arguments (these tests, a script) keeps its
collector as it set it: the suite's thresholds and frozen objects (tests/conftest.py)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from ajfar_desk.cli import main as cli

SRC = Path(__file__).resolve().parents[1] / "src"

# the program's own command line, then what the collector holds frozen while the command runs
_PROBE = """
import gc, sys
from ajfar_desk.cli import main as cli
sys.argv = ["ajfar-desk", "--data-dir", sys.argv[1], "--lang", "en", "doctor"]
before = gc.get_freeze_count()
cli.main()
print("frozen", before, gc.get_freeze_count())
"""


@pytest.mark.subprocess
def test_a_command_run_as_the_program_freezes_what_its_start_made(tmp_path):
    environ = {**os.environ,
               "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", _PROBE, str(tmp_path / "data")],
                          capture_output=True, text=True, encoding="utf-8", env=environ,
                          stdin=subprocess.DEVNULL, timeout=120)
    line = [x for x in done.stdout.splitlines() if x.startswith("frozen")]
    assert line, done.stderr
    _word, before, after = line[0].split()
    assert int(before) == 0 and int(after) > 50_000  # the imports, the parser, the store's modules


def test_the_desktop_program_freezes_after_its_first_window(monkeypatch):
    ran: list[dict] = []
    app = types.SimpleNamespace(run=lambda *args, **kwargs: ran.append(kwargs) or 0)
    monkeypatch.setattr(cli.importlib, "import_module", lambda _name: app)
    monkeypatch.setattr(sys, "argv", ["ajfar-desk", "--lang", "en"])
    assert cli.main() == 0
    assert cli.main(["--lang", "en"]) == 0
    assert [kwargs.get("freeze") for kwargs in ran] == [True, False]


def test_a_caller_s_own_arguments_leave_its_collector_alone(tmp_path, monkeypatch):
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    before = gc.get_threshold(), gc.isenabled()
    cli.main(["--data-dir", str(tmp_path / "data"), "--lang", "en", "doctor"])
    assert frozen == []  # (gc.freeze, recorded instead of run: the suite's objects stay as set)
    assert (gc.get_threshold(), gc.isenabled()) == before
    monkeypatch.setattr(sys, "argv", ["ajfar-desk", "--data-dir", str(tmp_path / "data"),
                                      "--lang", "en", "doctor"])
    cli.main()  # the same command as the program: frozen (here, only recorded)
    assert frozen == [True]
