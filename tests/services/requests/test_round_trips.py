"""At head office every statement is a round trip to PostgreSQL, and twenty desks wait on each
other's: a whole request reads the applicant once, the field stamps a save logs take one read
and one write, and the audit anchor's check after the commit is one statement, no transaction."""

from __future__ import annotations

import re
import uuid
from contextlib import contextmanager

import pytest
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
    # the changed request's field stamps: one read of those held with the row's creation stamp
    # (field_stamps, for the log's prev), one write that adds or moves them (no read before it)
    assert reads_of(sent, "sync_field") == 1, sent
    assert reads_of(sent, "sync_row") == 1, sent  # the same statement (UNION ALL)
    if ctx.store.engine.dialect.name == "postgresql":  # with the request (db.row_stamps)
        assert not any(s.startswith("SELECT sync_row.") for s in sent), sent
    writes = [s for s in sent if "INSERT INTO sync_field" in s]
    assert len(writes) == 1 and "ON CONFLICT" in writes[0], sent
    if ctx.store.engine.dialect.name == "postgresql":  # in the log's statement (one round trip)
        assert writes[0].startswith("WITH log AS"), sent
    assert not any(s.startswith("UPDATE sync_field") for s in sent), sent


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
        # one statement text whatever the number of rows (arrays, not a multi-row VALUES, which
        # SQLAlchemy never caches): compiled once, found in the cache at every later save; an
        # audited save's moves the chain's head as well (a second text, as fixed), and a new
        # request's inserts the request and its event too (a third, db.new_rows)
        assert len(set(log_writes)) <= 3, log_writes
        assert any("UPDATE audit_head" in w for w in log_writes), log_writes
    else:
        assert len(row_writes) == len(log_writes), sent
    with ctx.reading() as s:
        logged = s.scalar(select(func.count()).select_from(SyncLog).where(SyncLog.op == "insert"))
        rows = s.scalar(select(func.count()).select_from(SyncRow))
    assert logged == rows > 0


# -- the desk's whole request, counted -----------------------------------------------------------
# Round trips (statements, BEGIN and COMMIT) of benchmarks/bench_desks.py's desk: what twenty
# desks at head office wait on.  Before the cuts: registration 11, whole request 74 (PostgreSQL);
# then 8 and 57, until a paper read the applicant's documents and household with the file, the
# signature stopped reading its scan, and a save's field stamps took one read and one upsert.
# Then each audited write's chain head moved in the log's statement: 7 and 41; then its audit
# entry inserted by that statement too (db.audit_rows): 6 and 37; then a save's changed fields'
# stamps upserted in it as well: 6 and 35; then the request, its events, the paper and the
# documents checked inserted by it too (db.new_rows): 6 and 30; then the submission's stamps read
# with the request (db.row_stamps): 6 and 29; then a paper's last revision read with its request:
# 6 and 28 (SQLite 57 -> 56); then the signature's stamps read with the paper (its version,
# 0028): 6 and 27.
ROUND_TRIPS = {  # dialect: (registration, whole request: create, declaration, signature, submit)
    "postgresql": (6, 27),
    "sqlite": (11, 56),  # the log and the new rows' stamps in two statements, the audit head in two
}


@contextmanager
def round_trips(ctx):
    """Every statement, BEGIN and COMMIT sent while the block runs."""
    engine = ctx.store.engine

    def commit(conn):
        sent.append("COMMIT")

    with statements(ctx) as sent:
        event.listen(engine, "commit", commit)
        try:
            yield sent
        finally:
            event.remove(engine, "commit", commit)


