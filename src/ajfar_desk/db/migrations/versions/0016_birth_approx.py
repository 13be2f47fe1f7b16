"""an applicant's birth date may be approximate, a year only ("born about 1980")

Revision ID: 0016_birth_approx
Revises: 0015_user_gender
Create Date: 2026-12-07 14:00:00

SQLite makes the applicant table again (batch mode), which drops the name index's triggers: they
are made again afterwards (``search_index.create``), as in 0011 and 0014.  Files registered
before it have an exact birth date: the column's default, false.  The column is
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
    with op.batch_alter_table("applicant", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("birth_approx", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    search_index.create(op.get_bind())  # SQLite made the table again: its full-text triggers


def downgrade() -> None:
    with op.batch_alter_table("applicant", schema=None) as batch_op:
        batch_op.drop_column("birth_approx")
    search_index.create(op.get_bind())  # as in the upgrade
