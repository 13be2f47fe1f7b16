"""Evidence against someone who can edit the store file: the chain heads, signed by the node's
key, are anchored outside it (the data folder's anchor file, every backup, every bundle kept by
the peer), and ``audit.verify`` reports a cut tail, a re-hashed chain, an emptied log and an
entry appended with the head advanced, with what is missing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, insert, select, update

from ajfar_desk.db.base import new_id, utcnow
from ajfar_desk.db.models import AuditEntry, AuditHead
from ajfar_desk.domain.audit import entry_hash
from ajfar_desk.services.store import backup
from ajfar_desk.services.users import audit, audit_anchor
from ajfar_desk.services.users.audit_chain import as_fields


def _writes(ctx, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        with ctx.uow() as s:
            ctx.audit(s, "test", "thing", f"T{i}", n=i)


def _chain(ctx) -> list[AuditEntry]:
    """The entries of the chain the tests wrote to, in order."""
    with ctx.reading() as s:
        chain = s.scalar(select(AuditEntry.chain).where(AuditEntry.entity_id == "T0"))
        return list(s.scalars(select(AuditEntry).where(AuditEntry.chain == chain).order_by(AuditEntry.seq)))


def _set_head(conn, chain: str, seq: int, digest: str) -> None:
    conn.execute(update(AuditHead).where(AuditHead.chain == chain).values(seq=seq, hash=digest))


def _kinds(ctx) -> dict[str, str]:
    return {p.kind: p.detail for p in audit.verify(ctx)}


def test_a_cut_tail_with_its_head_fixed_is_reported_with_what_is_missing(ctx, english_messages):
    _writes(ctx, 6)
    entries = _chain(ctx)
    last, keep = entries[-1], entries[-3]
    assert audit.verify(ctx) == []
    with ctx.store.engine.begin() as conn:  # the last two entries go, the head row is "fixed"
        conn.execute(delete(AuditEntry).where(AuditEntry.chain == keep.chain, AuditEntry.seq > keep.seq))
        _set_head(conn, keep.chain, keep.seq, keep.hash)
    problems = _kinds(ctx)
    assert set(problems) == {"cut"}
    assert f"{last.seq - keep.seq} entries missing" in problems["cut"]
    assert f"{keep.seq + 1}–{last.seq}" in problems["cut"]


def test_a_rehashed_chain_is_reported(ctx, english_messages):
    _writes(ctx, 5)
    entries = _chain(ctx)
    victim = entries[1]
    with ctx.store.engine.begin() as conn:  # an entry is edited and every later hash recomputed
        prev = victim.prev_hash
        for e in entries[1:]:
            fields = as_fields(e)
            if e.id == victim.id:
                fields["details"] = '{"n": 99}'
            fields["prev_hash"] = prev
            digest = entry_hash(prev, fields)
            conn.execute(update(AuditEntry).where(AuditEntry.id == e.id).values(
                details=fields["details"], prev_hash=prev, hash=digest))
            prev = digest
        _set_head(conn, victim.chain, entries[-1].seq, prev)
    problems = _kinds(ctx)
    assert set(problems) == {"rehashed"}
    assert str(entries[-1].seq) in problems["rehashed"]


def test_an_emptied_log_is_reported(ctx, english_messages):
    _writes(ctx, 3)
    with ctx.store.engine.begin() as conn:
        conn.execute(delete(AuditEntry))
        conn.execute(delete(AuditHead))
    problems = _kinds(ctx)
    assert "emptied" in problems and "entries missing" in problems["emptied"]


def test_an_entry_appended_with_the_head_advanced_is_reported(ctx, english_messages):
    _writes(ctx, 3)
    last = _chain(ctx)[-1]
    at = utcnow()
    forged = AuditEntry(id=new_id(), at=at, branch=last.branch, chain=last.chain, user_id=last.user_id,
                        action="approve", entity="thing", entity_id="forged", details=last.details,
                        seq=last.seq + 1, prev_hash=last.hash)
    fields = as_fields(forged)
    digest = entry_hash(last.hash, fields)
    with ctx.store.engine.begin() as conn:
        conn.execute(insert(AuditEntry).values(
            id=forged.id, at=at, branch=last.branch, chain=last.chain, user_id=last.user_id,
            action="approve", entity="thing", entity_id="forged", details=last.details,
            seq=last.seq + 1, prev_hash=last.hash, hash=digest))
        _set_head(conn, last.chain, last.seq + 1, digest)
    problems = _kinds(ctx)
    assert set(problems) == {"appended"}
    assert str(last.seq + 1) in problems["appended"]


def test_the_anchor_in_a_backup_still_reports_a_cut_when_the_anchor_file_is_gone(ctx, tmp_path,
                                                                                english_messages):
    if ctx.store.file is None:
        pytest.skip("a server store is backed up with the server's tools")
    _writes(ctx, 4)
    made = backup.backup(ctx.store, tmp_path / "out")
    assert audit_anchor.beside(made).is_file()
    entries = _chain(ctx)
    audit_anchor.own_file(ctx.store).unlink()  # the one who cuts the log removes the anchor too
    with ctx.store.engine.begin() as conn:
        conn.execute(delete(AuditEntry).where(AuditEntry.chain == entries[0].chain,
                                              AuditEntry.seq > entries[1].seq))
        _set_head(conn, entries[0].chain, entries[1].seq, entries[1].hash)
    assert "cut" not in _kinds(ctx)  # the backup was written elsewhere: named, it is read
    problems = {p.kind: p.detail for p in audit.verify(ctx, anchors=[audit_anchor.beside(made)])}
    assert "cut" in problems and "2 entries missing" in problems["cut"]


def test_an_altered_anchor_is_reported_not_trusted(ctx, english_messages):
    _writes(ctx, 2)
    path = audit_anchor.own_file(ctx.store)
    data = json.loads(path.read_text())
    chain = next(iter(data["chains"]))
    data["chains"][chain][0] = 50  # someone "moves" the anchored head
    path.write_text(json.dumps(data))
    problems = _kinds(ctx)
    assert set(problems) == {"anchor"}


def test_a_cut_tail_stays_reported_after_the_desk_writes_past_it(ctx, english_messages):
    _writes(ctx, 5)
    entries = _chain(ctx)
    keep = entries[-3]
    with ctx.store.engine.begin() as conn:
        conn.execute(delete(AuditEntry).where(AuditEntry.chain == keep.chain, AuditEntry.seq > keep.seq))
        _set_head(conn, keep.chain, keep.seq, keep.hash)
    _writes(ctx, 4, start=10)  # the program goes on: the chain grows past the anchored head
    problems = _kinds(ctx)
    assert "rehashed" in problems and str(entries[-1].seq) in problems["rehashed"]
