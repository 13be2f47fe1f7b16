"""a complaint records the gender of a complainant linked to no applicant's file

Revision ID: 0021_complaint_gender
Revises: 0020_worklist_index
Create Date: 2026-12-07 19:30:00

``contact_gender``: "male" or "female" as the complainant said it, when no file is linked (a
linked applicant's file says it); NULL when not said, and on every complaint made before it:
the words about the complainant stay the usual ones.  Added in place (``ALTER TABLE … ADD
COLUMN``, nullable, no default): nothing rebuilt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021_complaint_gender"
down_revision = "0020_worklist_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("complaint", sa.Column("contact_gender", sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_column("contact_gender")
