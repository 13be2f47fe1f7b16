"""an account whose password an administrator gave must choose its own at its next sign-in

Revision ID: 0017_password_change
Revises: 0016_birth_approx
Create Date: 2026-12-07 17:00:00

The column is added in place (``ALTER TABLE … ADD COLUMN`` with a constant default, on SQLite
too: no rebuild).  Accounts made before it keep their passwords as they are: the default, false.
It is exchanged between nodes with the password it belongs to (a password set at head office
asks for a new one on the branch's laptop too).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_password_change"
down_revision = "0016_birth_approx"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(  # not batch: nothing to rebuild
        "app_user",
        sa.Column("must_change_password", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
