"""coordination between associations: the applicant's consent and the consortium's tables

On SQLite the applicant table is rebuilt, so the full-text triggers are created again
afterwards (``search_index.create``), as in 0011.

Revision ID: 0014_coordination
Revises: 0013
Create Date: 2026-12-07 08:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ajfar_desk.db import search_index
from ajfar_desk.db.base import UTCDateTime
from ajfar_desk.db.migrations.columns import create_indexes, drop_indexes, foreign_key

revision = "0014_coordination"
down_revision = "0014_appointments"
branch_labels = None
depends_on = None

MOMENT = UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("applicant", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("coordination_consent", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    search_index.create(op.get_bind())  # SQLite rebuilt the table: its full-text triggers again
    op.create_table(
        "coordination_consortium",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("member_id", sa.String(length=32), nullable=False),
        sa.Column("signing_key", sa.LargeBinary(), nullable=False),
        sa.Column("reveal_association", sa.Boolean(), nullable=False),
        sa.Column("reveal_program", sa.Boolean(), nullable=False),
        sa.Column("reveal_month", sa.Boolean(), nullable=False),
        sa.Column("exports", sa.Integer(), nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coordination_consortium")),
    )
    op.create_table(
        "coordination_member",
        sa.Column("member_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("certificate", sa.Text(), nullable=False),
        sa.Column("invited_by", sa.String(length=32), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.Column("last_import_at", MOMENT, nullable=True),
        sa.Column("last_file_at", MOMENT, nullable=True),
        sa.Column("last_answered_at", MOMENT, nullable=True),
        sa.Column("pending_number", sa.Integer(), nullable=False),
        sa.Column("pending_queries", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_coordination_member")),
    )
    op.create_table(
        "coordination_export",
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("query_key", sa.LargeBinary(), nullable=False),
        sa.Column("applicants", sa.LargeBinary(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_coordination_export")),
    )
    op.create_table(
        "coordination_reveal",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.String(length=32), nullable=False),
        sa.Column("applicant_id", sa.Uuid(), nullable=False),
        sa.Column("association", sa.String(length=120), nullable=False),
        sa.Column("program", sa.String(length=120), nullable=False),
        sa.Column("service_month", sa.String(length=7), nullable=False),
        sa.Column("first_seen_at", MOMENT, nullable=False),
        sa.Column("updated_at", MOMENT, nullable=False),
        foreign_key("coordination_reveal", "applicant_id", "applicant", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coordination_reveal")),
        sa.UniqueConstraint("member_id", "applicant_id", name=op.f("uq_coordination_reveal_member_id")),
    )
    create_indexes("coordination_reveal", "applicant_id", "first_seen_at")


def downgrade() -> None:
    drop_indexes("coordination_reveal", "first_seen_at", "applicant_id")
    for table in ("coordination_reveal", "coordination_export", "coordination_member",
                  "coordination_consortium"):
        op.drop_table(table)
    with op.batch_alter_table("applicant", schema=None) as batch_op:
        batch_op.drop_column("coordination_consent")
    search_index.create(op.get_bind())
