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

import ajfar_desk.db.base
from ajfar_desk.db import search_index

revision = "0014_coordination"
down_revision = "0014_appointments"
branch_labels = None
depends_on = None

MOMENT = ajfar_desk.db.base.UTCDateTime(timezone=True)


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
        sa.ForeignKeyConstraint(
            ["applicant_id"],
            ["applicant.id"],
            name=op.f("fk_coordination_reveal_applicant_id_applicant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coordination_reveal")),
        sa.UniqueConstraint("member_id", "applicant_id", name=op.f("uq_coordination_reveal_member_id")),
    )
    with op.batch_alter_table("coordination_reveal", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coordination_reveal_applicant_id"), ["applicant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_coordination_reveal_first_seen_at"), ["first_seen_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("coordination_reveal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coordination_reveal_first_seen_at"))
        batch_op.drop_index(batch_op.f("ix_coordination_reveal_applicant_id"))
    for table in ("coordination_reveal", "coordination_export", "coordination_member",
                  "coordination_consortium"):
        op.drop_table(table)
    with op.batch_alter_table("applicant", schema=None) as batch_op:
        batch_op.drop_column("coordination_consent")
    search_index.create(op.get_bind())
