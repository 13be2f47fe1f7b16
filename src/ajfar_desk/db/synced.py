"""What the exchange between nodes carries and how: the synchronised tables (a ``SyncedRow`` or
an append-only table), their exchanged columns (not those that describe this installation
only), and each value as the log and the bundles hold it (``encode``: ids, moments, dates,
amounts and binary data as text) and back (``decode``)."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, lru_cache
from typing import Any, cast

from sqlalchemy import ColumnElement, Date, Integer, LargeBinary, Numeric, Table, Uuid, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import class_mapper
from sqlalchemy.types import NullType, TypeEngine

from .base import Base, SyncedRow, UTCDateTime

LOCAL_ONLY = {  # columns that describe this installation only, never exchanged
    "applicant": {"search_key", "version"},
    "support_request": {"version"},  # each store counts its own saves (lost-update check)
    "issued_document": {"version"},  # as a request's
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
    """``table``'s exchanged columns (sorted, as the log's JSON holds them: its encoder then
    finds them in order), and those of them whose values ``encode`` changes."""
    pairs = sorted(encoders(table), key=lambda pair: pair[0])
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


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # as the log writes a row


def encode_json_rows(table: str, rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """``json.dumps(encode_row(table, row), ensure_ascii=False, sort_keys=True)`` of each row,
    the same text, made column by column: a column whose values repeat (a branch, a date, a
    city, a default) has each distinct value written once as JSON, each row is then joined from
    its columns' pieces (neither a dictionary of encoded values nor a sort of its keys per row)."""
    keys, coded = _encoding(table)  # sorted, as sort_keys orders them
    fns = dict(coded)
    pieces: list[list[str]] = []
    for key in keys:
        fn = fns.get(key)
        values = [row.get(key) for row in rows]
        if fn is not None:
            values = [v if v is None else fn(v) for v in values]
        head = _JSON(key) + ": "
        if len({(v.__class__, v) for v in values[:64]}) > 32:  # ids, names: seldom repeated
            pieces.append([head + _JSON(v) for v in values])
            continue
        done: dict[tuple[type, Any], str] = {}  # (type, value): True and 1 are not one value
        column = []
        for value in values:
            seen = (value.__class__, value)
            piece = done.get(seen)
            if piece is None:
                piece = done[seen] = head + _JSON(value)
            column.append(piece)
        pieces.append(column)
    return ["{" + ", ".join(parts) + "}" for parts in zip(*pieces, strict=True)] if pieces \
        else ["{}"] * len(rows)


