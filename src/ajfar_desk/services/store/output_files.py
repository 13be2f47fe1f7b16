"""Files the program writes for people (papers, reports, exports, bundles, backups).

- :func:`safe_output` refuses a path that is one of the data folder's store files (the store,
  its ``-wal``/``-shm``/``-journal``, the copies kept beside it, the backups), through links too,
  before any work is done.
- :func:`atomic_output` / :func:`write_atomic`: a temporary file *beside the target* (hidden,
  named after it and the writing process), fsynced and renamed into place; removed on failure.
  Nothing goes to the system's temporary folder, where names and IDs would outlive the run.
- :func:`write_opened_first`: the target opened before its content is made (a file that the
  making changes the store for, such as an invitation), removed when the making fails.
- :func:`spreadsheet_temps`: openpyxl's own temporary files (one per sheet, normally in
  ``/tmp``) are made beside the target as well, and removed whatever happens.
- :func:`clean_stale`: temporary files left by a killed process (a backup, a restore, an
  export) are removed at the next start (the data folder) or the next write (the target's).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from ...db.engine import STORE_FILE, holds
from ...db.migrate import fsync_path
from ...domain.errors import ValidationError
from ...i18n import _


class _StoreFiles(Protocol):
    """What ``safe_output`` reads of a store (``store.Store`` is one): a protocol, so this module,
    which the store opens with, does not import it back."""

    data_dir: Path

    @property
    def file(self) -> Path | None: ...

BACKUPS = "backups"
SIDECARS = ("", "-wal", "-shm", "-journal")
# .<target name>.<pid>-<8 hex>.tmp[.ext]: ours; .<name>.<pid>.tmp: a backup's copy;
# .<store>.restore-<pid>: a restore's copy.
_OURS = re.compile(r"^\..+\.(\d+)-[0-9a-f]{8}\.tmp(?:\.[A-Za-z0-9]+)?$")
_STALE = (_OURS, re.compile(r"^\..+\.(\d+)\.tmp$"), re.compile(r"^\..+\.restore-(\d+)$"))
# .pending-output.<pid>-<8 hex> in the data folder names the folder an export is writing to,
# so what a killed export left beside its target is found at the next start.
_PENDING = re.compile(r"^\.pending-output\.(\d+)-[0-9a-f]{8}$")
STALE_AGE = dt.timedelta(days=1)  # where a process cannot be asked whether it still runs


def temp_name(target: Path, pid: int | None = None, suffix: str | None = None) -> str:
    """The hidden name of a temporary file for ``target``, in the target's folder."""
    ext = target.suffix if suffix is None else suffix
    return f".{target.name}.{pid or os.getpid()}-{secrets.token_hex(4)}.tmp{ext}"


def _alive(pid: int, path: Path) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # os.kill would end the process on Windows: go by age instead
        try:
            age = dt.datetime.now().timestamp() - path.stat().st_mtime
        except OSError:
            return True
        return age < STALE_AGE.total_seconds()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def clean_stale(folder: Path, patterns=_STALE) -> list[Path]:
    """Remove the temporary files in ``folder`` whose process is gone; the removed paths."""
    removed: list[Path] = []
    try:
        names = [e.name for e in os.scandir(folder) if e.name.startswith(".") and e.is_file()]
    except OSError:
        return removed
    for name in names:
        match = next((m for p in patterns if (m := p.match(name))), None)
        path = folder / name
        if match and not _alive(int(match.group(1)), path):
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed


def clean_data_folder(data_dir: Path) -> list[Path]:
    """At start: what killed backups, restores and exports left in the data folder, and what
    killed exports left beside their targets."""
    data = Path(data_dir)
    removed = []
    try:
        markers = [data / n for n in os.listdir(data) if _PENDING.match(n)]
    except OSError:
        markers = []
    for marker in markers:
        pid = _PENDING.match(marker.name)  # every marker matched above
        if pid is None or _alive(int(pid.group(1)), marker):
            continue
        try:
            folder = Path(marker.read_text(encoding="utf-8").strip())
            removed += clean_stale(folder, (_OURS,))
            marker.unlink()
        except (OSError, ValueError):
            pass
    return removed + clean_stale(data) + clean_stale(data / BACKUPS)


# -- never the store --------------------------------------------------------------------------


def _held_store_file(path: Path) -> bool:
    """A store this process has open (whichever folder), or its -wal/-shm/-journal."""
    for suffix in SIDECARS:
        stem = path.name[: len(path.name) - len(suffix)]
        if path.name.endswith(suffix) and stem and holds(path.with_name(stem)):
            return True
    return False


def _protected(path: Path, data_dir: Path | None, db_file: Path | None) -> bool:
    if _held_store_file(path):
        return True
    if data_dir is None:
        return False
    resolved = path.resolve()
    stores = {(data_dir / STORE_FILE).resolve()}
    if db_file is not None:
        stores.add(db_file.resolve())
    for store in stores:
        if resolved.parent == store.parent and resolved.name.startswith(store.name):
            return True  # the store, its -wal/-shm/-journal, the copies kept beside it
        for suffix in SIDECARS:
            other = store.with_name(store.name + suffix)
            try:
                if path.exists() and other.exists() and os.path.samefile(path, other):
                    return True  # a hard link
            except OSError:
                pass
    backups = (data_dir / BACKUPS).resolve()
    return resolved.parent == backups and path.exists()


