"""The duplicate check's query: files with a similar name (in either script) born the same day,
or the same year when one of the two birth dates is approximate ("about 1980")."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from itertools import filterfalse

from sqlalchemy import (
    ColumnElement,
    Connection,
    Executable,
    LargeBinary,
    and_,
    bindparam,
    cast,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import Session

from ...db import name_parts
from ...db.many_rows import among, direct
from ...db.models import Applicant
from ...domain.birth import approx_days
from ...domain.cross_script import similar_across
from ...domain.crowd import similar_names_many
from ...domain.text import normalize_name, similar_names, tokens_of_normalized
from ..store.context import AppContext
from .views import SimilarApplicant

SIMILAR_THRESHOLD = 0.8


def find_similar(
    session: Session,
    name_norm: str,
    birth_date: dt.date,
    exclude: uuid.UUID | None = None,
    latin_name: str | None = None,
    approx: bool = False,
) -> list[SimilarApplicant]:
    # The names born that day, read from the covering index (birth_date, name_norm, id) and
    # scored once per distinct name; the files only for the names that pass.  Plain SQL through
    # the session's connection: the ORM adds nothing to reading columns and costs more than the
    # index read on the most crowded day.  A birth "about 1980" is the year: an approximate one
    # typed is compared with everyone born that year, an exact one also with the files born
    # "about" its year (the one or two days they hold, ``domain.birth.approx_days``).
    conn = session.connection()
    born: ColumnElement[bool]
    found: ColumnElement[bool] | None = None  # the files' condition, when not born and named
    names: list[str]
    query_tokens = tokens_of_normalized(name_norm)
    if approx:
        # A year's tens of thousands of names come joined in one value (the database joins
        # them, as UTF-8 bytes: no row becomes a Python object, nothing is decoded), and their
        # parts from ``name_part`` (hundreds of rows the database keeps current,
        # ``db.name_parts``): nothing is split, so the first check of a year in a process costs
        # what the next ones do.  Most names are never looked at one by one (``domain.crowd``).
        year = birth_date.year
        born = Applicant.birth_date.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
        data, words = _year(conn, year)
        scores = similar_names_many(query_tokens, data, SIMILAR_THRESHOLD, words)
        across = _across_scripts(name_norm, latin_name, lambda: data.decode().split("\n"),
                                 words)
        _merge(scores, across)
        if 0 < len(scores) <= _BORN_LOOKUPS and direct(conn):
            # SQLite: the files by each day of the year and each name found, one look-up of
            # the covering index each (a pass over the crowded year's range costs more)
            found = and_(among(conn, Applicant.birth_date, _days(year)),
                         among(conn, Applicant.name_norm, list(scores)))
    else:
        days_about = approx_days(birth_date.year)
        born = or_(Applicant.birth_date == birth_date,
                   and_(Applicant.birth_date.in_(days_about), Applicant.birth_approx))
        names = list(conn.execute(_NAMES_BORN, {"day": birth_date}).scalars())
        names += conn.execute(_NAMES_ABOUT, {"first": days_about[0], "mid": days_about[1]}
                              ).scalars()
        scores = similar_names(query_tokens, names, SIMILAR_THRESHOLD)
        _merge(scores, _across_scripts(name_norm, latin_name, lambda: names))
    if not scores:
        return []
    query = select(
        Applicant.id, Applicant.national_id, Applicant.full_name, Applicant.birth_date,
        Applicant.name_norm, Applicant.birth_approx,
    ).where(and_(born, Applicant.name_norm.in_(scores)) if found is None else found)
    if exclude is not None:
        query = query.where(Applicant.id != exclude)
    similar = [
        SimilarApplicant(r.id, r.national_id, r.full_name, r.birth_date, scores[r.name_norm],
                         bool(r.birth_approx))
        for r in conn.execute(query)
    ]
    return sorted(similar, key=lambda s: -s.similarity)


def _year(conn: Connection, year: int) -> tuple[bytes, set[str] | None]:
    """The names born in ``year``, joined by line breaks (UTF-8), and their parts (None when
    ``name_part`` holds none for a year of names: then they are split out of the names)."""
    bounds = {"first": dt.date(year, 1, 1), "last": dt.date(year, 12, 31)}
    data = bytes(conn.execute(_year_names(conn.dialect.name), bounds).scalar() or b"")
    words = name_parts.parts_of_year(conn, year)
    _READ.add(year)
    return data, (words if words or not data else None)


def year_is_kept(year: int) -> bool:
    """Have the names born in ``year`` been read in this process (``warm_year``)?"""
    return year in _READ


def warm_year(ctx: AppContext, year: int) -> None:
    """Read the names born in ``year`` and their parts now, as the duplicate check of a birth
    "about" it reads them: the registration form calls it off the GUI thread as soon as such a
    year is typed, so that the check, a moment later, finds the database's pages in memory
    (the first read of a year from the disk after the laptop started)."""
    with ctx.reading() as session:
        _year(session.connection(), year)


_READ: set[int] = set()  # the years read in this process (``year_is_kept``)


@lru_cache(maxsize=8)
def _days(year: int) -> tuple[dt.date, ...]:
    """Every day of ``year``."""
    first = dt.date(year, 1, 1).toordinal()
    return tuple(dt.date.fromordinal(d) for d in range(first, dt.date(year, 12, 31).toordinal() + 1))


_NAMES_BORN = select(Applicant.name_norm).where(Applicant.birth_date == bindparam("day"))
_BORN_LOOKUPS = 8  # names found in a year looked up day by day, at most (each ~0.25 ms: then
# a pass over the crowded year's range, ~2 ms, costs less)


def _merge(scores: dict[str, float], more: dict[str, float]) -> None:
    for name, score in more.items():
        scores[name] = max(score, scores.get(name, 0.0))


_YEAR_NAMES: dict[str, Executable] = {}


def _year_names(dialect: str) -> Executable:
    """The names born between :first and :last, joined by line breaks, as UTF-8 bytes:
    SQLite's ``group_concat`` cast to a BLOB, PostgreSQL's ``string_agg`` converted.  One
    statement per dialect, compiled once."""
    if dialect not in _YEAR_NAMES:
        between = Applicant.birth_date.between(bindparam("first"), bindparam("last"))
        # the line break written in the statement: a bound one costs SQLite 40% more
        joined: ColumnElement[bytes]
        if dialect == "postgresql":
            joined = func.convert_to(func.string_agg(Applicant.name_norm, literal_column("'\n'")),
                                     literal_column("'UTF8'"), type_=LargeBinary)
        else:
            joined = cast(func.group_concat(Applicant.name_norm, literal_column("'\n'")),
                          LargeBinary)
        _YEAR_NAMES[dialect] = select(joined).where(between)
    return _YEAR_NAMES[dialect]


# Every name born on the two days a birth "about" the year may hold, approximate or not: read
# from the covering index alone (asking for the flag here would look up each of the crowded
# 1 January's rows in the table); the files' query keeps only the approximate ones.
_NAMES_ABOUT = select(Applicant.name_norm).where(
    Applicant.birth_date.in_([bindparam("first"), bindparam("mid")]))


def _across_scripts(
    name_norm: str, latin_name: str | None, names: Callable[[], Sequence[str]],
    words: AbstractSet[str] | None = None,
) -> dict[str, float]:
    """The names of the other script (Arabic for a Latin name, Latin for an Arabic one) that
    are the same name written in it.  A name wholly in Latin letters is ASCII once normalised,
    and ``str.isascii`` is a flag read, so splitting the day's names costs next to nothing.
    ``words``: all the parts of the names (or more); when none is ASCII there is no Latin name
    to compare an Arabic one with, and the names are not split at all."""
    found: dict[str, float] = {}
    queries = [q for q in (name_norm, normalize_name(latin_name or "")) if q]
    no_latin = words is not None and not any(map(str.isascii, words))
    for query in dict.fromkeys(queries):
        latin = query.isascii()
        if not latin and no_latin:
            continue
        every = names()
        others = list(filterfalse(str.isascii, every) if latin else filter(str.isascii, every))
        if others:
            for name, score in similar_across(
                    query, others, SIMILAR_THRESHOLD, normalized=True).items():
                found[name] = max(score, found.get(name, 0.0))
    return found
