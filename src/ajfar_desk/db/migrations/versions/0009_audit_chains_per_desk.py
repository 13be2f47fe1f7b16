"""audit chains per desk: a chain id on every entry and head

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-07 03:00:00

Every existing entry keeps its hash: its chain is its branch code, and a chain named after its
branch is hashed exactly as before (``domain.audit.entry_hash``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("chain", sa.String(length=40), nullable=False, server_default=""))
    log = sa.table("audit_log", sa.column("chain"), sa.column("branch"))
    op.get_bind().execute(log.update().values(chain=log.c.branch))
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_log_branch"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_audit_log_chain"), ["chain", "seq"])
    _heads_keyed_by("chain")


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_log_chain"), type_="unique")
    op.execute("DELETE FROM audit_log WHERE chain <> branch")  # desks' lanes: no place before 0009
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f("uq_audit_log_branch"), ["branch", "seq"])
        batch_op.drop_column("chain")
    _heads_keyed_by("branch")


def _heads_keyed_by(key: str) -> None:
    """Rebuild ``audit_head`` with ``key`` as its primary key, keeping the branches' own heads."""
    bind = op.get_bind()
    old = sa.table("audit_head", *(sa.column(n) for n in
                                   (("branch", "seq", "hash") if key == "chain" else ("chain", "branch", "seq", "hash"))))
    rows = [dict(r) for r in bind.execute(sa.select(old)).mappings()]
    op.drop_table("audit_head")
    columns = [sa.Column("branch", sa.String(length=16), nullable=False)]
    if key == "chain":
        columns.insert(0, sa.Column("chain", sa.String(length=40), nullable=False))
        rows = [{**r, "chain": r["branch"]} for r in rows]
    else:
        rows = [{k: r[k] for k in ("branch", "seq", "hash")} for r in rows if r["chain"] == r["branch"]]
    table = op.create_table(
        "audit_head",
        *columns,
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint(key, name=op.f("pk_audit_head")),
    )
    if rows:
        op.bulk_insert(table, rows)