def safe_output(
    path: Path | str,
    where: _StoreFiles | Path | str | None = None,
    *,
    db_file: Path | None = None,
    option: str = "--out",
    field: str = "out",
    folder_ok: bool = False,
) -> Path:
    """``path`` as a file to write, checked: never a store file of ``where`` (a store, or a data
    folder and its ``db_file``; without it, any store this process has open), never a folder
    unless ``folder_ok``.  A ValidationError names
    ``field``; its message names the path and ``option``."""
    path = Path(path)
    data_dir: Path | None
    if where is None or isinstance(where, str | Path):
        data_dir = None if where is None else Path(where)
    else:
        data_dir, db_file = Path(where.data_dir), where.file
    if _protected(path, data_dir, db_file):
        raise ValidationError(
            field,
            _("{option} {path} is one of the data store's files; choose another file").format(
                option=option, path=path
            ),
        )
    if path.is_dir() and not folder_ok:
        raise ValidationError(
            field,
            _("{option} {path} is a folder; give a file name").format(option=option, path=path),
        )
    return path


# -- whole or nothing ---------------------------------------------------------------------------


def _fsync(path: Path) -> None:
    try:
        fsync_path(path)
    except OSError:  # gone or unreadable: nothing to make durable
        return


@contextmanager
def atomic_output(target: Path | str, data_dir: Path | None = None) -> Iterator[Path]:
    """A temporary path beside ``target`` to write; renamed onto ``target`` when the block ends
    without error, removed when it fails.  With ``data_dir``, a note there names the target's
    folder while the block runs, so a killed process's leftovers are removed at the next start."""
    target = Path(target)
    clean_stale(target.parent, (_OURS,))
    tmp = target.with_name(temp_name(target))
    marker = None
    if data_dir is not None:
        marker = Path(data_dir) / f".pending-output.{os.getpid()}-{secrets.token_hex(4)}"
        marker.write_text(str(target.parent.resolve()), encoding="utf-8")
    try:
        yield tmp
        _fsync(tmp)
        os.replace(tmp, target)
        _fsync(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if marker is not None:
            marker.unlink(missing_ok=True)


def write_atomic(target: Path | str, data: bytes) -> Path:
    with atomic_output(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def write_opened_first(path: Path, make: Callable[[], bytes]) -> Path:
    """Open ``path`` before ``make`` runs (a folder that cannot be written is said before the
    store changes), then write what ``make`` returns; nothing is left behind on a refusal."""
    try:
        out = path.open("wb")
    except OSError as exc:
        raise ValidationError("out", _("Cannot write {path}: {error}").format(
            path=path, error=exc.strerror or exc)) from exc
    try:
        with out:
            out.write(make())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


# -- openpyxl's temporary files ------------------------------------------------------------------

_beside = threading.local()
_HOOK_LOCK = threading.Lock()


def _install_hook() -> None:
    """openpyxl makes one temporary file per sheet with ``create_temporary_file``; in a thread
    inside :func:`spreadsheet_temps` it is made beside the target instead."""
    from openpyxl.worksheet import _writer

    with _HOOK_LOCK:
        if getattr(_writer.create_temporary_file, "_ajfar", False):
            return
        original = _writer.create_temporary_file

        def create_temporary_file(suffix=""):
            target = getattr(_beside, "target", None)
            if target is None:
                return original(suffix)
            path = target.with_name(temp_name(target, suffix=suffix or ".xml"))
            path.touch(exist_ok=False)
            _beside.made.append(path)
            _writer.ALL_TEMP_FILES.append(str(path))
            return str(path)

        create_temporary_file._ajfar = True  # type: ignore[attr-defined]
        _writer.create_temporary_file = create_temporary_file


@contextmanager
def spreadsheet_temps(target: Path | str) -> Iterator[None]:
    """openpyxl's temporary files, while the block runs in this thread, beside ``target``;
    any still there at its end are removed."""
    from openpyxl.worksheet import _writer

    _install_hook()
    _beside.target, _beside.made = Path(target), []
    try:
        yield
    finally:
        for path in _beside.made:
            path.unlink(missing_ok=True)
            if str(path) in _writer.ALL_TEMP_FILES:
                _writer.ALL_TEMP_FILES.remove(str(path))
        _beside.target, _beside.made = None, []


def workbook_bytes(book) -> bytes:
    """An openpyxl workbook (not write-only) saved in memory: no temporary file anywhere."""
    import io
    import zipfile

    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter

    class InMemory(ExcelWriter):
        def write_worksheet(self, ws):
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            writer = WorksheetWriter(ws, out=io.BytesIO())
            writer.write()
            ws._rels = writer._rels
            self._archive.writestr(ws.path[1:], writer.read())
            self.manifest.append(ws)

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        InMemory(book, archive).write_data()
    return out.getvalue()
