"""The paper a walk-in takes home when documents are missing (المستندات المطلوبة لاستكمال طلبك):
the same checklist the declaration waits for, read the other way round — each document still
needed and why, what was already given — issued, numbered, hashed, verifiable and audited like
the other papers; refused when nothing is missing and after submission."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ajfar_desk.db.models import AuditEntry
from ajfar_desk.domain import documents as paper
from ajfar_desk.domain import requests as rules
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicants import DocumentInput
from ajfar_desk.services.papers import committee_papers, documents, needed_papers
from ajfar_desk.services.requests import requests
from printing.scenario import lacking_documents, submitted_request


def _lacking(ctx, *, dropped: int, expired: int):
    """A draft whose applicant lacks ``dropped`` required documents and holds ``expired`` more
    only expired (the rest valid)."""
    applicant, draft = submitted_request(ctx, submit=False)
    required = [k for k in ctx.profile.program(draft.program).required_documents
                if k not in ("national_id", "iqama")]
    gone = required[:dropped]
    old = [k for k in required[dropped:] if ctx.profile.document_kind(k).has_expiry][:expired]
    assert len(gone) == dropped and len(old) == expired
    lacking_documents(ctx, applicant.id, gone, old, days_ago=2)
    return applicant, draft, gone, old


def test_the_paper_lists_what_the_checklist_finds_missing_or_expired(ctx):
    _a, draft, gone, old = _lacking(ctx, dropped=2, expired=1)
    doc = needed_papers.needed_paper_for(ctx, draft.id, lang="ar")
    assert doc.kind == paper.NEEDED and doc.number == f"{draft.reference}-N1"
    assert doc.sha256 == paper.content_hash(doc.content)
    checklist = requests.get_request(ctx, draft.id).checklist  # the page's, the declaration's
    stated = {d["kind"]: d["state"] for d in doc.content["documents"]}
    assert stated == {line.kind: line.state for line in checklist}
    assert {k for k, state in stated.items() if state == rules.MISSING} == set(gone)
    assert {k for k, state in stated.items() if state == rules.EXPIRED} == set(old)
    valid = {k for k, state in stated.items() if state == rules.OK}
    assert valid and not valid & (set(gone) | set(old))  # what she gave, not asked again
    expired = next(d for d in doc.content["documents"] if d["kind"] == old[0])
    assert expired["valid_until"] == (ctx.now().date() - dt.timedelta(days=2)).isoformat()
    # where and when: what the profile states (AlAjfar's states neither a phone nor hours)
    assert doc.content["bring"] == {"phone": "", "hours": None}
    assert doc.content["branch"] == ctx.branch.code
    assert documents.verify(ctx, doc.number, doc.sha256).status == paper.GENUINE


def test_asked_again_the_same_paper_then_a_new_one_when_a_document_comes(ctx):
    applicant, draft, gone, _old = _lacking(ctx, dropped=2, expired=0)
    first = needed_papers.needed_paper_for(ctx, draft.id, lang="ar")
    assert needed_papers.needed_paper_for(ctx, draft.id, lang="ar").number == first.number
    assert committee_papers.is_current(ctx, first)
    applicants.add_document(ctx, applicant.id, DocumentInput(gone[0], "B-1", "2024-01-01", ""))
    assert not committee_papers.is_current(ctx, first)  # it asks for a document now given
    second = needed_papers.needed_paper_for(ctx, draft.id, lang="ar")
    assert second.number == f"{draft.reference}-N2"
    assert [d["kind"] for d in second.content["documents"] if d["state"] != rules.OK] == [gone[1]]
    english = needed_papers.needed_paper_for(ctx, draft.id, lang="en")
    assert english.number == f"{draft.reference}-N3" and english.lang == "en"


def test_nothing_missing_is_refused_and_says_to_print_the_declaration(ctx):
    _a, draft = submitted_request(ctx, submit=False)
    with pytest.raises(ValidationError) as err:
        needed_papers.needed_paper_for(ctx, draft.id)
    assert err.value.field == "documents"
    assert err.value.message == "لا ينقص الطلب مستند: يُطبع الإقرار"
    assert documents.list_documents(ctx, draft.id) == []  # nothing issued


def test_a_submitted_request_has_no_such_paper(ctx):
    _a, submitted = submitted_request(ctx)
    with pytest.raises(ValidationError) as err:
        documents.issue(ctx, submitted.id, paper.NEEDED)
    assert err.value.field == "status"


def test_issue_and_print_are_audited(ctx):
    _a, draft, _gone, _old = _lacking(ctx, dropped=1, expired=0)
    doc = needed_papers.needed_paper_for(ctx, draft.id)
    documents.record_print(ctx, doc.number, copy=False)
    with ctx.reading() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == doc.number)).all()
    assert sorted(actions) == ["issue", "print"]
