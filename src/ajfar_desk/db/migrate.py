"""Bring a store to the current schema.  An older SQLite store is copied aside first.

Opening a store that is already current must be quick (it happens at every start): the
store's version is read with one plain query and the newest revision from the migration files'
own ``revision = "…"`` lines, and Alembic (150 ms of imports) is loaded only when the two differ."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from .engine import connect_file, is_cipher, sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"
_REVISION = re.compile(r"""^revision\s*(?::\s*str\s*)?=\s*["']([^"']+)["']""", re.M)
_DOWN = re.compile(r"""^down_revision\s*(?::[^=]+)?=\s*(None|["']([^"']+)["'])\s*$""", re.M)


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def scanned_head() -> str | None:
    """The newest revision, read from the migration files without Alembic: the one revision
    no other names as its ``down_revision`` (None when the files do not say it plainly)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None:
            return None  # written in another form: let Alembic read it
        revisions.add(revision.group(1))
        if down.group(2):
            parents.add(down.group(2))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


@cache
def head_revision() -> str:
    return scanned_head() or _alembic_head()


def known_revision(revision: str) -> bool:
    """Whether this program's migrations know ``revision`` (else a newer program wrote it)."""
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except Exception:  # alembic raises its own errors for an unknown or malformed revision
        return False


def current_revision(engine: Engine) -> str | None:
    """The store's schema version, by one plain query (None: a new, empty store)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        versions = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(versions) > 1:  # branches merged by hand: Alembic says which is current (or why not)
        from alembic.runtime.migration import MigrationContext

        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    return versions[0] if versions else None


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
    from alembic import command

    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return MigrationResult(before, head, backup)
