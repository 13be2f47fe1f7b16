"""how far each peer's clock was from this computer's at the last import (``sync_peer.clock_skew_ms``)

Revision ID: 0028_peer_clock_skew
Revises: 0027_study_income_given
Create Date: 2026-12-08 01:00:00

The exchange page says whose clock is wrong for as long as it is (trial b: the warning was said
once, on the terminal of a command-line import, and the open window never showed it).  One
nullable column added in place (``ADD COLUMN``: no row rewritten); peers imported from before
it have none until their next bundle.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0028_peer_clock_skew"
down_revision = "0027_study_income_given"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sync_peer", sa.Column("clock_skew_ms", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    op.drop_column("sync_peer", "clock_skew_ms")
