"""``many_rows.insert_rows`` stores exactly what ``conn.execute(table.insert(), rows)`` stores
(values repeated down a column bound once), and takes SQLAlchemy's own path where its fast one
would not be exact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import Table, insert, text

from ajfar_desk.db import many_rows
from ajfar_desk.db.base import new_id
from ajfar_desk.db.models import Applicant
from ajfar_desk.domain.identity import make_national_id

APPLICANT: Table = Applicant.__table__  # type: ignore[assignment]
RIYADH = dt.timezone(dt.timedelta(hours=3))


def _row(i: int) -> dict:
    aware = dt.datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=RIYADH)  # stored in UTC
    return {
        "id": new_id(), "branch": "HQ", "created_at": aware,
        "updated_at": dt.datetime(2026, 3, 4, 5, 6, 7),  # naive: taken as UTC
        "national_id": make_national_id(1, f"{i:08d}"), "id_type": "national_id", "id_country": "",
        "first_name": "نورة", "father_name": "", "grandfather_name": "", "family_name": "الشهري",
        "full_name": "نورة الشهري", "name_norm": "نوره الشهري", "name_key": "nwr shr",
        "latin_name": None, "birth_date": dt.date(1980 + i % 2, 1, 2), "nationality": "SA",
        "gender": "female", "marital_status": "single", "phone": f"+96650{i:07d}",
        "phone2": None, "city": "حائل", "district": 'حي "النزهة"، شمال',
        "monthly_income": Decimal("1250.50") if i % 2 else Decimal(0), "category": "family",
        "consent_at": aware, "notes": "", "messages_consent": bool(i % 2), "version": 1,
        "email": None, "preferred_channel": "sms", "preferred_language": "ar",
        "coordination_consent": False,
    }


def _stored(conn, ids) -> list[tuple]:
    """Every column as the database holds it, in the rows' order, without the id, number and phone."""
    rows = conn.execute(text("SELECT * FROM applicant ORDER BY national_id")).mappings().all()
    return [tuple(v for k, v in r.items() if k not in ("id", "national_id", "phone", "search_key"))
            for r in rows if str(r["id"]).replace("-", "") in ids]


def test_the_fast_path_stores_what_sqlalchemy_stores(store):
    fast, slow = [_row(i) for i in range(0, 6)], [_row(i) for i in range(100, 106)]
    with store.engine.begin() as conn:
        assert many_rows.direct(conn) == (store.engine.dialect.name == "sqlite")  # the fast path
        many_rows.insert_rows(conn, APPLICANT, fast)
        conn.execute(insert(Applicant), slow)
        got = _stored(conn, {r["id"].hex for r in fast})
        want = _stored(conn, {r["id"].hex for r in slow})
    assert len(got) == 6
    assert got == want


def test_rows_with_other_columns_or_a_default_left_to_compute_take_sqlalchemys_path(store):
    odd = [_row(1), {k: v for k, v in _row(2).items() if k != "notes"}]  # notes: "" by default
    with store.engine.begin() as conn:
        many_rows.insert_rows(conn, APPLICANT, odd[:1])
        many_rows.insert_rows(conn, APPLICANT, odd[1:])
        assert conn.execute(text("SELECT count(*) FROM applicant WHERE notes = ''")).scalar() == 2
        with pytest.raises(Exception, match="notes"):  # as SQLAlchemy refuses rows unlike the first
            many_rows.insert_rows(conn, APPLICANT, [_row(3), odd[1] | {"id": new_id()}])
