"""A column of text values sent to PostgreSQL as one array parameter in binary form.

psycopg sends a plain list of strings as an array literal in text form, escaping every quote
and backslash of every element with a regular expression whose replacement is expanded in
Python once per match: the change log's JSON data (quotes around every key and value) cost a
desk ~7% of its CPU there, at every save.  In binary form each element is its UTF-8 bytes with a
length, nothing escaped.  SQLAlchemy's ``ARRAY`` copies a value into a plain list before the
driver sees it, so the parameter's type here passes the value through as it is."""

from __future__ import annotations

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


@cache
def register_dumper() -> None:
    """Teach psycopg to send a ``TextArray`` in binary: called when a PostgreSQL engine is made
    (``engine.make_engine``), not at import, so a SQLite store never loads the driver (about
    100 ms of every command in the installed program)."""
    import psycopg
    from psycopg.types.array import ListBinaryDumper

    class TextArrayDumper(ListBinaryDumper):
        """Always ``text[]``: a column whose values are all NULL (no user on a failed sign-in)
        gave psycopg no element to type it by, and ``unnest`` of an unknown array is ambiguous."""

        element_oid = 25  # text
        oid = 1009  # text[]

    # the global map, before any connection copies it: every later connection dumps a
    # TextArray in binary (``%s`` picks the last dumper registered for the class)
    psycopg.adapters.register_dumper(TextArray, TextArrayDumper)
