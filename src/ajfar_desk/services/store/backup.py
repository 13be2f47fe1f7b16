"""Backups of a SQLite store: on demand, automatic and rotating, and restore.

A backup is SQLite's online backup of the live store (``migrate.copy_sqlite``): consistent, the
store stays usable meanwhile, one self-contained file, encrypted with the store's key when the
store is.  Automatic backups go to ``DATA/backups/`` at most once per ``AUTO_PERIOD`` when the
store is opened; the last ``AUTO_KEEP`` are kept, and the copies made before a migration or a
restore are never deleted.

A restore checks the file is a store of this program (SQLite integrity check, a schema version
this program knows, the passphrase if encrypted) on a copy beside the store, migrates that copy
if it is older, keeps the current store as ``ajfar-desk.sqlite.before-restore-<time>`` and only
then renames the copy into place: at every moment the store's path holds a whole store.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ...db import migrate
from ...db.engine import (
    PAGE_SIZE,
    STORE_FILE,
    cipher_key,
    connect_file,
    is_cipher,
    is_encrypted,
    make_engine,
)
from ...domain.errors import ValidationError
from ...i18n import _
from ..users.audit_anchor import OWN_FILE, beside, restored, write_beside
from .output_files import safe_output
from .store import PASSPHRASE_ENV, PassphraseError, Store, wrong_passphrase

AUTO_PERIOD = dt.timedelta(days=1)
AUTO_KEEP = 7
AUTO_LABEL = "auto"
STAMP = "%Y%m%d-%H%M%S"
_AUTO_RE = re.compile(r"-auto-(\d{8}-\d{6})(?:-\d+)?\.sqlite$")

try:  # both drivers' errors: the standard library's and SQLCipher's
    from sqlcipher3.dbapi2 import Error as _CipherError
except ImportError:  # pragma: no cover - sqlcipher3 is a dependency
    _CipherError = sqlite3.Error
DB_ERRORS = (sqlite3.Error, _CipherError)


class BackupError(ValidationError):
    """A backup that cannot be made or restored; ``message`` is in the user's language."""

    def __init__(self, message: str):
        super().__init__("backup", message)


@dataclass(frozen=True)
class BackupInfo:
    """What a checked backup holds (shown before a restore)."""

    path: Path
    encrypted: bool
    revision: str
    association: str
    branch: str
    applicants: int
    requests: int


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    store: Path
    kept_aside: Path | None  # the store that was replaced, never deleted
    migration: migrate.MigrationResult | None = field(default=None)


def pg_dump_message(url: str) -> str:
    return _(
        "This store is on a database server ({url}): back it up with the server's tools, "
        "e.g. pg_dump --format=custom --file FILE DBNAME, and restore with pg_restore"
    ).format(url=url.split("@")[-1])


def _file_of(store: Store) -> Path:
    path = store.file
    if path is None:
        raise BackupError(pg_dump_message(store.url))
    return path


def _key(store: Store) -> str | None:
    return store.engine.url.password if is_cipher(store.engine) else None


def backup(store: Store, out_path: Path | str) -> Path:
    """A consistent copy of the open store at ``out_path`` (a folder: a dated name in it)."""
    path = _file_of(store)
    out = safe_output(out_path, store, folder_ok=True)
    if out.is_dir():
        return _anchored(store, migrate.backup_sqlite(path, out, "backup", _key(store)))
    if out.resolve() == path.resolve():
        raise BackupError(_("The backup cannot overwrite the store itself"))
    return _anchored(store, migrate.copy_sqlite(path, out, _key(store)))


def _anchored(store: Store, made: Path) -> Path:
    """The audit chains' heads, signed, beside the backup (``audit_anchor``)."""
    write_beside(store, made)
    return made


def backups_dir(store: Store) -> Path:
    return store.data_dir / "backups"


def auto_backups(folder: Path, stem: str = Path(STORE_FILE).stem) -> list[Path]:
    """The automatic backups in ``folder``, oldest first."""
    found = []
    for path in folder.glob(f"{stem}-{AUTO_LABEL}-*.sqlite") if folder.is_dir() else ():
        match = _AUTO_RE.search(path.name)
        if match:
            found.append((match.group(1), path.name, path))
    return [path for _stamp, _name, path in sorted(found)]


