"""Correcting a recorded document (its number, issue and expiry dates): written with an audit
entry and a change for the exchange, dates refused by field as on a new document, and another
desk's correction meanwhile never overwritten unseen."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from ajfar_desk.db.models import AuditEntry
from ajfar_desk.db.sync_tables import SyncLog
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.applicants.document_edit import DocumentEdit, edit_document
from ajfar_desk.services.applicants.edit_conflict import EditConflict
from ajfar_desk.services.requests import requests
from ajfar_desk.services.store.context import AppContext

pytestmark = pytest.mark.usefixtures("english_messages")


def person(ctx, seed: int):
    return applicants.register(ctx, ApplicantInput(
        national_id=make_national_id(1, f"{seed:08d}"), first_name="محمد", father_name="عبدالله",
        grandfather_name="أحمد", family_name="الشهري", birth_date="1/1/1990", nationality="SA",
        gender="male", marital_status="married", phone="0501234567", city="الأجفر",
        category="family", consent=True), confirm_similar=True)


def lease(ctx, applicant_id, expiry: str = "2020-01-31"):
    return applicants.add_document(ctx, applicant_id, applicants.DocumentInput(
        kind="lease", number="L-77", issue_date="2019-02-01", expiry_date=expiry))


def test_a_mistyped_expiry_is_corrected_audited_and_logged(ctx):
    applicant = person(ctx, 1)
    doc = lease(ctx, applicant.id)
    heard = []
    ctx.events.subscribe("*", lambda topic, payload: heard.append((topic, payload)))
    with ctx.reading() as s:
        logged_before = s.scalar(select(SyncLog.seq).order_by(SyncLog.seq.desc()).limit(1))
    # the desk typed 2020 for 2030; dates as people type them: Arabic-Indic digits, Hijri too
    fixed = edit_document(ctx, doc.id, DocumentEdit("L-77", "١٤٤٠/٥/٢٦هـ", "٣١/١/٢٠٣٠"), base=doc)
    assert (fixed.number, fixed.issue_date, fixed.expiry_date) == ("L-77", dt.date(2019, 2, 1),
                                                                  dt.date(2030, 1, 31))
    stored = applicants.get(ctx, applicant.id).documents[0]
    assert stored.expiry_date == dt.date(2030, 1, 31)
    with ctx.reading() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "document")
                          .order_by(AuditEntry.seq.desc())).first()
        logs = s.execute(select(SyncLog.table_name, SyncLog.row_id, SyncLog.op, SyncLog.data)
                         .where(SyncLog.seq > logged_before)).all()
    assert (entry.action, entry.entity_id) == ("update", str(doc.id))
    assert json.loads(entry.details)["fields"] == ["expiry_date"]  # the issue date read the same
    assert [(t, r, op) for t, r, op, _d in logs if t == "document"] == [("document", str(doc.id), "update")]
    assert "expiry_date" in next(d for t, _r, _o, d in logs if t == "document")
    assert any(payload == applicant.id for _topic, payload in heard)  # the open views refresh


def test_the_checklist_follows_the_corrected_date(ctx):
    applicant = person(ctx, 2)
    request = requests.create_request(ctx, applicant.id, "financial_aid", "interview", "")
    doc = lease(ctx, applicant.id)
    states = lambda: {line.kind: line.state for line in requests.get_request(ctx, request.id).checklist}  # noqa: E731
    assert states()["lease"] == "expired"
    edit_document(ctx, doc.id, DocumentEdit("L-77", "2019-02-01", "2035-01-31"), base=doc)
    assert states()["lease"] == "ok"


@pytest.mark.parametrize(("issue", "expiry", "field", "words"), [
    ("2019-02-01", "31/13/2030", "expiry_date", ""),
    ("32/1/2019", "2030-01-31", "issue_date", ""),
    ("2019-02-01", "", "expiry_date", "required"),  # a lease expires
    ("2031-01-01", "2030-01-31", "expiry_date", "before the issue date"),
])
def test_a_wrong_date_is_refused_by_its_field_and_nothing_changes(ctx, issue, expiry, field, words):
    applicant = person(ctx, 3)
    doc = lease(ctx, applicant.id)
    with pytest.raises(ValidationError) as refused:
        edit_document(ctx, doc.id, DocumentEdit("L-99", issue, expiry), base=doc)
    assert [f for f, _m in refused.value.errors] == [field]
    assert words in refused.value.errors[0][1]
    assert applicants.get(ctx, applicant.id).documents[0] == doc


def test_the_identity_document_keeps_its_holders_number(ctx):
    applicant = person(ctx, 4)
    doc = applicants.add_document(ctx, applicant.id, applicants.DocumentInput(
        kind="national_id", expiry_date="2030-01-01"))
    with pytest.raises(ValidationError) as refused:
        edit_document(ctx, doc.id, DocumentEdit(make_national_id(1, "00000099"), "", "2031-01-01"), base=doc)
    assert refused.value.errors[0][0] == "number"
    fixed = edit_document(ctx, doc.id, DocumentEdit("", "", "2031-01-01"), base=doc)
    assert (fixed.number, fixed.expiry_date) == (applicant.national_id, dt.date(2031, 1, 1))


def test_another_desks_correction_meanwhile_is_kept_or_shown(ctx):
    applicant = person(ctx, 5)
    read_here = lease(ctx, applicant.id)
    other = AppContext(ctx.store, ctx.profile, ctx.branch, ctx.user)
    edit_document(other, read_here.id, DocumentEdit("L-78", "2019-02-01", "2020-01-31"), base=read_here)
    # this desk corrects the expiry only: the other desk's number stays
    fixed = edit_document(ctx, read_here.id, DocumentEdit("L-77", "2019-02-01", "2030-01-31"), base=read_here)
    assert (fixed.number, fixed.expiry_date) == ("L-78", dt.date(2030, 1, 31))
    # both desks changed the expiry, to different dates: nothing written, both values said
    edit_document(other, read_here.id, DocumentEdit("L-78", "2019-02-01", "2029-12-31"), base=fixed)
    with pytest.raises(EditConflict) as conflict:
        edit_document(ctx, read_here.id, DocumentEdit("L-78", "2019-02-01", "2031-01-31"), base=fixed)
    assert [(f.field, f.yours, f.stored) for f in conflict.value.fields] == [
        ("expiry_date", dt.date(2031, 1, 31), dt.date(2029, 12, 31))]
    assert "2029-12-31" in conflict.value.message
    assert conflict.value.stored.expiry_date == dt.date(2029, 12, 31)
    assert applicants.get(ctx, applicant.id).documents[0].expiry_date == dt.date(2029, 12, 31)


def test_a_role_that_reads_files_may_not_correct_them(ctx):
    from accounts import staff_accounts
    from ajfar_desk.domain.permissions import PermissionDenied

    applicant = person(ctx, 6)
    doc = lease(ctx, applicant.id)
    researcher = staff_accounts(ctx, {"researcher": ("researcher", "خالد الباحث")})("researcher")
    with pytest.raises(PermissionDenied):
        edit_document(researcher, doc.id, DocumentEdit("L-77", "2019-02-01", "2030-01-31"), base=doc)
