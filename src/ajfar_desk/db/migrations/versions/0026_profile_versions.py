"""the association profile kept in the store, every version of it (``profile_version``)

Revision ID: 0026_profile_versions
Revises: 0025_worklist_created_id
Create Date: 2026-12-07 22:00:00

A new table, nothing rebuilt.  A store from before it is given its first version (the bundled
file of its association) the first time it is opened (``services.profile.profiles.ensure``),
never here: a migration does not read the program's resources.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ajfar_desk.db.base import UTCDateTime

revision = "0026_profile_versions"
down_revision = "0025_worklist_created_id"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profile_version",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("association", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("policy_text", sa.Text(), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("imported_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_profile_version")),
    )


def downgrade() -> None:
    op.drop_table("profile_version")
