"""Anonymising a person reaches the exchange log: every value logged of their rows becomes the
value they hold now, and conflicts about them forget both values (``privacy`` calls it; the
import of a bundle that anonymised someone elsewhere does the same)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from .change_log import RECORDED
from .sync_tables import SyncConflict, SyncLog
from .synced import row_values, synced_tables, table_of


def scrub_history(
    session: Session,
    applicant_id: uuid.UUID,
    request_ids: list[uuid.UUID],
    extra: Mapping[str, Collection[uuid.UUID]] | None = None,
) -> int:
    """After anonymising: every logged value of the person's rows becomes the value they hold
    now (or nothing, for a row gone), and conflicts about them forget both values.  The log
    keeps its stamps, so the exchange still works; it no longer keeps who the person was."""
    rows: dict[str, dict[str, dict[str, Any]]] = {}
    for table, cls in synced_tables().items():
        t = table_of(cls)
        cond: ColumnElement[bool] | None = None
        if table == "applicant":
            cond = t.c.id == applicant_id
        elif "applicant_id" in t.c:
            cond = t.c.applicant_id == applicant_id
        if "request_id" in t.c and request_ids:
            by_request = t.c.request_id.in_(request_ids)
            cond = by_request if cond is None else cond | by_request
        if extra and table in extra:
            also = t.c.id.in_(extra[table])
            cond = also if cond is None else cond | also
        if cond is None:
            continue
        for obj in session.scalars(select(cls).where(cond).execution_options(populate_existing=True)):
            values = row_values(table, obj)  # every synchronised table has a UUID id
            rows.setdefault(table, {})[values["id"]] = values
    changed = 0
    conn = session.connection()
    for table, current in rows.items():
        ids = list(current)
        for start in range(0, len(ids), 500):
            entries = conn.execute(select(SyncLog.seq, SyncLog.row_id, SyncLog.data).where(
                SyncLog.table_name == table, SyncLog.row_id.in_(ids[start:start + 500]))).all()
            for seq, row_id, data in entries:
                now = current[row_id]
                clean = {k: now.get(k) for k in json.loads(data)}
                text = json.dumps(clean, ensure_ascii=False, sort_keys=True)
                if text != data:
                    conn.execute(update(SyncLog).where(SyncLog.seq == seq).values(data=text))
                    changed += 1
            conn.execute(update(SyncConflict).where(SyncConflict.row_id.in_(ids[start:start + 500]))
                         .values(winner="null", loser="null"), execution_options=RECORDED)
    return changed
