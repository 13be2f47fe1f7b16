"""At head office every statement is a round trip to PostgreSQL, and twenty desks wait on each
other's: a whole request reads the applicant once, the field stamps a save logs take one read
and one write, and the audit anchor's check after the commit is one statement, no transaction."""

from __future__ import annotations

import re
from collections import Counter
from contextlib import contextmanager

from sqlalchemy import event

from ajfar_desk.services.papers import documents
from ajfar_desk.services.requests import requests
from printing.scenario import submitted_request


@contextmanager
def statements(ctx):
    """Every statement sent while the block runs, the ``BEGIN`` / ``COMMIT`` / ``ROLLBACK``
    the driver sends included (SQLAlchemy's own events for them)."""
    sent: list[str] = []
    engine = ctx.store.engine

    def execute(_conn, _cursor, statement, _params, _context, _many):
        sent.append(" ".join(statement.split()))

    def begin(conn):
        if conn.get_execution_options().get("isolation_level") != "AUTOCOMMIT":  # the driver opens one
            sent.append("BEGIN")

    def rollback(conn):
        if conn.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
            sent.append("ROLLBACK")

    listeners = [("before_cursor_execute", execute), ("begin", begin), ("rollback", rollback)]
    for name, fn in listeners:
        event.listen(engine, name, fn)
    try:
        yield sent
    finally:
        for name, fn in listeners:
            event.remove(engine, name, fn)


def reads_of(sent: list[str], table: str) -> int:
    return sum(1 for s in sent if re.match(rf"SELECT .* FROM {table}\b", s))


def test_a_request_reads_its_applicant_once_per_step(ctx):
    a, draft = submitted_request(ctx, submit=False)
    with statements(ctx) as sent:
        requests.create_request(ctx, a.id, draft.program, ctx.profile.channels[0].code)
    assert reads_of(sent, "applicant") == 1, sent
    paper = documents.issue(ctx, draft.id, "declaration")
    documents.record_wet_signature(ctx, paper.number)
    program = ctx.profile.program(draft.program)
    with statements(ctx) as sent:
        done = requests.submit(ctx, draft.id, confirmed=program.eligibility.confirmation_codes)
    assert done.status == "submitted"
    assert reads_of(sent, "applicant") == 1, sent  # checklist, declaration, eligibility, view
    # the changed request's field stamps: one read of those held, one write of the new ones
    assert reads_of(sent, "sync_field") == 2, sent  # field_stamps' (prev) and set_field_stamps'
    writes = Counter(s.split(" (")[0] for s in sent if s.startswith("INSERT INTO sync_field"))
    assert sum(writes.values()) == 1, sent


def test_the_anchor_check_after_a_commit_reads_nothing_when_the_head_was_the_anchored_one(ctx):
    """The desk anchored the head its transaction then found: the chain passes through the
    anchor without reading the log again (and nothing opens a transaction after the commit)."""
    a, draft = submitted_request(ctx, submit=False)
    paper = documents.issue(ctx, draft.id, "declaration")
    with statements(ctx) as sent:
        documents.record_wet_signature(ctx, paper.number)
    assert sent.count("BEGIN") == 1, sent  # the step's own transaction only
    assert "ROLLBACK" not in sent, sent
    assert not any(s.startswith("SELECT audit_log.hash FROM audit_log") for s in sent), sent


def test_the_anchor_check_reads_the_log_when_someone_else_moved_the_head(ctx):
    """An entry written meanwhile by another process of the desk (it anchored nothing here):
    the head the transaction finds is not the anchored one, so the anchored entry is read, in
    one statement with no transaction around it."""
    from ajfar_desk.services.users import audit, audit_chain

    a, draft = submitted_request(ctx, submit=False)
    paper = documents.issue(ctx, draft.id, "declaration")
    with ctx.store.transaction() as s:  # no store given: this write anchors nothing
        audit_chain.append(s, branch=ctx.branch.code, user_id=ctx.user_id, action="test",
                           entity="thing", entity_id="x", details="", data_dir=ctx.store.data_dir)
    with statements(ctx) as sent:
        documents.record_wet_signature(ctx, paper.number)
    assert sent.count("BEGIN") == 1 and "ROLLBACK" not in sent, sent
    assert sum(s.startswith("SELECT audit_log.hash FROM audit_log") for s in sent) == 1, sent
    assert audit.verify(ctx) == []


def test_at_head_office_a_save_logs_its_rows_in_one_statement(ctx):
    """PostgreSQL takes the log's entries and the new rows' stamps in one statement (an INSERT
    inside WITH); SQLite, on one laptop, in two.  Either way every new row is logged."""
    from sqlalchemy import func, select

    from ajfar_desk.db.sync_tables import SyncLog, SyncRow

    with statements(ctx) as sent:
        a, _draft = submitted_request(ctx, submit=False)
    log_writes = [s for s in sent if "INSERT INTO sync_log" in s]
    row_writes = [s for s in sent if s.startswith("INSERT INTO sync_row")]
    if ctx.store.engine.dialect.name == "postgresql":
        assert row_writes == [] and all(s.startswith("WITH log AS") for s in log_writes), sent
    else:
        assert len(row_writes) == len(log_writes), sent
    with ctx.reading() as s:
        logged = s.scalar(select(func.count()).select_from(SyncLog).where(SyncLog.op == "insert"))
        rows = s.scalar(select(func.count()).select_from(SyncRow))
    assert logged == rows > 0
