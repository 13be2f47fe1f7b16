"""a version on applicant and support_request: saves from an older reading are caught

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 03:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("applicant", "support_request"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), server_default="1", nullable=False)
            )


def downgrade() -> None:
    for table in ("support_request", "applicant"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
