"""covering index for the duplicate check

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 23:22:11.695758
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain index operations: no batch table rebuild (which would drop the full-text triggers).
    op.drop_index("ix_applicant_birth_date", table_name="applicant")
    op.create_index(
        "ix_applicant_birth_date_name", "applicant", ["birth_date", "name_norm", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_applicant_birth_date_name", table_name="applicant")
    op.create_index("ix_applicant_birth_date", "applicant", ["birth_date"], unique=False)
