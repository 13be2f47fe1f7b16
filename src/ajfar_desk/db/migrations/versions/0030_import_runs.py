"""an import written in batches, marked until it is done (``import_run``)

Revision ID: 0030_import_runs
Revises: 0029_study_expenses_given
Create Date: 2026-12-08 01:00:00

A new table, nothing rebuilt: the CSV import writes its rows in short transactions and keeps,
per batch, the range of name index keys and of change-log entries it wrote, so that an import
that fails or is killed is rolled back (``db.import_runs``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ajfar_desk.db.base import UTCDateTime

revision = "0030_import_runs"
down_revision = "0029_study_expenses_given"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_run",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("started_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("file", sa.String(length=260), nullable=False),
        sa.Column("batches", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_run")),
    )


def downgrade() -> None:
    op.drop_table("import_run")
