"""a paper's saves check its version (``issued_document.version``), as a request's do

Revision ID: 0031_paper_version
Revises: 0030_import_runs
Create Date: 2026-12-08 01:00:00

Recording a declaration's signature read the paper's sync stamps at the flush, a round trip of
its own at head office; with a version every save checks (``version_id_col``), the stamps are
read with the paper (``db.row_stamps``), as a submission reads the request's.  Added in place
(``ADD COLUMN`` with a constant default: no row rewritten, no table made again); papers issued
before it start at 1.  Each store counts its own saves: the column is never exchanged.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0031_paper_version"
down_revision = "0030_import_runs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("issued_document", sa.Column("version", sa.Integer(), nullable=False,
                                               server_default="1"))


def downgrade() -> None:
    op.drop_column("issued_document", "version")
