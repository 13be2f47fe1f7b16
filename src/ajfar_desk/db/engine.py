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
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

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


def is_encrypted(path: Path) -> bool:
    """True when the file exists, is not empty and is not a plain SQLite database."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    return bool(head) and head != SQLITE_HEADER


def cipher_key(path: Path, passphrase: str) -> str:
    """What ``PRAGMA key`` is given: for an existing file the raw key followed by the file's salt
    (so a copy made with it has the same salt, and opens with the same passphrase), else the
    passphrase (SQLCipher derives the key for a new file and writes a fresh random salt)."""
    try:
        with open(path, "rb") as fh:
            salt = fh.read(SALT_BYTES)
    except FileNotFoundError:
        salt = b""
    if len(salt) < SALT_BYTES or salt == SQLITE_HEADER:
        return passphrase
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32)
    return f"x'{key.hex()}{salt.hex()}'"


def key_pragma(key: str) -> str:
    return "PRAGMA key = '" + key.replace("'", "''") + "'"


def _quiet_cipher(dbapi_conn) -> None:
    """A wrong key is our clear message, not SQLCipher's log lines on stderr."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA cipher_log_level = NONE")
    cur.close()


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(url: str, passphrase: str | None = None) -> Engine:
    """An engine for ``url``; with a passphrase, a SQLite file is opened (or created) encrypted.
    An encrypted file without one takes ``$AJFAR_PASSPHRASE`` (so read-only tools open it too)."""
    path = url_sqlite_file(url)
    if path is not None and is_encrypted(path):
        passphrase = passphrase or os.environ.get(PASSPHRASE_ENV) or None
    elif path is not None and path.is_file() and path.stat().st_size > 0:
        passphrase = None  # a plain store stays plain
    if passphrase is not None and path is not None:
        cipher_url = URL.create(
            CIPHER_DRIVER, password=cipher_key(path, passphrase), database=str(path)
        )
        # The dialect's default pool is one connection per thread, shared by nested sessions;
        # the plain store's QueuePool keeps them apart.
        engine = create_engine(cipher_url, poolclass=QueuePool)
        event.listen(engine, "connect", lambda conn, _rec: _quiet_cipher(conn), insert=True)
    else:
        engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def is_cipher(engine: Engine) -> bool:
    return engine.url.drivername == CIPHER_DRIVER


def connect_file(path: Path, key: str | None = None):
    """A plain DB-API connection to a SQLite file: sqlcipher3's when a key is given (the key as
    :func:`cipher_key` makes it, or a passphrase), else the standard library's."""
    if key is None:
        return sqlite3.connect(path)
    import sqlcipher3.dbapi2 as sqlcipher

    conn = sqlcipher.connect(str(path))
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
