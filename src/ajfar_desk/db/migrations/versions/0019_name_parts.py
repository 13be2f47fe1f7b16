"""the parts of the names born each year, for the duplicate check of a birth "about 1980"

Revision ID: 0019_name_parts
Revises: 0018_comm_chair
Create Date: 2026-12-07 19:40:00

``name_part`` (year, part): every part of every name born that year, kept current by triggers
on ``applicant`` (``db.name_parts``).  The check of a birth "about" a year reads them (hundreds
of rows) instead of splitting the year's tens of thousands of names in every new process.  A new
table, filled in one statement (about 4 s at 1,000,000 applicants), and triggers: nothing
rebuilt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ajfar_desk.db import name_parts

revision = "0019_name_parts"
down_revision = "0018_comm_chair"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "name_part",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("part", sa.String(length=330), nullable=False),
        sa.PrimaryKeyConstraint("year", "part", name=op.f("pk_name_part")),
    )
    conn = op.get_bind()
    name_parts.fill(conn)
    name_parts.create(conn)


def downgrade() -> None:
    name_parts.drop(op.get_bind())
    op.drop_table("name_part")
