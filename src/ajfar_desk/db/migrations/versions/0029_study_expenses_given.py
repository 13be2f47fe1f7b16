"""a social study's household expenses left empty stay «not said» (``social_study.expenses_given``)

Revision ID: 0029_study_expenses_given
Revises: 0028_peer_clock_skew
Create Date: 2026-12-08 00:50:00

As the study's income (0027): the expenses column stays NOT NULL (0 when empty) and a flag
beside it says whether the researcher said them, added in place (``ADD COLUMN`` with a constant
default: no row rewritten, no table made again).  Studies written before read as said (their
figure as before: the dialog then offered «0»).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0029_study_expenses_given"
down_revision = "0028_peer_clock_skew"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("social_study", sa.Column("expenses_given", sa.Boolean(), nullable=False,
                                            server_default=sa.true()))


def downgrade() -> None:
    op.drop_column("social_study", "expenses_given")
