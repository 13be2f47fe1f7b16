"""an applicant's monthly income left empty stays «not said» (``applicant.income_given``)

Revision ID: 0023_income_given
Revises: 0022_worklist_late_and_mine
Create Date: 2026-12-07 21:05:00

The income column is NOT NULL (0 when empty), and making it nullable would rebuild the table on
SQLite (1,000,000 rows).  A flag beside it says whether the income was said: added in place
(``ADD COLUMN`` with a constant default: no row rewritten on SQLite, nor on PostgreSQL ≥ 11).
Files from before read as said (their 0 shown as before): nothing tells them apart.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023_income_given"
down_revision = "0022_worklist_late_and_mine"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("applicant", sa.Column("income_given", sa.Boolean(), nullable=False,
                                         server_default=sa.true()))


def downgrade() -> None:
    op.drop_column("applicant", "income_given")
