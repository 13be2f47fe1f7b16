"""Opening the store: where it lives, its engine (encrypted or not), its schema brought up to
date, and (asked for) the day's automatic backup."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from ...db import import_runs, migrate
from ...db.engine import (
    PASSPHRASE_ENV,
    is_cipher,
    is_encrypted,
    make_engine,
    session_factory,
    sqlite_url,
    url_sqlite_file,
)
from ...db.models import StoreMeta
from ...domain.errors import ValidationError
from ...i18n import _, ngettext
from ...paths import default_data_dir
from .output_files import clean_data_folder

MIN_PASSPHRASE = 8


class PassphraseError(ValidationError):
    """An encrypted store (or backup) without its passphrase, or with a wrong one."""

    def __init__(self, message: str, missing: bool = False):
        super().__init__("passphrase", message)
        self.missing = missing


def wrong_passphrase() -> PassphraseError:
    return PassphraseError(_("Wrong passphrase: the encrypted store cannot be opened with it"))


def missing_passphrase() -> PassphraseError:
    return PassphraseError(
        _("This store is encrypted: give its passphrase (set {env})").format(env=PASSPHRASE_ENV),
        missing=True,
    )


def check_new_passphrase(passphrase: str, repeated: str | None = None) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseError(
            ngettext("The passphrase must be at least {n} character", "The passphrase must be at least {n} characters", MIN_PASSPHRASE).format(n=MIN_PASSPHRASE)
        )
    if repeated is not None and repeated != passphrase:
        raise PassphraseError(_("The two passphrases differ"))


def store_file(data_dir: Path | str | None = None, db_url: str | None = None) -> Path | None:
    """The SQLite file of a store, or None for a server (PostgreSQL) store."""
    data = Path(data_dir) if data_dir else default_data_dir()
    return url_sqlite_file(db_url or sqlite_url(data))


def is_encrypted_store(data_dir: Path | str | None = None, db_url: str | None = None) -> bool:
    path = store_file(data_dir, db_url)
    return path is not None and is_encrypted(path)


def open_engine(url: str, passphrase: str | None = None) -> Engine:
    """The store's engine, its passphrase checked.  An encrypted file needs the passphrase (given,
    else ``$AJFAR_PASSPHRASE``); a new file is created encrypted when a passphrase is given; a
    plain existing file ignores it."""
    path = url_sqlite_file(url)
    if path is None:
        return make_engine(url)
    if is_encrypted(path):
        passphrase = passphrase or os.environ.get(PASSPHRASE_ENV)
        if not passphrase:
            raise missing_passphrase()
    elif path.is_file() and path.stat().st_size > 0:
        passphrase = None
    if passphrase is None:
        return make_engine(url)
    new = not path.is_file() or path.stat().st_size == 0
    engine = make_engine(url, passphrase)
    try:
        with engine.connect() as conn:  # reads page 1: a wrong key fails here
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except DatabaseError:
        engine.dispose()
        raise wrong_passphrase() from None
    if new:  # the file and its salt exist now: later connections take the derived key
        engine.dispose()
        engine = make_engine(url, passphrase)
    return engine


@dataclass
class Store:
    url: str
    data_dir: Path
    engine: Engine
    sessions: sessionmaker[Session]
    migration: migrate.MigrationResult | None = field(default=None)
    wrote: bool = False  # a statement that writes was sent (``daily_backup.watch_writes``)
    # run by ``close`` before the engine goes (``users.anchor_pace``: the audit heads held)
    closing: dict[str, Callable[[], None]] = field(default_factory=dict, repr=False)

    @classmethod
    def open(
        cls,
        data_dir: Path | str | None = None,
        db_url: str | None = None,
        *,
        passphrase: str | None = None,
    ) -> Store:
        """Open (or create) the store; ``passphrase`` for an encrypted one (else from
        ``$AJFAR_PASSPHRASE``).  The day's rotating backup is the caller's (``backup.auto_backup``,
        or ``services.store.daily_backup`` without waiting): the store knows nothing of backups."""
        data = Path(data_dir) if data_dir else default_data_dir()
        data.mkdir(parents=True, exist_ok=True)
        clean_data_folder(data)  # what killed backups, restores and exports left behind
        url = db_url or sqlite_url(data)
        engine = open_engine(url, passphrase)
        result = migrate.upgrade(engine, backup_dir=data / "backups")
        import_runs.recover(engine, data)  # an import killed mid-way leaves nothing of it
        return cls(url, data, engine, session_factory(engine), result)

    @property
    def file(self) -> Path | None:
        """The SQLite file, or None for a server store."""
        return url_sqlite_file(self.url)

    @property
    def encrypted(self) -> bool:
        # asked of the engine, never of the file: reading it would drop SQLite's locks
        return is_cipher(self.engine)

    @contextmanager
    def transaction(self):
        """One unit of work: commits on success, rolls back everything on any error."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self):
        with self.sessions() as session:
            yield session

    def meta(self) -> dict[str, str]:
        with self.reading() as s:
            return {row.key: row.value for row in s.scalars(select(StoreMeta))}

    def close(self) -> None:
        for done in list(self.closing.values()):
            done()
        self.engine.dispose()
