"""A bulk insert is logged for the exchange as every change is: on SQLite its log rows and
creation stamps are made as tuples with their stamps in one go (``bulk_writes.log_inserts``),
and they must be the rows ``write_log`` makes; ``many_rows.insert_values`` stores what
``insert_rows`` stores."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import Table, select, text

from ajfar_desk.db import bulk_writes, many_rows
from ajfar_desk.db.models import Applicant
from ajfar_desk.db.sync_tables import SyncLog, SyncRow
from ajfar_desk.domain.hlc import parse
from ajfar_desk.domain.identity import make_national_id

LOG: Table = SyncLog.__table__  # type: ignore[assignment]
NODE = "a" * 32


def _rows(start: int, n: int) -> list[dict]:
    return [{
        "branch": "HQ", "national_id": make_national_id(1, f"{i:08d}"), "id_type": "national_id",
        "first_name": "نورة", "father_name": "سعد", "grandfather_name": "علي", "family_name": "الشهري",
        "full_name": "نورة سعد علي الشهري", "name_norm": "نوره سعد علي الشهري", "name_key": "nwr",
        "birth_date": dt.date(1980, 1, 2), "nationality": "SA", "gender": "female",
        "marital_status": "single", "phone": f"+96650{i:07d}", "city": "حائل", "category": "family",
        "consent_at": dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
    } for i in range(start, start + n)]


def _logged(ctx, ids: set[str]) -> list[tuple]:
    with ctx.reading() as s:
        logs = s.execute(select(SyncLog.seq, SyncLog.stamp, SyncLog.node, SyncLog.table_name,
                                SyncLog.row_id, SyncLog.op, SyncLog.data, SyncLog.prev)
                         .order_by(SyncLog.seq)).all()
        created = dict(s.execute(select(SyncRow.row_id, SyncRow.stamp)
                                 .where(SyncRow.deleted.is_(None))).all())
    out = []
    for _seq, stamp, node, table, row_id, op, data, prev in logs:
        if row_id in ids:
            assert created[row_id] == stamp  # the row's creation stamp is its log entry's
            out.append((stamp, node, table, op, data.replace(row_id, "<id>"), prev))
    return out


def _data_without_moments(entry: tuple) -> tuple:
    data = json.loads(entry[4])
    for moment in ("created_at", "updated_at", "id"):
        data.pop(moment)
    return (*entry[1:4], data, entry[5])


@pytest.mark.parametrize("n", [1, 3, 1200])
def test_a_bulk_inserts_log_is_what_write_log_makes(ctx, monkeypatch, n):
    def insert(rows: list[dict]) -> set[str]:
        with ctx.uow() as s:
            assert s.info.get("sync") is not None
            bulk_writes.bulk_insert(s, Applicant, rows, grouped=True)
            return {str(i) for i in s.scalars(select(Applicant.id).where(
                Applicant.national_id.in_([r["national_id"] for r in rows])))}

    fast_ids = insert(_rows(0, n))
    monkeypatch.setattr(bulk_writes, "direct", lambda conn: False)  # write_log's own way
    slow_ids = insert(_rows(5000, n))
    fast, slow = _logged(ctx, fast_ids), _logged(ctx, slow_ids)
    assert len(fast) == len(slow) == n
    plain = [_data_without_moments(e) for e in slow]
    fast_plain = [_data_without_moments(e) for e in fast]
    for entries in (fast_plain, plain):  # the rows differ by number and phone only
        for e in entries:
            e[3].pop("national_id"), e[3].pop("phone")
    assert fast_plain == plain
    stamps = [e[0] for e in fast]
    assert stamps == sorted(stamps) and len(set(stamps)) == n
    assert all(parse(s) for s in stamps) and max(stamps) < min(e[0] for e in slow)


def test_insert_values_stores_what_insert_rows_stores_and_refuses_values_to_convert(store):
    rows = [(f"{i:016d}-0000-{NODE}", NODE, "applicant", f"r{i}", "insert",
             '{"x": "حائل"}', "{}") for i in range(5)]
    keys = ("stamp", "node", "table_name", "row_id", "op", "data", "prev")
    with store.engine.begin() as conn:
        many_rows.insert_values(conn, LOG, keys, rows[:3], grouped=True)
        many_rows.insert_values(conn, LOG, keys[:5], [r[:5] for r in rows[3:]])  # data, prev: defaults
        got = conn.execute(text("SELECT stamp, node, table_name, row_id, op, data, prev FROM sync_log"
                                " ORDER BY seq")).all()
        assert [tuple(g) for g in got] == rows[:3] + [r[:5] + ("{}", "{}") for r in rows[3:]]
        if many_rows.direct(conn):
            applicant: Table = Applicant.__table__  # type: ignore[assignment]
            with pytest.raises(ValueError, match="as they are"):  # a date needs converting
                many_rows.insert_values(conn, applicant, ("birth_date",), [("x",)])
