"""The declaration waits for the documents (trial 12): the applicant declares the documents
«صحيحة وكاملة», so it is not issued while a required document is missing or expired today;
the refusal names them in one message and says what to do."""

from __future__ import annotations

import datetime as dt

import pytest

from ajfar_desk.db.models import Document
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.papers import documents
from printing.scenario import submitted_request


def _drop(ctx, applicant_id, kinds):
    with ctx.uow() as s:
        for doc in s.query(Document).filter(Document.applicant_id == applicant_id,
                                            Document.kind.in_(kinds)):
            s.delete(doc)


def test_a_declaration_is_refused_while_documents_are_missing(ctx):
    applicant, draft = submitted_request(ctx, submit=False)
    required = ctx.profile.program(draft.program).required_documents
    dropped = [k for k in required if k not in ("national_id", "iqama")][:2]
    assert len(dropped) == 2
    _drop(ctx, applicant.id, dropped)
    with pytest.raises(ValidationError) as err:
        documents.issue(ctx, draft.id, "declaration")
    assert err.value.field == "documents"
    message = err.value.message
    assert message.startswith("لا يُصدر الإقرار قبل اكتمال المستندات.")
    for kind in dropped:
        assert ctx.profile.document_kind(kind).name("ar") in message
    assert "مستندان ناقصان" in message and "«إضافة مستند»" in message
    assert documents.list_documents(ctx, draft.id) == []  # nothing issued


def test_an_expired_document_is_named_with_its_reason(ctx):
    applicant, draft = submitted_request(ctx, submit=False)
    required = ctx.profile.program(draft.program).required_documents
    kind = next(k for k in required if ctx.profile.document_kind(k).has_expiry)
    with ctx.uow() as s:
        for doc in s.query(Document).filter(Document.applicant_id == applicant.id,
                                            Document.kind == kind):
            doc.expiry_date = ctx.now().date() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        documents.issue(ctx, draft.id, "declaration")
    assert "منتهية الصلاحية وغير سارية اليوم" in err.value.message and "يوم التقديم" not in err.value.message


def test_with_every_document_the_declaration_is_issued(ctx):
    _applicant, draft = submitted_request(ctx, submit=False)
    assert documents.issue(ctx, draft.id, "declaration").kind == "declaration"
