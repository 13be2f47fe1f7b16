"""At head office an audit entry is inserted by the save's log statement (``db.audit_rows``), not
by an INSERT of its own: one round trip less per audited call.  The entry must still be written
when nothing else is flushed after it, be seen by a read of the log inside its transaction, be
logged for the exchange, and verify."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event, func, select

from ajfar_desk.db.models import AuditEntry
from ajfar_desk.db.sync_tables import SyncLog, SyncRow
from ajfar_desk.services.users import audit, users


@contextmanager
def _sent(ctx):
    sent: list[str] = []

    def execute(_conn, _cursor, statement, _params, _context, _many):
        sent.append(" ".join(statement.split()))

    event.listen(ctx.store.engine, "before_cursor_execute", execute)
    try:
        yield sent
    finally:
        event.remove(ctx.store.engine, "before_cursor_execute", execute)


def _head_office(ctx) -> bool:
    return ctx.store.engine.dialect.name == "postgresql"


def test_an_audited_save_writes_its_entry_in_the_log_statement(ctx):
    with _sent(ctx) as sent:
        users.create_user(ctx, "desk2", "موظف", "front_desk", "password123")
    own = [s for s in sent if s.startswith("INSERT INTO audit_log")]
    if _head_office(ctx):
        assert own == [], sent
        log = [s for s in sent if "INSERT INTO sync_log" in s]
        assert sum("INSERT INTO audit_log" in s for s in log) == 1, sent
    else:
        assert len(own) == 1, sent
    with ctx.reading() as s:
        entry = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "create", AuditEntry.entity == "user")).one()
        assert entry.entity_id and entry.at.tzinfo is not None
        logged = s.scalar(select(func.count()).select_from(SyncLog).where(
            SyncLog.table_name == "audit_log", SyncLog.row_id == str(entry.id)))
        stamped = s.scalar(select(func.count()).select_from(SyncRow).where(
            SyncRow.table_name == "audit_log", SyncRow.row_id == str(entry.id)))
    assert logged == 1 and stamped == 1
    assert audit.verify(ctx) == []


def test_an_entry_after_the_last_flush_is_written_before_the_commit(ctx):
    with ctx.uow() as s:
        s.flush()
        ctx.audit(s, "test", "thing", "late-1")
        ctx.audit(s, "test", "thing", "late-2")  # nothing flushed after them
    with ctx.reading() as s:
        seqs = [e.seq for e in s.scalars(select(AuditEntry).where(
            AuditEntry.entity_id.in_(["late-1", "late-2"])).order_by(AuditEntry.seq))]
    assert len(seqs) == 2 and seqs[1] == seqs[0] + 1
    assert audit.verify(ctx) == []


def test_a_read_of_the_log_inside_the_transaction_sees_its_entry(ctx):
    with ctx.uow() as s:
        ctx.audit(s, "test", "thing", "seen")
        found = s.scalar(select(AuditEntry.entity_id).where(AuditEntry.entity_id == "seen"))
    assert found == "seen"
    assert audit.verify(ctx) == []


def test_a_rolled_back_transaction_writes_no_entry(ctx):
    class Boom(Exception):
        pass

    try:
        with ctx.uow() as s:
            ctx.audit(s, "test", "thing", "gone")
            raise Boom
    except Boom:
        pass
    with ctx.uow() as s:
        ctx.audit(s, "test", "thing", "after")
    with ctx.reading() as s:
        ids = list(s.scalars(select(AuditEntry.entity_id).where(
            AuditEntry.entity_id.in_(["gone", "after"]))))
    assert ids == ["after"]
    assert audit.verify(ctx) == []
