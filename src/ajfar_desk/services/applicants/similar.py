"""The duplicate check's query: files with a similar name (in either script) born the same day,
or the same year when one of the two birth dates is approximate ("about 1980")."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from itertools import filterfalse

from sqlalchemy import (
    ColumnElement,
    Connection,
    Executable,
    LargeBinary,
    String,
    and_,
    bindparam,
    cast,
    func,
    literal_column,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from ...db.models import Applicant
from ...domain.birth import approx_days
from ...domain.cross_script import similar_across
from ...domain.crowd import YearWords, similar_names_many
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
        # A year's tens of thousands of names come joined, one value per birth date (the
        # database joins them, as UTF-8 bytes: no row becomes a Python object, nothing is
        # decoded); their parts are kept between checks and split again only for the dates
        # whose names changed (``domain.crowd.YearWords``); most names are never looked at one
        # by one (``domain.crowd``).  The first check of a year in a process splits them all
        # (about 5 ms at 1,000,000 files): the registration form has them split off the GUI
        # thread as soon as such a year is typed (``warm_year``).
        first, last = dt.date(birth_date.year, 1, 1), dt.date(birth_date.year, 12, 31)
        born = Applicant.birth_date.between(first, last)
        data, words = _year(conn, birth_date.year)
        scores = similar_names_many(query_tokens, data, SIMILAR_THRESHOLD, words)
        across = _across_scripts(name_norm, latin_name, lambda: data.decode().split("\n"),
                                 words)
        _merge(scores, across)
        # the files by the dates the names were found on, one index look-up each (the year's
        # range scanned for a few names costs milliseconds on a crowded year)
        pairs = dict.fromkeys(_YEAR_WORDS.born(birth_date.year, data, scores) or ()
                              if 0 < len(scores) <= _BORN_LOOKUPS else ())
        if 0 < len(pairs) <= 2 * _BORN_LOOKUPS:  # (SQLite nests each OR: a tree's depth)
            found = or_(*(and_(Applicant.birth_date == _date(day), Applicant.name_norm == name)
                          for day, name in pairs))
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


def _year(conn: Connection, year: int) -> tuple[bytes, set[str]]:
    """The names born in ``year``, joined (UTF-8), and their parts: kept between checks
    (``_YEAR_WORDS``), so the year is read whole and compared with the names last seen; a year
    never seen (or changed) is read by date, and only its changed dates split."""
    bounds = {"first": dt.date(year, 1, 1), "last": dt.date(year, 12, 31)}
    if _YEAR_WORDS.remembers(year):  # else straight to the dates
        data = bytes(conn.execute(_year_names(conn.dialect.name, False), bounds).scalar() or b"")
        words = _YEAR_WORDS.known(year, data)
        if words is not None:
            return data, words
    days = [(day, bytes(joined)) for day, joined in conn.execute(
        _year_names(conn.dialect.name, True), bounds)]
    words = _YEAR_WORDS.words(year, days)
    data = b"\n".join(joined for _day, joined in days)  # the names the parts are of
    _YEAR_WORDS.remember(year, data, days)
    return data, words


def year_is_kept(year: int) -> bool:
    """Have the parts of the names born in ``year`` been split in this process (a check of a
    birth "about" it is then as fast as the next ones)?"""
    return _YEAR_WORDS.remembers(year)


def warm_year(ctx: AppContext, year: int) -> None:
    """Split the parts of the names born in ``year`` now, so that the duplicate check of a
    birth "about" it finds them kept: the registration form calls it off the GUI thread as
    soon as such a year is typed (the first check of a year costs the split, ``_year``)."""
    with ctx.reading() as session:
        _year(session.connection(), year)


_NAMES_BORN = select(Applicant.name_norm).where(Applicant.birth_date == bindparam("day"))
_BORN_LOOKUPS = 64  # names found in a year looked up by their dates (each a pass over the year)


def _date(day: object) -> dt.date:
    """A date as the driver gave it, grouped by (SQLite: its text; PostgreSQL: a date)."""
    return day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))


def _merge(scores: dict[str, float], more: dict[str, float]) -> None:
    for name, score in more.items():
        scores[name] = max(score, scores.get(name, 0.0))


_YEAR_NAMES: dict[tuple[str, bool], Executable] = {}


def _year_names(dialect: str, by_day: bool) -> Executable:
    """The names born between :first and :last, joined by line breaks, as UTF-8 bytes:
    SQLite's ``group_concat`` cast to a BLOB, PostgreSQL's ``string_agg`` converted; read in
    the covering index's order; ``by_day``: one row per date with its names.  One statement
    per dialect and kind, compiled once."""
    if (dialect, by_day) not in _YEAR_NAMES:
        between = Applicant.birth_date.between(bindparam("first"), bindparam("last"))
        # the line break written in the statement: a bound one costs SQLite 40% more
        if dialect == "postgresql":
            # in the index's order written out (PostgreSQL may join in any), so that the year
            # read whole is the dates read one by one joined, and ``YearWords.known`` answers
            order = ([] if by_day else [Applicant.birth_date]) + [Applicant.name_norm,
                                                                  Applicant.id]
            joined: ColumnElement[bytes] = func.convert_to(
                func.string_agg(Applicant.name_norm,
                                aggregate_order_by(literal_column("'\n'"), *order)),
                literal_column("'UTF8'"), type_=LargeBinary)
        else:
            joined = cast(func.group_concat(Applicant.name_norm, literal_column("'\n'")),
                          LargeBinary)
        statement: Executable
        if by_day:
            # the date as the driver gives it (SQLite: its text), no date made of each row: it
            # only tells the dates apart
            day = type_coerce(Applicant.birth_date, String)
            statement = (select(day, joined).where(between).group_by(Applicant.birth_date)
                         .order_by(Applicant.birth_date))
        else:
            statement = select(joined).where(between)
        _YEAR_NAMES[dialect, by_day] = statement
    return _YEAR_NAMES[dialect, by_day]


_YEAR_WORDS = YearWords()


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
