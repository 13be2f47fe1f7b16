"""At head office the desk's anchor file is rewritten at most once a second (``anchor_pace``):
the heads committed in between are held in memory and written together - by a timer, or at once
when the anchors are read (verify), the user signs out or the store is closed.  A branch laptop
anchors after every commit."""

from __future__ import annotations

import json
import time

from sqlalchemy import delete, select, update

from ajfar_desk.db.models import AuditEntry, AuditHead
from ajfar_desk.services.users import anchor_pace, audit, audit_anchor, setup


def _write(ctx, i: int) -> None:
    with ctx.uow() as s:
        ctx.audit(s, "test", "thing", f"P{i}")


def _anchored(ctx) -> dict[str, int]:
    data = json.loads(audit_anchor.own_file(ctx.store).read_text("utf-8"))
    return {chain: int(v[0]) for chain, v in data["chains"].items()}


def _heads(ctx) -> dict[str, int]:
    with ctx.reading() as s:
        return {h.chain: h.seq for h in s.scalars(select(AuditHead)) if h.seq > 0}


def _paced(ctx) -> bool:
    return ctx.store.engine.dialect.name == "postgresql"


def test_commits_within_the_second_are_anchored_together(ctx, monkeypatch):
    monkeypatch.setattr(anchor_pace, "ANCHOR_EVERY", 30.0)  # no timer fires during the test
    anchor_pace.flush(ctx.store)
    time.sleep(0.01)
    monkeypatch.setattr(anchor_pace, "_written", {})  # a quiet second: the next commit writes
    _write(ctx, 0)
    first = _anchored(ctx)
    assert first == _heads(ctx)  # the first commit after a quiet second: written at once
    for i in range(1, 4):
        _write(ctx, i)
    if _paced(ctx):
        assert _anchored(ctx) == first  # held: the file was not rewritten
        assert _heads(ctx) != first
    else:
        assert _anchored(ctx) == _heads(ctx)  # a laptop anchors every commit
    assert audit.verify(ctx) == []  # verify writes what is held before it reads the anchors
    assert _anchored(ctx) == _heads(ctx)


def test_the_timer_writes_the_held_heads(ctx, monkeypatch):
    monkeypatch.setattr(anchor_pace, "ANCHOR_EVERY", 0.2)
    monkeypatch.setattr(anchor_pace, "_written", {})
    for i in range(3):
        _write(ctx, i)
    deadline = time.monotonic() + 10
    while _anchored(ctx) != _heads(ctx) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _anchored(ctx) == _heads(ctx)


def test_signing_out_and_closing_write_the_held_heads(ctx, monkeypatch):
    monkeypatch.setattr(anchor_pace, "ANCHOR_EVERY", 30.0)
    monkeypatch.setattr(anchor_pace, "_written", {})
    _write(ctx, 0)
    _write(ctx, 1)
    setup.sign_out(ctx)  # audited itself, then the desk is left: everything anchored
    assert _anchored(ctx) == _heads(ctx)
    ctx.user = setup.first_user(ctx)
    _write(ctx, 2)
    _write(ctx, 3)
    ctx.store.close()
    assert _anchored(ctx) == _heads(ctx)


def test_a_tail_cut_while_heads_are_held_is_reported(ctx, monkeypatch, english_messages):
    """The attack the held second could open: entries committed but not yet anchored are cut
    (the head row fixed) and the desk writes on.  The held heads are written before the commit
    that found its chain moved back, and the anchor is kept as evidence."""
    monkeypatch.setattr(anchor_pace, "ANCHOR_EVERY", 30.0)
    monkeypatch.setattr(anchor_pace, "_written", {})
    for i in range(5):
        _write(ctx, i)
    with ctx.reading() as s:
        chain = s.scalar(select(AuditEntry.chain).where(AuditEntry.entity_id == "P0"))
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.chain == chain)
                                 .order_by(AuditEntry.seq)))
    keep = entries[-3]
    with ctx.store.engine.begin() as conn:
        conn.execute(delete(AuditEntry).where(AuditEntry.chain == chain, AuditEntry.seq > keep.seq))
        conn.execute(update(AuditHead).where(AuditHead.chain == chain)
                     .values(seq=keep.seq, hash=keep.hash))
    for i in range(10, 14):
        _write(ctx, i)
    problems = {p.kind: p.detail for p in audit.verify(ctx)}
    assert "rehashed" in problems and str(entries[-1].seq) in problems["rehashed"], problems
