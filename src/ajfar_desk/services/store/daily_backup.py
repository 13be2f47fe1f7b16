"""The day's automatic backup, never waited for.

Copying the store takes seconds on a big one (4.5-8.2 s at a million applicants), so nothing
that answers a person makes it inline:

- the window makes it on a worker thread, a few seconds after the main window is painted;
- a command that only reads never makes it; a command that wrote to the store starts it, after
  its work is done, in a detached child process (its own session, no terminal, nothing
  inherited but the key sent through a pipe) and exits without waiting.  Two such children at
  once: the second finds the lock taken, or the day's copy made, and stops.

``python -m ajfar_desk.services.store.daily_backup`` is that child: it reads ``{"file", "folder",
"key"}`` as JSON on standard input and calls ``backup.auto_backup_file``.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import event

from .store import Store

log = logging.getLogger(__name__)
_WRITES = ("insert", "update", "delete", "replace", "create", "drop", "alter")
LOCK_NAME = ".auto-backup.lock"
CHILD_ENV = "AJFAR_DAILY_BACKUP_CHILD"  # set in the child: it never starts another


def watch_writes(store: Store) -> None:
    """From now on ``store.wrote`` says whether a statement that writes was sent to the store."""
    store.wrote = False

    def seen(_conn, _cursor, statement, _params, _context, _many):
        if not store.wrote and statement.lstrip()[:7].lower().startswith(_WRITES):
            store.wrote = True

    event.listen(store.engine, "before_cursor_execute", seen)


def after_command(store: Store) -> subprocess.Popen | None:
    """After a command's work: the day's backup in a detached child if the command wrote and
    the backup is due; None when there is nothing to do (read only, a server store, made today)."""
    from . import backup

    if not getattr(store, "wrote", False) or os.environ.get(CHILD_ENV):
        return None
    try:
        path = store.file
        if path is None or not backup.auto_backup_due(store):  # no file: nothing is due
            return None
        return start_child(path, backup.backups_dir(store), backup._key(store))
    except Exception:  # a backup never makes the command fail: the next command tries again
        log.warning("the daily backup could not be started", exc_info=True)
        return None


def start_child(path: Path, folder: Path, key: str | None) -> subprocess.Popen:
    src = str(Path(__file__).resolve().parents[3])  # the folder holding the ajfar_desk package
    env = {**os.environ, CHILD_ENV: "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    env.pop("AJFAR_PASSPHRASE", None)  # the key comes through the pipe, never the environment
    child = subprocess.Popen(
        [sys.executable, "-m", "ajfar_desk.services.store.daily_backup"], stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        close_fds=True, env=env, cwd=str(folder.parent))
    assert child.stdin is not None
    child.stdin.write(json.dumps({"file": str(path), "folder": str(folder), "key": key}).encode())
    child.stdin.close()
    return child


def child_main(data: dict) -> Path | None:
    """The child's work: the day's backup unless another child holds the lock."""
    from .backup import auto_backup_file

    folder = Path(data["folder"])
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_NAME, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None  # another one is at it
        return auto_backup_file(Path(data["file"]), folder, data.get("key"))


if __name__ == "__main__":
    child_main(json.loads(sys.stdin.buffer.read()))
