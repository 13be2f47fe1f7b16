"""The command line run in the test's own process: ``ajfar_desk.cli.main.main(argv)``, its exit
code returned, its output caught, as a ``subprocess.CompletedProcess`` (what ``subprocess.run``
gives with ``text=True``) so a test reads it the same way either way.

A new Python costs 1.1–1.35 s per command (0.6 s of it imports); in this process a command
costs what its work costs.  What only a real process shows (the console script, the encoding of
a pipe, the exit status, a kill) is tested by the few tests marked ``subprocess``.

As for a child process: the environment given is the command's alone, standard input is empty
(not a terminal), and the process's language is what it was before (the command sets its own).
The day's backup that a writing command leaves to a detached child (``services.store.daily_backup``)
is made by the child's own code before the command returns here: no new Python, and no backup
landing at a moment that depends on the machine's load (tests/services/store/test_daily_backup.py starts the
real child).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence

from ajfar_desk import i18n
from ajfar_desk.cli import main as cli
from ajfar_desk.services.store import daily_backup


class _Stream(io.TextIOWrapper):
    """A text stream over bytes (``.buffer`` too, as ``sys.stdout`` has), never a terminal."""

    def __init__(self, data: bytes = b""):
        super().__init__(io.BytesIO(data), encoding="utf-8", errors="strict", newline="\n")

    def isatty(self) -> bool:
        return False

    def text(self) -> str:
        self.flush()
        raw = self.buffer.getvalue().decode("utf-8")
        return raw.replace("\r\n", "\n").replace("\r", "\n")  # as text=True reads a pipe


def backup_now(path, folder, key) -> None:
    """What the detached child does (``daily_backup.child_main``), done here and now (no new
    Python: 0.6-1 s of CPU each, running beside the tests)."""
    daily_backup.child_main({"file": str(path), "folder": str(folder), "key": key})


def run_cli(argv: Sequence[str], env: Mapping[str, str] | None = None,
            unset: Sequence[str] = ()) -> subprocess.CompletedProcess:
    """``ajfar-desk *argv`` in this process, with ``env`` added to the environment and the
    variables named in ``unset`` removed, both only while it runs."""
    argv = [str(a) for a in argv]
    saved_environ = dict(os.environ)
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    start_child = daily_backup.start_child
    language = i18n.current_language()
    out, err = _Stream(), _Stream()
    try:
        for name in unset:
            os.environ.pop(name, None)
        os.environ.update(env or {})
        sys.stdin, sys.stdout, sys.stderr = _Stream(), out, err
        daily_backup.start_child = backup_now
        try:
            code = cli.main(argv)
        except SystemExit as exit_:  # as the interpreter turns it into a status
            code = exit_.code if isinstance(exit_.code, int) else (exit_.code is not None)
            if isinstance(exit_.code, str):
                print(exit_.code, file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        daily_backup.start_child = start_child
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.environ.clear()
        os.environ.update(saved_environ)
        i18n.set_language(language)
    return subprocess.CompletedProcess(["ajfar-desk", *argv], int(code), out.text(), err.text())
