"""Logged values written straight as SQLite stores them (``synced.stored_rows``) are the values
SQLAlchemy stores after decoding them (``decode``) and binding them: the import of a bundle
writes either way alike."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import create_engine, insert, select, text

from ajfar_desk.db import many_rows, synced
from ajfar_desk.db.base import Base

MOMENTS = [dt.datetime(2026, 12, 7, 11, 30, tzinfo=dt.UTC),
           dt.datetime(2026, 12, 7, 11, 30, 5, 123, tzinfo=dt.UTC),
           dt.datetime(1999, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=3))),  # another offset
           dt.datetime(2026, 3, 1, 0, 0, 0, 999999)]  # naive: logged as UTC


def _logged_values():
    """Per kind of column, logged values as ``encode`` writes them, and text it did not write
    but a bundle may hold (checked by ``sync_schema``: another offset, capitals, a compact date)."""
    return {
        "uuid": [synced.encode(synced.columns("applicant")["id"], uuid.uuid4()) for _ in range(3)]
        + [str(uuid.uuid4()).upper()],
        "moment": [synced.encode(synced.columns("applicant")["created_at"], m) for m in MOMENTS]
        + ["2026-12-07T14:30:00+03:00", "2026-12-07T11:30:00.5+00:00"],
        "date": ["1969-01-01", "2026-12-07", "0999-01-01", "20261207"],
    }


@pytest.mark.parametrize("column, kind", [("id", "uuid"), ("created_at", "moment"),
                                          ("updated_at", "moment"), ("birth_date", "date")])
def test_values_stored_straight_are_those_sqlalchemy_stores(column, kind):
    dialect = create_engine("sqlite://").dialect
    sqltype = synced.columns("applicant")[column]
    bind = sqltype.dialect_impl(dialect).bind_processor(dialect)
    for value in _logged_values()[kind]:
        expected = bind(synced.decode(sqltype, value))
        got = synced.stored_rows("applicant", [{column: value}], dialect)[0][column]
        assert got == expected, value


def test_rows_written_bound_read_back_as_those_written_through_sqlalchemy(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    table = synced.table_of(synced.synced_tables()["sync_conflict"])
    Base.metadata.create_all(engine, tables=[table])
    moments = _logged_values()["moment"]
    logged = [{"id": synced.encode(table.c.id.type, uuid.uuid4()), "branch": "*", "created_at": m,
               "updated_at": m, "table_name": "applicant", "row_id": "r", "field": "city",
               "winner": "1", "winner_stamp": "s", "loser": "2", "loser_stamp": "t",
               "status": "open", "settled_by": None, "settled_at": None, "choice": ""} for m in moments]
    with engine.begin() as conn:
        assert many_rows.direct(conn)
        many_rows.insert_rows(conn, table, synced.stored_rows("sync_conflict", logged[:3], conn.dialect),
                              bound=True)
        conn.execute(insert(table), [{k: synced.decode(synced.columns("sync_conflict")[k], v)
                                      for k, v in r.items()} for r in logged[3:]])
        stored = dict(conn.execute(text("SELECT id, created_at FROM sync_conflict")).all())
        read = {str(r.id): r.created_at for r in conn.execute(select(table))}
    for r in logged:
        assert read[r["id"]] == dt.datetime.fromisoformat(r["created_at"]).astimezone(dt.UTC)
        assert stored[r["id"].replace("-", "")] == read[r["id"]].strftime("%Y-%m-%d %H:%M:%S.%f")


def test_rows_read_raw_are_logged_as_those_read_through_sqlalchemy(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'y.sqlite'}")
    table = synced.table_of(synced.synced_tables()["sync_conflict"])
    Base.metadata.create_all(engine, tables=[table])
    rows = [{"id": uuid.uuid4(), "branch": "*", "created_at": m, "updated_at": m, "table_name": "a",
             "row_id": "r", "field": "f", "winner": "1", "winner_stamp": "s", "loser": "2",
             "loser_stamp": "t", "settled_by": uuid.uuid4() if i % 2 else None} for i, m in enumerate(MOMENTS)]
    with engine.begin() as conn:
        conn.execute(insert(table), rows)
        conn.execute(text("UPDATE sync_conflict SET updated_at = '2026-12-07 11:30:00' WHERE rowid = 1"))
        columns = list(synced.columns("sync_conflict"))
        processed = synced.encode_rows("sync_conflict", conn.execute(select(*[table.c[k] for k in columns])).all())
        raw = synced.logged_rows("sync_conflict", conn.execute(
            select(*synced.stored_columns("sync_conflict", conn.dialect))).all(), conn.dialect)
    assert raw == processed
    assert {r["created_at"] for r in raw} == {synced.encode(table.c.created_at.type, m) for m in MOMENTS}


def test_rows_encoded_as_json_column_by_column_are_the_log_rows_json_dumps_writes():
    """``encode_json_rows`` (the bulk insert's log) writes, byte for byte, what json.dumps of
    ``encode_row`` writes: repeated values, None, amounts equal but written apart, quotes,
    control characters, Arabic, a missing column, every table's kinds of column."""
    import decimal
    import json

    base = {"id": uuid.uuid4(), "created_at": MOMENTS[0], "updated_at": MOMENTS[2],
            "birth_date": dt.date(1990, 1, 1), "full_name": 'سعد "أبو" فهد', "city": "الرياض",
            "district": "حي\tالنزهة\\ \u2028", "monthly_income": decimal.Decimal("1500"),
            "messages_consent": True, "phone2": None}
    rows = [base, {**base, "id": uuid.uuid4(), "monthly_income": decimal.Decimal("1500.0"),
                   "messages_consent": False, "updated_at": MOMENTS[3]},
            {**base, "id": uuid.uuid4(), "phone2": "+966501234567", "district": ""},
            {"id": uuid.uuid4()}]
    rows += [{**base, "id": uuid.uuid4(), "full_name": f'نورة "{i}"', "monthly_income": i % 3 or None}
             for i in range(100)]  # columns of distinct values too (written without keeping them)
    expected = [json.dumps(synced.encode_row("applicant", r), ensure_ascii=False, sort_keys=True)
                for r in rows]
    assert synced.encode_json_rows("applicant", rows) == expected
    assert synced.encode_json_rows("applicant", []) == []
    for table in synced.synced_tables():
        row = {key: None for key in synced.columns(table)}
        assert synced.encode_json_rows(table, [row]) == [
            json.dumps(synced.encode_row(table, row), ensure_ascii=False, sort_keys=True)]


def test_rows_inserted_grouped_are_those_inserted_one_statement_a_row(tmp_path, monkeypatch):
    """``insert_rows(grouped=True)``: multi-row INSERTs (split where the values would pass the
    limit, the last group shorter) store exactly the rows one statement a row stores."""
    engine = create_engine(f"sqlite:///{tmp_path / 'g.sqlite'}")
    table = synced.table_of(synced.synced_tables()["sync_conflict"])
    Base.metadata.create_all(engine, tables=[table])
    monkeypatch.setattr(many_rows, "_GROUP_VALUES", 100)  # 6 rows a statement (16 columns)
    rows = [{"id": uuid.uuid4(), "branch": "*", "created_at": MOMENTS[i % 4],
             "updated_at": MOMENTS[(i + 1) % 4], "table_name": "applicant", "row_id": f"r{i}",
             "field": "city", "winner": str(i), "winner_stamp": "s", "loser": "2",
             "loser_stamp": "t", "status": "open", "settled_by": None, "settled_at": None,
             "choice": "حي \"النزهة\""} for i in range(20)]
    stored = {}
    for grouped in (False, True):
        with engine.begin() as conn:
            conn.execute(table.delete())
            many_rows.insert_rows(conn, table, rows, grouped=grouped)
            stored[grouped] = conn.execute(
                text("SELECT * FROM sync_conflict ORDER BY row_id")).all()
    assert len(stored[True]) == 20 and stored[True] == stored[False]