def _stamp_of(path: Path) -> dt.datetime:
    match = _AUTO_RE.search(path.name)
    assert match is not None
    return dt.datetime.strptime(match.group(1), STAMP)


def _has_data(store: Store) -> bool:
    try:
        return bool(store.meta())
    except Exception:  # an empty or foreign schema: nothing worth a daily copy
        return False


def auto_backup(store: Store, now: dt.datetime | None = None, keep: int = AUTO_KEEP) -> Path | None:
    """The period's automatic backup, if it is due; then only the last ``keep`` are kept."""
    path = store.file
    if path is None or not path.is_file() or not _has_data(store):
        return None
    return auto_backup_file(path, backups_dir(store), _key(store), now, keep, store)


def auto_backup_due(store: Store, now: dt.datetime | None = None) -> bool:
    """Is the period's automatic backup still to be made?  (A folder listing: cheap.)"""
    path = store.file
    if path is None or not path.is_file():
        return False
    existing = auto_backups(backups_dir(store), path.stem)
    return not existing or (now or dt.datetime.now()) - _stamp_of(existing[-1]) >= AUTO_PERIOD


def auto_backup_file(path: Path, folder: Path, key: str | None, now: dt.datetime | None = None,
                     keep: int = AUTO_KEEP, store: Store | None = None) -> Path | None:
    """``auto_backup`` of the store file ``path`` (``key``: its SQLCipher key), for a process
    that has not opened the store (the detached child of ``services.store.daily_backup``)."""
    now = now or dt.datetime.now()
    existing = auto_backups(folder, path.stem)
    if existing and now - _stamp_of(existing[-1]) < AUTO_PERIOD:
        return None
    target = migrate.backup_name(folder, path.stem, AUTO_LABEL, now)
    made = migrate.copy_sqlite(path, target, key)
    if store is not None:
        _anchored(store, made)
    else:  # no store open here: the desk's own anchor file holds its signed heads
        own = path.parent / OWN_FILE
        if own.is_file():
            shutil.copyfile(own, beside(made))
    for old in auto_backups(folder, path.stem)[:-keep]:
        old.unlink(missing_ok=True)
        old.with_name(old.name + ".anchor.json").unlink(missing_ok=True)
    return made


# -- restore -------------------------------------------------------------------------------


def _backup_key(backup_file: Path, passphrase: str | None) -> str | None:
    if not is_encrypted(backup_file):
        return None
    size = backup_file.stat().st_size
    if size < PAGE_SIZE or size % PAGE_SIZE:  # neither SQLite nor a whole SQLCipher file
        raise _not_a_store(backup_file, _("truncated or not a database"))
    passphrase = passphrase or os.environ.get(PASSPHRASE_ENV)
    if not passphrase:
        raise PassphraseError(
            _("This backup is encrypted: give its passphrase (--passphrase-file or {env})").format(
                env=PASSPHRASE_ENV
            ),
            missing=True,
        )
    return cipher_key(backup_file, passphrase)


def _not_a_store(path: Path, detail: str = "") -> BackupError:
    message = _("{path} is not a usable store of this program (damaged or another kind of file)")
    return BackupError(message.format(path=path) + (f": {detail}" if detail else ""))


def _check_copy(copy: Path, key: str | None, source: Path) -> BackupInfo:
    """Integrity, schema version, contents of the copied backup."""
    conn = connect_file(copy, key)
    try:
        try:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        except DB_ERRORS as exc:
            if key is not None and "not a database" in str(exc):
                raise wrong_passphrase() from None
            raise _not_a_store(source, str(exc)) from None
        if problems != ["ok"]:
            raise _not_a_store(source, "; ".join(map(str, problems[:3])))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"alembic_version", "store_meta", "applicant"} <= tables:
            raise _not_a_store(source)
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or not migrate.known_revision(revision[0]):
            raise BackupError(
                _("{path} was made by a newer version of this program; update it first").format(
                    path=source
                )
            )
        meta = dict(conn.execute("SELECT key, value FROM store_meta").fetchall())
        count = lambda table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
        requests = count("support_request") if "support_request" in tables else 0
        return BackupInfo(
            source,
            key is not None,
            revision[0],
            meta.get("association", ""),
            meta.get("branch", ""),
            count("applicant"),
            requests,
        )
    finally:
        conn.close()


