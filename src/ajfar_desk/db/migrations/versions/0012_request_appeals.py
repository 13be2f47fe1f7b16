"""appeals of rejections (تظلم): grounds, deadline, the committee's decision

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ajfar_desk.db.migrations.columns import create_indexes, create_record_table, drop_indexes

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_record_table(
        "request_appeal",
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("grounds", sa.Text(), nullable=False),
        sa.Column("lodged_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("meeting_id", sa.Uuid(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        parents=[
            ("meeting_id", "committee_meeting", "SET NULL"),
            ("request_id", "support_request", "CASCADE"),
        ],
    )
    create_indexes("request_appeal", "meeting_id", "request_id")


def downgrade() -> None:
    drop_indexes("request_appeal", "request_id", "meeting_id")
    op.drop_table("request_appeal")
