"""Bring a store to the current schema.  An older SQLite store is copied aside first."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from .engine import connect_file, is_cipher, sqlite_path

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revision(revision: str) -> bool:
    """Whether this program's migrations know ``revision`` (else a newer program wrote it)."""
    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except Exception:  # alembic raises its own errors for an unknown or malformed revision
        return False


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # a folder cannot be fsynced on every system
        pass
    finally:
        os.close(fd)


def copy_sqlite(db_file: Path, target: Path, key: str | None = None) -> Path:
    """A consistent copy of a live SQLite store (the online backup API: WAL included, writers go
    on meanwhile) as one self-contained file.  It is written beside ``target`` and renamed into
    place only once complete and on disk, so ``target`` is never half a copy.  With ``key`` (see
    ``engine.cipher_key``) the store is read through SQLCipher and the copy is encrypted with the
    same key and salt: it opens with the same passphrase."""
    if not db_file.is_file():
        raise FileNotFoundError(2, os.strerror(2), str(db_file))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        src = connect_file(db_file, key)
        try:
            dst = connect_file(tmp, key)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # no -wal beside the copy
            finally:
                dst.close()
        finally:
            src.close()
        fsync_path(tmp)
        os.replace(tmp, target)
        fsync_path(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def backup_name(backup_dir: Path, stem: str, label: str, when: dt.datetime | None = None) -> Path:
    """``<stem>-<label>-<YYYYmmdd-HHMMSS>.sqlite`` in ``backup_dir``, not clashing with another."""
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{stem}-{label}-{stamp}.sqlite"
    n = 1
    while target.exists():
        n += 1
        target = backup_dir / f"{stem}-{label}-{stamp}-{n}.sqlite"
    return target


def backup_sqlite(db_file: Path, backup_dir: Path, label: str, key: str | None = None) -> Path:
    """A consistent copy of a live SQLite store into ``backup_dir`` (see :func:`copy_sqlite`)."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    return copy_sqlite(db_file, backup_name(backup_dir, db_file.stem, label), key)


def upgrade(engine: Engine, backup_dir: Path | None = None, keep_copy: bool = True) -> MigrationResult:
    """Migrate to the latest schema; an existing SQLite store is first copied into
    ``backup_dir`` (unless ``keep_copy`` is False: the caller holds a copy already)."""
    before = current_revision(engine)
    head = head_revision()
    backup = None
    if before == head:
        return MigrationResult(before, head, None)
    db_file = sqlite_path(engine)
    if keep_copy and before is not None and db_file is not None and db_file.exists():
        key = engine.url.password if is_cipher(engine) else None
        folder = backup_dir or db_file.parent / "backups"
        backup = backup_sqlite(db_file, folder, f"before-{head}", key)
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return MigrationResult(before, head, backup)
