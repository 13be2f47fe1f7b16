"""appointments: a time booked for an applicant with an employee, one booking per slot

Revision ID: 0014_appointments
Revises: 0014_outbox
Create Date: 2026-12-07 08:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ajfar_desk.db.migrations.columns import create_indexes, create_record_table, drop_indexes

revision = "0014_appointments"
down_revision = "0014_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_record_table(
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
        parents=[
            ("applicant_id", "applicant", "CASCADE"),
            ("employee_id", "app_user", None),
            ("request_id", "support_request", "SET NULL"),
        ],
    )
    create_indexes("appointment", "applicant_id", "day", "request_id")
    with op.batch_alter_table("appointment", schema=None) as batch_op:
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
    drop_indexes("appointment", "request_id", "day", "applicant_id")
    op.drop_table("appointment")
