"""the account's gender, so that a role names a woman in the feminine (status bar, users list,
timeline, papers she signs)

Revision ID: 0015_user_gender
Revises: 0014_latin_name
Create Date: 2026-12-07 11:30:00

Accounts made before it read "male": Arabic's unmarked form, as every title read until now; the
administrator corrects a woman's account on the Users page.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_user_gender"
down_revision = "0014_latin_name"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("gender", sa.String(length=8), server_default="male", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_column("gender")
