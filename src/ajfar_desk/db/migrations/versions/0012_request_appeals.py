"""appeals of rejections (تظلم): grounds, deadline, the committee's decision

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ajfar_desk.db.base

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "request_appeal",
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("grounds", sa.Text(), nullable=False),
        sa.Column("lodged_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("meeting_id", sa.Uuid(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("branch", sa.String(length=16), nullable=False),
        sa.Column("created_at", ajfar_desk.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", ajfar_desk.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["committee_meeting.id"],
            name=op.f("fk_request_appeal_meeting_id_committee_meeting"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["support_request.id"],
            name=op.f("fk_request_appeal_request_id_support_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_appeal")),
    )
    with op.batch_alter_table("request_appeal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_request_appeal_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_request_appeal_request_id"), ["request_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("request_appeal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_request_appeal_request_id"))
        batch_op.drop_index(batch_op.f("ix_request_appeal_meeting_id"))
    op.drop_table("request_appeal")
