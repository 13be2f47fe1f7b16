"""an applicant's birth date may be approximate, a year only ("born about 1980")

Revision ID: 0016_birth_approx
Revises: 0015_user_gender
Create Date: 2026-12-07 14:00:00

The column is added in place (``ALTER TABLE … ADD COLUMN``, on SQLite too): a branch holding
1,000,000 applicants upgrades in milliseconds.  In batch mode SQLite made the whole applicant table
again (a ``server_default`` that is an expression makes Alembic rebuild it): more than ten minutes
at 1,000,000.  Files registered before it have an exact birth date: the column's default, false.  The column is
exchanged between nodes with that fixed default, so changes logged before it still apply.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ajfar_desk.db import search_index

revision = "0016_birth_approx"
down_revision = "0015_user_gender"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(  # not batch: nothing to rebuild (SQLite adds a column with a constant default)
        "applicant", sa.Column("birth_approx", sa.Boolean(), server_default=sa.false(), nullable=False)
    )


def downgrade() -> None:
    with op.batch_alter_table("applicant", schema=None) as batch_op:
        batch_op.drop_column("birth_approx")
    search_index.create(op.get_bind())  # SQLite made the table again: its full-text triggers
