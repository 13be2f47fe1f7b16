"""the desk's list reads «all», «today» and a reference's start along (created_at, id)

Revision ID: 0025_worklist_created_id
Revises: 0024_member_income_given
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
on 3,000,000 requests in SQLite (the (created_at) index of 0001 is now its prefix: 112 MiB a
later migration may drop once the reports' plans are checked without it).

Measured on 3,000,000 requests and 1,000,000 applicants without statistics, as a store has them
(``benchmarks/bench_worklist.py --cpu``, 30 pages a view, the process's CPU on a loaded 2-core
machine, p50 / p95 ms; before: the code and indexes of 0023, a deep page by OFFSET 2000; after:
the page after the 40th by its ``after``): «all» with a reference's start typed 20.3 / 20.8 →
2.1 / 2.5; a start all share («WKL») 488 / 506 → 1.9 / 2.2; «at the desk» + a program, 2,000
rows in 122 / 175 → 4.6 / 5.7; «late first» 2,000 rows in 38 / 42 → 3.9 / 4.2; «made today»'s
count 30 / 50 → 0.9 / 1.9; «at the desk» with a reference typed, 2,000 rows in 638 / 651 →
6.0 / 7.3 and its count 641 / 654 → 17.7 / 22.4 (the references' range read until 10,001 of
the desk's; the window shows the rows without waiting for it).  PostgreSQL, 1,000,000 requests
after ANALYZE (EXPLAIN ANALYZE): «at the desk» + a program 2,000 rows in 48.5 ms (OFFSET) → 0.56
ms (each state's index entered at the row value); «all» 2,000 rows in 0.05 ms and «today»'s
count 1.7 ms, both index-only scans of this index; a shared start 0.11 ms (this index, the start
tested on its entries).
"""

from __future__ import annotations

from alembic import op

revision = "0025_worklist_created_id"
down_revision = "0024_member_income_given"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_support_request_created_id", "support_request",
                    ["created_at", "id", "branch", "reference"])


def downgrade() -> None:
    op.drop_index("ix_support_request_created_id", table_name="support_request")
