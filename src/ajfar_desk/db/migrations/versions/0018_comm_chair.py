"""a committee meeting records its chair apart from its members, and what it left undecided

Revision ID: 0018_comm_chair
Revises: 0017_password_change
Create Date: 2026-12-07 17:10:00

``chair``: the name of the member who chaired the meeting; "" when nobody was recorded (the
minutes and the letters leave a line to sign by hand).  NULL on a meeting made before it: read
as nobody recorded (its form put the first member listed in the chair, and that list began with
whatever the last meeting's did, a demonstration account included).  ``carried_over``: the
references on the agenda the meeting had not decided when it closed (a JSON list; NULL while it
is open and on a meeting closed before it), so its minutes count what was on its agenda.
Both are added in place (``ALTER TABLE … ADD COLUMN``, nullable, no default): nothing rebuilt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018_comm_chair"
down_revision = "0017_password_change"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("committee_meeting", sa.Column("chair", sa.Text(), nullable=True))
    op.add_column("committee_meeting", sa.Column("carried_over", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("committee_meeting", schema=None) as batch_op:
        batch_op.drop_column("carried_over")
        batch_op.drop_column("chair")
