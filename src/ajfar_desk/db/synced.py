"""What the exchange between nodes carries and how: the synchronised tables (a ``SyncedRow`` or
an append-only table), their exchanged columns (not those that describe this installation
only), and each value as the log and the bundles hold it (``encode``: ids, moments, dates,
amounts and binary data as text) and back (``decode``)."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, lru_cache
from typing import Any, cast

from sqlalchemy import Date, Integer, LargeBinary, Numeric, Table, Uuid
from sqlalchemy.orm import class_mapper
from sqlalchemy.types import TypeEngine

from .base import Base, SyncedRow, UTCDateTime

LOCAL_ONLY = {  # columns that describe this installation only, never exchanged
    "applicant": {"search_key", "version"},
    "support_request": {"version"},  # each store counts its own saves (lost-update check)
    "app_user": {"failed_attempts", "locked_until"},
}
APPEND_ONLY = {"audit_log"}  # rows only ever added, never changed: united, no clocks per field


def table_of(model: type[object]) -> Table:
    """The Table of a mapped class (a declarative class with ``__tablename__`` always has one)."""
    return cast(Table, class_mapper(model).local_table)


@cache
def synced_tables() -> dict[str, type[Base]]:
    """Table name -> mapped class, for every table exchanged between nodes."""
    from . import models  # noqa: F401 - every table registered

    out: dict[str, type[Base]] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, SyncedRow) or cls.__tablename__ in APPEND_ONLY:
            out[cls.__tablename__] = cls
    return out


@cache
def columns(table: str) -> dict[str, TypeEngine[Any]]:
    """Exchanged column name -> its SQLAlchemy type."""
    cls = synced_tables()[table]
    skip = LOCAL_ONLY.get(table, set())
    return {c.key: c.type for c in cls.__table__.columns if c.key not in skip}


def encode(kind: TypeEngine[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(kind, Uuid):
        return str(value)
    if isinstance(kind, UTCDateTime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(kind, Date):
        return value.isoformat()
    if isinstance(kind, Numeric):
        return str(value)
    if isinstance(kind, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    return value


@lru_cache(maxsize=256)
def _utc_iso(value: dt.datetime) -> str:
    """A timestamp as ``encode`` writes it (kept: a bulk write gives every row the same ones)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat()


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def encoder(kind: TypeEngine[Any]) -> Callable[[Any], Any] | None:
    """``encode`` for one column type, chosen once: a function of a non-None value, or None
    where the value is logged as it is (text, numbers).  For encoding many rows."""
    choices: tuple[tuple[type[TypeEngine[Any]], Callable[[Any], Any]], ...] = (
        (Uuid, str), (UTCDateTime, _utc_iso), (Date, dt.date.isoformat), (Numeric, str),
        (LargeBinary, _b64))
    for base, fn in choices:
        if isinstance(kind, base):
            return fn
    return None


@cache
def encoders(table: str) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    """(column, its ``encoder``) for every exchanged column of ``table``."""
    return tuple((key, encoder(kind)) for key, kind in columns(table).items())


@cache
def _encoding(table: str) -> tuple[tuple[str, ...], tuple[tuple[str, Callable[[Any], Any]], ...]]:
    """``table``'s exchanged columns, and those of them whose values ``encode`` changes."""
    pairs = encoders(table)
    return tuple(k for k, _fn in pairs), tuple((k, fn) for k, fn in pairs if fn is not None)


def encode_row(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A row given as a mapping (column -> value), as the log holds it (``encode`` per column)."""
    keys, coded = _encoding(table)
    out = {key: row.get(key) for key in keys}
    for key, fn in coded:
        value = out[key]
        if value is not None:
            out[key] = fn(value)
    return out


def encode_rows(table: str, rows: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
    """Rows read as the values of ``columns(table)`` in order, as the log holds them."""
    keys, _coded = _encoding(table)
    coded = [(i, fn) for i, (_key, fn) in enumerate(encoders(table)) if fn is not None]
    out = []
    for row in rows:
        values = list(row)
        for i, fn in coded:
            value = values[i]
            if value is not None:
                values[i] = fn(value)
        out.append(dict(zip(keys, values, strict=True)))
    return out


def decode(kind: TypeEngine[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(kind, Uuid):
        return uuid.UUID(value)
    if isinstance(kind, UTCDateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(value)
    if isinstance(kind, Numeric):
        return decimal.Decimal(value)
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    if isinstance(kind, Integer) and isinstance(value, bool):
        return int(value)
    return value


def _int(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


def decoder(kind: TypeEngine[Any]) -> Callable[[Any], Any] | None:
    """``decode`` for one column type, chosen once: a function of a non-None value, or None
    where the value is stored as received (text, numbers).  For decoding many rows."""
    choices: tuple[tuple[type[TypeEngine[Any]], Callable[[Any], Any]], ...] = (
        (Uuid, uuid.UUID), (UTCDateTime, dt.datetime.fromisoformat),
        (Date, dt.date.fromisoformat), (Numeric, decimal.Decimal),
        (LargeBinary, base64.b64decode), (Integer, _int))
    for base, fn in choices:
        if isinstance(kind, base):
            return fn
    return None


def row_values(table: str, obj: object) -> dict[str, Any]:
    return {k: encode(t, getattr(obj, k)) for k, t in columns(table).items()}
