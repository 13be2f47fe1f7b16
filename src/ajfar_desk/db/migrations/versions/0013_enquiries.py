"""the contact log: enquiries received through every channel

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ajfar_desk.db.base

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "enquiry",
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("applicant_id", sa.Uuid(), nullable=True),
        sa.Column("contact_name", sa.String(length=330), nullable=False),
        sa.Column("contact_phone", sa.String(length=16), nullable=True),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("referred", sa.Boolean(), nullable=False),
        sa.Column("referred_to", sa.Uuid(), nullable=True),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("branch", sa.String(length=16), nullable=False),
        sa.Column("created_at", ajfar_desk.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", ajfar_desk.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["applicant_id"],
            ["applicant.id"],
            name=op.f("fk_enquiry_applicant_id_applicant"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["support_request.id"],
            name=op.f("fk_enquiry_request_id_support_request"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enquiry")),
        sa.UniqueConstraint("number", name=op.f("uq_enquiry_number")),
    )
    with op.batch_alter_table("enquiry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enquiry_applicant_id"), ["applicant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_enquiry_channel"), ["channel"], unique=False)
        batch_op.create_index(batch_op.f("ix_enquiry_received_on"), ["received_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_enquiry_request_id"), ["request_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("enquiry", schema=None) as batch_op:
        for name in ("request_id", "received_on", "channel", "applicant_id"):
            batch_op.drop_index(batch_op.f(f"ix_enquiry_{name}"))
    op.drop_table("enquiry")
