"""The program's log: a rotating file in the platform's log folder, and stderr when there is one.

An installed program started from its icon has no console: ``sys.stderr`` is ``None`` there (a
windowed build on Windows), so the file is where its log lines go.  The folder is
``platformdirs.user_log_dir`` for the program (``~/.local/state/AjfarDesk/log`` on Linux,
``%LOCALAPPDATA%\\AjfarDesk\\Logs`` on Windows); the file grows to ``MAX_BYTES`` and is kept with
``BACKUPS`` older ones.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

import platformdirs

from .paths import APP_NAME

LOG_FILE = "ajfar-desk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_OURS = "_ajfar_desk_handler"  # set on the handlers installed here (replaced on a second call)
_current: Path | None = None


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_file() -> Path | None:
    """The file the log is written to (None: logging was not set up, or the folder could not
    be written)."""
    return _current


def setup_logging(level: int | str = logging.INFO, directory: Path | None = None) -> Path | None:
    """Send the root logger to the log file (and to stderr when there is one); return the file.

    Called again (a test, a second start in one process), it replaces what it installed."""
    global _current
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = []
    problem: OSError | None = None
    path: Path | None = (directory or log_dir()) / LOG_FILE
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"))
    except OSError as exc:  # a read-only profile: the program still runs
        problem, path = exc, None
    if sys.stderr is not None:
        handlers.append(logging.StreamHandler(sys.stderr))
    if not handlers:  # no file, no console: nothing to write to, and nothing may fail
        handlers.append(logging.NullHandler())
    for handler in handlers:
        handler.setFormatter(formatter)
        setattr(handler, _OURS, True)
        root.addHandler(handler)
    logging.captureWarnings(True)
    _current = path
    if problem is not None:
        logging.getLogger(__name__).warning("no log file: %s", problem)
    return path
