"""the desk's list reads «late first» and «made by me» from indexes

Revision ID: 0022_worklist_late_and_mine
Revises: 0021_complaint_gender
Create Date: 2026-12-07 20:30:00

``ix_support_request_status_branch_due`` (status, branch, answer_due): the late requests of a
state come from it in the order of their answer date, the page's reach at most, instead of
every late request of the waiting states read and sorted.
``ix_support_request_creator_status_branch_created`` (created_by, status, branch, created_at,
id): a user's requests in a state, newest first, from the index alone; «made by me» for someone
who made none reads nothing instead of every row of the desk's states (and «all, mine» reads
each state from it, the page's reach at most).  The list reads each waiting state's late
requests on its own (``services.requests.worklist``).

Measured on 3,000,000 requests and 1,000,000 applicants without statistics, as a store has them
(``benchmarks/bench_worklist.py``, 10 then 20 pages a view; first page p50 / p95; loaded 2 cores):
late first 362 / 624 ms → 2.9 / 3.8 ms (a page at offset 2,000: 522 → 35 ms p95); «mine» for
someone who made none 1,021 / 1,276 ms → 1.1 / 7.8 ms, its count 1,026 → 6 ms p95.  PostgreSQL,
1,000,000 requests after ANALYZE (EXPLAIN ANALYZE of the page's ids): late first 4.8 → 1.0 ms
(an index scan by answer date per waiting state), «mine» made none 222 → 0.06 ms (index-only
scans; the service's page 149 → 2.0 ms), «all, mine» 60 ms (a parallel table scan) → 0.09 ms.
The write cost is within the noise: ``create_request`` on the big store 2.4-2.7 ms CPU p50
before and after, a raw insert of 10,000 requests 0.72-0.82 s CPU before, 0.74-0.79 s after.
The sync of 10,000 files into that store (``benchmarks/bench_sync.py --base``) is unchanged:
0.70/0.85 s CPU for the import before, 0.63-0.81 after (it writes applicants, not requests).
Created in place (``CREATE INDEX``): nothing rebuilt; 5.8 s on the 3,000,000 requests.
"""

from __future__ import annotations

from alembic import op

revision = "0022_worklist_late_and_mine"
down_revision = "0021_complaint_gender"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_support_request_status_branch_due", "support_request",
                    ["status", "branch", "answer_due"])
    op.create_index("ix_support_request_creator_status_branch_created", "support_request",
                    ["created_by", "status", "branch", "created_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_support_request_creator_status_branch_created", table_name="support_request")
    op.drop_index("ix_support_request_status_branch_due", table_name="support_request")
