"""Engine and sessions.  SQLite by default: WAL, foreign keys, synchronous=FULL, so a write the
user saw saved survives a killed process or a power cut.

An encrypted store is a SQLCipher file (``sqlcipher3``, through SQLAlchemy's ``pysqlcipher``
dialect, so its errors are SQLAlchemy's as for plain SQLite).  The passphrase's key is derived
once (PBKDF2-HMAC-SHA512, SQLCipher 4's own derivation over the file's salt) and each pooled
connection is given the raw key: a new connection then costs a millisecond, not the 0.15 s of
SQLCipher's key derivation.  A plain store starts with ``SQLite format 3\\0``; an encrypted one
with its random salt.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import weakref
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry, QueuePool

from . import text_arrays

STORE_FILE = "ajfar-desk.sqlite"
PASSPHRASE_ENV = "AJFAR_PASSPHRASE"
PAGE_SIZE = 4096  # SQLCipher 4's: an encrypted file is a whole number of these
SQLITE_HEADER = b"SQLite format 3\x00"
CIPHER_DRIVER = "sqlite+pysqlcipher"
# SQLCipher 4 defaults: the key is PBKDF2-HMAC-SHA512 of the passphrase over the file's first
# 16 bytes (its salt), 256,000 iterations, 32 bytes.
KDF_ITERATIONS = 256_000
SALT_BYTES = 16


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{Path(data_dir) / STORE_FILE}"


def url_sqlite_file(url: str) -> Path | None:
    """The SQLite file a URL names, or None (in-memory, PostgreSQL...)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


# -- what this process holds --------------------------------------------------------------
# Closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
# included: a store file read with open() while a connection holds it loses the connection's
# locks, and a command run beside it then takes its WAL away.  So the file's head (plain or
# encrypted, and the salt) is read before the first connection of the process and kept, per
# inode, while any connection made by an engine of this module is open.
_HELD: dict[tuple[int, int], tuple[bool, bytes, dict[int, weakref.ref[Engine]]]] = {}
_HELD_LOCK = threading.Lock()


def _inode(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)  # no descriptor: locks untouched
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _held(path: Path) -> tuple[bool, bytes] | None:
    """(encrypted, head) of a file a live connection of this process holds, else None."""
    inode = _inode(path)
    if inode is None:
        return None
    with _HELD_LOCK:
        entry = _HELD.get(inode)
        if entry is None:
            return None
        encrypted, head, conns = entry
        for key in [k for k, ref in conns.items() if ref() is None]:  # engines collected
            del conns[key]
        if not conns:
            del _HELD[inode]
            return None
        return encrypted, head


def holds(path: Path) -> bool:
    """Whether a connection of this process holds ``path`` (then it must not be opened)."""
    return _held(path) is not None


def file_head(path: Path) -> bytes:
    """The file's first bytes (b"" when missing): remembered while a connection holds it."""
    held = _held(path)
    if held is not None:
        return held[1]
    try:
        with open(path, "rb") as fh:
            return fh.read(SALT_BYTES)
    except FileNotFoundError:
        return b""


def is_encrypted(path: Path) -> bool:
    """True when the file exists, is not empty and is not a plain SQLite database."""
    held = _held(path)
    if held is not None:
        return held[0]
    head = file_head(path)
    return bool(head) and head != SQLITE_HEADER


