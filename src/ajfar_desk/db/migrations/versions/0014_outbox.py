"""the outbox: messages to applicants; the applicant's e-mail, consent and preferences

Revision ID: 0014_outbox
Revises: 0013
Create Date: 2026-12-07 08:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ajfar_desk.db import search_index
from ajfar_desk.db.base import UTCDateTime
from ajfar_desk.db.migrations.columns import create_indexes, create_record_table, drop_indexes

revision = "0014_outbox"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (SQLite has it): a batch would recreate the applicant table and drop the
    # name index's triggers; created again below all the same (IF NOT EXISTS)
    op.add_column("applicant", sa.Column("email", sa.String(length=254), nullable=True))
    op.add_column("applicant", sa.Column("messages_consent", sa.Boolean(), nullable=False,
                                         server_default=sa.false()))
    op.add_column("applicant", sa.Column("preferred_channel", sa.String(length=16), nullable=False,
                                         server_default="sms"))
    op.add_column("applicant", sa.Column("preferred_language", sa.String(length=2), nullable=False,
                                         server_default="ar"))
    search_index.create(op.get_bind())
    create_record_table(
        "outbox_message",
        sa.Column("applicant_id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("template", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_node", sa.String(length=40), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("sent_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        parents=[
            ("applicant_id", "applicant", "CASCADE"),
            ("request_id", "support_request", "SET NULL"),
        ],
        unique=("idempotency_key",),
    )
    create_indexes("outbox_message", "applicant_id", "request_id", "state")


def downgrade() -> None:
    drop_indexes("outbox_message", "state", "request_id", "applicant_id")
    op.drop_table("outbox_message")
    with op.batch_alter_table("applicant", schema=None) as batch_op:
        for name in ("preferred_language", "preferred_channel", "messages_consent", "email"):
            batch_op.drop_column(name)
    search_index.create(op.get_bind())  # the batch recreated the table without its triggers
