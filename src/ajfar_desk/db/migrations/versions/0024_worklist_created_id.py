"""the desk's list reads «all», «today» and a reference's start along (created_at, id)

Revision ID: 0024_worklist_created_id
Revises: 0023_income_given
Create Date: 2026-12-07 22:00:00

``ix_support_request_created_id`` (created_at, id, branch, reference): the requests newest
first, their ids, branches and references from the index alone.  «All requests» read a page
through the date's index and each row to test its branch; «made today» was counted (capped at
10,001) the same way, a row read per request; a reference's start many requests share
(«WKL-1440-0») read every one of them from the references' index and sorted them.  Now a page
is a range of this index entered at the last line's place (``services.requests.worklist``,
keyset pages), the count of a day a range of it, and a shared start is tested on its entries
in the list's order (a row read only for a match).  The date first: with the branch first the
planner (no statistics) read a name's or a few references' requests through it instead of
their own index.  Created in place (``CREATE INDEX``): nothing rebuilt; 254 MiB and about 6 s
on 3,000,000 requests in SQLite.  Timings: ``benchmarks/bench_worklist.py`` and the commit.
"""

from __future__ import annotations

from alembic import op

revision = "0024_worklist_created_id"
down_revision = "0023_income_given"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_support_request_created_id", "support_request",
                    ["created_at", "id", "branch", "reference"])


def downgrade() -> None:
    op.drop_index("ix_support_request_created_id", table_name="support_request")