def _track(engine: Engine, path: Path, encrypted: bool, head: bytes) -> None:
    """Count the engine's open connections per inode, with the head read before them."""
    owner = weakref.ref(engine)

    def connected(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        inode = _inode(path)
        if inode is None:
            return
        with _HELD_LOCK:
            entry = _HELD.setdefault(inode, (encrypted, head, {}))
            entry[2][id(dbapi_conn)] = owner

    def closed(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry | None = None) -> None:
        with _HELD_LOCK:
            for inode, (_enc, _head, conns) in list(_HELD.items()):
                if conns.pop(id(dbapi_conn), None) is not None and not conns:
                    del _HELD[inode]

    event.listen(engine, "connect", connected)
    event.listen(engine, "close", closed)
    event.listen(engine, "close_detached", closed)


def cipher_key(path: Path, passphrase: str) -> str:
    """What ``PRAGMA key`` is given: for an existing file the raw key followed by the file's salt
    (so a copy made with it has the same salt, and opens with the same passphrase), else the
    passphrase (SQLCipher derives the key for a new file and writes a fresh random salt)."""
    salt = file_head(path)
    if len(salt) < SALT_BYTES or salt == SQLITE_HEADER:
        return passphrase
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32)
    return f"x'{key.hex()}{salt.hex()}'"


def key_pragma(key: str) -> str:
    return "PRAGMA key = '" + key.replace("'", "''") + "'"


def _quiet_cipher(dbapi_conn: DBAPIConnection | sqlite3.Connection) -> None:
    """A wrong key is our clear message, not SQLCipher's log lines on stderr."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA cipher_log_level = NONE")
    cur.close()


# Every commit waits for the disk (a saved record survives a power cut).  The tests' stores are
# thrown away: their conftest sets OFF, as their PostgreSQL databases set synchronous_commit off.
SQLITE_SYNCHRONOUS = "FULL"


def _sqlite_pragmas(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA synchronous={SQLITE_SYNCHRONOUS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(url: str, passphrase: str | None = None) -> Engine:
    """An engine for ``url``; with a passphrase, a SQLite file is opened (or created) encrypted.
    An encrypted file without one takes ``$AJFAR_PASSPHRASE`` (so read-only tools open it too)."""
    if make_url(url).get_driver_name() == "psycopg":
        # before the dialect is made: it copies psycopg's adapters when it is created
        text_arrays.register_dumper()
    path = url_sqlite_file(url)
    head = file_head(path) if path is not None else b""
    if path is not None and is_encrypted(path):
        passphrase = passphrase or os.environ.get(PASSPHRASE_ENV) or None
    elif head:
        passphrase = None  # a plain store stays plain
    if passphrase is not None and path is not None:
        cipher_url = URL.create(
            CIPHER_DRIVER, password=cipher_key(path, passphrase), database=str(path)
        )
        # The dialect's default pool is one connection per thread, shared by nested sessions;
        # the plain store's QueuePool keeps them apart.
        engine = create_engine(cipher_url, poolclass=QueuePool)
        event.listen(engine, "connect", lambda conn, _rec: _quiet_cipher(conn), insert=True)
    elif make_url(url).get_driver_name() == "psycopg":
        # a result's columns described when read: for a cached statement SQLAlchemy only asks
        # whether there are any (imported here: a SQLite store never loads the driver)
        from .result_columns import DescribedCursor

        engine = create_engine(url, future=True, connect_args={"cursor_factory": DescribedCursor})
    else:
        engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if path is not None:
        _track(engine, path, is_cipher(engine), head)
    return engine


def is_cipher(engine: Engine) -> bool:
    return engine.url.drivername == CIPHER_DRIVER


def connect_file(path: Path, key: str | None = None) -> sqlite3.Connection:
    """A plain DB-API connection to a SQLite file: sqlcipher3's when a key is given (the key as
    :func:`cipher_key` makes it, or a passphrase), else the standard library's."""
    if key is None:
        return sqlite3.connect(path)
    import sqlcipher3.dbapi2 as sqlcipher

    conn: sqlite3.Connection = sqlcipher.connect(str(path))  # sqlcipher3 is sqlite3's API
    _quiet_cipher(conn)
    conn.execute(key_pragma(key))
    return conn


def sqlite_path(engine: Engine) -> Path | None:
    """The store's file, or None for an in-memory or non-SQLite store."""
    if engine.dialect.name != "sqlite":
        return None
    db = engine.url.database
    if not db or db == ":memory:":
        return None
    return Path(db)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
