"""the applicant's Latin name and the cross-script name key, indexed beside the Arabic name

Revision ID: 0014_latin_name
Revises: 0013
Create Date: 2026-12-07 09:00:00

SQLite: the name index gains a second column (the key), so its table and triggers are made again
(``search_index``, which builds them for the columns the applicant table has) and refilled from
the rows in one pass.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ajfar_desk.db import search_index
from ajfar_desk.domain.transliteration import name_key

revision = "0014_latin_name"
down_revision = "0014_coordination"
branch_labels = None
depends_on = None

def upgrade() -> None:
    conn = op.get_bind()
    search_index.drop(conn)
    with op.batch_alter_table("applicant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("latin_name", sa.String(length=120), nullable=True))
        batch_op.add_column(
            sa.Column("name_key", sa.String(length=400), server_default="", nullable=False)
        )
    applicant = sa.table(
        "applicant", sa.column("id", sa.Uuid()), sa.column("full_name", sa.String()),
        sa.column("name_key", sa.String()),
    )
    rows = conn.execute(sa.select(applicant.c.id, applicant.c.full_name)).all()
    keys = [{"b_id": r.id, "b_key": name_key(r.full_name)} for r in rows]
    if keys:
        conn.execute(
            applicant.update()
            .where(applicant.c.id == sa.bindparam("b_id"))
            .values(name_key=sa.bindparam("b_key")),
            keys,
        )
    search_index.create(conn)
    search_index.rebuild(conn)


def downgrade() -> None:
    conn = op.get_bind()
    search_index.drop(conn)
    with op.batch_alter_table("applicant", schema=None) as batch_op:
        batch_op.drop_column("name_key")
        batch_op.drop_column("latin_name")
    search_index.create(conn)  # as 0013 had it: the name alone
    search_index.rebuild(conn)