def check_backup(backup_file: Path | str, passphrase: str | None = None) -> BackupInfo:
    """Check a backup without restoring it (on a temporary copy, removed afterwards)."""
    source = Path(backup_file)
    scratch = source.parent if os.access(source.parent, os.W_OK) else Path.cwd()
    copy, info = _copy_and_check(source, scratch, passphrase)
    copy.unlink(missing_ok=True)
    return info


def _copy_and_check(source: Path, folder: Path, passphrase: str | None) -> tuple[Path, BackupInfo]:
    if not source.is_file():
        raise BackupError(_("No such backup file: {path}").format(path=source))
    key = _backup_key(source, passphrase)
    copy = folder / f".{STORE_FILE}.restore-{os.getpid()}"
    try:
        try:
            migrate.copy_sqlite(source, copy, key)
        except DB_ERRORS as exc:
            if key is not None and "not a database" in str(exc):
                raise wrong_passphrase() from None
            raise _not_a_store(source, str(exc)) from None
        return copy, _check_copy(copy, key, source)
    except BaseException:
        copy.unlink(missing_ok=True)
        raise


def _migrate_copy(copy: Path, passphrase: str | None, key: str | None) -> migrate.MigrationResult:
    if key is not None:
        passphrase = passphrase or os.environ.get(PASSPHRASE_ENV)
    engine = make_engine(f"sqlite:///{copy}", passphrase if key is not None else None)
    try:
        result = migrate.upgrade(engine, keep_copy=False)  # the backup itself is the old copy
    finally:
        engine.dispose()
    conn = connect_file(copy, key)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")  # everything in the one file before the rename
    finally:
        conn.close()
    return result


def _set_aside(current: Path, passphrase: str | None) -> Path:
    """Keep the current store (WAL folded in) as ``<name>.before-restore-<time>``."""
    wal = current.with_name(current.name + "-wal")
    if wal.exists():
        try:
            if is_encrypted(current):
                passphrase = passphrase or os.environ.get(PASSPHRASE_ENV) or ""
                conn = connect_file(current, cipher_key(current, passphrase))
            else:
                conn = connect_file(current)
            conn.execute("PRAGMA busy_timeout=2000")
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            conn.close()
        except DB_ERRORS:
            mode = "wal"
        if mode != "delete":
            raise BackupError(
                _("The store is in use (is the program open?) or cannot be read; close it first")
            )
    stamp = dt.datetime.now().strftime(STAMP)
    aside = current.with_name(f"{current.name}.before-restore-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = current.with_name(f"{current.name}.before-restore-{stamp}-{n}")
    try:
        os.link(current, aside)  # the same bytes under a second name, instantly
    except OSError:
        shutil.copy2(current, aside)
        migrate.fsync_path(aside)
    return aside


def restore(
    backup_file: Path | str,
    data_dir: Path | str,
    passphrase: str | None = None,
    confirm: Callable[[BackupInfo], bool] | None = None,
) -> RestoreResult | None:
    """Replace the store in ``data_dir`` with a checked backup; None when ``confirm`` says no.

    Any refusal (not a store, damaged, wrong passphrase, store in use) leaves the store as it was.
    """
    data = Path(data_dir)
    data.mkdir(parents=True, exist_ok=True)
    current = data / STORE_FILE
    copy, info = _copy_and_check(Path(backup_file), data, passphrase)
    try:
        if confirm is not None and not confirm(info):
            copy.unlink(missing_ok=True)
            return None
        key = _backup_key(Path(backup_file), passphrase)
        result = _migrate_copy(copy, passphrase, key)
        migrate.fsync_path(copy)
        aside = _set_aside(current, passphrase) if current.exists() else None
        for leftover in (current.with_name(current.name + "-shm"),):
            leftover.unlink(missing_ok=True)
        os.replace(copy, current)
        migrate.fsync_path(data)
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    restored(data, Path(backup_file))  # the desk's anchor now is the backup's
    return RestoreResult(info, current, aside, result)
