"""appointments: a time booked for an applicant with an employee, one booking per slot

Revision ID: 0014_appointments
Revises: 0014_outbox
Create Date: 2026-12-07 08:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ajfar_desk.db.base

revision = "0014_appointments"
down_revision = "0014_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appointment",
        sa.Column("applicant_id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.Column("employee_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_minute", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("booked_by", sa.Uuid(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("branch", sa.String(length=16), nullable=False),
        sa.Column("created_at", ajfar_desk.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", ajfar_desk.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["applicant_id"],
            ["applicant.id"],
            name=op.f("fk_appointment_applicant_id_applicant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["app_user.id"], name=op.f("fk_appointment_employee_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["support_request.id"],
            name=op.f("fk_appointment_request_id_support_request"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment")),
    )
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appointment_applicant_id"), ["applicant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_appointment_day"), ["day"], unique=False)
        batch_op.create_index(batch_op.f("ix_appointment_request_id"), ["request_id"], unique=False)
        batch_op.create_index(
            "uq_appointment_slot",
            ["employee_id", "day", "start_minute"],
            unique=True,
            sqlite_where=sa.text("state <> 'cancelled'"),
            postgresql_where=sa.text("state <> 'cancelled'"),
        )


def downgrade() -> None:
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_index("uq_appointment_slot")
        for name in ("request_id", "day", "applicant_id"):
            batch_op.drop_index(batch_op.f(f"ix_appointment_{name}"))
    op.drop_table("appointment")
