"""PostgreSQL's one statement for a save (``change_log.write_log`` sends it at head office):
the log's entries, the new rows' creation stamps, the audit chain's head, the audit entries
(``audit_rows``), the new rows themselves (``new_rows``) and the changed fields' stamps, each an
INSERT or UPDATE inside one WITH: the log's and the stamps' values as text arrays, the audit
entries and a table's new rows as one JSON parameter each (``new_rows.insert_from_rows``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Select, String, bindparam, column, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.sql import Insert

from . import audit_rows, new_rows
from .models import AuditHead
from .sync_tables import SyncField, SyncLog, SyncRow
from .synced import synced_tables
from .text_arrays import TextArrayType

LOG_COLUMNS = ("stamp", "node", "table_name", "row_id", "op", "data", "prev")
ROW_COLUMNS = ("table_name", "row_id", "stamp")
FIELD_COLUMNS = ("table_name", "row_id", "field", "stamp")


@cache
def statement(head: bool = False, audit: bool = False, fields: bool = False,
                  tables: tuple[str, ...] = ()) -> Insert:
    """PostgreSQL's one statement for a save's log entries and its new rows' stamps: the log's
    INSERT inside WITH, each column's values one array (``unnest``, in the given order).  One
    statement text whatever the number of rows, so SQLAlchemy finds it compiled and the driver
    prepares it once (a multi-row VALUES is never cached: it was compiled at every flush, a
    quarter of a desk's CPU).  ``head``: the audit chain's head row moved in the same statement
    (an UPDATE inside WITH; the transaction holds the row since its account check), one round
    trip less per audited write than an UPDATE of its own before the commit.  ``audit``: the
    transaction's audit entries inserted in it too (``audit_rows``), one more round trip less.
    ``tables``: the new rows of these tables inserted in it as well (``new_rows``), a round trip
    less for each table."""

    def rows(prefix: str, cols: tuple[str, ...]) -> Select[Any]:
        # binary arrays (``text_arrays``): no per-element escaping of the log's JSON in Python
        arrays = [bindparam(f"{prefix}_{c}", type_=TextArrayType()) for c in cols]
        tv = func.unnest(*arrays).table_valued(
            *[column(c, String) for c in cols], with_ordinality="n").render_derived()
        return select(*[tv.c[c] for c in cols]).order_by(tv.c.n)

    logs = insert(SyncLog).from_select(list(LOG_COLUMNS), rows("l", LOG_COLUMNS)).cte("log")
    stmt = insert(SyncRow).from_select(list(ROW_COLUMNS), rows("r", ROW_COLUMNS)).add_cte(logs)
    if head:
        moved = (update(AuditHead).where(AuditHead.chain == bindparam("h_chain"))
                 .values(seq=bindparam("h_seq"), hash=bindparam("h_hash")).cte("head"))
        stmt = stmt.add_cte(moved)
    if audit:
        stmt = stmt.add_cte(audit_rows.insert_from_arrays().cte("audit"))
    for i, name in enumerate(tables):
        table = synced_tables()[name].__table__
        stmt = stmt.add_cte(new_rows.insert_from_arrays(name, table).cte(f"new_{i}"))
    if fields:  # the changed fields' stamps added or moved (``set_field_stamps``) in it too
        upsert = pg_insert(SyncField).from_select(list(FIELD_COLUMNS), rows("f", FIELD_COLUMNS))
        stmt = stmt.add_cte(upsert.on_conflict_do_update(
            index_elements=["table_name", "row_id", "field"],
            set_={"stamp": upsert.excluded.stamp}).cte("fields"))
    return stmt
