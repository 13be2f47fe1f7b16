"""A submission's log entry names the stamps of the values it replaced.  At head office they are
read with the request (``db.row_stamps``), not by a statement of their own at the flush; on a
laptop at the flush as before.  Either way the log says the same."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm.exc import StaleDataError

from ajfar_desk.db import row_stamps
from ajfar_desk.db.models import Document, SupportRequest
from ajfar_desk.db.sync_tables import SyncField, SyncLog, SyncRow
from ajfar_desk.services.papers import documents
from ajfar_desk.services.requests import requests
from ajfar_desk.services.store.rows import load_request
from printing.scenario import submitted_request


def _entries(ctx, row_id):
    with ctx.reading() as s:
        return s.execute(select(SyncLog.op, SyncLog.stamp, SyncLog.data, SyncLog.prev).where(
            SyncLog.row_id == str(row_id)).order_by(SyncLog.stamp)).all()


def test_a_submissions_log_names_the_stamps_it_replaced(ctx):
    a, draft = submitted_request(ctx, submit=False)
    program = ctx.profile.program(draft.program)
    # the description changed once: its stamp (and updated_at's) is that change's, the others'
    # the request's creation stamp
    requests.update_request(ctx, draft.id, draft.program, draft.channel, "يحتاج دعماً عاجلاً")
    paper = documents.issue(ctx, draft.id, "declaration")
    documents.record_wet_signature(ctx, paper.number)
    sent: list[str] = []

    def execute(_conn, _cursor, statement, _params, _context, _many):
        sent.append(" ".join(statement.split()))

    event.listen(ctx.store.engine, "before_cursor_execute", execute)
    try:
        requests.submit(ctx, draft.id, confirmed=program.eligibility.confirmation_codes)
    finally:
        event.remove(ctx.store.engine, "before_cursor_execute", execute)
    (created, *updates) = _entries(ctx, draft.id)
    assert created.op == "insert" and [u.op for u in updates] == ["update", "update"]
    edit, submission = updates
    assert set(json.loads(edit.data)) == {"description", "updated_at"}
    prev = json.loads(submission.prev)
    assert prev["updated_at"] == edit.stamp  # the edit's, not the creation's
    assert prev["status"] == prev["submitted_at"] == created.stamp
    assert submission.stamp > edit.stamp
    with ctx.reading() as s:
        stamps = dict(s.execute(select(SyncField.field, SyncField.stamp).where(
            SyncField.row_id == str(draft.id))).all())
    assert stamps["status"] == stamps["updated_at"] == submission.stamp
    assert stamps["description"] == edit.stamp
    stamp_reads = [s for s in sent if "FROM sync_field" in s]
    assert len(stamp_reads) == 1, sent
    if ctx.store.engine.dialect.name == "postgresql":  # with the request, in its statement
        assert stamp_reads[0].startswith("SELECT support_request."), sent
    else:
        assert stamp_reads[0].startswith("SELECT sync_row.row_id"), sent


def test_a_signatures_log_names_the_paper_stamps_it_replaced(ctx):
    """A paper (versioned since 0028) is read with its stamps for a print and a signature: each
    log entry names the stamps its change replaced, the print's for the time it was saved."""
    _a, draft = submitted_request(ctx, submit=False)
    paper = documents.issue(ctx, draft.id, "declaration")
    documents.record_print(ctx, paper.number, copy=False)
    documents.record_wet_signature(ctx, paper.number)
    created, printed, signed = _entries(ctx, paper.id)
    assert set(json.loads(printed.data)) == {"print_count", "last_printed_at", "updated_at"}
    prev = json.loads(signed.prev)
    assert prev["updated_at"] == printed.stamp  # the print's, not the issue's
    assert prev["signed_at"] == prev["signed_recorded_by"] == created.stamp
    assert json.loads(printed.prev)["print_count"] == created.stamp


def test_stamps_held_with_a_row_are_dropped_once_its_log_is_written(ctx):
    """A second flush of the same row in one transaction names the stamps the first wrote."""
    _a, draft = submitted_request(ctx, submit=False)
    with ctx.uow() as s:
        row = load_request(s, draft.id, to_change=True)
        held = s.info.get(row_stamps.HELD, {})
        carried = row_stamps.carried(s)
        assert (("support_request", str(draft.id)) in held) == carried
        row.description = "أولاً"
        s.flush()
        assert ("support_request", str(draft.id)) not in s.info.get(row_stamps.HELD, {})
        row.description = "ثانياً"
        s.flush()
    created, first, second = _entries(ctx, draft.id)
    assert json.loads(second.prev)["description"] == first.stamp
    assert json.loads(first.prev)["description"] == created.stamp


def test_a_request_changed_meanwhile_is_not_saved_over(ctx):
    """The stamps read with the request stand for its version: a change another desk commits
    between the read and the save fails the save (its UPDATE checks the version), so no log
    entry names stamps that were no longer the row's."""
    _a, draft = submitted_request(ctx, submit=False)
    with pytest.raises(StaleDataError):
        with ctx.uow() as s:
            row = load_request(s, draft.id, to_change=True)
            requests.update_request(ctx, draft.id, draft.program, draft.channel, "من مكتب آخر")
            row.description = "من هذا المكتب"
            s.flush()
    with ctx.reading() as s:
        assert s.get_one(SupportRequest, draft.id).description == "من مكتب آخر"
        assert s.scalar(select(SyncRow.stamp).where(SyncRow.row_id == str(draft.id)))


def test_only_a_versioned_row_is_read_with_its_stamps():
    from ajfar_desk.db.row_stamps import select_with

    with pytest.raises(AssertionError):
        select_with(select(Document), Document)  # a document on file checks no version
