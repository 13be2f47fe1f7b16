"""A column of text values sent to PostgreSQL as one array parameter in binary form.

psycopg sends a plain list of strings as an array literal in text form, escaping every quote
and backslash of every element with a regular expression whose replacement is expanded in
Python once per match: the change log's JSON data (quotes around every key and value) cost a
desk ~7% of its CPU there, at every save.  In binary form each element is its UTF-8 bytes with a
length, nothing escaped.  SQLAlchemy's ``ARRAY`` copies a value into a plain list before the
driver sees it, so the parameter's type here passes the value through as it is."""

from __future__ import annotations

import struct
from functools import cache
from typing import Any

from sqlalchemy.types import UserDefinedType


class TextArray(list):  # type: ignore[type-arg]  # list of str (or None)
    """Values psycopg dumps as a binary ``text[]`` (``register_dumper``)."""

    __slots__ = ()


class TextArrayType(UserDefinedType[list[Any]]):
    """A bind parameter's type for a ``TextArray``: no bind processor (the value reaches the
    driver as a ``TextArray``), rendered ``VARCHAR[]`` where a type is spelled out."""

    cache_ok = True

    def get_col_spec(self, **_kw: Any) -> str:
        return "VARCHAR[]"


_NULL = b"\xff\xff\xff\xff"  # an element's length -1: NULL


@cache
def register_dumper() -> None:
    """Teach psycopg to send a ``TextArray`` in binary: called when a PostgreSQL engine is made
    (``engine.make_engine``), not at import, so a SQLite store never loads the driver (about
    100 ms of every command in the installed program)."""
    import psycopg
    from psycopg import pq
    from psycopg._encodings import conn_encoding
    from psycopg.adapt import Dumper

    head = struct.Struct("!iiIii").pack  # one dimension: ndim, has NULL, element oid, size, from 1
    length = struct.Struct("!i").pack

    class TextArrayDumper(Dumper):
        """Always ``text[]`` (a column whose values are all NULL, no user on a failed sign-in,
        gave psycopg's list dumper no element to type it by, and ``unnest`` of an unknown array
        is ambiguous), one dimension, written here in one pass: psycopg's list dumper measured
        the dimensions and dumped each element through a dumper of its own (a log statement
        sends some twenty of these: ~3% of a desk's CPU)."""

        format = pq.Format.BINARY
        oid = 1009  # text[]

        def __init__(self, cls: type, context: Any = None):
            super().__init__(cls, context)
            self._encoding = conn_encoding(self.connection)

        def dump(self, obj: list[Any]) -> bytes:
            if not obj:
                return head(0, 0, 25, 0, 0)[:12]  # no dimension
            parts: list[bytes] = [b""]
            hasnull = 0
            encoding = self._encoding
            for item in obj:
                if item is None:
                    hasnull = 1
                    parts.append(_NULL)
                else:
                    data = (item if isinstance(item, str) else str(item)).encode(encoding)
                    parts.append(length(len(data)))
                    parts.append(data)
            parts[0] = head(1, hasnull, 25, len(obj), 1)
            return b"".join(parts)

    # the global map, before any connection copies it: every later connection dumps a
    # TextArray in binary (``%s`` picks the last dumper registered for the class)
    psycopg.adapters.register_dumper(TextArray, TextArrayDumper)
