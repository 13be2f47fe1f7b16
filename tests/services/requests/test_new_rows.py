"""At head office a desk's new request, its events, its papers and the documents checked at its
submission are inserted by the save's log statement (``db.new_rows``), not by INSERTs of their
own; on a laptop by the unit of work.  Either way the stored rows are the logged ones."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import event, select

from ajfar_desk.db.models import DocumentCheck, IssuedDocument, StatusEvent, SupportRequest
from ajfar_desk.db.sync_tables import SyncLog
from ajfar_desk.db.synced import columns, encode
from ajfar_desk.services.papers import documents
from ajfar_desk.services.requests import casework, requests
from ajfar_desk.services.store.rows import load_request
from printing.scenario import submitted_request

TABLES = (SupportRequest, StatusEvent, IssuedDocument, DocumentCheck)


def _sent(ctx, fn):
    sent: list[str] = []

    def execute(_conn, _cursor, statement, _params, _context, _many):
        sent.append(" ".join(statement.split()))

    event.listen(ctx.store.engine, "before_cursor_execute", execute)
    try:
        fn()
    finally:
        event.remove(ctx.store.engine, "before_cursor_execute", execute)
    return sent


def _logged_as_stored(ctx, model, where) -> int:
    """Each stored row of ``model`` (``where``) is the one its log's insert holds (the fields a
    later update changed taken from that update): the exchange carries what was stored."""
    table = model.__tablename__
    with ctx.reading() as s:
        rows = list(s.scalars(select(model).where(where)))
        for row in rows:
            logged: dict = {}
            for op, data in s.execute(select(SyncLog.op, SyncLog.data).where(
                    SyncLog.table_name == table, SyncLog.row_id == str(row.id))
                    .order_by(SyncLog.stamp)):
                if op == "insert":
                    assert not logged, (table, row.id)  # inserted once
                logged.update(json.loads(data))
            stored = {k: encode(kind, getattr(row, k)) for k, kind in columns(table).items()}
            assert logged == stored, (table, logged, stored)
    return len(rows)


def test_a_whole_requests_new_rows_go_in_the_log_statement_and_are_stored_as_logged(ctx):
    a, draft = submitted_request(ctx, submit=False)
    program = ctx.profile.program(draft.program)
    made = {}

    def whole():
        req = requests.create_request(ctx, a.id, program.code, ctx.profile.channels[0].code)
        paper = documents.issue(ctx, req.id, "declaration")
        documents.record_wet_signature(ctx, paper.number)
        made["done"] = requests.submit(ctx, req.id, confirmed=program.eligibility.confirmation_codes)
        made["paper"] = paper

    sent = _sent(ctx, whole)
    done = made["done"]
    assert done.status == "submitted" and len(done.checklist) == len(program.required_documents)
    inserts = [t.__tablename__ for t in TABLES if any(
        s.startswith(f"INSERT INTO {t.__tablename__} ") for s in sent)]
    if ctx.store.engine.dialect.name == "postgresql":
        assert inserts == [], sent  # each in the log's statement (WITH ... INSERT)
        assert all(any(f"INSERT INTO {t.__tablename__} " in s for s in sent
                       if s.startswith("WITH log AS")) for t in TABLES), sent
    else:
        assert inserts == [t.__tablename__ for t in TABLES], sent
    assert _logged_as_stored(ctx, SupportRequest, SupportRequest.id == done.id) == 1
    assert _logged_as_stored(ctx, StatusEvent, StatusEvent.request_id == done.id) == 2
    assert _logged_as_stored(ctx, IssuedDocument, IssuedDocument.request_id == done.id) == 1
    assert _logged_as_stored(ctx, DocumentCheck, DocumentCheck.request_id == done.id) == len(
        program.required_documents)
    # what the calls returned is what was stored
    with ctx.reading() as s:
        stored = s.get_one(SupportRequest, done.id)
        assert (stored.created_at, stored.reference, stored.version) == (
            done.created_at, done.reference, done.version)
        paper = s.get_one(IssuedDocument, made["paper"].id)
        assert paper.created_at == made["paper"].issued_at and paper.signed_at is not None
    assert [e.action for e in casework.timeline(ctx, done.id)] == ["create", "submit"]


def test_a_paper_signed_after_it_was_issued_in_one_transaction_is_stored_signed(ctx):
    """The demo issues a declaration and marks it signed in one transaction: the row written is
    the paper as it stands at the write, not as it was handed over."""
    _a, draft = submitted_request(ctx, submit=False)
    now = dt.datetime.now(dt.UTC)
    with ctx.uow() as s:
        row = load_request(s, draft.id)
        doc = documents.issue_row(ctx, s, row, "declaration", "ar", now)
        documents.mark_signed_on_paper(ctx, s, doc, now)
        number = doc.number
    with ctx.reading() as s:
        stored = s.scalars(select(IssuedDocument).where(IssuedDocument.number == number)).one()
        assert stored.signed_at == now and stored.signed_recorded_by == ctx.user_id
    assert _logged_as_stored(ctx, IssuedDocument, IssuedDocument.number == number) == 1


class _Undo(Exception):
    pass


def test_a_read_in_the_transaction_sees_the_events_it_added(ctx):
    """A step's event is in the request's events read after it in the same transaction (written
    first, as the ORM's autoflush wrote the object)."""
    _a, draft = submitted_request(ctx, submit=False)
    with pytest.raises(_Undo), ctx.uow() as s:
        row = load_request(s, draft.id)
        before = len(casework.events_of(s, row.id))
        casework.step(ctx, s, row, "submit", details={"eligibility": []}, history=[])
        after = casework.events_of(s, row.id)
        assert len(after) == before + 1 and after[-1].action == "submit"
        raise _Undo  # nothing of it kept
    assert requests.get_request(ctx, draft.id).status == "draft"
    assert [e.action for e in casework.timeline(ctx, draft.id)] == ["create"]