def test_a_desks_registration_and_whole_request_in_round_trips(ctx):
    import datetime as dt
    from dataclasses import replace

    from ajfar_desk.domain.identity import make_national_id
    from ajfar_desk.services.applicants import applicants
    from ajfar_desk.services.applicants.applicant_input import ApplicantInput

    program = ctx.profile.program("volunteering")
    nid = make_national_id(1, "55500011")
    typed = ApplicantInput(
        national_id=nid, first_name="سالم", father_name="محمد", grandfather_name="سعد",
        family_name="الدوسري", birth_date="1990-01-01", nationality="SA", gender="male",
        marital_status="married", phone="0501234567", city="الأجفر", district="الشفا",
        monthly_income="3000", category="volunteer", consent=True)
    # a desk that has worked already: its audit lane exists (the first write of a desk opens it)
    applicants.register(ctx, replace(typed, national_id=make_national_id(1, "55500012")),
                        confirm_similar=True)
    with round_trips(ctx) as registration:
        a = applicants.register(ctx, typed, confirm_similar=True)
    expiry = (dt.date.today() + dt.timedelta(days=900)).isoformat()
    applicants.add_document(ctx, a.id, applicants.DocumentInput("national_id", nid, "2020-01-01", expiry))
    with round_trips(ctx) as whole:
        req = requests.create_request(ctx, a.id, program.code, ctx.profile.channels[0].code)
        paper = documents.issue(ctx, req.id, "declaration")
        documents.record_wet_signature(ctx, paper.number)
        done = requests.submit(ctx, req.id, confirmed=program.eligibility.confirmation_codes)
    assert done.status == "submitted"
    assert [c.kind for c in done.checklist] == list(program.required_documents)
    assert whole.count("COMMIT") == 4 and registration.count("COMMIT") == 1  # one per action
    most_registration, most_whole = ROUND_TRIPS[ctx.store.engine.dialect.name]
    assert len(registration) <= most_registration, (len(registration), registration)
    assert len(whole) <= most_whole, (len(whole), whole)


def test_a_unit_of_work_that_audits_nothing_leaves_its_lane_as_it_was(ctx):
    """At head office a unit of work claims its audit lane with the account's check; one that
    writes no audit entry writes no head and anchors nothing."""
    from ajfar_desk.services.users import audit

    with ctx.uow():
        pass
    with round_trips(ctx) as sent:
        with ctx.uow():
            pass
    assert sent[0] == "BEGIN" and sent[-1] == "COMMIT" and len(sent) == 3, sent
    assert "app_user" in sent[1], sent
    if ctx.store.engine.dialect.name == "postgresql":
        assert "audit_head" in sent[1], sent  # the lane, in the same statement
    assert audit.verify(ctx) == []


def test_a_signature_says_whether_there_is_a_scan_without_reading_it(ctx):
    """Recording a signature names the scan in its audit entry from the scan's name: the file
    (deferred, up to 20 MB) is never read, and the paper's change and the entry are written in
    one flush (one log statement at head office)."""
    import json

    from sqlalchemy import select

    from ajfar_desk.db.models import AuditEntry

    _a, draft = submitted_request(ctx, submit=False)
    paper = documents.issue(ctx, draft.id, "declaration")
    with statements(ctx) as sent:
        documents.record_wet_signature(ctx, paper.number)
    assert not any(s.startswith("SELECT issued_document.scan ") for s in sent), sent
    if ctx.store.engine.dialect.name == "postgresql":
        assert sum("INSERT INTO sync_log" in s for s in sent) == 1, sent
        # the paper's stamps read with it (db.row_stamps: its version is checked), not after
        assert reads_of(sent, "issued_document") == 1, sent
        assert not any(s.startswith("SELECT sync_row.") for s in sent), sent
    documents.record_wet_signature(ctx, paper.number, scan=b"%PDF-1.4 scan", scan_name="s.pdf")
    with ctx.reading() as s:
        said = [json.loads(d)["scan"] for d in s.scalars(
            select(AuditEntry.details).where(AuditEntry.action == "record_signature",
                                           AuditEntry.entity_id == paper.number).order_by(AuditEntry.at))]
    assert said == [False, True]


