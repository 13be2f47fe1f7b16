"""a social study's household income left empty stays «not said» (``social_study.income_given``)

Revision ID: 0027_study_income_given
Revises: 0026_profile_versions
Create Date: 2026-12-07 22:50:00

As ``applicant.income_given`` (0023) and ``household_member.income_given`` (0024): the income
column stays NOT NULL (0 when empty) and a flag beside it says whether the researcher said it,
added in place (``ADD COLUMN`` with a constant default: no row rewritten, no table made again).
Studies written before read as said (their figure as before: the dialog then offered «0»).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0027_study_income_given"
down_revision = "0026_profile_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("social_study", sa.Column("income_given", sa.Boolean(), nullable=False,
                                            server_default=sa.true()))


def downgrade() -> None:
    op.drop_column("social_study", "income_given")
