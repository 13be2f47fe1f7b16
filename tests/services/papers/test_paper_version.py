"""A paper's saves check its version (0031), as a request's: another desk's save between the
reading and the write is never written over (the save is made again from the paper as it is
now), and at head office the signature reads the paper's sync stamps with it."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ajfar_desk.db.models import AuditEntry, IssuedDocument
from ajfar_desk.db.synced import LOCAL_ONLY
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.papers import documents
from ajfar_desk.services.users import audit
from printing.scenario import submitted_request


@contextmanager
def another_desk_first(step):
    """``step()`` (another desk's save, its own transaction) runs once, after this desk read the
    paper and before it writes it.  At head office: on a laptop's SQLite this desk's transaction
    already holds the store's write lock there (the audit chain's head), the other waits."""
    pending = [step]

    def meanwhile(session, _context, _instances):
        if pending and any(isinstance(o, IssuedDocument) for o in session.dirty):
            pending.pop()()

    event.listen(Session, "before_flush", meanwhile)
    try:
        yield
    finally:
        event.remove(Session, "before_flush", meanwhile)


@pytest.fixture
def head_office(ctx):
    if ctx.store.engine.dialect.name != "postgresql":
        pytest.skip("desks at once: head office (one desk writes at a time on a laptop)")
    return ctx


def test_a_print_counted_while_another_desk_counted_one_counts_both(head_office):
    ctx = head_office
    _a, draft = submitted_request(ctx, submit=False)
    paper = documents.issue(ctx, draft.id, "declaration")
    with another_desk_first(lambda: documents.record_print(ctx, paper.number, copy=False)):
        view = documents.record_print(ctx, paper.number, copy=True)
    assert view.print_count == 2  # not 1: the other desk's count is not written over
    with ctx.reading() as s:
        assert s.scalars(select(IssuedDocument.print_count).where(
            IssuedDocument.number == paper.number)).one() == 2
        counted = s.scalars(select(AuditEntry.action).where(
            AuditEntry.entity_id == paper.number, AuditEntry.action.in_(("print", "reprint")))).all()
    assert sorted(counted) == ["print", "reprint"]  # the retried save's entry, once
    assert audit.verify(ctx) == []


def test_a_signature_another_desk_recorded_meanwhile_is_refused_not_recorded_twice(head_office):
    ctx = head_office
    _a, draft = submitted_request(ctx, submit=False)
    paper = documents.issue(ctx, draft.id, "declaration")
    with another_desk_first(lambda: documents.record_wet_signature(ctx, paper.number)):
        try:
            documents.record_wet_signature(ctx, paper.number)
            refused = None
        except ValidationError as exc:
            refused = exc
    assert refused is not None and refused.field == "number"
    with ctx.reading() as s:
        assert s.scalars(select(AuditEntry.action).where(
            AuditEntry.entity_id == paper.number,
            AuditEntry.action == "record_signature")).all() == ["record_signature"]
    assert audit.verify(ctx) == []


def test_each_store_counts_its_own_saves_of_a_paper(ctx):
    """The version is never exchanged (as a request's): a merge bumps it on each store."""
    assert "version" in LOCAL_ONLY["issued_document"]
    _a, draft = submitted_request(ctx, submit=False)
    paper = documents.issue(ctx, draft.id, "declaration")
    documents.record_wet_signature(ctx, paper.number)
    documents.record_print(ctx, paper.number, copy=False)
    with ctx.reading() as s:
        assert s.scalars(select(IssuedDocument.version).where(
            IssuedDocument.number == paper.number)).one() == 3