def encode_rows(table: str, rows: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
    """Rows read as the values of ``columns(table)`` in order, as the log holds them."""
    keys = tuple(key for key, _fn in encoders(table))  # ``columns(table)``'s order, as the rows
    return _as_logged(rows, keys, [fn for _key, fn in encoders(table)])


def _as_logged(rows: Iterable[Sequence[Any]], keys: tuple[str, ...],
               fns: Sequence[Callable[[Any], Any] | None]) -> list[dict[str, Any]]:
    """Each row (its values in ``keys`` order) as a mapping, each non-None value through its
    column's function (None: kept as it is)."""
    coded = [(i, fn) for i, fn in enumerate(fns) if fn is not None]
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


@cache
def logged_defaults(table: str) -> dict[str, Any]:
    """Each exchanged column's value, as the log holds it, for a row logged where the column did
    not exist yet (a node on an older version, or a change logged before the migration that added
    it): the column's fixed default, as the migration gave the rows already stored; else None."""
    t = synced_tables()[table].__table__
    out: dict[str, Any] = {}
    for name, kind in columns(table).items():
        default = t.c[name].default
        out[name] = encode(kind, default.arg) if default is not None and default.is_scalar else None
    return out


def row_values(table: str, obj: object) -> dict[str, Any]:
    return {k: encode(t, getattr(obj, k)) for k, t in columns(table).items()}


# Values as SQLite stores them, straight from the log's text where its form is the one ``encode``
# writes (else decoded and bound as SQLAlchemy binds them: the same text either way,
# tests/test_synced.py compares the two).
_UTC_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?\+00:00")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_HEX_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _stored(kind: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """Logged value (not None) -> the value the database driver is given, or None: as it is."""
    decode_ = decoder(kind)
    bind = kind.dialect_impl(dialect).bind_processor(dialect)
    if decode_ is None and bind is None:
        return None

    def slow(value: Any) -> Any:
        value = decode_(value) if decode_ is not None else value
        return bind(value) if bind is not None else value

    if dialect.name != "sqlite":
        return slow
    if isinstance(kind, Uuid):
        return lambda v: v.replace("-", "") if _HEX_ID.fullmatch(v) else slow(v)
    if isinstance(kind, UTCDateTime):  # "2026-12-07T11:30:00.000123+00:00" -> "2026-12-07 11:30:00.000123"
        return lambda v: (f"{v[:10]} {v[11:19]}.{v[20:26] if len(v) == 32 else '000000'}"
                          if _UTC_ISO.fullmatch(v) else slow(v))
    if isinstance(kind, Date):
        return lambda v: v if _ISO_DATE.fullmatch(v) else slow(v)
    return slow


_STORERS: dict[tuple[str, str, str], tuple[tuple[str, Callable[[Any], Any]], ...]] = {}


def _storers(table: str, dialect: Dialect) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """(column, its ``_stored``) of ``table``, made once per kind of database (not per engine)."""
    key = (table, dialect.name, dialect.driver)
    if key not in _STORERS:
        pairs = ((name, _stored(kind, dialect)) for name, kind in columns(table).items())
        _STORERS[key] = tuple((name, fn) for name, fn in pairs if fn is not None)
    return _STORERS[key]


def stored_rows(table: str, rows: Iterable[Mapping[str, Any]], dialect: Dialect) -> list[dict[str, Any]]:
    """Logged rows (``encode``'s values) as ``dialect``'s driver is given them: for writing many
    at once without SQLAlchemy binding each value (``many_rows``, ``bound=True``)."""
    convert = _storers(table, dialect)
    out = []
    for row in rows:
        values = dict(row)
        for key, fn in convert:
            value = values.get(key)
            if value is not None:
                values[key] = fn(value)
        out.append(values)
    return out


def stored_values(table: str, rows: Sequence[Mapping[str, Any]], names: Sequence[str],
                  dialect: Dialect) -> list[list[Any]]:
    """``stored_rows``' values as columns, one list for each of ``names`` (given in every row):
    each column converted at once, a value repeated down it (a moment, a date) converted once."""
    convert = dict(_storers(table, dialect))
    kinds = columns(table)
    out = []
    for name in names:
        column = [row[name] for row in rows]
        fn = convert.get(name)
        if fn is not None and isinstance(kinds[name], Uuid):  # ids: seldom repeated
            column = [v if v is None else fn(v) for v in column]
        elif fn is not None:
            done: dict[Any, Any] = {None: None}
            column = [done[v] if v in done else done.setdefault(v, fn(v)) for v in column]
        out.append(column)
    return out


# The other way: values as SQLite holds them, read without SQLAlchemy's processing and written
# as the log holds them (``encode``), where their form is the one SQLAlchemy stores; anything
# else is processed as SQLAlchemy reads it, then encoded.
_STORED_MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}")
_STORED_ID = re.compile(r"[0-9a-f]{32}")


def _moment_logged(v: str) -> str:
    micro = v[20:26]
    return f"{v[:10]}T{v[11:19]}{'' if micro == '000000' else '.' + micro}+00:00"


def _logged(kind: TypeEngine[Any], dialect: Dialect) -> tuple[bool, Callable[[Any], Any] | None]:
    """(read raw, stored value (not None) -> logged value, or None: as it is) for a column."""
    encode_ = encoder(kind)
    if dialect.name != "sqlite" or not isinstance(kind, Uuid | UTCDateTime | Date):
        return False, encode_  # SQLAlchemy processes what it reads; then encoded
    result = kind.dialect_impl(dialect).result_processor(dialect, None)

    def slow(value: Any) -> Any:
        value = result(value) if result is not None else value
        return encode_(value) if encode_ is not None and value is not None else value

    if isinstance(kind, Uuid):
        return True, lambda v: (f"{v[:8]}-{v[8:12]}-{v[12:16]}-{v[16:20]}-{v[20:]}"
                                if type(v) is str and _STORED_ID.fullmatch(v) else slow(v))
    if isinstance(kind, UTCDateTime):
        return True, lambda v: _moment_logged(v) if type(v) is str and _STORED_MOMENT.fullmatch(v) else slow(v)
    return True, lambda v: v if type(v) is str and _ISO_DATE.fullmatch(v) else slow(v)  # a date


_LOGGERS: dict[tuple[str, str, str], tuple[tuple[bool, Callable[[Any], Any] | None], ...]] = {}


def _loggers(table: str, dialect: Dialect) -> tuple[tuple[bool, Callable[[Any], Any] | None], ...]:
    key = (table, dialect.name, dialect.driver)
    if key not in _LOGGERS:
        _LOGGERS[key] = tuple(_logged(kind, dialect) for kind in columns(table).values())
    return _LOGGERS[key]


def stored_columns(table: str, dialect: Dialect) -> list[ColumnElement[Any]]:
    """The exchanged columns of ``table`` to select for ``logged_rows``: read raw where their
    stored text becomes the logged one directly."""
    t = synced_tables()[table].__table__
    return [type_coerce(t.c[name], NullType()) if raw else t.c[name]
            for name, (raw, _fn) in zip(columns(table), _loggers(table, dialect), strict=True)]


def logged_rows(table: str, rows: Iterable[Sequence[Any]], dialect: Dialect) -> list[dict[str, Any]]:
    """Rows selected with ``stored_columns``, as the log holds them (``encode_rows`` does the
    same for rows read through SQLAlchemy's processing, slower)."""
    return _as_logged(rows, tuple(columns(table)), [fn for _raw, fn in _loggers(table, dialect)])
