"""The demonstration generator: its fast batch writer writes exactly what the services write."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

from ajfar_desk.db.engine import STORE_FILE
from ajfar_desk.services.demo.demo import fill_demo
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup

# Generated per row (ids, clocks) or per store (password salt): everything else must match.
VOLATILE = {
    "id", "created_at", "updated_at", "consent_at", "submitted_at", "at", "applicant_id",
    "request_id", "document_id", "user_id", "created_by", "search_key", "password_hash",
    "seq", "prev_hash", "hash", "content", "sha256", "signed_at", "issued_by",
    "signed_recorded_by", "imported_at",
}  # fmt: skip
UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")
TODAY = dt.date(2026, 11, 21)


def _fill(path, batch: bool) -> dict:
    store = Store.open(path)
    try:
        ctx = setup.init_store(store, "ajfar", None, "admin", "password123")
        return fill_demo(ctx, 30, seed=5, batch=batch, today=TODAY)
    finally:
        store.close()


def _content(path) -> dict:
    con = sqlite3.connect(path / STORE_FILE)
    try:
        tables = [
            t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not t.startswith(("applicant_fts", "sqlite_", "sync_"))  # the exchange's own books:
            and t not in ("alembic_version", "store_meta")  # one entry per flush, not per row
        ]  # fmt: skip
        content = {}
        for table in tables:
            cols = [
                r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in VOLATILE
            ]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            content[table] = sorted(tuple(UUID.sub("<id>", str(v)) for v in row) for row in rows)
        return content
    finally:
        con.close()


def test_batch_writer_matches_the_services(tmp_path):
    slow = _fill(tmp_path / "services", batch=False)
    fast = _fill(tmp_path / "batch", batch=True)
    assert slow == fast
    assert (
        slow["applicants"] == 30
        and slow["draft"]
        and slow["submitted"]
        and slow["expired_documents"]
    )
    services, batch = _content(tmp_path / "services"), _content(tmp_path / "batch")
    assert services.keys() == batch.keys()
    for table in services:
        assert services[table] == batch[table], table


def test_each_need_is_told_in_its_applicant_s_gender(tmp_path):
    """The demo had a man «أرملة تعول أطفالاً» and a woman «المتقدم يرغب» (trial)."""
    store = Store.open(tmp_path)
    try:
        ctx = setup.init_store(store, "aman", None, "admin", "password123")
        fill_demo(ctx, 80, seed=7, batch=True, today=TODAY)
    finally:
        store.close()
    con = sqlite3.connect(tmp_path / STORE_FILE)
    try:
        told = con.execute(
            "SELECT a.gender, r.description FROM support_request r"
            " JOIN applicant a ON a.id = r.applicant_id").fetchall()
    finally:
        con.close()
    needs = {(gender, text) for gender, text in told}
    assert any(gender == "male" for gender, _t in needs) and any(g == "female" for g, _t in needs)
    for gender, text in needs:
        if gender == "male":
            assert "أرملة" not in text and "تقدمت" not in text, text
        else:
            assert "أرمل " not in text and "المتقدم " not in text and not text.startswith("تقدم "), text
    assert ("male", "أرمل يعول أطفالاً ولا يوجد دخل ثابت") in needs
    assert ("female", "المتقدمة ترغب في الالتحاق بالبرنامج وتستوفي الشروط") in needs
