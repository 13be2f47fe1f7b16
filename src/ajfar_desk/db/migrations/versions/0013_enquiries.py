"""the contact log: enquiries received through every channel

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ajfar_desk.db.migrations.columns import create_indexes, create_record_table, drop_indexes

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_record_table(
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
        parents=[
            ("applicant_id", "applicant", "SET NULL"),
            ("request_id", "support_request", "SET NULL"),
        ],
        unique=("number",),
    )
    create_indexes("enquiry", "applicant_id", "channel", "received_on", "request_id")


def downgrade() -> None:
    drop_indexes("enquiry", "request_id", "received_on", "channel", "applicant_id")
    op.drop_table("enquiry")
