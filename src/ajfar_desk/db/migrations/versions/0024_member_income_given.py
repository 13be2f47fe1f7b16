"""a household member's monthly income left empty stays «not said» (``household_member.income_given``)

Revision ID: 0024_member_income_given
Revises: 0023_income_given
Create Date: 2026-12-07 22:05:00

As ``applicant.income_given`` (0023): the income column stays NOT NULL (0 when empty) and a flag
beside it says whether it was said, added in place (``ADD COLUMN`` with a constant default: no
row rewritten, no table made again).  Members recorded before read as said (their 0 as before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024_member_income_given"
down_revision = "0023_income_given"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("household_member", sa.Column("income_given", sa.Boolean(), nullable=False,
                                                server_default=sa.true()))


def downgrade() -> None:
    op.drop_column("household_member", "income_given")