def test_at_head_office_the_logs_statement_is_found_compiled(ctx):
    """Saves of one and of several new rows log through one statement that SQLAlchemy compiled
    once (a multi-row VALUES was compiled again at every flush: a quarter of a desk's CPU)."""
    from sqlalchemy.engine import default

    if ctx.store.engine.dialect.name != "postgresql":
        pytest.skip("a laptop's SQLite logs by executemany (many_rows)")
    submitted_request(ctx, submit=False)  # the statement compiled once
    hits: list[object] = []

    def execute(_conn, _cursor, statement, _params, context, _many):
        if statement.startswith("WITH log AS"):
            hits.append(context.cache_hit)

    event.listen(ctx.store.engine, "before_cursor_execute", execute)
    try:
        submitted_request(ctx, submit=False, nid_body="01234568")  # applicant, documents, request
    finally:
        event.remove(ctx.store.engine, "before_cursor_execute", execute)
    assert len(hits) >= 3 and set(hits) == {default.CACHE_HIT}, hits


def test_an_audited_saves_log_statement_moves_the_chains_head(ctx):
    """At head office the chain's head row moves in the flush's log statement, not by an UPDATE
    of its own before the commit; an entry added after that flush moves it again at the commit.
    Either way the head is the chain's last entry and the log verifies."""
    from sqlalchemy import select

    from ajfar_desk.db.models import AuditEntry, AuditHead
    from ajfar_desk.services.users import audit

    _a, draft = submitted_request(ctx, submit=False)
    paper = documents.issue(ctx, draft.id, "declaration")
    with round_trips(ctx) as sent:
        documents.record_wet_signature(ctx, paper.number)
    if ctx.store.engine.dialect.name == "postgresql":
        assert not any(s.startswith("UPDATE audit_head") for s in sent), sent
        assert sum(s.startswith("WITH log AS") and "UPDATE audit_head" in s for s in sent) == 1, sent
    with ctx.uow() as s:
        ctx.audit(s, "test", "thing", "1")
        s.flush()
        ctx.audit(s, "test", "thing", "2")
    with ctx.reading() as s:
        last = s.scalars(select(AuditEntry).where(AuditEntry.entity_id == "2")).one()
        head = s.get(AuditHead, last.chain)
        assert head is not None and (head.seq, head.hash) == (last.seq, last.hash)
    assert audit.verify(ctx) == []


def test_a_document_added_to_a_file_reads_only_its_identity(ctx):
    """The number is checked against the file's identity: its household and documents are not
    read (two round trips at head office, for nothing)."""
    import datetime as dt

    from ajfar_desk.services.applicants import applicants

    a, _draft = submitted_request(ctx, submit=False)
    expiry = (dt.date.today() + dt.timedelta(days=900)).isoformat()
    with statements(ctx) as sent:
        applicants.add_document(ctx, a.id, applicants.DocumentInput(
            "family_record", "1234567", "2020-01-01", expiry))
    reads = [s for s in sent if s.startswith("SELECT") and "FROM app_user" not in s
             and "FROM audit_head" not in s]
    assert len(reads) == 1 and reads[0].startswith("SELECT applicant.id_type"), sent
    from ajfar_desk.domain.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        applicants.add_document(ctx, uuid.uuid4(), applicants.DocumentInput(
            "family_record", "1234567", "2020-01-01", expiry))
    assert refused.value.field == "applicant"


def test_at_head_office_the_log_statement_is_converted_from_the_drivers_cache(ctx):
    """psycopg converts a statement's placeholders once and keeps it only for a statement of at
    most 4096 bytes and 50 parameters (``psycopg._queries``): a new request's log statement had
    one array per column of every table (52 parameters), converted again at every call.  A
    table's new rows now go as one JSON parameter."""
    if ctx.store.engine.dialect.name != "postgresql":
        pytest.skip("a laptop's SQLite logs by executemany (many_rows)")
    sizes: list[tuple[int, int]] = []

    def execute(_conn, _cursor, statement, params, _context, _many):
        if statement.startswith("WITH log AS"):
            sizes.append((len(statement.encode()), len(params)))

    event.listen(ctx.store.engine, "before_cursor_execute", execute)
    try:
        submitted_request(ctx)  # a registration, its documents, a whole request
    finally:
        event.remove(ctx.store.engine, "before_cursor_execute", execute)
    assert len(sizes) >= 5, sizes
    assert all(length <= 4096 and params <= 50 for length, params in sizes), sizes
