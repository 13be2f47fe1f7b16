"""What the migrations wrote out table after table, written once: the columns and primary key
every record has (``db.base.Record``), a foreign key to a parent's ``id`` and the one-column
indexes named by the convention (``ix_<table>_<column>``).

Each function gives exactly what the migrations spelled out before (the same names, types and
order), so the schema they write is unchanged; a revision that needs something else writes it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from ajfar_desk.db.base import UTCDateTime

# (column, parent table, ondelete): ``column`` refers to ``<parent table>.id``; ``None``: no
# ON DELETE clause (the database's default, NO ACTION).
Parent = tuple[str, str, str | None]


def record_columns(*, utc: bool = True) -> list[sa.Column[Any]]:
    """``id``, ``branch``, ``created_at``, ``updated_at``: the columns ``Record`` adds, after a
    table's own.  0001 wrote the stamps as plain ``DateTime(timezone=True)``; later revisions
    as ``UTCDateTime`` (the same column in the database)."""

    def stamp() -> sa.types.TypeEngine[dt.datetime]:
        return UTCDateTime(timezone=True) if utc else sa.DateTime(timezone=True)

    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("branch", sa.String(length=16), nullable=False),
        sa.Column("created_at", stamp(), nullable=False),
        sa.Column("updated_at", stamp(), nullable=False),
    ]


def foreign_key(
    table: str, column: str, parent: str, ondelete: str | None
) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{parent}.id"],
        name=op.f(f"fk_{table}_{column}_{parent}"),
        ondelete=ondelete,
    )


def create_record_table(
    name: str,
    *columns: sa.Column[Any],
    parents: Sequence[Parent] = (),
    unique: Sequence[str | tuple[str, ...]] = (),
    utc: bool = True,
) -> None:
    """A table of records: its own columns, the record columns, the foreign keys to its parents,
    the primary key ``pk_<name>`` on ``id``, then a unique key ``uq_<name>_<first column>`` per
    entry of ``unique`` (a column or a tuple of columns), in this order, as Alembic generated them.
    (The constraints are made here, in that order: the DDL lists them in the order they were
    made.)"""
    op.create_table(
        name,
        *columns,
        *record_columns(utc=utc),
        *(foreign_key(name, column, parent, ondelete) for column, parent, ondelete in parents),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        *(_unique(name, (key,) if isinstance(key, str) else key) for key in unique),
    )


def _unique(table: str, columns: tuple[str, ...]) -> sa.UniqueConstraint:
    return sa.UniqueConstraint(*columns, name=op.f(f"uq_{table}_{columns[0]}"))


def create_indexes(table: str, *columns: str) -> None:
    """One non-unique index per column, named ``ix_<table>_<column>``."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def drop_indexes(table: str, *columns: str) -> None:
    """The indexes ``create_indexes`` made, dropped in the order given."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))
