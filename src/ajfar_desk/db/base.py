"""Declarative base and the columns every synchronisable row carries."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import uuid6
from sqlalchemy import DateTime, Dialect, MetaData, String, TypeDecorator, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> uuid.UUID:
    """A time-ordered UUID (version 7): unique across branches, sortable by creation."""
    return uuid.UUID(int=uuid6.uuid7().int)  # a plain UUID (by its number: no bytes round trip)


_PER_MS = 1 << 12  # ids ``new_ids`` makes in one millisecond, told apart by a 12-bit counter
_LOW = (1 << 62) - 1


def new_ids(n: int) -> list[uuid.UUID]:
    """``n`` ids as ``new_id`` makes them (version 7, in order, after every id made before and
    before every id made after), from one draw of random bits: ``new_id`` asks the system for
    random bits once per id, and that call lets go of the interpreter, so a thread making ids
    beside a busy one (the import's writer) waited for the interpreter after every id.  Each
    millisecond (taken, as ``new_id`` takes it, past the last one used) holds up to 4,096 of
    them in order by a counter (RFC 9562, 6.2 method 1); 62 random bits each."""
    out: list[uuid.UUID] = []
    while len(out) < n:
        count = min(n - len(out), _PER_MS)
        stamp = uuid6.uuid7().int >> 80 << 80  # its millisecond, now used: later ids sort after
        random = int.from_bytes(os.urandom(8 * count), "big")
        out.extend(uuid.UUID(int=stamp | 0x7 << 76 | i << 64 | 0b10 << 62 | (random >> 64 * i) & _LOW)
                   for i in range(count))
    return out


Clock = Callable[[], dt.datetime]  # the time now, UTC-aware
# the clock of the unit of work open in this thread (``AppContext.clock``); None: the real time
_CLOCK: ContextVar[Clock | None] = ContextVar("ajfar_clock", default=None)


def utcnow() -> dt.datetime:
    """Now: the real time, or the clock the open unit of work runs on (the demo's past days)."""
    clock = _CLOCK.get()
    return dt.datetime.now(dt.UTC) if clock is None else clock()


@contextmanager
def clock_in_force(clock: Clock | None) -> Iterator[None]:
    """Within the block, ``utcnow`` (every row's times, the audit entries') reads ``clock``;
    None leaves the clock in force as it is."""
    if clock is None:
        yield
        return
    token = _CLOCK.set(clock)
    try:
        yield
    finally:
        _CLOCK.reset(token)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timestamps are stored in UTC and always come back time-zone aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {uuid.UUID: Uuid, dt.datetime: UTCDateTime}


class SyncedRow:
    """Mixin: global id, originating branch and timestamps, so branches can merge later."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    branch: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
