"""At head office a result's column descriptions are made only when someone reads them.

psycopg builds a ``Column`` for every column of every result each time ``cursor.description``
is read (its name decoded, its type looked up), and SQLAlchemy reads it after every statement.
Yet for a statement found in its compiled cache SQLAlchemy keeps the result's columns it worked
out the first time and only asks whether the statement returned rows at all: a whole request's
twenty-odd statements built some three hundred ``Column`` objects for nothing (a few percent of
a desk's CPU).  ``DescribedCursor.description`` answers that question at once and builds the
columns of the result it was asked about when they are read (``Described``), as psycopg would
have.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, overload

import psycopg
from psycopg import pq

_ROWS = (pq.ExecStatus.TUPLES_OK, pq.ExecStatus.SINGLE_TUPLE, pq.ExecStatus.TUPLES_CHUNK)


class _ResultOf:
    """What psycopg's ``Column`` reads of a cursor, for the result the description was taken
    from (the cursor may have moved on to another one by the time the columns are read)."""

    __slots__ = ("_cursor", "pgresult")

    def __init__(self, cursor: psycopg.Cursor[Any], pgresult: Any) -> None:
        self._cursor, self.pgresult = cursor, pgresult

    @property
    def adapters(self) -> Any:
        return self._cursor.adapters

    @property
    def _encoding(self) -> str:
        return self._cursor._encoding


class Described(Sequence[psycopg.Column]):
    """A result's column descriptions, made the first time one is read."""

    __slots__ = ("_of", "_columns")

    def __init__(self, cursor: psycopg.Cursor[Any], pgresult: Any) -> None:
        self._of: _ResultOf | None = _ResultOf(cursor, pgresult)
        self._columns: list[psycopg.Column] = []

    def _made(self) -> list[psycopg.Column]:
        if self._of is not None:
            of, self._of = self._of, None
            self._columns = [psycopg.Column(of, i)  # type: ignore[arg-type]
                             for i in range(of.pgresult.nfields)]
        return self._columns

    @overload
    def __getitem__(self, index: int) -> psycopg.Column: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[psycopg.Column]: ...

    def __getitem__(self, index: int | slice) -> Any:
        return self._made()[index]

    def __len__(self) -> int:
        return len(self._made())

    def __eq__(self, other: object) -> bool:
        return list(self._made()) == (list(other) if isinstance(other, Sequence) else other)

    def __repr__(self) -> str:
        return repr(self._made())


class DescribedCursor(psycopg.Cursor[Any]):
    """psycopg's cursor whose ``description`` makes the columns when they are read."""

    @property
    def description(self) -> Any:
        res = self.pgresult
        # as psycopg's: columns when the result has some or said it returned rows ("SELECT ;")
        if res is not None and (res.nfields or res.status in _ROWS):
            return Described(self, res)
        return None
